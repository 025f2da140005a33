"""Scanned PDFs and pictures: recognised in the background, found by search, the searchable
PDF downloadable, the original untouched."""
import hashlib
import io
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import func, select

from kmapp.extensions import db
from kmapp.files.storage import path_of
from kmapp.models import AssetFile, AssetFileVersion, Job

from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .fixtures_assets import make_asset, pdf_bytes
from .fixtures_ocr import ocr_on  # noqa: F401  (fixture)
from .fixtures_ocr import image_bytes, image_pdf, needs_tesseract, scan
from .fixtures_search import search_page, total_of

pytestmark = needs_tesseract
DECREE = ["KEPUTUSAN GUBERNUR PROVINSI DKI JAKARTA", "tentang pembangunan jembatan penyeberangan"]


def version_of(app, asset_id: int) -> AssetFileVersion:
    with app.app_context():
        version = db.session.scalars(select(AssetFileVersion).join(AssetFile)
                                     .where(AssetFile.asset_id == asset_id)).one()
        _ = version.ocr_text  # load the deferred column before leaving the session
        db.session.expunge(version)
        return version


def ocr_jobs(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Job).where(Job.kind == "ocr"))


def test_a_scanned_decree_is_found_by_a_stemmed_word_and_marked_as_recognised(app, client, act_as, world):
    scanned = image_pdf(scan(DECREE, skew=2.0))
    asset_id = make_asset(app, client, act_as, world, files=[(scanned, "sk-gubernur.pdf")],
                          title="Surat keputusan", summary="Arsip pindaian.", tags="SK")
    version = version_of(app, asset_id)
    assert version.ocr_status == "done", version.ocr_note
    assert "jembatan" in version.ocr_text.lower()
    html = search_page(client, "membangun").get_data(as_text=True)  # stem: bangun
    assert total_of(html) == 1 and f"/assets/{asset_id}" in html
    assert "dari teks hasil pindai" in html
    page = client.get(f"/assets/{asset_id}").get_data(as_text=True)
    assert "Teks hasil pindai sudah dikenali" in page and "hx-trigger" not in page
    assert "PDF tidak berisi teks" not in page  # the scan was read after all
    download = client.get(f"/assets/{asset_id}/files/{version.id}/searchable.pdf")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    layer = PdfReader(io.BytesIO(download.data)).pages[0].extract_text().lower()
    download.close()
    assert "jembatan" in layer
    with app.app_context():  # the original is kept as uploaded
        assert hashlib.sha256(path_of(version.storage_name).read_bytes()).digest() == hashlib.sha256(scanned).digest()


def test_a_noisy_photo_is_recognised_and_a_text_born_pdf_is_not_queued(app, client, act_as, world):
    photo = image_bytes(scan(["Rapat koordinasi penanganan banjir", "pemeliharaan saluran air"],
                             skew=-3.0, noise=0.01, font=1), "JPEG")
    asset_id = make_asset(app, client, act_as, world, files=[(photo, "papan-tulis.jpg")],
                          title="Catatan rapat", summary="Foto papan tulis.", tags="Rapat")
    assert version_of(app, asset_id).ocr_status == "done"
    assert total_of(search_page(client, "banjir").get_data(as_text=True)) == 1
    born = make_asset(app, client, act_as, world, files=[(pdf_bytes("Pedoman tata naskah dinas."), "pedoman.pdf")],
                      title="Pedoman", summary="Tata naskah.", tags="Naskah")
    assert version_of(app, born).ocr_status is None and ocr_jobs(app) == 0
    html = search_page(client, "naskah").get_data(as_text=True)
    assert total_of(html) == 1 and "dari teks hasil pindai" not in html


def test_the_asset_page_polls_while_the_job_waits_and_stops_when_done(app, client, act_as, world):
    from kmapp.jobs.worker import run_until_idle
    app.config["JOBS_WORKER"] = "external"  # the request only queues
    asset_id = make_asset(app, client, act_as, world, files=[(image_bytes(scan(DECREE)), "sk.png")])
    with app.app_context():
        run_until_idle(max_jobs=1)  # reads the (empty) text layer: queues the OCR job ...
    version = version_of(app, asset_id)
    assert version.ocr_status == "queued"
    page = client.get(f"/assets/{asset_id}").get_data(as_text=True)
    assert 'hx-trigger="every 3s"' in page and "Menunggu pengenalan teks" in page
    with app.app_context():
        run_until_idle()  # ... which runs here
    status = client.get(f"/assets/{asset_id}/files/{version.id}/ocr", headers={"HX-Request": "true"})
    body = status.get_data(as_text=True)
    assert status.status_code == 200 and "<html" not in body and "hx-trigger" not in body
    assert "Teks hasil pindai sudah dikenali" in body and len(status.data) < 10_000


def test_progress_is_shown_page_by_page(app, client, act_as, world):
    app.config["JOBS_WORKER"] = "external"
    asset_id = make_asset(app, client, act_as, world, files=[(image_bytes(scan(DECREE)), "sk.png")])
    version = version_of(app, asset_id)
    with app.app_context():
        from kmapp.jobs.queue import enqueue
        from kmapp.ocr.jobs import job_key
        enqueue("ocr", {"version_id": version.id}, key=job_key(version.id))
        job = db.session.scalars(select(Job).where(Job.kind == "ocr")).one()
        job.state, job.progress_done, job.progress_total = "running", 3, 12
        db.session.execute(db.update(AssetFileVersion).values(ocr_status="running"))
        db.session.commit()
    body = client.get(f"/assets/{asset_id}/files/{version.id}/ocr").get_data(as_text=True)
    assert "Teks dikenali: halaman 3 dari 12" in body and 'hx-trigger="every 3s"' in body


def test_the_searchable_pdf_is_for_readers_of_the_original_only(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world, files=[(image_bytes(scan(DECREE)), "sk.png")],
                          visibility="community")
    version = version_of(app, asset_id)
    assert version.ocr_pdf_name and Path(app.config["UPLOAD_DIR"]).is_dir()
    act_as("lead_b")  # another agency, not a member of the CoP
    assert client.get(f"/assets/{asset_id}/files/{version.id}/searchable.pdf").status_code == 404


def test_a_page_scanned_sideways_is_turned_before_it_is_read(app, client, act_as, world):
    lines = DECREE + ["Menimbang bahwa pelayanan publik perlu", "ditingkatkan melalui komunitas praktik"]
    sideways = image_bytes(scan(lines).rotate(90, expand=True))
    asset_id = make_asset(app, client, act_as, world, files=[(sideways, "miring.png")])
    version = version_of(app, asset_id)
    assert version.ocr_status == "done" and "jembatan" in version.ocr_text.lower()
