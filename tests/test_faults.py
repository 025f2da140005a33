"""Faults the portal must survive with a clear answer: a full upload disk, a database held by
another process. (kill -9 rounds live in bench/reliability/faults.py; a short run is below.)"""
import errno
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kmapp import create_app
from kmapp.extensions import db
from kmapp.models import Asset

from .conftest import World
from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .fixtures_assets import asset_form, pdf_bytes, stored_files, upload
from .fixtures_hostile import upload_with_name

FULL_DISK_MESSAGE = "Ruang penyimpanan server penuh"


def _assets(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Asset))


def test_a_full_disk_refuses_the_upload_clearly_keeps_the_form_and_leaves_nothing(app, client, act_as, world,
                                                                                  monkeypatch):
    import kmapp.files.storage as storage
    real_open = open

    def full_disk_open(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        if str(path).endswith(".part"):
            def no_space(_data):
                raise OSError(errno.ENOSPC, "No space left on device")
            handle.write = no_space
        return handle
    monkeypatch.setattr(storage, "open", full_disk_open, raising=False)
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a, world.meeting_a, title="Judul Tetap Ada"),
                      (pdf_bytes(), "sop.pdf"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and FULL_DISK_MESSAGE in page and "Judul Tetap Ada" in page
    assert _assets(app) == 0 and stored_files(app) == []


@pytest.fixture
def tiny_upload_disk(tmp_path):
    """A real 1 MB tmpfs as the upload folder (needs root; skipped where mounting is not allowed)."""
    mount_point = tmp_path / "uploads"
    mount_point.mkdir()
    if shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


def test_a_real_full_disk_during_an_upload(app, client, act_as, world, tiny_upload_disk):
    app.config["UPLOAD_DIR"] = str(tiny_upload_disk)
    act_as("lead_a")
    big = pdf_bytes("isi " * 10) + b"%" + b"x" * (2 * 1024 * 1024)  # 2 MB: larger than the disk
    # The body is built as bytes: the test client would spool a large one to a file it never closes.
    response = upload_with_name(client, asset_form(world.cop_a, world.meeting_a), big, "besar.pdf")
    assert response.status_code == 422 and FULL_DISK_MESSAGE in response.get_data(as_text=True)
    assert [p for p in Path(tiny_upload_disk).rglob("*") if p.is_file()] == []  # no .part left behind
    response = upload(client, asset_form(world.cop_a, world.meeting_a, title="Kecil"), (pdf_bytes(), "kecil.pdf"))
    assert response.status_code == 302  # the portal keeps serving once there is room


@pytest.fixture
def impatient_app(tmp_path):
    """The app with a short busy timeout, so a held write lock shows within a second."""
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False, "JOBS_WORKER": "inline",
                      "SQLITE_BUSY_TIMEOUT_MS": 300}, instance_path=str(tmp_path / "instance"))
    with app.app_context():
        db.create_all()
        ids = {name: value.id for name, value in vars(World()).items()}
    yield app, type("Ids", (), ids)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_database_locked_by_another_process_refuses_writes_clearly_and_keeps_serving_reads(impatient_app):
    from .fixtures_assets import act_as as _unused  # noqa: F401
    from kmapp.auth.sessions import start_session
    from kmapp.models import User
    app, world = impatient_app
    client = app.test_client()
    with app.test_request_context():
        token = start_session(db.session.get(User, world.lead_a))
        db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = token, True
    database = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        response = client.post(f"/meetings/{world.meeting_a}/edit", data={"topic": "Tidak tersimpan"})
        page = response.get_data(as_text=True)
        assert response.status_code == 503 and response.headers["Retry-After"] == "30"
        assert "Perubahan Anda belum tersimpan" in page
        assert client.get(f"/meetings/{world.meeting_a}").status_code == 200  # readers keep working
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    response = client.post(f"/meetings/{world.meeting_a}/edit", data={"topic": "Tersimpan"})
    assert response.status_code in (200, 302, 422)  # the lock is gone: the form is handled again
