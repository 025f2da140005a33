"""`flask move-to-postgres`: a small real portal on SQLite moved into a PostgreSQL schema of its
own, then run there through the real app (sign-in, new rows of every kind, search, `check`).

The full seeded demo is moved by bench/move_bench.py (it takes longer than a test should).
"""
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from kmapp import create_app
from kmapp.config import normalise_database_url
from kmapp.extensions import db
from kmapp.models import Asset, AssetFileVersion, Meeting, User
from kmapp.moving.target import tables_with_rows

from .conftest import PASSWORD, make_test_app, sign_in
from .fixtures_assets import asset_form, pdf_bytes, upload
from .fixtures_communities import meeting_fields
from .postgres_schema import fresh_schema
from .test_postgres import pytestmark  # noqa: F401  (skipped without TEST_DATABASE_URL)

NO_MEETING_RULE = {"ASSET_MEETING_REQUIRED_FROM": date(2999, 1, 1), "OCR_ENABLED": False}


@pytest.fixture
def source(tmp_path):
    """A portal on SQLite: the world, an asset uploaded through the app (a stored file with its
    SHA-256), a supervisor pointing forward in its own table, a false boolean, a NUL in a text."""
    from .conftest import World

    app = make_test_app(tmp_path / "source", **NO_MEETING_RULE)
    with app.app_context():
        world = World()
        world.lead_a.supervisor_id = world.assessor.id  # a later row of the same table
        world.assessor.supervisor_id = world.admin.id
        world.facilitator.active = False
        db.session.commit()
        cop, meeting = world.cop_a.id, world.meeting_a.id
    client = app.test_client()
    assert sign_in(client, "lead.a").status_code == 302
    response = upload(client, asset_form(cop, meeting, title="SOP Rujukan Puskesmas"),
                      (pdf_bytes("Rujukan pasien gawat darurat"), "rujukan.pdf"))
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        db.session.execute(sa.update(AssetFileVersion).values(extraction_warning="halaman\x00rusak"))
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def target():
    with fresh_schema() as url:
        yield url


def move(app, url, uploads=None):
    args = ["move-to-postgres", "--target", url, "--batch", "3"]  # several batches per table
    return app.test_cli_runner().invoke(args=args + (["--uploads-target", str(uploads)] if uploads else []))


def moved_app(url, tmp_path, uploads):
    return create_app({"TESTING": True, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False, "JOBS_WORKER": "inline",
                       "SQLALCHEMY_DATABASE_URI": url, "SEARCH_BACKEND": "postgres", "UPLOAD_DIR": str(uploads),
                       **NO_MEETING_RULE}, instance_path=str(tmp_path / "moved"))


def counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {t.name: connection.scalar(sa.select(sa.func.count()).select_from(t)) for t in db.metadata.sorted_tables}


def test_a_moved_portal_runs_on_postgresql(source, target, tmp_path):
    uploads = tmp_path / "shared-uploads"
    result = move(source, target, uploads)
    assert result.exit_code == 0, result.output
    assert "jumlah baris cocok" in result.output and "1 dicocokkan dengan SHA-256" in result.output
    with source.app_context():
        before = counts(db.engine)
        old_max = {model: db.session.scalar(sa.select(sa.func.max(model.id))) for model in (User, Meeting, Asset)}
    app = moved_app(target, tmp_path, uploads)
    with app.app_context():
        assert counts(db.engine) == before and before["asset_file_version"] == 1
        head = ScriptDirectory(app.extensions["migrate"].directory).get_current_head()
        assert db.session.scalar(sa.text("SELECT version_num FROM alembic_version")) == head
        people = {u.username: u for u in db.session.scalars(sa.select(User))}
        assert people["lead.a"].supervisor_id == people["juri"].id > people["lead.a"].id
        assert people["juri"].supervisor_id == people["admin"].id
        assert people["fasilitator"].active is False and people["admin"].active is True
        version = db.session.scalars(sa.select(AssetFileVersion)).one()
        assert version.extraction_warning == "halamanrusak"
        assert "Rujukan pasien" in version.extracted_text
        cop_id, meeting_id = db.session.execute(sa.select(Meeting.community_id, Meeting.id).limit(1)).one()

    runner = app.test_cli_runner()
    created = runner.invoke(args=["create-user", "--login", "pegawai.baru", "--name", "Pegawai Baru",
                                  "--password", "sandi-baru-123"])
    assert created.exit_code == 0, created.output
    client = app.test_client()
    assert sign_in(client, "pegawai.baru", "sandi-baru-123").status_code == 302
    client = app.test_client()
    assert sign_in(client, "lead.a", PASSWORD).status_code == 302
    with client.get(f"/assets/{_asset_id(app)}/files/{version.id}/download") as download:
        assert download.data.startswith(b"%PDF")  # the copied file, from the shared folder
    assert "SOP Rujukan Puskesmas" in client.get("/search?q=rujukan").get_data(as_text=True)
    assert client.post(f"/cops/{cop_id}/meetings/new", data=meeting_fields(topic="Rapat sesudah pindah")
                       ).status_code == 302
    response = upload(client, asset_form(cop_id, meeting_id, title="Panduan Sesudah Pindah"),
                      (pdf_bytes("Panduan baru"), "baru.pdf"))
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        for model, name in ((User, "Pegawai Baru"), (Meeting, "Rapat sesudah pindah"),
                            (Asset, "Panduan Sesudah Pindah")):
            column = {User: User.name, Meeting: Meeting.topic, Asset: Asset.title}[model]
            assert db.session.scalar(sa.select(model.id).where(column == name)) > old_max[model]
    assert "Panduan Sesudah Pindah" in client.get("/search?q=panduan").get_data(as_text=True)

    check = runner.invoke(args=["check"])
    assert check.exit_code == 0, check.output
    assert "Indeks sesuai dengan basis data." in check.output and "Berkas sesuai dengan basis data." in check.output

    again = move(source, target, tmp_path / "other-uploads")
    assert again.exit_code != 0 and "tidak kosong" in again.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Asset)) == before["asset"] + 1
        db.session.remove()
        db.engine.dispose()


def _asset_id(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Asset.id).where(Asset.title == "SOP Rujukan Puskesmas"))


def test_a_failed_move_leaves_no_rows_and_runs_again(source, target, tmp_path, monkeypatch):
    from kmapp.moving import move as moving

    real = moving.copy_table

    def failing(source_connection, target_connection, table, batch):
        if table.name == "asset":
            raise RuntimeError("koneksi terputus")
        return real(source_connection, target_connection, table, batch)

    monkeypatch.setattr(moving, "copy_table", failing)
    failed = move(source, target)
    assert failed.exit_code != 0 and "koneksi terputus" in str(failed.exception)
    engine = sa.create_engine(normalise_database_url(target))
    try:
        with engine.connect() as connection:
            assert tables_with_rows(connection) == []  # the schema is there, without a row
            assert "user" in sa.inspect(connection).get_table_names()
        monkeypatch.setattr(moving, "copy_table", real)
        assert move(source, target).exit_code == 0
        with source.app_context():
            assert counts(engine) == counts(db.engine)
    finally:
        engine.dispose()


def test_an_upload_that_does_not_verify_stops_the_move_before_the_database(source, target, tmp_path):
    with source.app_context():
        stored = db.session.scalar(sa.select(AssetFileVersion.storage_name))
    damaged = next(Path(source.config["UPLOAD_DIR"]).rglob(stored))
    damaged.write_bytes(b"%PDF-rusak" + damaged.read_bytes()[10:])  # same size, other content
    result = move(source, target, tmp_path / "shared-uploads")
    assert result.exit_code != 0 and "tidak cocok" in result.output and stored in result.output
    engine = sa.create_engine(normalise_database_url(target))
    with engine.connect() as connection:
        assert sa.inspect(connection).get_table_names() == []
    engine.dispose()


def test_only_a_postgresql_target_is_accepted(source, tmp_path):
    result = move(source, f"sqlite:///{tmp_path / 'other.db'}")
    assert result.exit_code != 0 and "PostgreSQL" in result.output


def test_a_source_behind_the_migrations_is_upgraded_first(source, target):
    with source.app_context():
        db.session.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        db.session.execute(sa.text("INSERT INTO alembic_version VALUES ('0019')"))
        db.session.commit()
    result = move(source, target)
    assert result.exit_code != 0 and "init-db" in result.output
    engine = sa.create_engine(normalise_database_url(target))
    with engine.connect() as connection:
        assert sa.inspect(connection).get_table_names() == []
    engine.dispose()
