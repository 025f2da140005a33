"""Exact phrase matching on candidate documents.

Whoosh checks a phrase by building span objects for every position of
every word in every candidate document (~150 us per document in Python).
Here the candidates are already known (documents holding all the words,
from bitmaps); for each word we decode its positions only in those
documents and test adjacency with set intersections: position p of word 0,
p+1 of word 1, and so on.  Positions are the analyzer's, so stop words
removed from the phrase and from the text line up as they do in Whoosh.

Reads whoosh3 posting blocks directly, like :mod:`kmapp.search.postings`.
"""

from itertools import accumulate
# Only Whoosh's own posting bytes are unpickled: see _decode_positions.
from pickle import loads  # nosec B403

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE

from .postings import LRUCache, segment_key

# (result bitmap, size of the candidate bitmap held by the key) per entry.
_results = LRUCache(8 * 1024 * 1024, lambda entry: 64 + entry[0].bit_length() // 8 + entry[1])


def phrase_bitmap(searcher, fieldname, words, candidates):
    """Bitmap of the ``candidates`` (a bitmap) containing ``words`` in order,
    adjacent, in field ``fieldname``.  Returns None if the postings cannot be
    read directly (the caller then asks Whoosh)."""
    result = 0
    for leaf, offset in searcher.reader().leaf_readers():
        size = leaf.doc_count_all()
        local = (candidates >> offset) & ((1 << size) - 1)
        if not local:
            continue
        found = _cached_leaf_phrase(leaf, fieldname, tuple(words), local)
        if found is None:
            return None
        result |= found << offset
    return result


def _cached_leaf_phrase(leaf, fieldname, words, candidates):
    # The same phrase over the same candidates comes back with every page,
    # sort order or facet click of one search: worth remembering.
    segment = segment_key(leaf)
    key = (segment, fieldname, words, candidates)  # the int itself: no hash collisions
    cached = _results.get(key) if segment is not None else None
    if cached is not None:
        return cached[0]
    found = _leaf_phrase(leaf, fieldname, words, candidates)
    if found is not None and segment is not None:
        _results.put(key, (found, candidates.bit_length() // 8))
    return found


def _leaf_phrase(leaf, fieldname, words, candidates):
    data = candidates.to_bytes((candidates.bit_length() + 7) // 8, "little")
    starts = None  # per document: positions where the phrase could start
    for index, word in enumerate(words):
        positions = _candidate_positions(leaf, fieldname, word, data)
        if positions is None:
            return None
        if starts is None:
            starts = {doc: set(plist) for doc, plist in positions.items()}
        else:
            narrowed = {}
            for doc, possible in starts.items():
                possible &= {p - index for p in positions.get(doc, ())}
                if possible:
                    narrowed[doc] = possible
            starts = narrowed
        if not starts:
            return 0
    # Keep only the documents that survived, as a new candidate bitmap.
    return sum(1 << doc for doc in starts)


def _decode_positions(value):
    """Same result as whoosh.formats.Positions.decode_positions, without
    its per-call overhead: a frequency int, then pickled position deltas."""
    # The bytes are Whoosh's own posting data, written by this application into its index
    # folder; they never come from a user (whoever can write that folder owns the server).
    return list(accumulate(loads(value[_INT_SIZE:] + b".")))  # nosec B301


def _candidate_positions(leaf, fieldname, word, data):
    """{docnum: positions} of ``word`` in the candidate documents."""
    if (fieldname, word) not in leaf:
        return {}
    matcher = leaf.postings(fieldname, word)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        return None
    size = len(data)
    found = {}
    while matcher.is_active():
        matcher._read_ids()
        wanted = [i for i, doc in enumerate(matcher._ids)
                  if doc >> 3 < size and data[doc >> 3] >> (doc & 7) & 1]
        if wanted:
            matcher._read_values()
            for i in wanted:
                found[matcher._ids[i]] = _decode_positions(matcher._values[i])
        matcher._next_block()
    return found


def clear_cache():
    """Forget cached phrase results."""
    _results.clear()
