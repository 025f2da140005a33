"""What any request may carry: its size, its characters; and the error page after a failure."""
import io

import pytest

from kmapp.extensions import db
from kmapp.models import Asset

from .conftest import sign_in
from .fixtures_assets import act_as, asset_count, asset_form, make_asset, upload  # noqa: F401  (fixture)
from .fixtures_communities import meeting_fields

MB = 1024 * 1024
FORM_LIMIT_MESSAGE = "Kiriman melebihi batas 1 MB untuk isian formulir"


def _close_spooled_bodies(*responses) -> None:
    """The test client spools a multipart body over 500 KB to a temporary file that it never closes."""
    for response in responses:
        response.request.environ["wsgi.input"].close()


def _text_file(size: int) -> bytes:
    line = b"Catatan rapat koordinasi pelayanan kesehatan kerja.\n"
    return (line * (size // len(line) + 1))[:size]


# --- size ------------------------------------------------------------------------------------

def test_the_form_limit_is_applied_to_every_request(app):
    assert app.config["MAX_CONTENT_LENGTH"] == app.config["MAX_FORM_BYTES"] == MB
    assert app.config["MAX_FORM_PARTS"] and app.config["MAX_FORM_MEMORY_SIZE"]


def test_a_5_mb_sign_in_is_refused_with_a_clear_413(app, client, world):
    response = client.post("/login", data="login=pegawai&password=" + "x" * (5 * MB),
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    body = response.get_data(as_text=True)
    assert "Kiriman terlalu besar" in body and FORM_LIMIT_MESSAGE in body


def test_a_5_mb_meeting_form_is_refused_with_a_clear_413(app, client, world, login_as):
    login_as("lead_a")
    response = client.post(f"/cops/{world.cop_a}/meetings/new",
                           data=meeting_fields(minutes="x" * (5 * MB)))
    assert response.status_code == 413 and FORM_LIMIT_MESSAGE in response.get_data(as_text=True)
    htmx = client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting_fields(minutes="x" * (5 * MB)),
                       headers={"HX-Request": "true"})
    assert htmx.status_code == 413 and "<html" not in htmx.get_data(as_text=True)


def test_a_5_mb_asset_edit_gets_the_form_message_not_the_upload_one(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    response = client.post(f"/assets/{asset_id}/edit", data=asset_form(world.cop_a, summary="x" * (5 * MB)))
    body = response.get_data(as_text=True)
    assert response.status_code == 413 and FORM_LIMIT_MESSAGE in body and "setiap berkas" not in body


def test_an_upload_larger_than_the_form_limit_still_works(app, client, act_as, world):
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2999-01-01"
    app.config["JOBS_WORKER"] = "external"  # the size limit is under test, not indexing 3 MB of text
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a), (_text_file(3 * MB), "notulen.txt"))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    asset_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        file_id = db.session.get(Asset, asset_id).files[0].id
    version = client.post(f"/assets/{asset_id}/files/new", content_type="multipart/form-data",
                          data={"file": (io.BytesIO(_text_file(2 * MB)), "notulen-v2.txt"), "change_note": "Revisi",
                                "target": str(file_id)})
    _close_spooled_bodies(response, version)
    assert version.status_code == 302
    assert asset_count(app) == 1


def test_an_upload_over_the_upload_limit_keeps_the_upload_message(app, client, act_as, world):
    app.config["MAX_UPLOAD_MB"] = 0.1  # the request may carry 10 x 100 KB + 1 MB
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a), (_text_file(3 * MB), "notulen.txt"))
    body = response.get_data(as_text=True)
    _close_spooled_bodies(response)
    assert response.status_code == 413
    assert "Kiriman terlalu besar: setiap berkas paling besar 102 KB" in body and FORM_LIMIT_MESSAGE not in body
    assert asset_count(app) == 0


# --- NUL characters --------------------------------------------------------------------------

NUL_MESSAGE = "Permintaan berisi karakter NUL yang tidak diizinkan"


def _refused_for_nul(response) -> bool:
    return response.status_code == 400 and NUL_MESSAGE in response.get_data(as_text=True)


def test_a_nul_in_the_anonymous_sign_in_is_a_clear_400(app, client, world):
    assert _refused_for_nul(sign_in(client, "peg\x00awai"))
    assert _refused_for_nul(sign_in(client, "pegawai", "rahasia\x00"))
    assert _refused_for_nul(client.get("/login?next=/%00"))
    assert sign_in(client, "pegawai").status_code == 302  # and the real sign-in still works


def test_a_nul_in_any_query_string_form_or_file_name_is_a_clear_400(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    assert _refused_for_nul(client.get("/search", query_string={"q": "arsip\x00"}))
    assert _refused_for_nul(client.get("/search", query_string={"q": "arsip", "agency": "\x00"}))
    assert _refused_for_nul(client.get("/admin/users", query_string={"q\x00": "x"}))
    assert _refused_for_nul(client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting_fields(topic="Rapat\x00")))
    assert _refused_for_nul(client.post(f"/assets/{asset_id}/edit", data=asset_form(world.cop_a, tags="a\x00b")))
    assert _refused_for_nul(upload(client, asset_form(world.cop_a), (b"Catatan rapat.\n", "nota\x00.txt")))
    assert _refused_for_nul(client.get("/static/app.css%00"))
    assert asset_count(app) == 1


# --- the error page after a failed flush -----------------------------------------------------

def add_failing_flush_route(app) -> None:
    """A test-only route whose flush breaks a unique constraint, as a bug in a view would."""
    from flask_login import current_user

    from kmapp.extensions import db
    from kmapp.models import User

    def fail_during_flush():
        db.session.add(User(username=current_user.username, name="Kembar"))
        db.session.flush()

    app.add_url_rule("/test-only/failing-flush", "failing_flush", fail_during_flush, methods=["POST"])
    app.config["PROPAGATE_EXCEPTIONS"] = False  # show the 500 page, as in production


def test_the_error_page_renders_after_a_failed_flush(app, client, world, login_as):
    add_failing_flush_route(app)
    login_as("lead_a")
    response = client.post("/test-only/failing-flush")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in body and "Lead.A" in body  # the full page, signed in
    assert client.get("/").status_code == 200
