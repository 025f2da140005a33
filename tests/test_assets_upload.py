"""Uploading assets: who may, the Triwulan IV rule, bad files, limits, and nothing left behind."""
import gc
import io
import json
from datetime import date

import pytest
from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import Asset, AuditLog, Community, SearchOutbox

from .conftest import meeting
from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .fixtures_assets import (HTML, SVG, asset_count, asset_form, docx_bytes, exe_bytes, pdf_bytes, png_bytes,
                              stored_files, upload, version_count)


@pytest.fixture
def rule_off(app):
    app.config["ASSET_MEETING_REQUIRED_FROM"] = date(2999, 1, 1)


@pytest.mark.parametrize("who, status", [
    ("employee", 403), ("facilitator", 403), ("assessor", 403), ("lead_a", 200), ("admin", 200)])
def test_only_leads_and_admins_open_the_upload_page(client, act_as, who, status):
    act_as(who)
    assert client.get("/assets/new").status_code == status


def test_lead_of_another_cop_cannot_upload_there(app, client, act_as, world, rule_off):
    act_as("lead_b")
    assert client.get(f"/assets/new?cop={world.cop_a}").status_code == 403
    assert upload(client, asset_form(world.cop_a), (pdf_bytes(), "sop.pdf")).status_code == 403
    assert asset_count(app) == 0 and stored_files(app) == []


def test_lead_with_one_cop_gets_it_and_the_linked_meeting_preselected(client, act_as, world):
    act_as("lead_a")
    page = client.get(f"/assets/new?meeting={world.meeting_a}").get_data(as_text=True)
    assert f'<option selected value="{world.cop_a}">JAK-HIGH' in page
    assert f'<option selected value="{world.meeting_a}">' in page
    assert "Sejak Triwulan IV 2025 setiap aset harus lahir dari pertemuan komunitas" in page


def test_a_lead_uploads_an_asset_and_sees_its_page(app, client, act_as, world):
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a, world.meeting_a),
                      (pdf_bytes(), "SOP pemeriksaan.pdf"), (png_bytes(), "alur.png"))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "SOP Pelayanan Kesehatan Kerja" in page and "SOP pemeriksaan.pdf" in page and "alur.png" in page
    with app.app_context():
        asset = db.session.scalars(select(Asset)).one()
        assert [t.name for t in asset.tags] == ["kesehatan", "sop"]
        assert (asset.status, asset.meeting_id, asset.created_by_id) == ("published", world.meeting_a, world.lead_a)
        assert asset.next_review_on.year == asset.published_on.year + 1
        assert sorted(v.content_type for f in asset.files for v in f.versions) == ["application/pdf", "image/png"]
        # Queued in the upload's transaction, then drained into the search index right after it.
        assert db.session.scalar(select(SearchOutbox.asset_id)) is None
        assert db.session.scalar(select(AuditLog.action).where(AuditLog.entity_type == "asset")) == "asset.created"
    assert len(stored_files(app)) == 2


def test_htmx_upload_answers_with_a_fresh_form_and_an_event_for_the_cop_page(app, client, act_as, world):
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a, world.meeting_a), (pdf_bytes(), "a.pdf"), htmx=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body and "HX-Request" in response.headers["Vary"]
    event = json.loads(response.headers["HX-Trigger"])["assetCreated"]
    assert event["community_id"] == world.cop_a and event["meeting_id"] == world.meeting_a
    assert "Aset tersimpan" in body and f'<option selected value="{world.meeting_a}">' in body
    assert 'value="SOP Pelayanan' not in body  # the next asset starts empty
    second = upload(client, asset_form(world.cop_a, world.meeting_a, title="Panduan kedua"),
                    (docx_bytes(), "b.docx"), htmx=True)
    assert second.status_code == 200 and asset_count(app) == 2


def test_upload_page_partial_for_htmx(client, act_as, world):
    act_as("lead_a")
    response = client.get(f"/assets/new?cop={world.cop_a}&title=Draf", headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert "<html" not in body and "HX-Request" in response.headers["Vary"]
    assert 'value="Draf"' in body  # switching the CoP keeps what was typed


def test_triwulan_iv_rule_requires_the_source_meeting(app, client, act_as, world):
    app.config["ASSET_MEETING_REQUIRED_FROM"] = date(2025, 10, 1)  # today is after it
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a), (pdf_bytes(), "sop.pdf"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Pilih pertemuan asal" in page
    assert 'value="SOP Pelayanan Kesehatan Kerja"' in page
    # The file is kept for the next try (tests/test_assets_pending.py), not asked for again.
    assert "Berkas sop.pdf sudah diterima" in page
    assert asset_count(app) == 0 and [p.parent.name for p in stored_files(app)] == ["pending"]


def test_before_the_rule_an_asset_may_have_no_meeting(app, client, act_as, world, rule_off):
    act_as("lead_a")
    assert "— tanpa pertemuan —" in client.get("/assets/new").get_data(as_text=True)
    assert upload(client, asset_form(world.cop_a), (pdf_bytes(), "sop.pdf")).status_code == 302


def test_meeting_of_another_cop_is_refused(app, client, act_as, world, rule_off):
    act_as("admin")
    response = upload(client, asset_form(world.cop_a, world.meeting_b), (pdf_bytes(), "sop.pdf"))
    assert response.status_code == 422 and "Pilih pertemuan dari daftar" in response.get_data(as_text=True)


@pytest.mark.parametrize("content, name, message", [
    (exe_bytes(), "laporan.pdf", "Isi berkas bukan PDF (terdeteksi: program/berkas yang dapat dijalankan)."),
    (b"", "kosong.pdf", "Berkas kosong (0 bita)."),
    (HTML, "halaman.html", "Ekstensi .html tidak diterima"),
    (SVG, "logo.svg", "Ekstensi .svg tidak diterima"),
    (HTML, "halaman.txt", "HTML/SVG"),
])
def test_a_rejected_file_keeps_the_other_fields_and_leaves_nothing(app, client, act_as, world, rule_off,
                                                                   content, name, message):
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a, title="Judul yang diketik"),
                      (pdf_bytes(), "baik.pdf"), (content, name), htmx=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body
    assert f"{name}: " in body and message in body
    assert 'value="Judul yang diketik"' in body and "kesehatan, sop" in body.lower()
    assert asset_count(app) == 0 and stored_files(app) == []


def test_file_name_with_directories_and_unicode_is_stored_safely(app, client, act_as, world, rule_off):
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a), (pdf_bytes(), "../../static/Panduan Ñusantara ✓.pdf"))
    asset_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        version = db.session.get(Asset, asset_id).files[0].current
        assert version.original_name == "Panduan Ñusantara ✓.pdf"
        assert "/" not in version.storage_name and version.storage_name != version.original_name
    static_dir = app.static_folder
    assert all(not str(p).startswith(static_dir) for p in stored_files(app))
    assert all(str(p).startswith(app.instance_path) for p in stored_files(app))


def test_oversize_file_is_refused_by_the_configured_limit(app, client, act_as, world, rule_off):
    app.config["MAX_UPLOAD_MB"] = 0.01  # about 10 KB, read at request time
    act_as("lead_a")
    big = pdf_bytes("x " * 20000)
    assert len(big) > 10 * 1024
    response = upload(client, asset_form(world.cop_a), (big, "besar.pdf"))
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "besar.pdf: Berkas melebihi batas 10 KB." in body
    assert asset_count(app) == 0 and stored_files(app) == []


# The test client spools the 2 MB body to a temporary file that the refused request never
# reads or closes; its ResourceWarning is the test client's, collected here.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning", "ignore::ResourceWarning")
# As below: the refused request's spooled file is left to the garbage collector (ResourceWarning),
# collected here, not in whichever later test the collector happens to run.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning", "ignore::ResourceWarning")
def test_request_beyond_the_upload_limit_gets_an_indonesian_413(app, client, act_as, world, rule_off):
    app.config["MAX_UPLOAD_MB"] = 0.001  # the whole request may be at most 10 files of 1 KB + 1 MB
    act_as("lead_a")
    app.config["WTF_CSRF_ENABLED"] = True  # the cap must hold before the CSRF check reads the body
    response = upload(client, asset_form(world.cop_a), (b"%PDF-" + b"0" * (2 * 1024 * 1024), "besar.pdf"))
    gc.collect()
    assert response.status_code == 413
    assert "Kiriman terlalu besar: setiap berkas paling besar 1 KB" in response.get_data(as_text=True)
    assert asset_count(app) == 0 and stored_files(app) == []
    del response  # it holds the request, and so the spooled file
    gc.collect()


def test_a_database_failure_removes_the_stored_files(app, client, act_as, world, rule_off, monkeypatch):
    def broken(asset_id):
        raise RuntimeError("disk full")
    monkeypatch.setattr("kmapp.assets.services.mark_stale", broken)
    act_as("lead_a")
    with pytest.raises(RuntimeError):
        upload(client, asset_form(world.cop_a), (pdf_bytes(), "a.pdf"), (png_bytes(), "b.png"))
    assert asset_count(app) == 0 and version_count(app) == 0 and stored_files(app) == []


# Werkzeug leaves the spooled temporary file of an aborted request to the garbage collector
# (already unlinked by the OS: nothing stays on disk); its ResourceWarning is expected here.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning", "ignore::ResourceWarning")
def test_an_aborted_upload_leaves_no_file_and_no_row(app, client, act_as, world, rule_off):
    act_as("lead_a")
    body = (b"--x\r\nContent-Disposition: form-data; name=\"cop\"\r\n\r\n" + str(world.cop_a).encode()
            + b"\r\n--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n"
            b"Content-Type: application/pdf\r\n\r\n%PDF-1.4 half of the file")
    response = client.post("/assets/new", input_stream=io.BytesIO(body),
                           content_type="multipart/form-data; boundary=x", content_length=len(body) + 5000)
    gc.collect()
    assert response.status_code in (400, 422)  # refused either by the parser or by the form
    assert asset_count(app) == 0 and stored_files(app) == []


def test_no_file_chosen_is_explained(app, client, act_as, world, rule_off):
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a))
    assert response.status_code == 422 and "Pilih minimal satu berkas." in response.get_data(as_text=True)


def test_upload_form_shows_progress_and_limit_for_slow_links(client, act_as, world):
    act_as("lead_a")
    page = client.get("/assets/new").get_data(as_text=True)
    assert 'hx-encoding="multipart/form-data"' in page and "<progress" in page and "data-upload" in page
    assert 'data-max-bytes="52428800"' in page and 'accept=".pdf,.docx' in page
    assert 'enctype="multipart/form-data"' in page  # works without JavaScript too


def test_new_meeting_appears_first_in_the_choices(app, client, act_as, world):
    with app.app_context():
        db.session.add(meeting(db.session.get(Community, world.cop_a), date(2025, 11, 20), "Pertemuan terbaru"))
        db.session.commit()
    act_as("lead_a")
    page = client.get("/assets/new").get_data(as_text=True)
    assert page.index("Pertemuan terbaru") < page.index("Berbagi praktik baik")
