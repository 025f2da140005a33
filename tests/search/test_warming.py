"""A generation opened by a process is warmed once, in the background (SEARCH_WARM_UP)."""
import threading
import time

import pytest

from kmapp.search import caches, store, warming
from kmapp.search.rebuild import reindex
from kmapp.search.searching import clear_caches

from ..fixtures_assets import act_as  # noqa: F401  (fixture)
from ..fixtures_assets import asset_form, pdf_bytes, upload
from ..fixtures_search import search_page, total_of

pytestmark = pytest.mark.whoosh_only


def _upload(client, world, title, text):
    response = upload(client, asset_form(world.cop_a, world.meeting_a, title=title), (pdf_bytes(text), "berkas.pdf"))
    assert response.status_code == 302


def _wait_for_warm_up(generation, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = warming.warm_up_state()
        if state.get("generation") == generation and state["status"] != "running":
            return state
        time.sleep(0.05)
    raise AssertionError(f"no finished warm-up of {generation}: {warming.warm_up_state()}")


def test_opening_a_new_generation_warms_it_once_without_blocking(app, client, world, act_as,  # noqa: F811
                                                                  monkeypatch):
    act_as("lead_a")
    _upload(client, world, "Pedoman Kearsipan", "Dokumen yang diarsipkan diberi kode klasifikasi retensi.")
    _upload(client, world, "Laporan Banjir", "Genangan air di wilayah utara selama musim hujan.")
    app.config["SEARCH_WARM_UP"] = True
    with app.app_context():
        generation = reindex().generation
        key = (str(store.index_root()), generation)
    assert warming.warm_ups_started(key) == 0  # built, not opened by this process yet
    clear_caches()
    release, real_warm_up = threading.Event(), warming.warm_up

    def held_warm_up(searcher):  # the warm-up waits until the openers are done
        assert release.wait(10)
        return real_warm_up(searcher)
    monkeypatch.setattr(warming, "warm_up", held_warm_up)

    def open_current_generation():  # what a request's search does first
        with app.app_context():
            store.current_searcher()

    hits_before = caches.cache_stats()["caches"]["postings"]["hits"]  # counted for the process's life
    threads = [threading.Thread(target=open_current_generation) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert warming.warm_up_state()["status"] == "running"  # the openers did not wait for it
    release.set()
    state = _wait_for_warm_up(generation)
    assert state["status"] == "done" and state["terms"] > 5
    assert warming.warm_ups_started(key) == 1  # four threads opened it, one warm-up
    postings = caches.cache_stats()["caches"]["postings"]
    assert postings["entries"] >= state["terms"] and postings["hits"] == hits_before  # ahead of any search
    assert caches.cache_stats()["caches"]["lengths"]["entries"] >= 3
    assert total_of(search_page(client, "banjir").get_data(as_text=True)) == 1
    assert caches.cache_stats()["caches"]["postings"]["hits"] > hits_before  # found body terms warm
    assert warming.warm_ups_started(key) == 1
    assert client.get("/healthz").get_json()["search_caches"]["warm_up"] == state


def test_warm_up_is_off_when_the_setting_says_so(app, client, world, act_as):  # noqa: F811
    assert app.config["SEARCH_WARM_UP"] is False  # the tests' setting; production default is True
    act_as("lead_a")
    _upload(client, world, "Pedoman Kearsipan", "Dokumen yang diarsipkan diberi kode.")
    with app.app_context():
        generation = reindex().generation
        key = (str(store.index_root()), generation)
    assert total_of(search_page(client, "arsip").get_data(as_text=True)) == 1
    assert warming.warm_ups_started(key) == 0
