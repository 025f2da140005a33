"""Device cookies: strangers guessing at an account cannot lock its owner out.

OWASP "Slow Down Online Guessing Attacks with Device Cookies": a browser that has signed in to an
account before is trusted for that account and escapes the account's lock; it has a small limit
of its own. Everyone else ("unknown devices") shares the account's lock and the address limits.
"""
import re

from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import LoginAttempt, User

from .conftest import PASSWORD, sign_in

COOKIE = "km_device"
NEW_DEVICES_PAUSED = "Masuk ke akun ini dari perangkat baru dijeda"
TRUSTED_BROWSER_HINT = "Peramban yang pernah dipakai untuk masuk ke akun ini tetap bisa digunakan"
THIS_BROWSER_LOCKED = "dari peramban ini"
OWNER_ADDRESS = {"REMOTE_ADDR": "10.9.9.9"}


def trusted_browser(app, login: str, environ_base=None):
    """A browser that signed in to `login` once (and signed out): it now holds a device cookie."""
    browser = app.test_client()
    assert sign_in(browser, login, environ_base=environ_base or OWNER_ADDRESS).status_code == 302
    browser.post("/logout")
    return browser


def guess_wrong(app, login: str, times: int, address: str, browser=None):
    browser = browser or app.test_client()
    for _ in range(times):
        sign_in(browser, login, "salah-tebak-1", environ_base={"REMOTE_ADDR": address})
    return browser


def lock_unknown_devices(app, login: str):
    """The issue's reproduction: 20 wrong passwords from 4 addresses, no device cookie."""
    for index in range(4):
        guess_wrong(app, login, 5, f"10.0.0.{index + 1}")


def device_cookie_header(response) -> str:
    return next(value for value in response.headers.getlist("Set-Cookie") if value.startswith(f"{COOKIE}="))


def test_strangers_cannot_lock_the_owner_out(app, world):
    owner = trusted_browser(app, "admin")
    lock_unknown_devices(app, "admin")
    # The owner's browser signs in with the right password, even from an attacker's address.
    assert sign_in(owner, "admin", environ_base=OWNER_ADDRESS).status_code == 302
    owner.post("/logout")
    assert sign_in(owner, "admin", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 302
    # A fresh browser is held back, and told why and what still works.
    fresh = sign_in(app.test_client(), "admin", environ_base={"REMOTE_ADDR": "10.0.0.99"})
    page = fresh.get_data(as_text=True)
    assert fresh.status_code == 429
    assert NEW_DEVICES_PAUSED in page and "15 menit" in page
    assert TRUSTED_BROWSER_HINT in page and "hubungi admin" in page


def test_unknown_account_and_locked_account_look_alike(app, world):
    lock_unknown_devices(app, "admin")
    lock_unknown_devices(app, "tidak.ada")
    real = sign_in(app.test_client(), "admin", environ_base={"REMOTE_ADDR": "10.0.0.99"})
    unknown = sign_in(app.test_client(), "tidak.ada", environ_base={"REMOTE_ADDR": "10.0.0.99"})
    assert real.status_code == unknown.status_code == 429
    assert NEW_DEVICES_PAUSED in real.get_data(as_text=True)
    assert NEW_DEVICES_PAUSED in unknown.get_data(as_text=True)


def test_forged_or_other_account_device_cookies_give_no_exemption(app, world):
    owner = trusted_browser(app, "pegawai")
    colleague = trusted_browser(app, "admin")
    genuine = owner.get_cookie(COOKIE).value
    admin_entry = colleague.get_cookie(COOKIE).value
    with app.app_context():
        pegawai_id = db.session.scalar(select(User.id).where(User.username == "pegawai"))
    lock_unknown_devices(app, "pegawai")

    def attempt_with(cookie_value: str):
        browser = app.test_client()
        browser.set_cookie(COOKIE, cookie_value)
        return sign_in(browser, "pegawai", environ_base=OWNER_ADDRESS).status_code

    assert attempt_with(admin_entry) == 429                                      # another account's cookie
    assert attempt_with(re.sub(r"^\d+", str(pegawai_id), admin_entry)) == 429    # re-labelled: bad signature
    assert attempt_with(genuine[:-4] + ("AAAA" if not genuine.endswith("AAAA") else "BBBB")) == 429
    assert attempt_with(f"{pegawai_id}|made-up-nonce|AAAAAA|bm90LWEtc2lnbmF0dXJl") == 429
    app.config["SECRET_KEY"] = "another-secret"                                  # signed with another key
    assert attempt_with(genuine) == 429
    app.config["SECRET_KEY"] = "test-secret"
    assert attempt_with(genuine) == 302                                          # the genuine cookie works


def test_a_device_that_guesses_wrong_is_locked_itself(app, world):
    app.config["LOGIN_MAX_FAILURES_PER_DEVICE"] = 3
    owner = trusted_browser(app, "pegawai")
    second = trusted_browser(app, "pegawai")
    # A copied (stolen) device cookie gets only a few guesses, then that device is locked.
    guess_wrong(app, "pegawai", 3, "10.0.0.7", browser=owner)
    blocked = sign_in(owner, "pegawai", environ_base={"REMOTE_ADDR": "10.0.0.7"})
    assert blocked.status_code == 429 and THIS_BROWSER_LOCKED in blocked.get_data(as_text=True)
    # Its failures count only against that device: other browsers are unaffected.
    assert sign_in(second, "pegawai", environ_base={"REMOTE_ADDR": "10.0.0.7"}).status_code == 302
    fresh = app.test_client()
    assert sign_in(fresh, "pegawai", environ_base={"REMOTE_ADDR": "10.0.0.8"}).status_code == 302


def test_attempts_record_a_hash_of_the_device_not_the_cookie(app, world):
    owner = trusted_browser(app, "pegawai")
    guess_wrong(app, "pegawai", 1, "10.9.9.9", browser=owner)
    guess_wrong(app, "pegawai", 1, "10.9.9.9")
    cookie = owner.get_cookie(COOKIE).value
    with app.app_context():
        devices = db.session.scalars(select(LoginAttempt.device_hash).order_by(LoginAttempt.id)).all()
    first_sign_in, from_owner, from_stranger = devices
    assert first_sign_in is None                       # that browser was not yet known
    assert re.fullmatch(r"[0-9a-f]{64}", from_owner) and from_owner not in cookie
    assert from_stranger is None


def test_shared_office_pc_trusts_each_account_that_signed_in_there(app, world):
    shared = trusted_browser(app, "pegawai")
    assert sign_in(shared, "admin", environ_base=OWNER_ADDRESS).status_code == 302
    shared.post("/logout")
    lock_unknown_devices(app, "pegawai")
    lock_unknown_devices(app, "admin")
    assert sign_in(shared, "pegawai", environ_base=OWNER_ADDRESS).status_code == 302
    shared.post("/logout")
    assert sign_in(shared, "admin", environ_base=OWNER_ADDRESS).status_code == 302


def test_device_cookie_keeps_a_bounded_number_of_accounts(app, world):
    shared = app.test_client()
    for login in ("pegawai", "admin", "lead.a", "lead.b", "fasilitator", "juri", "pegawai"):
        assert sign_in(shared, login, environ_base=OWNER_ADDRESS).status_code == 302
        shared.post("/logout")
    value = shared.get_cookie(COOKIE).value
    assert len(value.split(".")) == 5 and len(value) < 1000
    lock_unknown_devices(app, "pegawai")                 # the newest entries are kept
    assert sign_in(shared, "pegawai", environ_base=OWNER_ADDRESS).status_code == 302


def test_device_cookie_attributes(app, world):
    response = sign_in(app.test_client(), "pegawai")
    cookie = device_cookie_header(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Max-Age=31536000" in cookie and "Secure" not in cookie
    assert PASSWORD not in cookie and "pegawai" not in cookie
    app.config["SESSION_COOKIE_SECURE"] = True
    secure = device_cookie_header(sign_in(app.test_client(), "pegawai"))
    assert "; Secure" in secure


def test_nat_rule_still_holds_for_unknown_devices(app, world):
    # lead.a signed in from the office address before, in another browser.
    trusted_browser(app, "lead.a", environ_base={"REMOTE_ADDR": "10.5.5.5"})
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 10
    for index in range(12):
        guess_wrong(app, f"guess{index}", 1, "10.5.5.5")
    office_pc = {"REMOTE_ADDR": "10.5.5.5"}
    assert sign_in(app.test_client(), "pegawai", environ_base=office_pc).status_code == 429
    assert sign_in(app.test_client(), "lead.a", environ_base=office_pc).status_code == 302


def change_password(client, current: str):
    return client.post("/account/password", data={"current": current, "new": "baru-sekali-99",
                                                  "confirm": "baru-sekali-99"})


def test_wrong_current_passwords_are_limited_on_this_device(app, client, login_as):
    app.config["LOGIN_MAX_FAILURES_PER_DEVICE"] = 3
    login_as("employee")
    for _ in range(3):
        assert change_password(client, "bukan-ini-1").status_code == 200
    refused = change_password(client, PASSWORD)      # even the right one, for the window
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429 and "Terlalu banyak kata sandi salah" in page and "15 menit" in page
    assert sign_in(app.test_client(), "pegawai", "baru-sekali-99").status_code == 200   # unchanged
    # The form's failures are this device's failures: signing in from it is held back too.
    client.post("/logout")
    assert sign_in(client, "pegawai").status_code == 429


def test_stolen_session_cannot_guess_the_current_password(app, client, login_as):
    login_as("employee")
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)   # no device cookie
    for _ in range(5):
        assert change_password(thief, "bukan-ini-1").status_code == 200
    assert change_password(thief, PASSWORD).status_code == 429
    # The owner's trusted browser can still change the password.
    assert change_password(client, PASSWORD).status_code == 302
