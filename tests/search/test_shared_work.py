"""Work that threads share instead of repeating: facet bitmaps built once per index version
(the others wait), spelling corrections remembered per index for a minute."""
import threading
import time

import pytest

from kmapp.search import facets, spelling
from kmapp.search.docsets import BitmapEvaluator
from kmapp.search.visibility import Viewer
from kmapp.search.searching import search

from .conftest import ASSETS, build_index

pytestmark = pytest.mark.whoosh_only  # caches of the Whoosh engine


def test_concurrent_searches_after_a_commit_build_the_facets_once(asset_index, monkeypatch):
    real, calls = facets._build_value_docs, []

    def slow_build(evaluator):
        calls.append(threading.get_ident())
        time.sleep(0.2)  # long enough for every thread to arrive while the first builds
        return real(evaluator)
    monkeypatch.setattr(facets, "_build_value_docs", slow_build)
    with asset_index.searcher() as searcher:
        results = []
        threads = [threading.Thread(target=lambda: results.append(
            facets.facet_value_docs(BitmapEvaluator(searcher, ("after-commit", 1))))) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(calls) == 1 and len(results) == 6 and all(r is results[0] for r in results)
    assert results[0]["asset_type"]


def test_a_correction_is_looked_up_once_per_index_and_not_shared_between_indexes(tmp_path, monkeypatch):
    real, lookups = spelling._look_up_correction, []

    def counting(words, word):
        lookups.append(word)
        return real(words, word)
    monkeypatch.setattr(spelling, "_look_up_correction", counting)
    spelling.clear_cache()
    first = build_index(tmp_path / "one", ASSETS)
    other = build_index(tmp_path / "two", [dict(ASSETS[0], asset_id="x1", body="amnesti diberikan")])
    with first.searcher() as searcher:
        assert search(searcher, "amnesai", visible_to=Viewer()).suggestion == "amnesia"
        assert search(searcher, "amnesai", visible_to=Viewer()).suggestion == "amnesia"
    assert lookups == ["amnesai"]  # the second search reused the correction
    with other.searcher() as searcher:
        assert spelling.corrected_query_text(searcher, "amnesai") != "amnesia"  # its own words
    assert lookups == ["amnesai", "amnesai"]
    first.close()
    other.close()
    spelling.clear_cache()
