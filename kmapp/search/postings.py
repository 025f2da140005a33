"""Posting lists read into compact, cached per-document arrays.

For a term we keep a *bitmap* (a Python int, bit n = document n contains the
term) and, for ranked text fields, a *weight array* (one byte per document:
the term's frequency times the field boost; a weight of 255 or more is stored
as 255 and kept exactly in a small *overflow* mapping, because capping it
would rank a long document -- whose length makes BM25 need a higher frequency
-- below where Whoosh's exact BM25F puts it).  For a text field we keep its per-document *lengths* in
Whoosh's own one-byte encoding.  Together these let totals, facets and
BM25F scoring run over plain arrays instead of Whoosh's matcher objects,
which cost tens of microseconds per document in Python.

Caching is per *segment*: Whoosh segments never change once written (only
their deletion lists grow, and deletions are applied by the callers through
the live-documents bitmap).  After a commit adds a small segment, only that
segment is read again; the arrays of the big old segments stay valid.
Per-query results are assembled from the segments' arrays, which costs a
shift or a concatenation per segment.

Block-level reading of posting lists and the raw length column rely on
Whoosh internals, all behind :mod:`kmapp.search.engine`; other matchers and
readers take slower public paths.
"""

import heapq

from .caches import bitmap_size, budgeted_cache, bytes_size
from .engine import field_length_bytes, posting_blocks, reads_blocks, unfiltered_postings


WEIGHT_CAP = 255  # a weight byte of this value means "look in the overflow mapping"


def _bitmap_and_weights_size(entry):
    bitmap, weights, overflow = entry
    return bitmap_size(bitmap) + bytes_size(weights) + 100 * len(overflow or ())


# Per segment: (bitmap, weights or None, overflow or None) per term, and lengths per field.
term_cache = budgeted_cache("postings", _bitmap_and_weights_size)
length_cache = budgeted_cache("lengths", bytes_size)


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
    """(one byte per document: the term's posting weight, 0 = absent; {docnum: weight} for
    the documents whose byte is ``WEIGHT_CAP``, or None)."""
    parts, overflow = [], {}
    for (_bitmap, weights, extra), offset in _segment_entries(searcher, fieldname, text, True):
        parts.append(weights)
        if extra:
            overflow.update((docnum + offset, weight) for docnum, weight in extra.items())
    return b"".join(parts), overflow or None


def _segment_entries(searcher, fieldname, text, with_weights):
    """Yield ((bitmap, weights, overflow), offset) per segment, reading what is missing."""
    for leaf, offset in searcher.reader().leaf_readers():
        yield leaf_term(leaf, fieldname, text, with_weights), offset


def segment_key(leaf):
    """Cache key part identifying a segment reader's (immutable) postings,
    or None for readers without a segment (an empty index)."""
    segment = leaf.segment()
    return segment.segment_id() if segment is not None else None


def leaf_term(leaf, fieldname, text, with_weights):
    """(bitmap, weights or None, overflow or None) of a term within one segment (cached)."""
    segment = segment_key(leaf)
    if segment is None:
        return _read_leaf_term(leaf, fieldname, text, with_weights)
    key = (segment, fieldname, text)
    entry = term_cache.get(key)
    if entry is None or (with_weights and entry[1] is None):
        entry = _read_leaf_term(leaf, fieldname, text, with_weights)
        term_cache.put(key, entry)
    return entry


def _read_leaf_term(leaf, fieldname, text, with_weights):
    doc_count = leaf.doc_count_all()
    bits = bytearray((doc_count + 8) // 8)
    weights = bytearray(doc_count) if with_weights else None
    overflow = {}
    for ids, block_weights in _leaf_blocks(leaf, fieldname, text, with_weights):
        for docnum in ids:
            bits[docnum >> 3] |= 1 << (docnum & 7)
        if with_weights:
            for docnum, weight in zip(ids, block_weights):
                if weight < WEIGHT_CAP:
                    weights[docnum] = weight
                else:
                    weights[docnum] = WEIGHT_CAP
                    overflow[docnum] = weight
    return int.from_bytes(bits, "little"), (bytes(weights) if with_weights else None), overflow or None


def _leaf_blocks(leaf, fieldname, text, with_weights):
    """Yield (ids, integer weights or None) per block of postings."""
    if (fieldname, text) not in leaf:
        return
    matcher = unfiltered_postings(leaf, fieldname, text)  # deletions are removed by the callers
    if not reads_blocks(matcher):
        ids, block_weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            block_weights.append(int(matcher.weight() + 0.5))
            matcher.next()
        yield ids, block_weights
        return
    for ids, block_weights in posting_blocks(matcher, with_weights):
        # Weights are term frequency x field boost: whole numbers here.
        yield ids, None if block_weights is None else [int(w + 0.5) for w in block_weights]


def field_lengths(searcher, fieldname):
    """Whoosh length bytes of a field for every top-level document number."""
    leaves = searcher.reader().leaf_readers()
    return b"".join(leaf_field_lengths(leaf, fieldname) for leaf, _offset in leaves)


def leaf_field_lengths(leaf, fieldname):
    """Whoosh length bytes of a field within one segment (cached)."""
    segment = segment_key(leaf)
    key = (segment, fieldname) if segment is not None else None
    lengths = length_cache.get(key) if key else None
    if lengths is None:
        lengths = field_length_bytes(leaf, fieldname)
        if key:
            length_cache.put(key, lengths)
    return lengths


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


def warm_up(searcher, fieldnames=("body",), terms_per_field=500):
    """Read the postings of each field's most widespread terms into the cache.

    Cold reads cost about 1 us per posting, so the first query on a common
    word is the slow one; warming the few hundred most frequent terms (those
    with the longest posting lists) bounds that cost for everything else.
    Meant for a background thread after an index (generation) is opened;
    at 100,000 assets the default takes some tens of seconds and ~55 MB of
    cache (20,000 assets: 7 s, 11 MB).
    Returns the number of terms read.
    """
    reader = searcher.reader()
    count = 0
    for fieldname in fieldnames:
        if fieldname not in reader.schema:
            continue
        widest = heapq.nlargest(
            terms_per_field, reader.iter_field(fieldname), key=lambda item: item[1].doc_frequency()
        )
        for term_bytes, _info in widest:
            text = reader.schema[fieldname].from_bytes(term_bytes)
            term_bitmap(searcher, fieldname, text, keep_weights=True)
            count += 1
    return count


def clear_caches():
    """Forget all cached postings data."""
    term_cache.clear()
    length_cache.clear()
