"""The background job queue and its worker: exactly-once claims, crashes, failures, the three
ways the worker runs, and text extraction kept out of request threads."""
import json
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from sqlalchemy import func, select

from kmapp.extensions import db
from kmapp.jobs.queue import claim, enqueue, recover_abandoned
from kmapp.jobs.worker import embedded_worker, run_until_idle
from kmapp.models import AssetFileVersion, Job, JobState

from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .fixtures_assets import asset_form, pdf_bytes, upload
from .fixtures_search import search_page, total_of

WORKER_SCRIPT = textwrap.dedent("""
    import os, signal, sys, time
    from kmapp import create_app
    from kmapp.jobs import handler
    from kmapp.jobs.worker import run_until_idle

    @handler("test_record")
    def record(payload, job):
        time.sleep(0.02)  # long enough for the workers' claims to interleave
        with open(sys.argv[2], "a") as out:
            out.write(f"{payload['n']} {os.getpid()}\\n")

    @handler("test_die")
    def die(payload, job):
        os.kill(os.getpid(), signal.SIGKILL)  # as if the power went or the OOM killer came

    config = {"SECRET_KEY": "x", "JOBS_WORKER": "external"}
    if sys.argv[3]:
        config["SQLALCHEMY_DATABASE_URI"] = sys.argv[3]
    app = create_app(config, instance_path=sys.argv[1])
    go = os.path.join(sys.argv[1], "go")
    open(os.path.join(sys.argv[1], f"ready-{os.getpid()}"), "w").close()
    while not os.path.exists(go):  # the test starts every worker at once
        time.sleep(0.01)
    with app.app_context():
        run_until_idle(threads=int(sys.argv[4]))
    print("idle")
""")


def start_workers(app, log_path, count=1, threads=1):
    """Worker processes on the app's database, released together once all have started."""
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    uri = "" if uri.startswith("sqlite") else uri
    instance = app.instance_path
    for leftover in os.listdir(instance):
        if leftover == "go" or leftover.startswith("ready-"):
            os.remove(os.path.join(instance, leftover))
    workers = [subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT, instance, str(log_path), uri, str(threads)],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(count)]
    deadline = time.monotonic() + 60
    while sum(name.startswith("ready-") for name in os.listdir(instance)) < count:
        assert time.monotonic() < deadline and all(w.poll() is None for w in workers), "a worker did not start"
        time.sleep(0.05)
    open(os.path.join(instance, "go"), "w").close()
    return workers


def start_worker(app, log_path):
    return start_workers(app, log_path)[0]


def queue_jobs(app, kind, count):
    with app.app_context():
        for n in range(count):
            enqueue(kind, {"n": n})
        db.session.commit()


def jobs_by_state(app) -> dict[str, int]:
    with app.app_context():
        return dict(db.session.execute(select(Job.state, func.count()).group_by(Job.state)).all())


# -- the queue -----------------------------------------------------------------------------------

def test_queueing_with_a_key_is_idempotent_while_the_job_is_active(app):
    app.config["JOBS_WORKER"] = "external"
    with app.app_context():
        enqueue("extract_text", {"version_id": 7}, key="extract_text:7")
        enqueue("extract_text", {"version_id": 7}, key="extract_text:7")
        enqueue("extract_text", {"version_id": 8}, key="extract_text:8")
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Job)) == 2


def test_a_rolled_back_change_queues_nothing(app):
    app.config["JOBS_WORKER"] = "external"
    with app.app_context():
        enqueue("test_record", {"n": 1})
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Job)) == 0


def competing_workers_run_each_job_exactly_once(app, tmp_path):
    """Two worker processes with two threads each drain 60 jobs; returns the pids that ran them."""
    app.config["JOBS_WORKER"] = "external"
    queue_jobs(app, "test_record", 60)
    log = tmp_path / "ran.log"
    workers = start_workers(app, log, count=2, threads=2)
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0 and out.strip() == "idle", err[-3000:]
    runs = [line.split() for line in log.read_text().splitlines()]
    numbers = sorted(int(n) for n, _pid in runs)
    assert numbers == list(range(60)), "every job ran exactly once"
    assert jobs_by_state(app) == {}  # done jobs are deleted
    return {pid for _n, pid in runs}


def test_two_worker_processes_with_two_threads_each_run_every_job_exactly_once(app, tmp_path):
    assert len(competing_workers_run_each_job_exactly_once(app, tmp_path)) == 2  # both took a share


def test_a_failing_job_is_retried_then_parked_with_its_error_and_can_be_retried(app, runner):
    from kmapp.jobs import HANDLERS
    calls = []

    def flaky(payload, job):
        calls.append(job.attempts)
        raise ValueError("berkas rusak di halaman 3")
    HANDLERS["test_flaky"] = flaky
    try:
        app.config.update(JOBS_WORKER="external", JOBS_RETRY_SECONDS=0)
        queue_jobs(app, "test_flaky", 1)
        with app.app_context():
            report = run_until_idle()
            job = db.session.scalars(select(Job)).one()
            assert calls == [1, 2, 3] and report.jobs_failed == 3
            assert job.state == JobState.PARKED and "ValueError: berkas rusak di halaman 3" in job.last_error
        listing = runner.invoke(args=["jobs"])
        assert "diparkir 1" in listing.output and "berkas rusak di halaman 3" in listing.output
        assert client_health(app)["jobs"] == {"ok": False, "worker": "external", "queued": 0, "running": 0,
                                              "parked": 1}
        assert "Dikembalikan ke antrean: 1" in runner.invoke(args=["jobs", "--retry-all"]).output
        assert jobs_by_state(app) == {"queued": 1}
    finally:
        del HANDLERS["test_flaky"]


def client_health(app):
    return app.test_client().get("/healthz").get_json()


def test_a_job_whose_worker_is_killed_runs_again_and_is_parked_after_the_second_crash(app, tmp_path, runner):
    app.config["JOBS_WORKER"] = "external"
    queue_jobs(app, "test_die", 1)
    log = tmp_path / "ran.log"
    first = start_worker(app, log)
    first.communicate(timeout=60)
    assert first.returncode == -9
    with app.app_context():
        job = db.session.scalars(select(Job)).one()
        assert job.state == JobState.RUNNING and job.attempts == 1 and f":{first.pid}:" in job.claimed_by
    second = start_worker(app, log)  # finds the dead claim, runs the job again: killed again
    second.communicate(timeout=60)
    assert second.returncode == -9
    third = start_worker(app, log)  # finds the second dead claim: parks the job
    out, err = third.communicate(timeout=60)
    assert third.returncode == 0 and out.strip() == "idle", err[-2000:]
    with app.app_context():
        job = db.session.scalars(select(Job)).one()
        assert job.state == JobState.PARKED and job.attempts == 2
        assert "Pekerja berhenti di tengah tugas ini (2 kali" in job.last_error
    assert "diparkir 1" in runner.invoke(args=["jobs"]).output


def test_a_claim_from_another_host_is_recovered_only_after_its_lease(app):
    from datetime import timedelta
    from kmapp.models import utcnow
    app.config["JOBS_WORKER"] = "external"
    queue_jobs(app, "test_record", 1)
    with app.app_context():
        job = db.session.scalars(select(Job)).one()
        job.state, job.attempts, job.claimed_by, job.claimed_at = "running", 1, "other-host:123:abcd", utcnow()
        db.session.commit()
        assert recover_abandoned() == 0  # alive as far as we can tell
        job.claimed_at = utcnow() - timedelta(seconds=app.config["JOBS_LEASE_SECONDS"] + 1)
        db.session.commit()
        assert recover_abandoned() == 1
        assert db.session.get(Job, job.id).state == JobState.QUEUED
        assert claim().attempts == 2


# -- text extraction runs in the worker, never in the request ------------------------------------

def _upload(client, world, title, text):
    response = upload(client, asset_form(world.cop_a, world.meeting_a, title=title), (pdf_bytes(text), "berkas.pdf"))
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_an_upload_only_queues_reading_its_text_and_the_external_worker_reads_it(app, client, act_as, world,
                                                                                 runner, monkeypatch):
    from kmapp.extraction import jobs as extraction_jobs
    readers = []
    real = extraction_jobs.extract_text

    def spy(*args, **kwargs):
        readers.append(threading.current_thread().name)
        return real(*args, **kwargs)
    monkeypatch.setattr(extraction_jobs, "extract_text", spy)
    app.config["JOBS_WORKER"] = "external"
    act_as("lead_a")
    _upload(client, world, "Pedoman Retensi", "Jadwal retensi arsip inaktif.")
    assert readers == []  # the request only queued the work
    with app.app_context():
        version = db.session.scalars(select(AssetFileVersion)).one()
        assert version.extracted_text is None
        jobs = {job.kind: json.loads(job.payload) for job in db.session.scalars(select(Job))}
        # Reading the text, and telling the CoP's people (kmapp/notifications).
        assert jobs == {"extract_text": {"version_id": version.id},
                        "notify.asset": {"asset_id": version.file.asset_id, "actor_id": world.lead_a}}
    result = runner.invoke(args=["worker", "--once"])
    assert result.exit_code == 0 and "Selesai: 2 tugas, 0 gagal" in result.output
    assert len(readers) == 1
    assert total_of(search_page(client, "inaktif").get_data(as_text=True)) == 1  # body text indexed
    assert jobs_by_state(app) == {}


def wait_until_found(client, word, seconds=30):
    deadline = time.monotonic() + seconds
    while total_of(search_page(client, word).get_data(as_text=True)) == 0:
        assert time.monotonic() < deadline, f"{word!r} never became searchable"
        time.sleep(0.1)


def test_the_embedded_worker_reads_a_slow_file_while_the_request_has_long_returned(app, client, act_as, world,
                                                                                  monkeypatch):
    from kmapp.extraction import jobs as extraction_jobs
    real = extraction_jobs.extract_text

    def slow(*args, **kwargs):
        time.sleep(3)  # a crafted PDF that takes the reader a long time
        return real(*args, **kwargs)
    monkeypatch.setattr(extraction_jobs, "extract_text", slow)
    app.config.update(JOBS_WORKER="embedded", JOBS_POLL_SECONDS=0.2)
    act_as("lead_a")
    try:
        started = time.perf_counter()
        _upload(client, world, "Pedoman Penyusutan", "Berita acara pemusnahan arsip.")
        request_seconds = time.perf_counter() - started
        assert request_seconds < 2.5, f"the upload waited for the reader: {request_seconds:.1f} s"
        wait_until_found(client, "penyusutan")  # the title, indexed by the worker's drain
        wait_until_found(client, "pemusnahan")  # the body, once the slow read is done
        print(f"\nupload request {request_seconds * 1000:.0f} ms; body searchable after the slow read")
    finally:
        embedded_worker(app).stop()


def test_reindex_queues_files_never_read_and_indexes_their_text(app, client, act_as, world, runner):
    app.config["JOBS_WORKER"] = "external"
    act_as("lead_a")
    _upload(client, world, "Panduan Kearsipan", "Klasifikasi arsip vital.")
    with app.app_context():
        db.session.execute(db.delete(Job))
        db.session.commit()  # as if an older version of the portal never read the file
    app.config["JOBS_WORKER"] = "inline"
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert total_of(search_page(client, "vital").get_data(as_text=True)) == 1


def test_migration_0006_queues_every_file_version_whose_text_was_never_read(tmp_path):
    from flask_migrate import upgrade

    from kmapp import create_app
    app = create_app({"SECRET_KEY": "x", "JOBS_WORKER": "external"}, instance_path=str(tmp_path / "inst"))
    with app.app_context():
        upgrade(revision="0005")
        statements = [
            "INSERT INTO agency (id, code, name, kind, headcount) VALUES (1, 'A', 'Agency', 'dinas', 1)",
            "INSERT INTO community (id, agency_id, name, theme, description, created_at) "
            "VALUES (1, 1, 'CoP', '', '', '2025-01-01')",
            "INSERT INTO asset (id, community_id, title, summary, asset_type, km_stage, visibility, status, "
            "created_at, updated_at) VALUES (1, 1, 'T', '', 'sop', 'creation', 'all', 'published', "
            "'2025-01-01', '2025-01-01')",
            "INSERT INTO asset_file (id, asset_id, created_at) VALUES (1, 1, '2025-01-01')",
        ]
        for version_id, text in ((1, None), (2, "sudah dibaca")):
            statements.append(
                "INSERT INTO asset_file_version (id, file_id, version_no, original_name, storage_name, content_type, "
                f"size_bytes, sha256, uploaded_at, change_note, extracted_text) VALUES ({version_id}, 1, {version_id}, "
                f"'a.pdf', 's{version_id}', 'application/pdf', 1, 'h', '2025-01-01', '', "
                f"{'NULL' if text is None else repr(text)})")
        for statement in statements:
            db.session.execute(db.text(statement))
        db.session.commit()
        upgrade()
        jobs = db.session.scalars(select(Job)).all()
        assert [(job.kind, job.key, json.loads(job.payload), job.state) for job in jobs] == [
            ("extract_text", "extract_text:1", {"version_id": 1}, "queued")]


@pytest.mark.parametrize("mode", ["sideways", "default"])
def test_an_unknown_worker_mode_is_refused_at_start(tmp_path, mode):
    from kmapp import create_app
    if mode == "default":
        assert create_app({"SECRET_KEY": "x"}, instance_path=str(tmp_path)).config["JOBS_WORKER"] == "embedded"
        return
    with pytest.raises(ValueError, match="JOBS_WORKER"):
        create_app({"SECRET_KEY": "x", "JOBS_WORKER": mode}, instance_path=str(tmp_path))
