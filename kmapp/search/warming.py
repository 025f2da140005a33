"""Warming a newly opened index generation in the background.

The first search of a common word reads its whole posting list (about 1 us per posting);
``postings.warm_up`` reads the most widespread terms ahead of time.  When a process opens
a generation (at its first search, or after a rebuild swapped CURRENT) the store starts
:func:`warm_in_background`: a daemon thread with its own searcher (Whoosh searchers are
not shared between threads), once per generation per process, never blocking the request
that opened it.  SEARCH_WARM_UP turns it off (the tests, where a thread still reading
while a test closes its index would only add noise).
"""
import logging
import threading
import time
from collections import Counter

from .postings import field_lengths, warm_up
from .query_parsing import SEARCH_FIELDS

log = logging.getLogger(__name__)

_lock = threading.Lock()
_started = Counter()  # (index folder, generation) -> warm-ups started in this process
_latest: dict = {}  # what /healthz shows: the last warm-up of this process


def warm_in_background(key, index):
    """Start warming ``index`` (the generation named by ``key``) unless this process already
    did; returns the thread, or None."""
    with _lock:
        if _started[key]:
            return None
        _started[key] += 1
        _latest.clear()
        _latest.update(generation=key[1], status="running", terms=0, seconds=None)
    thread = threading.Thread(target=_warm, args=(key, index), name=f"search-warm-up {key[1]}", daemon=True)
    thread.start()
    return thread


def _warm(key, index):
    started = time.perf_counter()
    try:
        with index.searcher() as searcher:
            terms = warm_up(searcher)
            for fieldname in SEARCH_FIELDS:  # every ranked search reads these lengths
                if fieldname in searcher.schema:
                    field_lengths(searcher, fieldname)
    except Exception:  # noqa: BLE001 -- an optimisation only: a closed or replaced index ends it
        log.warning("search warm-up of %s stopped", key[1], exc_info=True)
        _finish(key, "stopped", 0, started)
        return
    _finish(key, "done", terms, started)


def _finish(key, status, terms, started):
    with _lock:
        if _latest.get("generation") == key[1]:
            _latest.update(status=status, terms=terms, seconds=round(time.perf_counter() - started, 3))


def warm_ups_started(key) -> int:
    """How many warm-ups this process started for ``key`` (0 or 1)."""
    with _lock:
        return _started[key]


def warm_up_state() -> dict:
    """The last warm-up of this process: generation, status, terms read, seconds taken."""
    with _lock:
        return dict(_latest)
