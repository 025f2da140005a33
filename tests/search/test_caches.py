"""The search caches: one memory budget, hits and misses counted, visible in /healthz and
`flask search-cache-stats`."""
import threading

import pytest
from werkzeug.serving import make_server

from kmapp.search import caches
from kmapp.search.searching import clear_caches, search
from kmapp.search.visibility import Viewer

from ..fixtures_assets import act_as  # noqa: F401  (fixture)
from ..fixtures_assets import asset_form, pdf_bytes, upload
from ..fixtures_search import search_page, total_of
from .conftest import build_index

pytestmark = pytest.mark.whoosh_only

WORDS = [f"kata{letter}{other}" for letter in "abcdefgh" for other in "klmnopq"]  # 56 words


def _assets():
    return [{"asset_id": f"d{number}", "title": f"Judul {WORDS[number % len(WORDS)]}",
             "summary": f"ringkasan {WORDS[(number * 3) % len(WORDS)]}",
             "body": " ".join(WORDS[(number + step) % len(WORDS)] for step in range(0, 30, 3)),
             "visibility": "all", "agency": f"AG{number % 4}", "asset_type": "pedoman", "year": 2024}
            for number in range(120)]


@pytest.fixture
def budget():
    """Sets this process's budget for one test, then puts the default back."""
    clear_caches()
    yield caches.set_memory_budget
    caches.set_memory_budget(caches.DEFAULT_MEMORY_MB)
    clear_caches()


def _stats(name):
    return caches.cache_stats()["caches"][name]


def test_the_caches_stay_within_the_budget_however_much_is_searched(tmp_path, budget):
    index = build_index(tmp_path / "index", _assets())
    budget(0.03)
    with index.searcher() as searcher:
        for word in WORDS:
            page = search(searcher, f'{word} "judul {word}"', visible_to=Viewer(agency_code="AG1"))
            assert page.total >= 1
    stats = caches.cache_stats()
    for name, cache in stats["caches"].items():
        assert cache["bytes"] <= cache["max_bytes"], name
        assert cache["max_bytes"] == int(caches.SHARES[name] * int(0.03 * caches.MB))
    assert 0 < stats["used_bytes"] <= stats["budget_bytes"] == int(0.03 * caches.MB)
    assert _stats("postings")["evictions"] > 0  # really filled beyond its share
    assert _stats("phrases")["evictions"] > 0
    budget(0.01)  # shrinking evicts at once
    stats = caches.cache_stats()
    assert stats["used_bytes"] <= int(0.01 * caches.MB)
    assert all(cache["bytes"] <= cache["max_bytes"] for cache in stats["caches"].values())
    index.close()


def test_the_shares_cover_the_budget_and_an_entry_larger_than_its_share_is_not_kept(budget):
    assert sum(caches.SHARES.values()) == pytest.approx(1.0)
    budget(0.01)  # 0.01 MB: phrases may hold 524 bytes
    phrases = caches.budgeted_cache("phrases", None)
    assert phrases.put(("huge",), 1 << 10_000) is False and phrases.get(("huge",)) is None
    assert phrases.put(("small",), 5) is True and phrases.get(("small",)) == 5


def test_hits_and_misses_are_counted(tmp_path, budget):
    index = build_index(tmp_path / "index", _assets())
    viewer = Viewer(agency_code="AG2")
    with index.searcher() as searcher:
        before = _stats("postings")
        first = search(searcher, WORDS[5], visible_to=viewer)
        after_first = _stats("postings")
        second = search(searcher, WORDS[5], visible_to=viewer)
        after_second = _stats("postings")
    assert first.total == second.total > 0
    assert after_first["misses"] > before["misses"] and after_first["entries"] > 0
    assert after_second["misses"] == after_first["misses"]  # nothing read again...
    assert after_second["hits"] > after_first["hits"]  # ...all found in the cache
    assert 0 < after_second["hit_rate"] < 1
    assert _stats("facets")["hits"] >= 1 and _stats("live_docs")["hits"] >= 1
    index.close()


def _upload_and_search(app, client, world, act_as):  # noqa: F811
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a, world.meeting_a, title="Pedoman Kearsipan"),
                      (pdf_bytes("Dokumen yang diarsipkan diberi kode."), "berkas.pdf"))
    assert response.status_code == 302
    clear_caches()
    for _ in range(2):
        assert total_of(search_page(client, "arsip").get_data(as_text=True)) == 1


def test_healthz_shows_every_cache_with_its_hit_rate(app, client, world, act_as, budget):  # noqa: F811
    _upload_and_search(app, client, world, act_as)
    shown = client.get("/healthz").get_json()["search_caches"]
    assert shown["budget_bytes"] == app.config["SEARCH_CACHE_MEMORY_MB"] * caches.MB
    assert set(shown["caches"]) == set(caches.SHARES)
    postings = shown["caches"]["postings"]
    assert postings["hits"] > 0 and postings["misses"] > 0 and 0 < postings["hit_rate"] < 1
    assert postings["bytes"] > 0 and postings["entries"] > 0
    assert shown["stem_caches"]["stem_word"]["misses"] > 0


def test_the_command_prints_what_the_running_server_holds(app, client, world, act_as, budget):  # noqa: F811
    _upload_and_search(app, client, world, act_as)
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = app.test_cli_runner().invoke(
            args=["search-cache-stats", "--url", f"http://127.0.0.1:{server.server_port}"])
    finally:
        server.shutdown()
        thread.join()
    assert result.exit_code == 0, result.output
    postings = _stats("postings")
    line = next(line for line in result.output.splitlines() if line.startswith("postings"))
    assert line.split()[1:3] == [f"{caches.SHARES['postings'] * 100:.0f}%", str(postings["entries"])]
    assert f"{postings['hits']:>10}{postings['misses']:>10}" in line
    assert f"anggaran cache pencarian {caches.DEFAULT_MEMORY_MB} MB" in result.output


def test_the_command_says_when_no_server_answers(app):
    result = app.test_cli_runner().invoke(args=["search-cache-stats", "--url", "http://127.0.0.1:9"])
    assert result.exit_code != 0 and "Tidak dapat membaca http://127.0.0.1:9/healthz" in result.output


PHRASE_ASSETS = [
    {"asset_id": "open", "title": "Pedoman umum", "body": "Setiap berkas diberi kode klasifikasi arsip.",
     "visibility": "all", "agency": "AG1", "cop": 1},
    {"asset_id": "cop7", "title": "Catatan komunitas", "body": "Kode klasifikasi komunitas tujuh.",
     "visibility": "community", "agency": "AG9", "cop": 7},
    {"asset_id": "ag9", "title": "Laporan dinas", "body": "Daftar kode klasifikasi milik dinas sembilan.",
     "visibility": "agency", "agency": "AG9", "cop": 8},
    {"asset_id": "apart", "title": "Kode etik", "body": "Kode etik pegawai; klasifikasi jabatan terpisah.",
     "visibility": "all", "agency": "AG1", "cop": 1},
]


def _phrase_hits(searcher, viewer):
    page = search(searcher, '"kode klasifikasi"', visible_to=viewer)
    assert page.total == len(page.hits)
    return {hit.asset_id for hit in page.hits}


def test_viewers_share_one_phrase_entry_and_each_sees_only_their_own(tmp_path, budget):
    index = build_index(tmp_path / "index", PHRASE_ASSETS)
    outsider = Viewer(agency_code="AG1")
    insider = Viewer(agency_code="AG9", community_ids=frozenset({7}))
    before = _stats("phrases")  # the counters run for the process's life
    with index.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 1
        assert _phrase_hits(searcher, outsider) == {"open"}
        first = _stats("phrases")
        assert first["entries"] == 1 and first["misses"] == before["misses"] + 1
        assert _phrase_hits(searcher, insider) == {"open", "cop7", "ag9"}
        second = _stats("phrases")
        assert second["entries"] == 1 and second["misses"] == first["misses"]
        assert second["hits"] == first["hits"] + 1
        assert _phrase_hits(searcher, outsider) == {"open"}  # the shared entry widened nothing
        assert _phrase_hits(searcher, Viewer(is_admin=True)) == {"open", "cop7", "ag9"}
        assert _phrase_hits(searcher, Viewer(community_ids=frozenset({7}))) == {"open", "cop7"}
    assert _stats("phrases")["entries"] == 1 and _stats("phrases")["misses"] == first["misses"]
    index.close()
