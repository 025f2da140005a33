"""Facet counts by set intersection.

Whoosh's ``groupedby`` facets look up each matching document's value in
Python, per facet.  With only tens of distinct values per facet it is much
faster to keep, per index version, one document-number set per facet value
and count ``len(matches & value_docs)``, which runs in C.  The sets are built
once per reader generation from the sortable columns and cached.
"""

import threading
from collections import OrderedDict

from .schema import FACET_FIELDS

_CACHE_SIZE = 4  # index versions kept; old ones are dropped after a commit
_cache = OrderedDict()
_cache_lock = threading.Lock()


def facet_value_docs(searcher, cache_key):
    """Return {field: {value: frozenset(docnums)}} for ``searcher``'s reader.

    ``cache_key`` must identify the index *version* (e.g. storage folder plus
    reader generation); a new key triggers a rebuild.
    """
    with _cache_lock:
        cached = _cache.get(cache_key)
        if cached is not None:
            _cache.move_to_end(cache_key)
            return cached
    built = _build_value_docs(searcher)
    with _cache_lock:
        _cache[cache_key] = built
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return built


def _build_value_docs(searcher):
    reader = searcher.reader()
    by_field = {}
    for fieldname in FACET_FIELDS:
        groups = {}
        if reader.has_column(fieldname):
            column = reader.column_reader(fieldname)
            for docnum in reader.all_doc_ids():  # skips deleted documents
                value = column[docnum]
                if value not in (None, "", 0):
                    groups.setdefault(value, set()).add(docnum)
        by_field[fieldname] = {value: frozenset(docs) for value, docs in groups.items()}
    return by_field


def count_facets(value_docs, matched_docs):
    """Return {field: [(value, count), ...]} for documents in ``matched_docs``,
    most frequent first, zero counts omitted."""
    counts = {}
    for fieldname, groups in value_docs.items():
        pairs = []
        for value, docs in groups.items():
            count = len(docs & matched_docs)  # CPython walks the smaller set
            if count:
                pairs.append((value, count))
        pairs.sort(key=lambda pair: (-pair[1], str(pair[0])))
        counts[fieldname] = pairs
    return counts


def clear_cache():
    """Forget all cached facet sets (tests, or after replacing an index)."""
    with _cache_lock:
        _cache.clear()
