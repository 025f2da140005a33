"""Every cache of the search engine, under one per-process memory budget.

SEARCH_CACHE_MEMORY_MB (default 384) is split among the caches by ``SHARES``; each cache
is a least-recently-used mapping that evicts its oldest entries once its share is full and
never stores an entry larger than its whole share.  Sizes are estimates of the Python
objects held (``sys.getsizeof`` of bitmaps and arrays plus a fixed overhead per entry), so
the budget bounds what the caches keep alive, not the process's whole memory.

Why these shares (at 100,000 assets in one segment, measured sizes in brackets)?  At 100,000
assets, bench/search_bench.py's 300 distinct queries of five kinds after the warm-up keep
155 MB of postings and 11 MB of champion lists: with 256 MB the postings' share evicted (439
times in the cold pass) and a second pass was barely faster than the first; 384 MB keeps them.

* ``postings``: per segment and term, the documents bitmap and one weight byte per document
  (up to ~115 KB per term); the bulk of the hot data, and what ``warm_up`` fills (~55 MB).
* ``lengths``: one byte per document per text field (100 KB per field and segment).
* ``champions``: the best 300 documents per term and segment (3.7 KB in two arrays), 2,400
  (29 KB) when the short lists cannot guarantee a page; 300 mixed queries at 100,000 assets
  keep ~11 MB of them.
* ``facets``: one bitmap per facet value per index version (several MB per version).
* ``facet_terms``: documents per tag, per segment, to pick the tags worth counting.
* ``phrases``: per segment and phrase, the documents holding it (a bitmap).
* ``date_orders`` / ``segment_dates``: the newest-first order per index version (~4 MB)
  and the raw dates per segment (800 KB).
* ``duplicates``: the similar-results table per index version.
* ``live_docs``: the not-deleted bitmap per index version (12.5 KB each).
* ``spelling`` / ``pg_term_counts``: recent "did you mean" answers and, on PostgreSQL,
  recent per-term document counts (both expire after a minute).

The analyzer's stem caches (:mod:`kmapp.search.analysis`) are reported beside these but
bounded by entries (``STEM_CACHE_SIZE``): they are C ``lru_cache``s on the indexer's
hottest path, where a Python-level cache would cost more than it saves.

Every cache counts hits and misses; :func:`cache_stats` is what /healthz and
``flask search-cache-stats`` show.
"""
import os
import sys
import threading
import time
from collections import OrderedDict

MB = 1024 * 1024
DEFAULT_MEMORY_MB = 384
SHARES = {
    "postings": 0.52,
    "lengths": 0.06,
    "champions": 0.06,
    "facets": 0.10,
    "facet_terms": 0.02,
    "phrases": 0.05,
    "date_orders": 0.05,
    "segment_dates": 0.03,
    "duplicates": 0.05,
    "live_docs": 0.02,
    "spelling": 0.02,
    "pg_term_counts": 0.02,
}
ENTRY_OVERHEAD = 150  # key tuple, OrderedDict slot, bookkeeping tuple

_caches: dict[str, "BudgetedCache"] = {}
_budget_bytes = DEFAULT_MEMORY_MB * MB
_registry_lock = threading.Lock()


class BudgetedCache:
    """A thread-safe LRU mapping holding at most its share of the budget, counting hits and
    misses.  ``max_age`` (seconds) makes older entries count as missing."""

    def __init__(self, name: str, size_of, max_age: float | None = None):
        if name not in SHARES:
            raise ValueError(f"no budget share for cache {name!r}: add it to SHARES")
        self.name, self.size_of, self.max_age = name, size_of, max_age
        self.share = SHARES[name]
        self.max_bytes = int(self.share * _budget_bytes)
        self.hits = self.misses = self.evictions = 0
        self._entries = OrderedDict()  # key -> (value, size, stored at)
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key, default=None):
        """The cached value (a hit), or ``default`` (a miss)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and self.max_age is not None and time.monotonic() - entry[2] >= self.max_age:
                self._drop(key)
                entry = None
            if entry is None:
                self.misses += 1
                return default
            self.hits += 1
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key, value) -> bool:
        """Keep ``value``, evicting the least recently used entries; False if it alone is
        larger than this cache's share (then it is not kept)."""
        size = self.size_of(value) + ENTRY_OVERHEAD
        with self._lock:
            if key in self._entries:
                self._drop(key)
            if size > self.max_bytes:
                return False
            self._entries[key] = (value, size, time.monotonic())
            self._bytes += size
            self._evict()
            return True

    def get_or_compute(self, key, compute):
        """The cached value, or ``compute()`` kept for next time."""
        missing = object()
        value = self.get(key, missing)
        if value is missing:
            value = compute()
            self.put(key, value)
        return value

    def _drop(self, key):
        self._bytes -= self._entries.pop(key)[1]

    def _evict(self):
        while self._bytes > self.max_bytes and self._entries:
            self._bytes -= self._entries.popitem(last=False)[1][1]
            self.evictions += 1

    def resize(self, max_bytes: int) -> None:
        with self._lock:
            self.max_bytes = max_bytes
            self._evict()

    def clear(self) -> None:
        """Forget every entry (the counters stay: they describe the process's life)."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self):
        return len(self._entries)

    @property
    def bytes(self) -> int:
        return self._bytes

    def stats(self) -> dict:
        with self._lock:
            looked_up = self.hits + self.misses
            return {"share": self.share, "entries": len(self._entries), "bytes": self._bytes,
                    "max_bytes": self.max_bytes, "hits": self.hits, "misses": self.misses,
                    "hit_rate": round(self.hits / looked_up, 4) if looked_up else None,
                    "evictions": self.evictions}


def budgeted_cache(name: str, size_of, max_age: float | None = None) -> BudgetedCache:
    """The process's cache ``name`` (created on first use, sized by the current budget)."""
    with _registry_lock:
        cache = _caches.get(name)
        if cache is None:
            cache = _caches[name] = BudgetedCache(name, size_of, max_age)
        return cache


def set_memory_budget(megabytes: float) -> None:
    """Share ``megabytes`` among the caches (SEARCH_CACHE_MEMORY_MB); shrinking evicts at once."""
    global _budget_bytes
    megabytes = float(megabytes)
    if megabytes < 0:
        raise ValueError("SEARCH_CACHE_MEMORY_MB cannot be negative")
    with _registry_lock:
        _budget_bytes = int(megabytes * MB)
        caches = list(_caches.values())
    for cache in caches:
        cache.resize(int(cache.share * _budget_bytes))


def memory_budget_bytes() -> int:
    return _budget_bytes


def clear_all() -> None:
    """Forget every cached entry (tests, or to free memory)."""
    with _registry_lock:
        caches = list(_caches.values())
    for cache in caches:
        cache.clear()


def cache_stats() -> dict:
    """Budget, use, and per cache: entries, bytes, share, hits, misses, hit rate."""
    with _registry_lock:
        caches = dict(_caches)
    per_cache = {name: caches[name].stats() if name in caches else _unused(name) for name in SHARES}
    return {"pid": os.getpid(), "budget_bytes": _budget_bytes,
            "used_bytes": sum(stats["bytes"] for stats in per_cache.values()),
            "caches": per_cache,
            "stem_caches": _stem_cache_stats()}


def _unused(name) -> dict:
    """A cache this process has not created (e.g. PostgreSQL's under the Whoosh backend)."""
    return {"share": SHARES[name], "entries": 0, "bytes": 0, "max_bytes": int(SHARES[name] * _budget_bytes),
            "hits": 0, "misses": 0, "hit_rate": None, "evictions": 0}


def _stem_cache_stats() -> dict:
    from . import analysis

    found = {}
    for name in ("stem_word", "_surface_term", "_stemmed_term"):
        info = getattr(analysis, name).cache_info()
        looked_up = info.hits + info.misses
        found[name.lstrip("_")] = {"entries": info.currsize, "max_entries": info.maxsize, "hits": info.hits,
                                   "misses": info.misses,
                                   "hit_rate": round(info.hits / looked_up, 4) if looked_up else None}
    return found


# Size estimates shared by several caches.

def bitmap_size(bitmap: int) -> int:
    return sys.getsizeof(bitmap)


def bytes_size(data) -> int:
    return sys.getsizeof(data) if data is not None else 0
