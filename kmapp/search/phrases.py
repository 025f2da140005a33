"""Exact phrase matching on candidate documents.

Whoosh checks a phrase by building span objects for every position of
every word in every candidate document (~150 us per document in Python).
Here the candidates are already known (documents holding all the words,
from bitmaps); for each word we decode its positions only in those
documents and test adjacency with set intersections: position p of word 0,
p+1 of word 1, and so on.  Positions are the analyzer's, so stop words
removed from the phrase and from the text line up as they do in Whoosh.

Which documents of a segment hold a phrase does not depend on who asks: results are cached
per (segment, field, phrase) -- a segment id belongs to one index generation, so the key
names the generation too -- and every viewer's search shares the entry.  Visibility and
filters are applied after the cache, by intersecting with the caller's candidates (which
are already limited to what the viewer may see), so a cached entry never widens anyone's
results.  The price: the first search of a phrase checks every document holding all its
words in a segment, not only the ones the first viewer may see.

In a big segment, the segment's forward file of the field (:mod:`kmapp.search.forward`) finds
the phrase with one byte-string search per candidate instead; postings remain the way for
small segments and a segment whose files are not built yet.

Reads whoosh3 posting blocks directly, through :mod:`kmapp.search.engine`.
"""

from .engine import (block_values, decode_positions, index_folder, posting_blocks, reads_blocks,
                     unfiltered_postings)
from .caches import bitmap_size, budgeted_cache
from .forward import FIELDS as FORWARD_FIELDS, forward_file
from .postings import leaf_term, segment_key

# (segment, field, words) -> bitmap of the segment's documents holding the phrase.
_results = budgeted_cache("phrases", bitmap_size)


def phrase_bitmap(searcher, fieldname, words, candidates):
    """Bitmap of the ``candidates`` (a bitmap) containing ``words`` in order,
    adjacent, in field ``fieldname``.  Returns None if the postings cannot be
    read directly (the caller then asks Whoosh)."""
    result = 0
    folder = index_folder(searcher) if fieldname in FORWARD_FIELDS else None
    for leaf, offset in searcher.reader().leaf_readers():
        size = leaf.doc_count_all()
        local = (candidates >> offset) & ((1 << size) - 1)
        if not local:
            continue  # nothing the caller wants here: not even worth a cache look-up
        found = leaf_phrase_docs(leaf, fieldname, tuple(words), folder)
        if found is None:
            return None
        result |= (found & local) << offset  # the caller's visibility and filters, after the cache
    return result


def leaf_phrase_docs(leaf, fieldname, words, folder=None):
    """Bitmap of one segment's documents (deleted ones included) holding the phrase,
    whoever asks; cached per segment and phrase.  None if the postings cannot be read
    directly.  ``folder``: the index's, where the segment's forward file may be."""
    segment = segment_key(leaf)
    key = (segment, fieldname, words)
    if segment is not None:
        cached = _results.get(key)
        if cached is not None:
            return cached
    holding_all = -1
    for word in words:
        holding_all &= leaf_term(leaf, fieldname, word, with_weights=False)[0]
        if not holding_all:
            break
    found = 0
    if holding_all > 0:
        found = _by_forward_file(folder, segment, fieldname, words, holding_all)
        if found is None:
            found = _leaf_phrase(leaf, fieldname, words, holding_all)
    if found is not None and segment is not None:
        _results.put(key, found)
    return found


def _by_forward_file(folder, segment, fieldname, words, candidates):
    """The candidates holding the phrase, by the segment's forward file; None without one
    (or when a word's hash is ambiguous in it)."""
    if folder is None or segment is None:
        return None
    forward = forward_file(folder, segment, fieldname)
    pattern = forward.pattern(words) if forward is not None else None
    if pattern is None:
        return None
    return forward.documents_with(pattern, candidates)


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


def _candidate_positions(leaf, fieldname, word, data):
    """{docnum: positions} of ``word`` in the candidate documents."""
    if (fieldname, word) not in leaf:
        return {}
    matcher = unfiltered_postings(leaf, fieldname, word)
    if not reads_blocks(matcher):
        return None
    size = len(data)
    found = {}
    for ids, _weights in posting_blocks(matcher):
        wanted = [i for i, doc in enumerate(ids) if doc >> 3 < size and data[doc >> 3] >> (doc & 7) & 1]
        if wanted:
            values = block_values(matcher)
            for i in wanted:
                found[ids[i]] = decode_positions(values[i])
    return found


def clear_cache():
    """Forget cached phrase results."""
    _results.clear()
