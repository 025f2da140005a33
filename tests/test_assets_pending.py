"""Forms that take files never make the user send a file twice (issue 12, point 5).

Required fields are marked and carry the server's own message for the browser check; a file that
passed its checks survives an error in another field, kept server-side for its sender under a
single-use token until it expires, and nothing is ever left behind.
"""
import io
import os
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select, update

from kmapp.assets.pending import purge_pending_uploads
from kmapp.extensions import db
from kmapp.jobs.worker import run_until_idle
from kmapp.models import Asset, Job, PendingUpload, utcnow

from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .fixtures_assets import asset_count, asset_form, make_asset, pdf_bytes, png_bytes, stored_files, upload

TITLE_MESSAGE = "Isi judul aset."


@pytest.fixture
def rule_off(app):
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2999-01-01"


def _soup(response):
    return BeautifulSoup(response.data, "html.parser")


def _token(response) -> str:
    found = re.findall(r'<input type="hidden" name="kept" value="([^"]+)">', response.get_data(as_text=True))
    assert len(found) == 1, response.get_data(as_text=True)
    return found[0]


def _pending_files(app) -> list[Path]:
    return [p for p in stored_files(app) if p.parent.name == "pending"]


def _pending_rows(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(PendingUpload))


def _field_errors(response) -> list[str]:
    return [p.get_text() for p in _soup(response).select("p.error")]


# Required fields: marked, and checked in the browser with the server's messages.

def test_every_required_field_of_the_upload_form_is_marked_with_the_servers_message(app, client, act_as, world):
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2000-01-01"  # the meeting is required too
    act_as("admin")  # two CoPs to choose from
    form = _soup(client.get("/assets/new")).find("form", class_="upload-form")
    assert form.has_attr("data-validate") and form.has_attr("data-upload")
    marked = {element["name"] if element.has_attr("name") else element["id"]: element["data-msg-required"]
              for element in form.select("[data-msg-required]:not([type=radio])")}
    assert set(marked) == {"cop", "title", "summary", "asset_type", "km_stage", "meeting", "visibility", "files"}
    for element in form.select("[data-msg-required]:not([type=radio])"):
        label = element.find_parent("div", class_="field").find("label")
        assert label.find_next_sibling("span", class_="req").get_text() == "*", element
    # One source of truth: what the browser shows is what the server says for an empty form.
    refused = client.post("/assets/new", data={"visibility": ""})
    assert refused.status_code == 422
    errors = _field_errors(refused)
    assert all(message in errors for message in marked.values()), (marked, errors)
    assert marked["title"] == TITLE_MESSAGE and marked["files"] == "Pilih minimal satu berkas."


def test_the_version_extra_file_and_review_forms_are_marked_too(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    act_as("lead_a")
    version = _soup(client.get(f"/assets/{asset_id}/files/new")).find("form", class_="upload-form")
    assert version.has_attr("data-validate")
    assert {e["name"]: e["data-msg-required"] for e in version.select("[data-msg-required]")} == {
        "target": "Pilih berkas yang diperbarui.", "file": "Pilih berkas.",
        "change_note": "Tulis singkat apa yang berubah pada versi ini."}
    assert all(e.has_attr("required") for e in version.select("[data-msg-required]"))
    extra = _soup(client.get(f"/assets/{asset_id}/files/add")).find("form", class_="upload-form")
    assert [e["name"] for e in extra.select("[data-msg-required]")] == ["file"]
    assert not extra.find("textarea", attrs={"name": "change_note"}).has_attr("required")  # optional there
    review = _soup(client.get(f"/assets/{asset_id}/review")).find("form", class_="card")
    assert review.has_attr("data-validate") and [e["name"] for e in review.select("[data-msg-required]")] == ["note"]


# A file survives a validation error of another field.

@pytest.mark.parametrize("htmx", [False, True])
def test_a_file_kept_across_an_error_in_the_title_is_used_on_the_next_send(app, client, act_as, world, rule_off,
                                                                          htmx):
    act_as("lead_a")
    content = pdf_bytes("Isi yang dikirim sekali")
    first = upload(client, asset_form(world.cop_a, title=""), (content, "sop besar.pdf"), htmx=htmx)
    assert first.status_code == (200 if htmx else 422)
    assert ("<html" in first.get_data(as_text=True)) != htmx
    assert TITLE_MESSAGE in _field_errors(first)
    kept = _soup(first).find(attrs={"data-kept": True})
    assert "Berkas sop besar.pdf sudah diterima" in kept.get_text()
    assert kept.find("button", attrs={"data-choose-other": True}).get_text() == "Pilih berkas lain"
    files_input = _soup(first).find("input", attrs={"name": "files"})
    assert not files_input.has_attr("required")  # the file is here: choosing one is not required now
    token = _token(first)
    assert asset_count(app) == 0 and len(_pending_files(app)) == 1 and len(stored_files(app)) == 1
    with app.app_context():
        row = db.session.scalars(select(PendingUpload)).one()
        assert token not in (row.token_hash, row.storage_name)  # only the token's hash is stored
        assert (row.original_name, row.content_type, row.size_bytes) == ("sop besar.pdf", "application/pdf",
                                                                          len(content))
    second = upload(client, {**asset_form(world.cop_a, title="Judul yang benar"), "kept": token}, htmx=htmx)
    assert second.status_code == (200 if htmx else 302), second.get_data(as_text=True)
    with app.app_context():
        asset = db.session.scalars(select(Asset)).one()
        assert asset.title == "Judul yang benar"
        version = asset.files[0].current
        assert (version.original_name, version.size_bytes) == ("sop besar.pdf", len(content))
        version_id = asset.id, version.id
    download = client.get(f"/assets/{version_id[0]}/files/{version_id[1]}/download")
    assert download.data == content
    download.close()
    assert len(stored_files(app)) == 1 and _pending_files(app) == [] and _pending_rows(app) == 0
    # Good once: the same token again is refused, and says to choose the file again.
    again = upload(client, {**asset_form(world.cop_a, title="Lagi"), "kept": token})
    assert again.status_code == 422 and "sudah tidak tersedia" in again.get_data(as_text=True)
    assert asset_count(app) == 1


def test_another_users_token_is_refused_and_the_owner_keeps_the_file(app, client, act_as, world, rule_off):
    act_as("lead_a")
    token = _token(upload(client, asset_form(world.cop_a, summary=""), (pdf_bytes("milik lead a"), "a.pdf")))
    act_as("admin")  # may upload to this CoP, but the file is not theirs
    stolen = upload(client, {**asset_form(world.cop_a), "kept": token})
    assert stolen.status_code == 422 and "sudah tidak tersedia" in stolen.get_data(as_text=True)
    assert "a.pdf" not in stolen.get_data(as_text=True) and asset_count(app) == 0
    act_as("lead_b")
    version_of_theirs = upload(client, {**asset_form(world.cop_b), "kept": token})
    assert version_of_theirs.status_code == 422 and asset_count(app) == 0
    act_as("lead_a")
    assert upload(client, {**asset_form(world.cop_a), "kept": token}).status_code == 302
    assert asset_count(app) == 1 and _pending_rows(app) == 0 and _pending_files(app) == []


def test_a_file_chosen_again_replaces_the_kept_one(app, client, act_as, world, rule_off):
    act_as("lead_a")
    token = _token(upload(client, asset_form(world.cop_a, title=""), (pdf_bytes("salah"), "salah.pdf")))
    response = upload(client, {**asset_form(world.cop_a), "kept": token}, (png_bytes(), "benar.png"))
    assert response.status_code == 302
    with app.app_context():
        assert [f.current.original_name for f in db.session.scalars(select(Asset)).one().files] == ["benar.png"]
    assert len(stored_files(app)) == 1 and _pending_files(app) == [] and _pending_rows(app) == 0


def test_a_rejected_file_is_not_kept(app, client, act_as, world, rule_off):
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a, title=""), (b"MZ\x90\x00" + b"\x00" * 200, "virus.pdf"))
    assert response.status_code == 422 and 'name="kept"' not in response.get_data(as_text=True)
    assert stored_files(app) == [] and _pending_rows(app) == 0


def test_a_new_version_keeps_its_file_when_the_note_is_missing(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    with app.app_context():
        file_id = db.session.get(Asset, asset_id).files[0].id
    act_as("lead_a")
    content = pdf_bytes("versi dua")
    first = client.post(f"/assets/{asset_id}/files/new", content_type="multipart/form-data",
                        data={"file": (io.BytesIO(content), "v2.pdf"), "change_note": "", "target": str(file_id)})
    assert first.status_code == 422 and "Tulis singkat apa yang berubah" in first.get_data(as_text=True)
    assert "Berkas v2.pdf sudah diterima" in first.get_data(as_text=True)
    second = client.post(f"/assets/{asset_id}/files/new", data={"change_note": "Tabel diperbarui",
                                                                "target": str(file_id), "kept": _token(first)})
    assert second.status_code == 302
    with app.app_context():
        version = db.session.get(Asset, asset_id).files[0].current
        assert (version.version_no, version.original_name, version.size_bytes) == (2, "v2.pdf", len(content))
    assert len(stored_files(app)) == 2 and _pending_files(app) == [] and _pending_rows(app) == 0


def test_a_failed_save_puts_the_kept_file_back(app, client, act_as, world, rule_off, monkeypatch):
    act_as("lead_a")
    token = _token(upload(client, asset_form(world.cop_a, title=""), (pdf_bytes(), "a.pdf")))

    def broken(asset_id):
        raise RuntimeError("disk full")
    with monkeypatch.context() as patch:
        patch.setattr("kmapp.assets.services.mark_stale", broken)
        with pytest.raises(RuntimeError):
            upload(client, {**asset_form(world.cop_a), "kept": token})
    assert asset_count(app) == 0 and len(_pending_files(app)) == 1 and _pending_rows(app) == 1
    assert upload(client, {**asset_form(world.cop_a), "kept": token}).status_code == 302
    assert len(stored_files(app)) == 1 and _pending_files(app) == []


# Expiry: refused when expired, removed by the command and by the worker when it expires.

def _expire_all(app):
    with app.app_context():
        db.session.execute(update(PendingUpload).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()


def test_an_expired_file_is_refused_and_the_purge_command_removes_it(app, client, runner, act_as, world, rule_off):
    act_as("lead_a")
    old_token = _token(upload(client, asset_form(world.cop_a, title=""), (pdf_bytes("lama"), "lama.pdf")))
    _expire_all(app)
    live_token = _token(upload(client, asset_form(world.cop_a, title=""), (pdf_bytes("baru"), "baru.pdf")))
    stray = Path(app.config["UPLOAD_DIR"]) / "pending" / ("ab" * 16)  # a crash left it without a row
    stray.write_bytes(b"%PDF-1.4 sisa")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(stray, (two_hours_ago, two_hours_ago))
    refused = upload(client, {**asset_form(world.cop_a), "kept": old_token})
    assert refused.status_code == 422 and "sudah tidak tersedia" in refused.get_data(as_text=True)
    result = runner.invoke(args=["purge-uploads"])
    assert result.exit_code == 0, result.output
    assert "1 unggahan tertunda kedaluwarsa, 2 berkas dihapus" in result.output
    assert _pending_rows(app) == 1 and [p.name for p in _pending_files(app)] != [stray.name]
    assert len(_pending_files(app)) == 1  # the live one stays
    assert upload(client, {**asset_form(world.cop_a), "kept": live_token}).status_code == 302
    assert _pending_rows(app) == 0 and _pending_files(app) == []


def test_the_lifetime_is_a_setting(app, client, act_as, world, rule_off):
    app.config["PENDING_UPLOAD_MINUTES"] = 5
    act_as("lead_a")
    upload(client, asset_form(world.cop_a, title=""), (pdf_bytes(), "a.pdf"))
    with app.app_context():
        row = db.session.scalars(select(PendingUpload)).one()
        assert timedelta(minutes=4) < row.expires_at - utcnow() <= timedelta(minutes=5)
        assert purge_pending_uploads(now=row.expires_at - timedelta(seconds=1)).rows == 0
        assert purge_pending_uploads(now=row.expires_at).rows == 1
    assert _pending_files(app) == []


def test_the_worker_removes_an_abandoned_file_when_it_expires(app, client, act_as, world, rule_off):
    act_as("lead_a")
    upload(client, asset_form(world.cop_a, title=""), (pdf_bytes(), "a.pdf"))
    upload(client, asset_form(world.cop_a, title=""), (pdf_bytes("b"), "b.pdf"))
    with app.app_context():
        jobs = db.session.scalars(select(Job).where(Job.kind == "purge_uploads")).all()
        expires = db.session.scalar(select(func.max(PendingUpload.expires_at)))
        assert len(jobs) == 1  # one job per minute of expiry, not one per file
        assert jobs[0].run_after >= expires  # held back until the files expire
        assert run_until_idle().jobs_done == 0  # not yet
    assert _pending_rows(app) == 2
    _expire_all(app)
    with app.app_context():
        db.session.execute(update(Job).values(run_after=utcnow()))
        db.session.commit()
        assert run_until_idle().jobs_done == 1
    assert _pending_rows(app) == 0 and _pending_files(app) == [] and stored_files(app) == []


def test_a_single_file_form_uses_one_kept_file_and_leaves_any_other_token_alone(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    act_as("lead_a")
    tokens = []
    for name in ("satu.pdf", "dua.pdf"):
        kept = client.post(f"/assets/{asset_id}/files/add", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(pdf_bytes(name)), name), "change_note": "x" * 2001})
        assert kept.status_code == 422 and f"Berkas {name} sudah diterima" in kept.get_data(as_text=True)
        tokens.append(_token(kept))
    response = client.post(f"/assets/{asset_id}/files/add", data={"kept": tokens, "change_note": "Lampiran"})
    assert response.status_code == 302
    with app.app_context():
        assert [f.current.original_name for f in db.session.get(Asset, asset_id).files] == ["sop.pdf", "satu.pdf"]
    assert _pending_rows(app) == 1 and len(_pending_files(app)) == 1  # the crafted second token: untouched
    assert len(stored_files(app)) == 3
