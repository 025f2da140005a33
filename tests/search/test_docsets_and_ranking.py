"""The bitmap evaluation and ranking shortcuts must agree with plain Whoosh."""

import pytest
from whoosh import query as wq

from kmapp.search import ranking
from kmapp.search.docsets import (
    BitmapEvaluator,
    DocListQuery,
    bitmap_from_docnums,
    docnums_from_bitmap,
)
from kmapp.search.query_parsing import parse_user_query
from kmapp.search.schema import document_fields
from kmapp.search.searching import index_version_key, search
from kmapp.search.visibility import Viewer

from .conftest import ASSETS, build_index

pytestmark = pytest.mark.whoosh_only  # bitmaps and BM25F scoring of the Whoosh engine

QUERIES = ["arsip", "arsip OR pelayanan", "management -pasar", '"community of practice"',
           "-arsip", "", "yang", "arsip pelayanan", "NOT retribusi", '"pelayanan publik"',
           '"publik pelayanan"', '"practice of community"', '"pelayanan yang publik"',
           '"kode klasifikasi"', '"community"']


def test_bitmap_round_trip():
    docnums = [0, 1, 7, 8, 63, 64, 1000]
    bitmap = bitmap_from_docnums(docnums, 1001)
    assert list(docnums_from_bitmap(bitmap)) == docnums


@pytest.mark.parametrize("text", QUERIES)
def test_evaluator_matches_whoosh(asset_index, text):
    with asset_index.searcher() as searcher:
        query = parse_user_query(searcher.schema, text)
        evaluator = BitmapEvaluator(searcher, index_version_key(searcher))
        expected = set(searcher.docs_for_query(query))
        assert set(docnums_from_bitmap(evaluator.evaluate(query))) == expected


def test_deleted_documents_are_never_counted(tmp_path):
    index = build_index(tmp_path / "ix", ASSETS)
    writer = index.writer()
    writer.delete_by_term("asset_id", "a1")
    writer.commit(merge=False)  # keep the deletion inside the old segment
    writer = index.writer()
    writer.add_document(**document_fields(dict(ASSETS[1], asset_id="b1")))
    writer.commit(merge=False)  # a second segment
    page = search(index, "", visible_to=Viewer())
    assert {hit.asset_id for hit in page.hits} == {"a2", "a3", "b1"}
    assert dict(page.facets["agency"]) == {"BPRD": 2, "DISKOMINFO": 1}
    assert search(index, "kearsipan", visible_to=Viewer()).total == 0
    index.close()


def whoosh_ranking(index, text):
    with index.searcher() as searcher:
        query = parse_user_query(searcher.schema, text)
        return [(hit["asset_id"], round(hit.score, 5)) for hit in searcher.search(query)]


def our_ranking(index, text):
    page = search(index, text, visible_to=Viewer(is_admin=True))
    return [(hit.asset_id, round(hit.score, 5)) for hit in page.hits]


@pytest.mark.parametrize("text", ["arsip", "arsip OR pelayanan OR management", "management pelayanan"])
def test_scores_equal_whoosh_bm25f(asset_index, text):
    assert our_ranking(asset_index, text) == whoosh_ranking(asset_index, text)


def test_exclusions_rank_like_whoosh(asset_index):
    # Whoosh adds a constant 1.0 per NOT clause to every hit; order is equal.
    ours = our_ranking(asset_index, "kearsipan -retribusi")
    theirs = whoosh_ranking(asset_index, "kearsipan -retribusi")
    assert [(asset_id, score + 1) for asset_id, score in ours] == theirs


@pytest.mark.parametrize("text", ["arsip", "arsip OR pelayanan OR management", "arsip -retribusi"])
def test_champion_ranking_equals_exact_when_lists_cover_everything(asset_index, monkeypatch, text):
    viewer = Viewer(is_admin=True)

    def ranked(limit):
        monkeypatch.setattr(ranking, "EXACT_SCORING_BUDGET", limit)
        page = search(asset_index, text, visible_to=viewer, pagelen=2)
        assert page.total > 2  # more matches than the page: champions are used
        return [(h.asset_id, round(h.score, 6)) for h in page.hits]

    assert ranked(0) == ranked(10_000)


def test_champion_list_is_best_first(asset_index):
    from kmapp.search.champions import BM25FScorer, segment_champions

    with asset_index.searcher() as searcher:
        scorer = BM25FScorer(searcher, [("body", "arsip")])
        champions = segment_champions(searcher.reader(), scorer, 0, size=2)
    assert len(champions) == 2
    assert champions[0][0] >= champions[1][0] > 0


def multi_segment_index(path):
    index = build_index(path, ASSETS[:3])
    writer = index.writer()
    for asset in ASSETS[3:]:
        writer.add_document(**document_fields(asset))
    writer.commit(merge=False)
    return index


def test_champions_and_date_order_across_segments(tmp_path, monkeypatch):
    index = multi_segment_index(tmp_path / "ix")
    admin = Viewer(is_admin=True)
    newest = search(index, "", visible_to=admin, sort="newest")
    assert [hit.asset_id for hit in newest.hits] == ["a2", "a3", "a5", "a1", "a4", "a6"]

    def ranked(budget):
        monkeypatch.setattr(ranking, "EXACT_SCORING_BUDGET", budget)
        page = search(index, "arsip", visible_to=admin, pagelen=2)
        return [(hit.asset_id, round(hit.score, 6)) for hit in page.hits]

    assert ranked(0) == ranked(10_000)
    index.close()


def test_doc_list_query_spans_segments(tmp_path):
    index = build_index(tmp_path / "ix", ASSETS[:3])
    writer = index.writer()
    for asset in ASSETS[3:]:
        writer.add_document(**document_fields(asset))
    writer.commit(merge=False)
    with index.searcher() as searcher:
        assert not searcher.is_atomic()
        everything = wq.Every()
        wanted = [1, 4, 5]
        query = wq.And([everything, DocListQuery(wanted)])
        assert sorted(searcher.docs_for_query(query)) == wanted
    index.close()
