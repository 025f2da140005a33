"""Sets of matching documents as bitmaps (Python ints), for counting.

Totals and facet counts need *every* matching document, not just the top
ten.  Whoosh computes that by walking its matcher tree in Python, one
document at a time, for each pass.  Instead we evaluate the query tree with
bitmaps: bit ``n`` set means document number ``n`` matches.  ``&``, ``|``,
``& ~`` and ``int.bit_count()`` run in C over the whole index at once
(100,000 documents = 12.5 KB), so intersections with visibility, filters and
each facet value cost microseconds.  Only reading a term's posting list is
Python work, and those bitmaps are cached per segment (see
:mod:`kmapp.search.postings`).

Phrases are checked by :mod:`kmapp.search.phrases`, only in the documents
that contain all their words (and that the caller wants at all); other
query types (numeric ranges) are evaluated by Whoosh itself.
"""

from bisect import bisect_left

from whoosh import query as wq

from .engine import zero_score_list_matcher
from .phrases import phrase_bitmap
from .caches import bitmap_size, budgeted_cache
from .postings import live_bitmap, term_bitmap

_live_cache = budgeted_cache("live_docs", bitmap_size)


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


class BitmapEvaluator:
    """Evaluates Whoosh queries to bitmaps against one searcher."""

    def __init__(self, searcher, version_key, ranked_fields=frozenset()):
        self.searcher = searcher
        self.version_key = version_key
        self.ranked_fields = ranked_fields
        # Documents outside this bitmap are never wanted by the caller, so
        # costly checks (phrase positions) may skip them.  None: no limit.
        self.within = None
        self.doc_count = searcher.doc_count_all()
        self._live = None

    def live_docs(self):
        """Bitmap of all documents that are not deleted (cached per version)."""
        if self._live is None:
            self._live = _live_cache.get(self.version_key)
            if self._live is None:
                self._live = live_bitmap(self.searcher)
                _live_cache.put(self.version_key, self._live)
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
        ranked = fieldname in self.ranked_fields  # read weights in the same pass
        bitmap = term_bitmap(self.searcher, fieldname, text, ranked)
        return bitmap & self.live_docs()

    def _by_whoosh(self, query):
        if isinstance(query, wq.Phrase):
            # Only documents holding every word can hold the phrase.
            candidates = self._and([wq.Term(query.fieldname, w) for w in query.words])
            if self.within is not None:
                candidates &= self.within  # no need to check invisible documents
            if not candidates:
                return 0
            if query.slop == 1:  # adjacent words: our fast position check
                found = phrase_bitmap(self.searcher, query.fieldname, query.words, candidates)
                if found is not None:
                    return found
            # Otherwise Whoosh checks positions, skipping to the candidates.
            query = wq.And([query, DocListQuery(list(docnums_from_bitmap(candidates)))])
        docnums = self.searcher.docs_for_query(query)
        return bitmap_from_docnums(docnums, self.doc_count) & self.live_docs()


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
            offset = next(start for sub, start in parent.leaf_searchers() if sub is searcher)
        start = bisect_left(self.docnums, offset)
        end = bisect_left(self.docnums, offset + searcher.doc_count_all())
        return zero_score_list_matcher([d - offset for d in self.docnums[start:end]])
