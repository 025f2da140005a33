"""Champion lists keep the exact BM25F top 10, and long documents score as Whoosh scores them.

The 20,000-asset version of the first check is bench/champions_bench.py (not in the suite).
"""
import pytest
from whoosh import query as wq

from bench.champions_bench import GOAL_KEPT, GOAL_SHARE, TOP, agreement, share_kept
from bench.search_bench import make_corpus, make_queries
from kmapp.search import ranking
from kmapp.search.champions import BM25FScorer
from kmapp.search.docsets import bitmap_from_docnums
from kmapp.search.postings import WEIGHT_CAP
from kmapp.search.searching import clear_caches

from .conftest import build_index

pytestmark = pytest.mark.whoosh_only
SMALL_CORPUS = 300


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    clear_caches()
    index = build_index(tmp_path_factory.mktemp("champions"), make_corpus(SMALL_CORPUS))
    yield index
    index.close()
    clear_caches()


def test_champion_lists_keep_nine_of_the_exact_top_ten_in_95_percent_of_queries(corpus_index, monkeypatch):
    # Lists as short as the page allows (5 x 10), so they really cut: a sixth of the corpus
    # (at 20,000 assets the bench's 300 are 1.5%).
    monkeypatch.setattr(ranking, "CHAMPION_SIZE", 10)
    with corpus_index.searcher() as searcher:
        rows = agreement(searcher, make_queries(40))
    cut = [row for row in rows if row[2] > 5 * TOP]
    assert len(rows) >= 90 and len(cut) >= 50  # most queries match more than the lists hold
    assert share_kept(rows) >= GOAL_SHARE, sorted(rows, key=lambda row: row[3])[:5]
    assert all(kept >= GOAL_KEPT - 2 for *_, kept, _ in rows)


def _long_documents():
    filler = " ".join(f"kata{number}" for number in range(1500))
    return [
        {"asset_id": "long", "title": "Laporan panjang", "body": "banjir " * 700 + filler + " " + filler},
        {"asset_id": "medium", "title": "Laporan sedang", "body": "banjir " * 300 + filler[:3000]},
        {"asset_id": "capped", "title": "Laporan batas", "body": "banjir " * 255 + filler[:6000]},
        {"asset_id": "short", "title": "Catatan", "body": "banjir di utara " * 3},
        {"asset_id": "other", "title": "Lain", "body": filler[:2000]},
    ]


def test_long_documents_are_ranked_with_their_whole_term_frequency(tmp_path, monkeypatch):
    clear_caches()
    index = build_index(tmp_path / "index", _long_documents())
    with index.searcher() as searcher:
        whoosh = {hit.docnum: hit.score for hit in searcher.search(wq.Term("body", "banjir"), limit=None)}
        scorer = BM25FScorer(searcher, [("body", "banjir")])
        ours = {docnum: scorer.score(docnum) for docnum in whoosh}
        assert ours == pytest.approx(whoosh, rel=1e-6)
        weights, overflow = scorer.parts[0][:2]
        assert sorted(overflow.values()) == [255, 300, 700]  # from the cap up, kept exactly
        assert weights.count(WEIGHT_CAP) == 3
        matched = bitmap_from_docnums(whoosh, searcher.doc_count_all())
        terms = [("body", "banjir")]
        for budget in (float("inf"), 0):  # every match scored, then champions only
            monkeypatch.setattr(ranking, "EXACT_SCORING_BUDGET", budget)
            ranked = ranking.top_docnums(searcher, matched, 4, newest_first=False, version_key=("t",), terms=terms)
            assert [docnum for docnum, _ in ranked] == sorted(whoosh, key=lambda d: -whoosh[d])[:4]
    index.close()
    clear_caches()


@pytest.mark.parametrize("seed", range(6))
def test_champions_taken_by_weight_groups_are_the_best_of_scoring_every_document(seed):
    """best_term_scores skips documents that cannot enter the list; the list is nlargest's,
    ties (same weight and length) and weights past the byte (the overflow) included."""
    import heapq
    import random
    rng = random.Random(seed)

    class Fixed(BM25FScorer):
        def __init__(self, idf):
            self.k1, self.stats = 1.2, [(idf, 40.0, 0.75)]

    doc_count = rng.choice([50, 3000, 20000])
    weights = bytearray(doc_count)
    lengths = bytes(rng.choice([3, 20, 40, 41, 90, 200]) for _ in range(doc_count))
    overflow = {}
    for docnum in rng.sample(range(doc_count), doc_count // rng.choice([1, 3, 40])):
        weight = min(int(rng.paretovariate(1.3)), 300)
        weights[docnum] = min(weight, WEIGHT_CAP)
        if weight >= WEIGHT_CAP:
            overflow[docnum] = weight
    scorer = Fixed(rng.choice([0.3, 2.5, 9.0]))
    for size in (1, 10, 300, doc_count + 5):
        expected = heapq.nlargest(size, scorer.term_scores(0, bytes(weights), lengths, overflow or None))
        assert scorer.best_term_scores(0, bytes(weights), lengths, overflow or None, size) == expected
