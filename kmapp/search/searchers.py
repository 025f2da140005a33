"""Long-lived Whoosh searchers, one per thread.

Opening a searcher reads the index's table of contents and opens every
segment file: several milliseconds per search that a web process can avoid
by keeping a searcher open and refreshing it only when the index changes.
Whoosh searchers read files through shared seek/read positions, so they are
not shared between threads: each thread gets its own.

Usage (e.g. in the Flask app)::

    searchers = ThreadLocalSearchers(index)        # once per process
    page = search(searchers.current(), "arsip", visible_to=viewer)
    ...
    searchers.close()                               # at shutdown / in tests
"""

import threading


class ThreadLocalSearchers:
    """Hands each thread an up-to-date searcher over one index."""

    def __init__(self, index):
        self.index = index
        self._local = threading.local()
        self._open = set()  # every live searcher, so close() can reach them
        self._lock = threading.Lock()

    def current(self):
        """This thread's searcher, refreshed if the index has changed."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            if searcher.up_to_date():
                return searcher
            # Not Searcher.refresh(): in Whoosh-Reloaded 2.7.5 it merges the
            # old segment list into the new one, so refreshed searchers
            # return replaced/deleted documents again (duplicates).
            with self._lock:
                self._open.discard(searcher)
            searcher.close()
        searcher = self.index.searcher()
        with self._lock:
            self._open.add(searcher)
        self._local.searcher = searcher
        return searcher

    def close(self):
        """Close every searcher handed out (by any thread)."""
        with self._lock:
            searchers, self._open = self._open, set()
        for searcher in searchers:
            if not searcher.is_closed:
                searcher.close()
        self._local = threading.local()
