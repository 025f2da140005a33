"""The bitmap evaluation and ranking shortcuts must agree with plain Whoosh."""

import pytest
from whoosh import query as wq

from kmapp.search import ranking
from kmapp.search.docsets import (
    BitmapDocIdSet,
    BitmapEvaluator,
    bitmap_from_docnums,
    docnums_from_bitmap,
)
from kmapp.search.query_parsing import parse_user_query
from kmapp.search.schema import document_fields
from kmapp.search.searching import index_version_key, search
from kmapp.search.visibility import Viewer

from .conftest import ASSETS, build_index

QUERIES = ["arsip", "arsip OR pelayanan", "management -pasar", '"community of practice"',
           "-arsip", "", "yang", "arsip pelayanan", "NOT retribusi"]


def test_bitmap_round_trip():
    docnums = [0, 1, 7, 8, 63, 64, 1000]
    bitmap = bitmap_from_docnums(docnums, 1001)
    assert list(docnums_from_bitmap(bitmap)) == docnums
    view = BitmapDocIdSet(bitmap)
    assert 63 in view and 62 not in view and 5000 not in view
    assert len(view) == len(docnums)


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


def test_intersected_and_filtered_ranking_agree(asset_index, monkeypatch):
    def ranked(ratio):
        monkeypatch.setattr(ranking, "INTERSECT_RATIO", ratio)
        page = search(asset_index, "arsip OR pelayanan OR management", visible_to=Viewer(is_admin=True))
        return [(hit.asset_id, round(hit.score, 6)) for hit in page.hits]

    always_intersect, never_intersect = ranked(1e9), ranked(0)
    assert always_intersect == never_intersect
    assert len(always_intersect) >= 4


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
        query = wq.And([everything, ranking.DocListQuery(wanted)])
        assert sorted(searcher.docs_for_query(query)) == wanted
    index.close()
