"""Signing in and out: credentials, throttling, sessions that really end, safe redirects."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from kmapp.extensions import db
from kmapp.models import LoginAttempt, User, UserSession

from .conftest import PASSWORD, sign_in, user

TOKEN = re.compile(r'[A-Za-z0-9_.-]{40,}')
BAD_CREDENTIALS = "NIP/nama pengguna atau kata sandi salah."


def test_login_page_is_indonesian_by_default(client):
    page = client.get("/login").get_data(as_text=True)
    assert "Masuk ke Portal KM" in page and 'lang="id"' in page


def test_sign_in_by_username_then_home(client, world):
    response = sign_in(client, "pegawai")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Selamat datang" in client.get("/").get_data(as_text=True)


def test_sign_in_by_nip(app, client):
    with app.app_context():
        user("ignored", None, "employee", nip="198503152010012003")
        db.session.commit()
    assert sign_in(client, "198503152010012003").status_code == 302


def test_unknown_user_and_wrong_password_get_the_same_answer(client, world):
    unknown = sign_in(client, "nobody.here", "whatever-123")
    wrong = sign_in(client, "pegawai", "wrong-password")
    assert unknown.status_code == wrong.status_code == 200
    assert BAD_CREDENTIALS in unknown.get_data(as_text=True)
    assert BAD_CREDENTIALS in wrong.get_data(as_text=True)
    # Apart from echoing what was typed (and the fresh CSRF token), the pages are identical.
    def normalised(response, typed):
        return TOKEN.sub("TOKEN", response.get_data(as_text=True).replace(typed, "X"))
    assert normalised(unknown, "nobody.here") == normalised(wrong, "pegawai")


def test_inactive_account_cannot_sign_in_and_looks_like_bad_credentials(app, client, world):
    with app.app_context():
        db.session.execute(update(User).where(User.username == "pegawai").values(active=False))
        db.session.commit()
    response = sign_in(client, "pegawai")
    assert BAD_CREDENTIALS in response.get_data(as_text=True)


def test_account_is_throttled_after_five_failures_from_one_address(app, client, world):
    for _ in range(5):
        sign_in(client, "pegawai", "wrong-password")
    blocked = sign_in(client, "pegawai")  # even the right password is refused now
    assert blocked.status_code == 429
    assert "Terlalu banyak percobaan" in blocked.get_data(as_text=True)
    # The same account from another address is still allowed (below the per-account limit).
    other = sign_in(client, "pegawai", environ_base={"REMOTE_ADDR": "10.1.1.2"})
    assert other.status_code == 302


def test_throttle_is_kept_in_the_database_and_expires(app, client, world):
    for _ in range(5):
        sign_in(client, "pegawai", "wrong-password")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 5
        db.session.execute(update(LoginAttempt).values(at=LoginAttempt.at - timedelta(minutes=16)))
        db.session.commit()
    assert sign_in(client, "pegawai").status_code == 302


def test_one_colleague_behind_nat_cannot_lock_out_the_office(app, client, world):
    # lead.a has signed in from the office address before.
    assert sign_in(client, "lead.a").status_code == 302
    client.post("/logout")
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 10
    # Someone at the same address sprays wrong passwords across many accounts.
    for index in range(12):
        sign_in(client, f"guess{index}", "wrong-password")
    assert sign_in(client, "pegawai").status_code == 429         # unknown to this address: held back
    assert sign_in(client, "lead.a").status_code == 302          # a known colleague still gets in


def test_session_cookie_is_httponly_samesite_and_renewed_at_sign_in(client, world):
    client.get("/login")
    response = sign_in(client, "pegawai")
    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_logout_requires_post(client, login_as):
    login_as("employee")
    assert client.get("/logout").status_code == 405


def test_replayed_cookie_after_logout_is_refused(app, login_as):
    client = login_as("employee")
    stolen = client.get_cookie("session").value
    client.post("/logout")
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    response = replay.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(UserSession)) == 0


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, login_as):
    login_as("employee")
    other = app.test_client()
    sign_in(other, "pegawai")
    assert other.get("/").status_code == 200
    response = client.post("/account/password", data={"current": PASSWORD, "new": "baru-sekali-99",
                                                       "confirm": "baru-sekali-99"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302
    assert sign_in(app.test_client(), "pegawai", "baru-sekali-99").status_code == 302


def test_deactivation_by_admin_ends_that_users_sessions(app, client, world):
    victim = app.test_client()
    sign_in(victim, "pegawai")
    sign_in(client, "admin")
    response = client.post(f"/admin/users/{world.employee}/active", data={"confirm": "yes"})  # confirmed
    assert response.status_code == 302
    assert victim.get("/").status_code == 302


@pytest.mark.parametrize("target, expected", [
    ("/admin/users?q=a", "/admin/users?q=a"),
    ("https://evil.example/", "/"),
    ("//evil.example/x", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
])
def test_next_redirects_only_to_local_paths(client, world, target, expected):
    response = sign_in(client, "admin", next=target)
    assert response.headers["Location"] == expected


def test_anonymous_request_is_sent_to_login_with_next(client):
    response = client.get("/admin/users?q=x")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_htmx_request_when_signed_out_gets_hx_redirect(client):
    response = client.get("/admin/users", headers={"HX-Request": "true"})
    assert response.status_code == 401 and response.headers["HX-Redirect"].startswith("/login")


def test_passwords_are_hashed_with_argon2id(app, world):
    with app.app_context():
        stored = db.session.scalar(select(User.password_hash).where(User.username == "pegawai"))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_passwords_use_the_configured_argon2_cost_and_old_hashes_are_upgraded_at_sign_in(app, client, world):
    from argon2 import PasswordHasher

    from kmapp.models import User
    with app.app_context():
        person = db.session.get(User, world.employee)
        person.password_hash = PasswordHasher().hash(PASSWORD)  # argon2-cffi's default cost (64 MiB, t=3, p=4)
        db.session.commit()
    assert sign_in(client, "pegawai").status_code == 302
    with app.app_context():
        upgraded = db.session.get(User, world.employee).password_hash
    assert upgraded.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert PasswordHasher().verify(upgraded, PASSWORD)


def _session_cookies(response):
    return [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]


def test_a_request_that_changes_nothing_does_not_resend_the_session_cookie(client, world):
    """An autosave that answers after its page's form submit must not put back the older cookie
    and lose the submit's message: only responses that change the session send it."""
    signed = sign_in(client, "pegawai")
    assert _session_cookies(signed)  # signing in sets it
    client.get("/")  # the first page after sign-in keeps its new CSRF token in the session
    older_cookie = client.get_cookie("session").value
    assert not _session_cookies(client.get("/"))
    assert not _session_cookies(client.get("/", headers={"HX-Request": "true"}))
    # A request that does change it (the language) still sends it.
    assert _session_cookies(client.post("/language", data={"lang": "en"}))
    assert client.get_cookie("session").value != older_cookie
