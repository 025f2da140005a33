import threading

import pytest

from kmapp.search.schema import document_fields
from kmapp.search.searchers import ThreadLocalSearchers
from kmapp.search.searching import search
from kmapp.search.visibility import Viewer

from .conftest import ASSETS

pytestmark = pytest.mark.whoosh_only  # Whoosh searchers per thread

EVERYONE = Viewer()


def test_searcher_is_reused_until_the_index_changes(asset_index):
    searchers = ThreadLocalSearchers(asset_index)
    try:
        first = searchers.current()
        assert searchers.current() is first
        with asset_index.writer() as writer:
            writer.update_document(**document_fields(dict(ASSETS[1], title="Judul diganti")))
        fresh = searchers.current()
        assert fresh is not first and first.is_closed
        page = search(fresh, "", visible_to=EVERYONE)
        # The replaced asset appears once, with its new title.
        assert page.total == 3
        assert "Judul diganti" in [hit.title for hit in page.hits]
    finally:
        searchers.close()


def test_each_thread_gets_its_own_searcher(asset_index):
    searchers = ThreadLocalSearchers(asset_index)
    seen = []
    worker = threading.Thread(target=lambda: seen.append(searchers.current()))
    try:
        worker.start()
        worker.join()
        assert seen[0] is not searchers.current()
    finally:
        searchers.close()
    assert seen[0].is_closed
