"""What only the PostgreSQL backend promises: it is chosen by a setting and refused where it
cannot run; index rows are written in the transaction of the change (a visibility change is
effective the moment it commits, a rolled-back change leaves no trace); body text read later
by the extraction job arrives in its own transaction; check and reindex work on the table.
(Everything both backends promise runs on both: the other modules of tests/search.)"""
import pytest
import sqlalchemy as sa

from kmapp import create_app
from kmapp.extensions import db
from kmapp.models import Asset
from kmapp.search.backends import SearchBackendUnavailable

from ..fixtures_assets import act_as  # noqa: F401  (fixture)
from ..fixtures_assets import asset_form, pdf_bytes, upload
from ..fixtures_search import search_page, total_of
from ..postgres_schema import URL

needs_postgres = pytest.mark.skipif(not URL, reason="TEST_DATABASE_URL is not set")


def test_postgres_backend_is_refused_on_sqlite_with_a_clear_message(tmp_path):
    with pytest.raises(SearchBackendUnavailable, match="needs the portal's database on PostgreSQL"):
        create_app({"TESTING": True, "SECRET_KEY": "t", "SEARCH_BACKEND": "postgres"},
                   instance_path=str(tmp_path / "instance"))
    with pytest.raises(SearchBackendUnavailable, match="is not a search backend"):
        create_app({"TESTING": True, "SECRET_KEY": "t", "SEARCH_BACKEND": "elastic"},
                   instance_path=str(tmp_path / "instance"))


def _upload(client, world, title, text="Isi dokumen.", **fields):
    response = upload(client, asset_form(world.cop_a, world.meeting_a, title=title, **fields),
                      (pdf_bytes(text), "berkas.pdf"))
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _row(app, asset_id):
    from kmapp.search.postgres.tables import search_document
    with app.app_context():
        return db.session.execute(sa.select(search_document).where(
            search_document.c.asset_id == str(asset_id))).mappings().first()


@needs_postgres
@pytest.mark.postgres_only
def test_a_visibility_change_is_in_the_index_when_it_commits_and_a_rollback_leaves_none(
        app, client, act_as, world, search_backend):
    act_as("lead_a")
    asset_id = _upload(client, world, "Kajian Anggaran Rahasia", "Rincian anggaran.")
    app.config["JOBS_WORKER"] = "external"  # no worker runs: only the transaction can write the row
    client.post(f"/assets/{asset_id}/edit", data=asset_form(world.cop_a, world.meeting_a,
                                                            title="Kajian Anggaran Rahasia", visibility="community"))
    assert _row(app, asset_id)["visibility"] == "community"
    act_as("employee")
    assert total_of(search_page(client, "anggaran").get_data(as_text=True)) == 0
    with app.app_context():
        from kmapp.search.queue import mark_stale
        asset = db.session.get(Asset, asset_id)
        asset.visibility = "all"
        mark_stale(asset_id)
        db.session.rollback()
        assert db.session.get(Asset, asset_id).visibility == "community"
    assert _row(app, asset_id)["visibility"] == "community"


@needs_postgres
@pytest.mark.postgres_only
def test_body_text_arrives_later_from_the_extraction_job_and_a_metadata_edit_keeps_it(
        app, client, act_as, world, search_backend):
    from kmapp.jobs.worker import run_until_idle
    act_as("lead_a")
    app.config["JOBS_WORKER"] = "external"
    asset_id = _upload(client, world, "Pedoman Baru", "Dokumen yang diarsipkan diberi kode.")
    assert total_of(search_page(client, "pedoman").get_data(as_text=True)) == 1  # at once, without its text
    assert total_of(search_page(client, "pengarsipan").get_data(as_text=True)) == 0
    with app.app_context():
        run_until_idle()
    page = search_page(client, "pengarsipan").get_data(as_text=True)
    assert total_of(page) == 1 and "<mark>diarsipkan</mark>" in page
    body_key = _row(app, asset_id)["body_key"]
    client.post(f"/assets/{asset_id}/edit", data=asset_form(world.cop_a, world.meeting_a, title="Pedoman Revisi"))
    assert _row(app, asset_id)["body_key"] == body_key and _row(app, asset_id)["title"] == "Pedoman Revisi"
    assert total_of(search_page(client, "pengarsipan revisi").get_data(as_text=True)) == 1


@needs_postgres
@pytest.mark.postgres_only
def test_check_finds_a_stale_row_and_reindex_repairs_it(app, client, act_as, world, runner, search_backend):
    act_as("lead_a")
    asset_id = _upload(client, world, "Panduan Satu", "Kearsipan dinamis.")
    _upload(client, world, "Panduan Dua", "Retensi arsip.")
    assert "Indeks sesuai dengan basis data." in runner.invoke(args=["check"]).output
    with app.app_context():  # a change written behind the portal's back: no mark_stale
        db.session.execute(sa.update(Asset).where(Asset.id == asset_id).values(title="Diubah diam-diam"))
        db.session.commit()
    result = runner.invoke(args=["check"])
    assert f"usang: #{asset_id}" in result.output and result.exit_code == 1
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0 and "2 aset" in result.output
    assert "Indeks sesuai dengan basis data." in runner.invoke(args=["check"]).output
    assert total_of(search_page(client, "diam").get_data(as_text=True)) == 1
    health = client.get("/healthz").get_json()["search_index"]
    assert health == {"ok": True, "backend": "postgres", "documents": 2, "outbox_backlog": 0}


def _retitle(app, asset_id, title):
    """An edit as the asset form makes it (the row written before commit), giving up on a lock
    after 5 s instead of hanging the test."""
    from kmapp.search.queue import mark_stale
    with app.app_context():
        db.session.execute(sa.text("SET LOCAL lock_timeout = '5s'"))
        db.session.get(Asset, asset_id).title = title
        mark_stale(asset_id)
        db.session.commit()


@needs_postgres
@pytest.mark.postgres_only
def test_edits_during_a_reindex_do_not_wait_for_it_and_are_not_lost(
        app, client, act_as, world, runner, search_backend, monkeypatch):
    import threading

    from kmapp.search import indexing
    from kmapp.search.postgres.syncing import reindex
    act_as("lead_a")
    first = _upload(client, world, "Panduan Pertama", "Isi pertama.")
    second = _upload(client, world, "Panduan Kedua", "Isi kedua.")
    paused, resume, outcome = threading.Event(), threading.Event(), {}
    real_load = indexing.load_with_texts

    def load(asset_ids):
        if second in asset_ids:  # the second batch holds its row now
            paused.set()
            resume.wait(30)
        return real_load(asset_ids)

    def rebuild():
        with app.app_context():
            outcome["report"] = reindex(batch=1)

    monkeypatch.setattr(indexing, "load_with_texts", load)
    builder = threading.Thread(target=rebuild)
    builder.start()
    try:
        assert paused.wait(30)
        _retitle(app, first, "Panduan Pertama Diubah")  # its batch is done: not held up by the rest
        waiting = threading.Thread(target=_retitle, args=(app, second, "Panduan Kedua Diubah"))
        waiting.start()
        waiting.join(1)
        assert waiting.is_alive()  # the row being rewritten: waits for that batch alone
    finally:
        resume.set()
        builder.join(30)
    waiting.join(30)
    assert outcome["report"].documents == 2
    assert (_row(app, first)["title"], _row(app, second)["title"]) == ("Panduan Pertama Diubah", "Panduan Kedua Diubah")
    assert runner.invoke(args=["check"]).exit_code == 0


@needs_postgres
@pytest.mark.postgres_only
def test_reindex_rewrites_every_body_and_removes_the_rows_of_assets_no_longer_published(
        app, client, act_as, world, runner, search_backend):
    from kmapp.search.postgres.tables import search_document
    act_as("lead_a")
    kept = _upload(client, world, "Panduan Tetap", "Pemeliharaan jaringan irigasi.")
    withdrawn = _upload(client, world, "Panduan Ditarik", "Isi ditarik.")
    with app.app_context():  # behind the portal's back: the row stays; a body vector lost, its key kept
        db.session.execute(sa.update(Asset).where(Asset.id == withdrawn).values(status="withdrawn"))
        db.session.execute(sa.update(search_document).where(search_document.c.asset_id == str(kept)).values(
            vector=sa.func.ts_filter(search_document.c.vector, sa.literal_column("'{a,b,c}'::\"char\"[]"))))
        db.session.commit()
    assert total_of(search_page(client, "irigasi").get_data(as_text=True)) == 0
    assert f"tidak ada di basis data: #{withdrawn}" in runner.invoke(args=["check"]).output
    assert "1 aset" in runner.invoke(args=["reindex"]).output
    assert _row(app, withdrawn) is None and _row(app, kept)["title"] == "Panduan Tetap"
    assert total_of(search_page(client, "irigasi").get_data(as_text=True)) == 1
    assert runner.invoke(args=["check"]).exit_code == 0
