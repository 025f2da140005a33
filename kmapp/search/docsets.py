"""Sets of matching documents as bitmaps (Python ints), for counting.

Totals and facet counts need *every* matching document, not just the top
ten.  Whoosh computes that by walking its matcher tree in Python, one
document at a time, for each pass.  Instead we evaluate the query tree with
bitmaps: bit ``n`` set means document number ``n`` matches.  ``&``, ``|``,
``& ~`` and ``int.bit_count()`` run in C over the whole index at once
(100,000 documents = 12.5 KB), so intersections with visibility, filters and
each facet value cost microseconds.  Only reading a term's posting list is
Python work, and those bitmaps are cached per index version.

Queries other than Term/And/Or/Not/AndNot/Every (phrases, numeric ranges)
are evaluated by Whoosh itself; phrases first have their candidate documents
narrowed by the bitmap of their words.
"""

import threading
from collections import OrderedDict

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.idsets import DocIdSet
from whoosh.matching.wrappers import FilterMatcher


def bitmap_from_docnums(docnums, doc_count):
    """Build a bitmap int from an iterable of document numbers."""
    bits = bytearray((doc_count + 8) // 8)
    for docnum in docnums:
        bits[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(bits, "little")


def docnums_from_bitmap(bitmap):
    """Yield the document numbers whose bit is set, in increasing order."""
    data = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index << 3
            for bit in range(8):
                if byte >> bit & 1:
                    yield base + bit


def _term_docnums(searcher, fieldname, text):
    """Top-level document numbers in a term's postings (deleted ones too)."""
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        if (fieldname, text) not in reader:
            continue
        matcher = reader.postings(fieldname, text)
        if isinstance(matcher, FilterMatcher):
            matcher = matcher.child  # deletions are removed by the caller
        for docnum in _posting_ids(matcher):
            yield docnum + offset


def _posting_ids(matcher):
    """Yield a leaf matcher's ids, a whole block at a time when possible.

    Whoosh's generic ``all_ids()`` makes three Python calls per posting;
    reading the decoded id tuple of each block of the on-disk (whoosh3)
    format is about five times faster.  This relies on W3LeafMatcher
    internals of the pinned Whoosh-Reloaded 2.7.5; any other matcher takes
    the generic path.
    """
    if not isinstance(matcher, W3LeafMatcher):
        yield from matcher.all_ids()
        return
    while matcher.is_active():
        matcher._read_ids()
        yield from matcher._ids
        matcher._next_block()


class BitmapDocIdSet(DocIdSet):
    """Read-only Whoosh ``DocIdSet`` view of a bitmap, for ``filter=``."""

    def __init__(self, bitmap):
        self.bitmap = bitmap
        self._bytes = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")

    def __contains__(self, docnum):
        index = docnum >> 3
        return index < len(self._bytes) and bool(self._bytes[index] >> (docnum & 7) & 1)

    def __len__(self):
        return self.bitmap.bit_count()

    def __iter__(self):
        return docnums_from_bitmap(self.bitmap)


class TermBitmapCache:
    """Bounded, thread-safe LRU of term bitmaps keyed by index version."""

    def __init__(self, max_entries=4096):
        # 4096 bitmaps of a 100k-document index take at most ~50 MB.
        self.max_entries = max_entries
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            bitmap = self._entries.get(key)
            if bitmap is not None:
                self._entries.move_to_end(key)
            return bitmap

    def put(self, key, bitmap):
        with self._lock:
            self._entries[key] = bitmap
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()


term_bitmaps = TermBitmapCache()


class BitmapEvaluator:
    """Evaluates Whoosh queries to bitmaps against one searcher."""

    def __init__(self, searcher, version_key):
        self.searcher = searcher
        self.version_key = version_key
        self.doc_count = searcher.doc_count_all()
        self._live = None

    def live_docs(self):
        """Bitmap of all documents that are not deleted."""
        if self._live is None:
            key = (self.version_key, "*live*")
            self._live = term_bitmaps.get(key)
            if self._live is None:
                self._live = bitmap_from_docnums(self.searcher.reader().all_doc_ids(), self.doc_count)
                term_bitmaps.put(key, self._live)
        return self._live

    def evaluate(self, query):
        """Return the bitmap of documents matching ``query``."""
        if isinstance(query, wq.Term):
            return self.term(query.fieldname, query.text)
        if isinstance(query, wq.And):
            return self._and(query.subqueries)
        if isinstance(query, wq.Or):
            result = 0
            for sub in query.subqueries:
                result |= self.evaluate(sub)
            return result
        if isinstance(query, wq.AndNot):
            return self.evaluate(query.a) & ~self.evaluate(query.b)
        if isinstance(query, wq.Not):
            return self.live_docs() & ~self.evaluate(query.query)
        if isinstance(query, wq.Every):
            return self.live_docs()
        if query is wq.NullQuery or isinstance(query, type(wq.NullQuery)):
            return 0
        return self._by_whoosh(query)

    def _and(self, subqueries):
        # Evaluate positive parts first; a Not inside an And only subtracts.
        result = self.live_docs()
        negated = []
        for sub in subqueries:
            if isinstance(sub, wq.Not):
                negated.append(sub.query)
            else:
                result &= self.evaluate(sub)
            if not result:
                return 0
        for sub in negated:
            result &= ~self.evaluate(sub)
        return result

    def term(self, fieldname, text):
        """Bitmap of the live documents containing one term (cached).

        ``text`` may be a string or the term's indexed bytes.
        """
        key = (self.version_key, fieldname, text)
        bitmap = term_bitmaps.get(key)
        if bitmap is None:
            docnums = _term_docnums(self.searcher, fieldname, text)
            bitmap = bitmap_from_docnums(docnums, self.doc_count) & self.live_docs()
            term_bitmaps.put(key, bitmap)
        return bitmap

    def _by_whoosh(self, query):
        if isinstance(query, wq.Phrase):
            candidates = self._and([wq.Term(query.fieldname, w) for w in query.words])
            if not candidates:
                return 0
        docnums = self.searcher.docs_for_query(query)
        return bitmap_from_docnums(docnums, self.doc_count) & self.live_docs()
