"""The query parser and the search never raise and never leak, whatever is typed."""
import pytest
from hypothesis import given, strategies as st

from kmapp.search.searching import clear_caches, search
from kmapp.search.visibility import Viewer

from ..search.conftest import ASSETS, build_index
from .conftest import TRIED
from .strategies import EDGE_NUMBERS, queries

VIEWERS = [Viewer(), Viewer(agency_code="BPRD"), Viewer(agency_code="DISKOMINFO", community_ids=frozenset({1}))]


def visible_ids(viewer: Viewer) -> set[str]:
    allowed = set()
    for asset in ASSETS:
        visibility = asset.get("visibility", "all")
        if (visibility == "all" or (visibility == "agency" and asset.get("agency") == viewer.agency_code)
                or (visibility == "community" and asset.get("cop") in viewer.community_ids)):
            allowed.add(asset["asset_id"])
    return allowed


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    clear_caches()
    index = build_index(tmp_path_factory.mktemp("fuzz-index"), ASSETS)
    with index.searcher() as opened:
        yield opened
    index.close()
    clear_caches()


@given(text=queries, viewer=st.sampled_from(VIEWERS), sort=st.sampled_from(["relevance", "newest"]),
       page=st.integers(min_value=1, max_value=1000))
def test_any_query_returns_a_page_with_only_what_the_viewer_may_see(searcher, text, viewer, sort, page):
    TRIED["search query"] += 1
    found = search(searcher, text, visible_to=viewer, sort=sort, page=page, pagelen=10)
    allowed = visible_ids(viewer)
    assert {hit.asset_id for hit in found.hits} <= allowed
    assert 0 <= found.total <= len(allowed)
    for _value, count in (pair for values in found.facets.values() for pair in values):
        assert 0 <= count <= len(allowed)


@given(text=queries, year=st.one_of(st.sampled_from(EDGE_NUMBERS), st.integers()),
       kind=st.text(max_size=30), agency=st.text(max_size=30))
def test_any_filter_value_returns_a_page_and_never_widens_visibility(searcher, text, year, kind, agency):
    TRIED["search filter"] += 1
    viewer = VIEWERS[1]
    found = search(searcher, text, visible_to=viewer,
                   filters={"year": str(year), "asset_type": kind, "agency": agency})
    assert {hit.asset_id for hit in found.hits} <= visible_ids(viewer)
