"""Whatever is typed into the search box or put into a filter, the answer is a results page.

The documented fallback (kmapp/search/query_parsing.py): a query the parser cannot take is
searched as its plain words; a filter value that cannot match (kmapp/search/filters.py)
matches nothing.
"""
import pytest

from kmapp.search.visibility import Viewer

from ..fixtures_assets import act_as, make_asset  # noqa: F401  (fixture)
from ..fixtures_search import total_of
from .conftest import search

PUBLIC = Viewer()

NASTY_QUERIES = [
    # operators only, or operators in the wrong places
    "NOT NOT x", "NOT OR AND", "NOT", "OR", "AND", "AND OR NOT", "NOT NOT NOT", "x AND", "OR x", "x OR OR y",
    "NOT (", "( NOT )", "(OR)", "(NOT)", "NOT -x", "-NOT x", "- -x", "-", "--", "x -", "+", "+x", "&&", "||", "!x",
    # unbalanced quotes and parentheses
    '"', '"""', '"a', 'a"', '"NOT"', '" OR "', '"(" ")"', "(", ")", "((x)", "(x))", "()", "(())", ")(", '("x)"',
    # field syntax, wildcards, ranges, boosts, escapes
    "title:", "title:x", "summary:(x)", ":", "::", "a:b:c", "year:2024", "tags:*", "*", "?", "x*", "*x", "a?c",
    "**", "*:*", "[a TO b]", "{a TO b}", "[* TO *]", "x^2", "^", "~", "x~2", '"a b"~3', "\\", "\\\\", "/", "x/y",
    # very long words, many words
    "a" * 5000, "arsip" * 60, " ".join(f"kata{n}" for n in range(300)), "NOT " * 100, "(" * 300, '"' * 301,
    # unicode, control characters, NUL
    "数据 管理", "ümlaut Straße", "📄 arsip", "مرحبا", "e\u0301", "\u200b", "\ufeff", "\u202etxt.exe",
    "\x01\x02\x7f", "\t\n\r", "arsip\x00", "\x00", "\U0010ffff", "ⅷ ² ١٢٣",
]

NASTY_FILTERS = [
    {"year": "99999999999"}, {"year": "-1"}, {"year": "0"}, {"year": "abc"}, {"year": "2024.5"}, {"year": "1e9"},
    {"year": str(2**31)}, {"year": "9" * 5000}, {"type": "<script>"}, {"agency": "a" * 5000}, {"stage": "\u202e"},
    {"page": "-1"}, {"page": "abc"}, {"page": str(2**63)}, {"page": "9" * 5000}, {"sort": "DROP"},
    {"year": "٢٠٢٥"},
]


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_any_query_gives_a_page_of_results(asset_index, query):
    page = search(asset_index, query, visible_to=PUBLIC)
    assert page.total >= 0


def test_an_unparsable_query_is_searched_as_its_plain_words(asset_index):
    # Operators where none can stand: the words themselves are searched, ANDed.
    assert {hit.asset_id for hit in search(asset_index, "retribusi (", visible_to=PUBLIC).hits} == {"a2"}
    assert {hit.asset_id for hit in search(asset_index, 'retribusi "pasar', visible_to=PUBLIC).hits} == {"a2"}
    assert search(asset_index, "NOT NOT retribusi", visible_to=PUBLIC).total >= 0


def test_an_impossible_year_filter_matches_nothing(asset_index):
    for year in ("99999999999", str(2**31), "-5", "0"):
        assert search(asset_index, "", visible_to=PUBLIC, filters={"year": year}).total == 0


def _failures(client, cases) -> list:
    failures = []
    for params in cases:
        response = client.get("/search", query_string=params)
        body = response.get_data(as_text=True)
        if response.status_code != 200 or "aset" not in body or 'id="search_results"' not in body:
            failures.append((params, response.status_code))
    return failures


def test_every_nasty_query_and_filter_gets_the_results_page(app, client, act_as, world):
    make_asset(app, client, act_as, world, title="Pedoman Retribusi Pasar")
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a crash shows as a 500 in the list below
    queries = [{"q": query} for query in NASTY_QUERIES if "\x00" not in query]  # NUL: refused with 400, see test_request_input.py
    assert _failures(client, queries) == []
    assert _failures(client, [{"q": "retribusi", **params} for params in NASTY_FILTERS]) == []
    assert total_of(client.get("/search?q=retribusi+(").get_data(as_text=True)) == 1
