"""Ranking the matched documents: the top of the list for one results page.

We already know exactly which documents match (a bitmap, see
:mod:`kmapp.search.docsets`); ranking only has to order them.

* Sorted by date: a per-index-version list of document numbers in
  newest-first order is cached; the page is the first matches found walking
  that list, so no column lookups happen per matched document.
* By relevance: Whoosh scores (BM25F) the query.  When few documents match
  compared with the query's posting lists (typical with visibility, filters
  or several words), the query is intersected with the matched documents so
  that Whoosh skips through the posting lists instead of scoring every
  posting; otherwise the matched bitmap is given as a plain ``filter``.
"""

import threading
from bisect import bisect_left
from collections import OrderedDict

from whoosh import query as wq
from whoosh.matching import ListMatcher

from .docsets import BitmapDocIdSet, docnums_from_bitmap

# Intersect when the matched documents are fewer than this fraction of the
# postings the query would otherwise walk (measured on the benchmark corpus).
INTERSECT_RATIO = 0.25

_date_orders = OrderedDict()
_date_orders_lock = threading.Lock()


def top_docnums(searcher, query, matched, limit, *, newest_first, version_key):
    """Return [(docnum, score or None)] of the best ``limit`` matched docs."""
    if newest_first:
        return [(docnum, None) for docnum in _newest_first(searcher, matched, limit, version_key)]
    if matched.bit_count() < INTERSECT_RATIO * _posting_volume(searcher, query):
        query = wq.And([query, DocListQuery(list(docnums_from_bitmap(matched)))])
        results = searcher.search(query, limit=limit, optimize=False)
    else:
        results = searcher.search(query, filter=BitmapDocIdSet(matched), limit=limit)
    return [(hit.docnum, hit.score) for hit in results]


def _posting_volume(searcher, query):
    """Total number of postings of the query's terms (an estimate of the
    work of scoring without intersection)."""
    reader = searcher.reader()
    return sum(reader.doc_frequency(name, text) for name, text in query.iter_all_terms()
               if name in reader.schema)


def _newest_first(searcher, matched, limit, version_key):
    order = _date_order(searcher, version_key)
    data = matched.to_bytes((matched.bit_length() + 7) // 8, "little")
    size = len(data)
    found = []
    for docnum in order:
        index = docnum >> 3
        if index < size and data[index] >> (docnum & 7) & 1:
            found.append(docnum)
            if len(found) == limit:
                break
    return found


def _date_order(searcher, version_key):
    """Document numbers sorted newest first (cached per index version)."""
    with _date_orders_lock:
        order = _date_orders.get(version_key)
    if order is not None:
        return order
    reader = searcher.reader()
    column = reader.column_reader("published") if reader.has_column("published") else None
    docnums = list(reader.all_doc_ids())
    if column is not None:
        # Stable sort on the negated timestamp keeps ties in index order.
        docnums.sort(key=lambda docnum: column[docnum], reverse=True)
    with _date_orders_lock:
        _date_orders[version_key] = docnums
        while len(_date_orders) > 4:
            _date_orders.popitem(last=False)
    return docnums


def clear_cache():
    """Forget cached date orders."""
    with _date_orders_lock:
        _date_orders.clear()


class DocListQuery(wq.Query):
    """Matches a fixed sorted list of (top-level) document numbers, score 0.

    ANDed with a real query, it makes Whoosh skip to just these documents.
    """

    def __init__(self, docnums):
        self.docnums = docnums

    def __eq__(self, other):
        return isinstance(other, DocListQuery) and self.docnums == other.docnums

    def __hash__(self):
        return hash(tuple(self.docnums))

    def __unicode__(self):
        return f"DocList({len(self.docnums)} docs)"

    __str__ = __unicode__

    def estimate_size(self, ixreader):
        return len(self.docnums)

    def matcher(self, searcher, context=None):
        offset = 0
        parent = searcher.parent() if searcher.parent else None
        if parent is not None:
            offset = parent._offset_for_subsearcher(searcher)
        start = bisect_left(self.docnums, offset)
        end = bisect_left(self.docnums, offset + searcher.doc_count_all())
        return _ZeroScoreListMatcher([d - offset for d in self.docnums[start:end]])


class _ZeroScoreListMatcher(ListMatcher):
    """ListMatcher with binary-search skipping that adds nothing to scores."""

    def skip_to(self, docnum):
        if self._i < len(self._ids) and docnum > self._ids[self._i]:
            self._i = bisect_left(self._ids, docnum, self._i)

    def score(self):
        return 0.0

    def weight(self):
        return 0.0

    def supports_block_quality(self):
        return False

    def copy(self):
        return self.__class__(self._ids, position=self._i)
