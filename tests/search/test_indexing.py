"""Keeping the index in step: outbox drain, full rebuild, check, crash repair, concurrency."""
import os
import subprocess
import sys
import textwrap
import time

import pytest
from sqlalchemy import delete as sa_delete, select

from kmapp.extensions import db
from kmapp.models import Asset
from kmapp.search import store
from kmapp.search.rebuild import compare, reindex

from ..fixtures_assets import act_as  # noqa: F401  (fixture)
from ..fixtures_assets import asset_form, pdf_bytes, upload
from ..fixtures_search import indexed_documents, outbox_rows, search_page, total_of


def _upload(client, world, title, text="Isi dokumen.", **fields):
    response = upload(client, asset_form(world.cop_a, world.meeting_a, title=title, **fields),
                      (pdf_bytes(text), "berkas.pdf"))
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _comparable(documents):
    return {asset_id: {k: v for k, v in fields.items() if k != "body_excerpt"} | {
        "excerpt": fields.get("body_excerpt")} for asset_id, fields in documents.items()}


def test_the_demo_finds_a_word_only_inside_a_pdf_in_another_inflection(demo_app):
    """The demo seeded with the inline worker: every file's text extracted and indexed."""
    from kmapp.demo.catalogue import BODY_ONLY_ASSET_TITLE
    from kmapp.demo.seed import DEMO_PASSWORD
    app, client = demo_app, demo_app.test_client()
    assert "pengarsipan" not in BODY_ONLY_ASSET_TITLE.lower()
    response = client.post("/login", data={"login": "pegawai", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    page = search_page(client, "pengarsipan").get_data(as_text=True)
    assert BODY_ONLY_ASSET_TITLE in page and "<mark>diarsipkan</mark>" in page
    assert outbox_rows(app) == 0


@pytest.mark.whoosh_only
def test_incremental_indexing_equals_a_full_reindex(app, client, act_as, world):
    act_as("lead_a")
    first = _upload(client, world, "Panduan Satu", "Kearsipan dinamis.")
    second = _upload(client, world, "Panduan Dua", "Retensi arsip.", visibility="agency")
    _upload(client, world, "Panduan Tiga", "Penyusutan arsip.")
    client.post(f"/assets/{first}/edit", data=asset_form(world.cop_a, world.meeting_a, title="Panduan Satu (revisi)"))
    with app.app_context():
        db.session.get(Asset, second).status = "withdrawn"
        from kmapp.search.queue import mark_stale
        mark_stale(second)
        db.session.commit()
    incremental = indexed_documents(app)
    assert incremental[str(first)]["title"] == "Panduan Satu (revisi)" and str(second) not in incremental
    with app.app_context():
        reindex()
    assert _comparable(indexed_documents(app)) == _comparable(incremental)


@pytest.mark.whoosh_only
def test_a_crash_between_commit_and_indexing_is_found_by_check_and_repaired(app, client, act_as, world, runner):
    act_as("lead_a")
    kept = _upload(client, world, "Aset Lama")
    app.config["JOBS_WORKER"] = "external"  # the process "dies" right after each commit
    lost = _upload(client, world, "Aset Baru Hilang")
    client.post(f"/assets/{kept}/edit", data=asset_form(world.cop_a, world.meeting_a, title="Aset Lama Diubah"))
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert f"hilang dari indeks: #{lost} Aset Baru Hilang" in result.output and f"usang: #{kept}" in result.output
    assert "antrean indeks: 2 baris" in result.output  # the outbox kept both changes
    assert runner.invoke(args=["reindex"]).exit_code == 0
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0 and "Indeks sesuai" in result.output and "antrean indeks: 0 baris" in result.output


@pytest.mark.whoosh_only
def test_the_next_drain_picks_up_rows_a_killed_process_left(app, client, act_as, world, runner):
    act_as("lead_a")
    app.config["JOBS_WORKER"] = "external"
    asset_id = _upload(client, world, "Tertinggal di Antrean")
    assert outbox_rows(app) == 1
    result = runner.invoke(args=["search-drain"])
    assert result.exit_code == 0 and "Diindeks 1" in result.output and outbox_rows(app) == 0
    assert str(asset_id) in indexed_documents(app)


@pytest.mark.whoosh_only
def test_an_indexing_failure_keeps_the_upload_and_the_outbox_row(app, client, act_as, world, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr("kmapp.search.indexing.update_documents", broken)
    act_as("lead_a")
    asset_id = _upload(client, world, "Tetap Tersimpan")
    # Both rows stay: the upload's and the one the text extraction job added afterwards.
    assert client.get(f"/assets/{asset_id}").status_code == 200 and outbox_rows(app) == 2


@pytest.mark.whoosh_only
def test_reindex_switches_generation_keeps_the_previous_and_old_searchers_keep_answering(app, client, act_as, world):
    act_as("lead_a")
    _upload(client, world, "Pedoman Retensi", "Jadwal retensi arsip.")
    with app.app_context():
        before = store.current_generation()
        old_searcher = store.index_of(before).searcher()
        report = reindex()
        assert store.current_generation() == report.generation != before
        assert store.generations() == sorted([before, report.generation])
        assert old_searcher.doc_count() == 1  # a search in flight still reads the old generation
        old_searcher.close()
        third = reindex()
        assert store.generations() == sorted([report.generation, third.generation])
    assert total_of(search_page(client, "retensi").get_data(as_text=True)) == 1


@pytest.mark.whoosh_only
def test_a_row_queued_while_a_slower_drain_indexes_is_not_deleted_with_its_rows(app, client, act_as, world,
                                                                                 monkeypatch):
    """Two processes may drain the same rows: the faster one indexes them and empties the outbox,
    then a new asset's row arrives before the slower one deletes what it read (by id). SQLite
    used to hand the new row the emptied table's id again, and that asset was never indexed."""
    from kmapp.database import write_transaction
    from kmapp.models import SearchOutbox
    from kmapp.search import indexing
    from kmapp.search.queue import mark_stale
    act_as("lead_a")
    app.config["JOBS_WORKER"] = "external"
    _upload(client, world, "Aset Pertama")
    load_with_texts, queued = indexing.load_with_texts, []

    def the_other_process_meanwhile(asset_ids):
        if not queued:
            with write_transaction() as session:
                session.execute(sa_delete(SearchOutbox))  # the faster drain's rows, done
                asset = Asset(community_id=world.cop_a, title="Aset Kedua", summary="ringkasan",
                              asset_type="sop", km_stage="creation")
                session.add(asset)
                session.flush()
                mark_stale(asset.id)
                queued.append(asset.id)
        return load_with_texts(asset_ids)

    monkeypatch.setattr(indexing, "load_with_texts", the_other_process_meanwhile)
    with app.app_context():
        indexing.drain_outbox()
        assert compare().in_step
    assert str(queued[0]) in indexed_documents(app) and outbox_rows(app) == 0


WRITER = textwrap.dedent("""
    import sys
    from kmapp import create_app
    from kmapp.extensions import db
    from kmapp.models import Asset, Community
    from kmapp.search.queue import mark_stale

    app = create_app({"SECRET_KEY": "x"}, instance_path=sys.argv[1])
    with app.app_context():
        community = db.session.query(Community).first()
        for i in range(int(sys.argv[3])):
            asset = Asset(community=community, title=f"Aset {sys.argv[2]} {i}", summary="ringkasan koordinasi",
                          asset_type="sop", km_stage="creation")
            db.session.add(asset)
            db.session.flush()
            mark_stale(asset.id)
            db.session.commit()
    print("done")
""")


@pytest.mark.whoosh_only
def test_two_processes_writing_assets_at_once_never_see_a_lock_error_and_both_are_indexed(app, world):
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    workers = [subprocess.Popen([sys.executable, "-c", WRITER, app.instance_path, name, "25"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0 and "Error" not in err and "locked" not in err, err[-2000:]
        assert out.strip() == "done"
    assert outbox_rows(app) == 0
    with app.app_context():
        assert compare().in_step
    assert len(indexed_documents(app)) == 50


def test_upload_to_searchable_takes_under_a_second(app, client, act_as, world):
    act_as("lead_a")
    _upload(client, world, "Pemanasan")  # the first extraction starts the fork server
    started = time.perf_counter()
    _upload(client, world, "Pedoman Kearsipan Terbaru", "Dokumen yang diarsipkan diberi kode.")
    found = total_of(search_page(client, "pengarsipan").get_data(as_text=True))
    elapsed = time.perf_counter() - started
    print(f"\nupload (commit + extraction + index) to searchable: {elapsed * 1000:.0f} ms")
    assert found == 1 and elapsed < 1.0


@pytest.mark.whoosh_only
def test_healthz_reports_the_current_generation_and_the_outbox_backlog(app, client, act_as, world):
    act_as("lead_a")
    _upload(client, world, "Satu")
    app.config["JOBS_WORKER"] = "external"
    _upload(client, world, "Dua")
    state = client.get("/healthz").get_json()["search_index"]
    with app.app_context():
        assert state == {"ok": True, "generation": store.current_generation(), "documents": 1, "outbox_backlog": 1}


@pytest.mark.whoosh_only
def test_a_narrowed_asset_is_never_shown_even_while_the_index_still_holds_it(app, client, act_as, world):
    act_as("lead_a")
    asset_id = _upload(client, world, "Kajian Anggaran Rahasia", "Rincian anggaran.")
    _upload(client, world, "Kajian Anggaran Terbuka", "Ringkasan anggaran.")
    app.config["JOBS_WORKER"] = "external"  # the index keeps the old state: nothing drains
    response = client.post(f"/assets/{asset_id}/edit", data=asset_form(
        world.cop_a, world.meeting_a, title="Kajian Anggaran Rahasia", visibility="community"))
    assert response.status_code == 302
    assert indexed_documents(app)[str(asset_id)]["visibility"] == "all"  # stale on purpose
    act_as("employee")  # another agency, not in the CoP
    page = search_page(client, "anggaran").get_data(as_text=True)
    assert "Rahasia" not in page and "Kajian Anggaran Terbuka" in page and total_of(page) == 1
    htmx = search_page(client, "rahasia", htmx=True).get_data(as_text=True)
    assert "Rahasia" not in htmx


@pytest.mark.whoosh_only
def test_narrowed_visibility_leaves_the_index_before_everything_else_waiting(app, client, act_as, world):
    from kmapp.search.indexing import DrainReport, _drain_batch
    act_as("lead_a")
    asset_id = _upload(client, world, "Kajian Tata Kelola", "Isi kajian.")
    app.config["JOBS_WORKER"] = "external"
    for n in range(5):
        _upload(client, world, f"Aset Antre {n}", "Isi.")
    client.post(f"/assets/{asset_id}/edit", data=asset_form(world.cop_a, world.meeting_a, title="Kajian Tata Kelola",
                                                          visibility="community"))
    with app.app_context():
        _drain_batch(1, DrainReport())  # one row only: it must be the narrowing
    assert indexed_documents(app)[str(asset_id)]["visibility"] == "community"
    assert outbox_rows(app) == 5
