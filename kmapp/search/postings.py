"""Posting lists read into compact, cached per-document arrays.

For a term we keep a *bitmap* (a Python int, bit n = document n contains the
term) and, for ranked text fields, a *weight array* (one byte per document:
the term's frequency times the field boost, capped at 255 -- BM25 saturates
long before that).  For a text field we keep its per-document *lengths* in
Whoosh's own one-byte encoding.  Together these let totals, facets and
BM25F scoring run over plain arrays instead of Whoosh's matcher objects,
which cost tens of microseconds per document in Python.

Caching is per *segment*: Whoosh segments never change once written (only
their deletion lists grow, and deletions are applied by the callers through
the live-documents bitmap).  After a commit adds a small segment, only that
segment is read again; the arrays of the big old segments stay valid.
Per-query results are assembled from the segments' arrays, which costs a
shift or a concatenation per segment.

Reading relies on block-level internals of the whoosh3 codec of the pinned
Whoosh-Reloaded 2.7.5 (``W3LeafMatcher._read_ids``/``_read_weights``, the
raw length column); other matchers/readers take slower public paths.
"""

import threading
from collections import OrderedDict

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import length_to_byte


class LRUCache:
    """A thread-safe least-recently-used mapping bounded by total size."""

    def __init__(self, max_bytes, size_of):
        self.max_bytes = max_bytes
        self.size_of = size_of
        self._entries = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        """The cached value, or None."""
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key, value):
        """Store ``value``, evicting the least recently used entries."""
        with self._lock:
            if key in self._entries:
                self._bytes -= self.size_of(self._entries.pop(key))
            self._entries[key] = value
            self._bytes += self.size_of(value)
            while self._bytes > self.max_bytes and len(self._entries) > 1:
                self._bytes -= self.size_of(self._entries.popitem(last=False)[1])

    def clear(self):
        """Forget everything."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0


def _bitmap_and_weights_size(entry):
    bitmap, weights = entry
    return 64 + (bitmap.bit_length() + 7) // 8 + (len(weights) if weights else 0)


# Per segment: (bitmap, weights or None) per term, and lengths per field.
term_cache = LRUCache(128 * 1024 * 1024, _bitmap_and_weights_size)
length_cache = LRUCache(16 * 1024 * 1024, len)


def term_bitmap(searcher, fieldname, text, keep_weights=False):
    """Bitmap of the documents whose postings contain the term (deleted
    documents included: callers AND with the live-documents bitmap).

    With ``keep_weights`` the weight array is read in the same pass, for
    terms that will be ranked too.
    """
    bitmap = 0
    for entry, offset in _segment_entries(searcher, fieldname, text, keep_weights):
        bitmap |= entry[0] << offset
    return bitmap


def term_weights(searcher, fieldname, text):
    """One byte per document: the term's posting weight (0 = absent)."""
    parts = [entry[1] for entry, _offset in _segment_entries(searcher, fieldname, text, True)]
    return b"".join(parts)


def _segment_entries(searcher, fieldname, text, with_weights):
    """Yield ((bitmap, weights), offset) per segment, reading what is missing."""
    for leaf, offset in searcher.reader().leaf_readers():
        segment = leaf.segment()
        if segment is None:  # an empty index: nothing worth caching
            yield _read_leaf_term(leaf, fieldname, text, with_weights), offset
            continue
        key = (segment.segment_id(), fieldname, text)
        entry = term_cache.get(key)
        if entry is None or (with_weights and entry[1] is None):
            entry = _read_leaf_term(leaf, fieldname, text, with_weights)
            term_cache.put(key, entry)
        yield entry, offset


def _read_leaf_term(leaf, fieldname, text, with_weights):
    doc_count = leaf.doc_count_all()
    bits = bytearray((doc_count + 8) // 8)
    weights = bytearray(doc_count) if with_weights else None
    for ids, block_weights in _leaf_blocks(leaf, fieldname, text, with_weights):
        for docnum in ids:
            bits[docnum >> 3] |= 1 << (docnum & 7)
        if with_weights:
            for docnum, weight in zip(ids, block_weights):
                weights[docnum] = weight if weight < 255 else 255
    return int.from_bytes(bits, "little"), (bytes(weights) if with_weights else None)


def _leaf_blocks(leaf, fieldname, text, with_weights):
    """Yield (ids, integer weights or None) per block of postings."""
    if (fieldname, text) not in leaf:
        return
    matcher = leaf.postings(fieldname, text)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # deletions are removed by the callers
    if not isinstance(matcher, W3LeafMatcher):
        ids, block_weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            block_weights.append(int(matcher.weight() + 0.5))
            matcher.next()
        yield ids, block_weights
        return
    # A whole block of decoded ids/weights at a time: about five times
    # faster than Whoosh's per-posting id()/next() calls.
    while matcher.is_active():
        matcher._read_ids()
        if with_weights:
            matcher._read_weights()
            # Weights are term frequency x field boost: whole numbers here.
            yield matcher._ids, [int(w + 0.5) for w in matcher._weights]
        else:
            yield matcher._ids, None
        matcher._next_block()


def field_lengths(searcher, fieldname):
    """Whoosh length bytes of a field for every top-level document number."""
    parts = []
    for leaf, _offset in searcher.reader().leaf_readers():
        segment = leaf.segment()
        key = (segment.segment_id(), fieldname) if segment else None
        lengths = length_cache.get(key) if key else None
        if lengths is None:
            lengths = _leaf_lengths(leaf, fieldname)
            if key:
                length_cache.put(key, lengths)
        parts.append(lengths)
    return b"".join(parts)


def live_bitmap(searcher):
    """Bitmap of the documents that are not deleted."""
    live = 0
    for leaf, offset in searcher.reader().leaf_readers():
        segment_live = (1 << leaf.doc_count_all()) - 1
        segment = leaf.segment()
        if segment is not None and segment.has_deletions():
            for docnum in segment.deleted_docs():
                segment_live &= ~(1 << docnum)
        live |= segment_live << offset
    return live


def _leaf_lengths(leaf, fieldname):
    count = leaf.doc_count_all()
    try:
        # One read of the raw length column instead of one read per document.
        column = leaf._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        raw = b"" if column is None else column._dbfile.get(column._basepos, min(column._count, count))
    except AttributeError:  # not a whoosh3 segment reader
        raw = bytes(length_to_byte(leaf.doc_field_length(d, fieldname)) for d in range(count))
    return raw + bytes(count - len(raw))  # documents without this field


def clear_caches():
    """Forget all cached postings data."""
    term_cache.clear()
    length_cache.clear()
