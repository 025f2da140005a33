"""Facet counts by set intersection.

Whoosh's ``groupedby`` facets look up each matching document's value in
Python, per facet.  With only tens of distinct values per facet it is much
faster to keep, per index version, one bitmap per facet value (see
:mod:`kmapp.search.docsets`) and count ``(matched & value).bit_count()``,
which runs in C.  The bitmaps are built once per index version from the
facet fields' posting lists and cached.
"""

import heapq
import threading
from collections import Counter

from .caches import bitmap_size, budgeted_cache
from .postings import segment_key
from .schema import FACET_FIELDS

# Fields with open-ended values (free tags): only the most widespread values are counted,
# so that the bitmaps per version stay a few hundred (each up to 12.5 KB at 100,000 assets).
VALUE_LIMITS = {"tags": 50}


def _value_docs_size(by_field):
    return sum(100 + bitmap_size(bitmap) for groups in by_field.values() for bitmap in groups.values())


# Per index version: {field: {value: bitmap}}; old versions age out after commits.
_cache = budgeted_cache("facets", _value_docs_size)
_cache_lock = threading.Lock()
_building = {}  # version key -> Event: one thread builds, the others wait for it
# Per segment (immutable, so this survives commits): Counter(term bytes -> documents) per field.
_segment_frequencies = budgeted_cache("facet_terms", lambda counts: 200 + 120 * len(counts))


def facet_value_docs(evaluator):
    """Return {field: {value: bitmap}} for the evaluator's index version.

    ``evaluator`` is a :class:`~kmapp.search.docsets.BitmapEvaluator`; its
    version key identifies the cache entry, so a changed index rebuilds, once:
    after a commit the threads searching at that moment wait for one builder
    instead of each reading the same postings (measured under load: several
    threads rebuilding at once took a third of the server's CPU).
    """
    key = evaluator.version_key
    while True:
        with _cache_lock:
            cached = _cache.get(key)
            if cached is not None:
                return cached
            building = _building.get(key)
            if building is None:
                _building[key] = threading.Event()
                break
        building.wait()
    try:
        built = _build_value_docs(evaluator)
        _cache.put(key, built)
        return built
    finally:
        with _cache_lock:
            _building.pop(key).set()


def _build_value_docs(evaluator):
    reader = evaluator.searcher.reader()
    by_field = {}
    for fieldname in FACET_FIELDS:
        field = reader.schema[fieldname]
        groups = {}
        # sortable_terms() skips the extra range-query terms of NUMERIC fields.
        terms = list(field.sortable_terms(reader, fieldname))
        limit = VALUE_LIMITS.get(fieldname)
        if limit is not None and len(terms) > limit:
            frequencies = _document_frequencies(reader, fieldname)
            terms = heapq.nlargest(limit, frequencies, key=frequencies.__getitem__)
        for term_bytes in terms:
            bitmap = evaluator.term(fieldname, term_bytes)
            if bitmap:
                groups[field.from_bytes(term_bytes)] = bitmap
        by_field[fieldname] = groups
    return by_field


def _document_frequencies(reader, fieldname):
    """Documents per term of ``fieldname`` over every segment, from per-segment counts that
    are read once per segment (a commit adds a small segment; the big ones are not re-read)."""
    total = Counter()
    for leaf, _offset in reader.leaf_readers():
        segment = segment_key(leaf)
        key = (segment, fieldname)
        counts = _segment_frequencies.get(key) if segment is not None else None
        if counts is None:
            counts = Counter({term: info.doc_frequency() for term, info in leaf.iter_field(fieldname)})
            if segment is not None:
                _segment_frequencies.put(key, counts)
        total.update(counts)
    return total


def count_facets(value_docs, matched):
    """Return {field: [(value, count), ...]} for documents in bitmap
    ``matched``, most frequent first, zero counts omitted."""
    counts = {}
    for fieldname, groups in value_docs.items():
        pairs = []
        for value, bitmap in groups.items():
            count = (bitmap & matched).bit_count()
            if count:
                pairs.append((value, count))
        pairs.sort(key=lambda pair: (-pair[1], str(pair[0])))
        counts[fieldname] = pairs
    return counts


def clear_cache():
    """Forget all cached facet sets (tests, or after replacing an index)."""
    _cache.clear()
    _segment_frequencies.clear()
