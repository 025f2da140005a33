"""OCR limits and failures: pages per document, seconds per page, a corrupt picture, a worker
killed mid-job, and a server without Tesseract (a clear message, nothing queued forever)."""
import shutil

from sqlalchemy import func, select

from kmapp.extensions import db
from kmapp.jobs.queue import HOST
from kmapp.jobs.worker import run_until_idle
from kmapp.models import Job, JobState

from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .fixtures_assets import make_asset
from .fixtures_ocr import ocr_on  # noqa: F401  (fixture)
from .fixtures_ocr import image_bytes, image_pdf, needs_tesseract, scan
from .fixtures_search import search_page, total_of
from .test_ocr import DECREE, version_of

PAGE_TWO = ["Laporan pengawasan reklame", "penertiban papan reklame liar"]


def ocr_jobs(app, state=None) -> int:
    with app.app_context():
        query = select(func.count()).select_from(Job).where(Job.kind == "ocr")
        return db.session.scalar(query.where(Job.state == state) if state else query)


@needs_tesseract
def test_only_the_first_pages_up_to_the_limit_are_recognised(app, client, act_as, world):
    app.config["OCR_MAX_PAGES"] = 1
    asset_id = make_asset(app, client, act_as, world, files=[(image_pdf(scan(DECREE), scan(PAGE_TWO)), "dua.pdf")])
    version = version_of(app, asset_id)
    assert version.ocr_status == "done" and "jembatan" in version.ocr_text.lower()
    assert "reklame" not in version.ocr_text.lower()
    assert "hanya 1 halaman pertama yang dikenali (dari 2)" in client.get(f"/assets/{asset_id}").get_data(as_text=True)


@needs_tesseract
def test_a_page_over_its_time_fails_cleanly_with_the_reason_on_the_asset_page(app, client, act_as, world):
    app.config["OCR_SECONDS_PER_PAGE"] = 0.05
    asset_id = make_asset(app, client, act_as, world, files=[(image_bytes(scan(DECREE)), "sk.png")])
    version = version_of(app, asset_id)
    assert version.ocr_status == "failed" and ocr_jobs(app) == 0  # not retried: it would time out again
    page = client.get(f"/assets/{asset_id}").get_data(as_text=True)
    assert "Pengenalan teks gagal." in page and "batas waktu 0.05 detik per halaman terlampaui" in page


@needs_tesseract
def test_a_corrupt_picture_fails_cleanly_with_the_reason_on_the_asset_page(app, client, act_as, world):
    broken = image_bytes(scan(DECREE))[:300]  # a PNG cut short, as an interrupted transfer leaves it
    asset_id = make_asset(app, client, act_as, world, files=[(broken, "rusak.png")])
    assert version_of(app, asset_id).ocr_status == "failed" and ocr_jobs(app) == 0
    page = client.get(f"/assets/{asset_id}").get_data(as_text=True)
    assert "gambar rusak atau bukan gambar PNG/JPEG yang dapat dibaca" in page and "hx-trigger" not in page


@needs_tesseract
def test_a_job_whose_worker_was_killed_is_resumed_by_the_next_worker(app, client, act_as, world):
    app.config["JOBS_WORKER"] = "external"
    asset_id = make_asset(app, client, act_as, world, files=[(image_bytes(scan(DECREE)), "sk.png")])
    with app.app_context():
        run_until_idle(max_jobs=1)  # the text layer: queues the OCR job
        job = db.session.scalars(select(Job).where(Job.kind == "ocr")).one()
        # As a worker killed on page 1 of 2 leaves it: claimed by a process that is gone.
        job.state, job.attempts, job.claimed_by = JobState.RUNNING.value, 1, f"{HOST}:999999999:dead"
        job.claimed_at, job.progress_done, job.progress_total = job.created_at, 1, 2
        db.session.commit()
        app.extensions.pop("kmapp_jobs_recovered_at", None)
        run_until_idle()
    assert version_of(app, asset_id).ocr_status == "done" and ocr_jobs(app) == 0
    assert total_of(search_page(client, "jembatan").get_data(as_text=True)) == 1


def test_without_tesseract_nothing_is_queued_and_the_page_and_healthz_say_so(app, client, act_as, world, runner):
    app.config["OCR_TESSERACT"] = "tesseract-yang-tidak-ada"
    asset_id = make_asset(app, client, act_as, world, files=[(image_bytes(scan(DECREE)), "sk.png")])
    assert version_of(app, asset_id).ocr_status == "unavailable" and ocr_jobs(app) == 0
    page = client.get(f"/assets/{asset_id}").get_data(as_text=True)
    assert "Pengenalan teks (OCR) tidak tersedia di server ini" in page and "hx-trigger" not in page
    health = client.get("/healthz").get_json()
    assert health["ok"] and health["ocr"] == {"ok": False, "available": False,
                                               "reason": "program tesseract-yang-tidak-ada tidak ditemukan"}
    if shutil.which("tesseract"):  # installed later: the operator queues what waited
        app.config["OCR_TESSERACT"] = "tesseract"
        assert "1 berkas pindaian diantrekan" in runner.invoke(args=["ocr-queue"]).output
        assert version_of(app, asset_id).ocr_status == "done"


def test_a_job_parked_after_crashing_twice_shows_its_reason(app, client, act_as, world):
    app.config["JOBS_WORKER"] = "external"
    asset_id = make_asset(app, client, act_as, world, files=[(image_bytes(scan(DECREE)), "sk.png")])
    version = version_of(app, asset_id)
    with app.app_context():
        from kmapp.jobs.queue import enqueue
        from kmapp.ocr.jobs import job_key
        enqueue("ocr", {"version_id": version.id}, key=job_key(version.id))
        job = db.session.scalars(select(Job).where(Job.kind == "ocr")).one()
        job.state, job.attempts = JobState.PARKED.value, 2
        job.last_error = "Pekerja berhenti di tengah tugas ini (2 kali)"
        db.session.execute(db.update(type(version)).values(ocr_status="running"))
        db.session.commit()
    body = client.get(f"/assets/{asset_id}/files/{version.id}/ocr").get_data(as_text=True)
    assert "Pengenalan teks dihentikan setelah gagal berulang kali: Pekerja berhenti" in body
    assert "hx-trigger" not in body


def test_progress_renews_the_lease_of_a_long_job(app):
    from datetime import timedelta

    from kmapp.jobs.queue import claim, enqueue, recover_abandoned, report_progress
    from kmapp.models import utcnow
    app.config["JOBS_WORKER"] = "external"
    with app.app_context():
        enqueue("ocr", {"version_id": 0})
        db.session.commit()
        job = claim()
        long_ago = utcnow() - timedelta(seconds=app.config["JOBS_LEASE_SECONDS"] + 60)
        db.session.execute(db.update(Job).values(claimed_at=long_ago, claimed_by="other-host:1:abcd"))
        db.session.commit()
        report_progress(job.id, 5, 200)  # page 5 of 200 done: the job is alive
        assert recover_abandoned() == 0
        assert db.session.get(Job, job.id).state == JobState.RUNNING
