"""The one module that reaches into Whoosh-Reloaded's internals.

The portal's search reads the index faster than Whoosh's public API allows: whole posting
blocks at a time, raw length and numeric columns in one read, the index folder of a
searcher.  All of that depends on private attributes and non-public modules of the pinned
Whoosh-Reloaded (``PINNED_WHOOSH``) and lives here, behind small named functions; the rest
of :mod:`kmapp.search` uses only these functions and Whoosh's public API.

``REQUIRED_ATTRIBUTES`` lists every private name used below, by the object it is read
from; tests/search/test_engine_shape.py checks each one on a real index and that the
installed version is the pinned one, so an upgrade fails there, naming what moved, instead
of deep inside a search.  Upgrading Whoosh means: run that test, fix this module, update
the pin.
"""
import sys
from array import array
from bisect import bisect_left
from importlib.metadata import version
from itertools import accumulate
# Only Whoosh's own posting bytes are unpickled: see decode_positions.
from pickle import loads  # nosec B403

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.filedb.filestore import FileStorage
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length, length_to_byte

PINNED_WHOOSH = "2.7.5"
DISTRIBUTION = "Whoosh-Reloaded"

# (where, private name): what the functions below read.  ``where`` names the object the
# shape test builds from a real index.
REQUIRED_ATTRIBUTES = (
    ("W3LeafMatcher", "_read_ids"),
    ("W3LeafMatcher", "_read_weights"),
    ("W3LeafMatcher", "_read_values"),
    ("W3LeafMatcher", "_next_block"),
    ("W3LeafMatcher after reading a block", "_ids"),
    ("W3LeafMatcher after reading a block", "_weights"),
    ("W3LeafMatcher after reading a block", "_values"),
    ("Searcher", "_ix"),
    ("SegmentReader", "_perdoc"),
    ("per-document reader", "_cached_reader"),
    ("length column reader", "_dbfile"),
    ("length column reader", "_basepos"),
    ("length column reader", "_count"),
    ("numeric column reader", "_dbfile"),
    ("numeric column reader", "_basepos"),
    ("numeric column reader", "_count"),
    ("BM25F weighting", "_field_B"),
    ("ListMatcher", "_ids"),
    ("ListMatcher", "_i"),
)


def installed_whoosh_version() -> str:
    return version(DISTRIBUTION)


# --- Opening -----------------------------------------------------------------------------

def file_storage(path: str) -> FileStorage:
    """The storage of an index folder, read without mmap.

    With mmap, Whoosh-Reloaded 2.7.5 copies every file of a compound segment into a
    BytesIO each time a reader opens (280 ms and ~200 MB per open at 20,000 assets);
    plain file reads cost 7 ms.
    """
    return FileStorage(path, supports_mmap=False)


def index_folder(searcher) -> str:
    """The folder of the index ``searcher`` reads (Whoosh keeps it only in ``_ix``)."""
    return searcher._ix.storage.folder


# --- Postings ----------------------------------------------------------------------------

def unfiltered_postings(leaf, fieldname, text):
    """The matcher of a term's postings in one segment, deleted documents included
    (callers remove those with the live-documents bitmap)."""
    matcher = leaf.postings(fieldname, text)
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def reads_blocks(matcher) -> bool:
    """Whether :func:`posting_blocks` can read ``matcher`` (a whoosh3 posting list; short
    lists are inlined by the codec and come as other matchers: use the public API)."""
    return isinstance(matcher, W3LeafMatcher)


def posting_blocks(matcher, with_weights=False):
    """Yield (document ids, weights or None) per block of a whoosh3 posting list.

    A whole block of decoded ids/weights at a time: about five times faster than Whoosh's
    per-posting ``id()``/``next()``.  While a block is current, :func:`block_values`
    returns its raw values.
    """
    while matcher.is_active():
        matcher._read_ids()
        if with_weights:
            matcher._read_weights()
            yield matcher._ids, matcher._weights
        else:
            yield matcher._ids, None
        matcher._next_block()


def block_values(matcher):
    """The raw posting values (frequency + positions) of the block just yielded."""
    matcher._read_values()
    return matcher._values


def decode_positions(value) -> list:
    """Same result as whoosh.formats.Positions.decode_positions, without its per-call
    overhead: a frequency int, then pickled position deltas."""
    # The bytes are Whoosh's own posting data, written by this application into its index
    # folder; they never come from a user (whoever can write that folder owns the server).
    return list(accumulate(loads(value[_INT_SIZE:] + b".")))  # nosec B301


# --- Columns -----------------------------------------------------------------------------

def field_length_bytes(leaf, fieldname) -> bytes:
    """Whoosh's one-byte lengths of a field for every document of one segment (0 where a
    document lacks the field)."""
    count = leaf.doc_count_all()
    try:
        # One read of the raw length column instead of one read per document.
        column = leaf._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        raw = b"" if column is None else column._dbfile.get(column._basepos, min(column._count, count))
    except AttributeError:  # not a whoosh3 segment reader
        raw = bytes(length_to_byte(leaf.doc_field_length(d, fieldname)) for d in range(count))
    return raw + bytes(count - len(raw))


def length_from_byte(byte: int) -> int:
    """The field length a Whoosh length byte stands for (lossy, as Whoosh scores it)."""
    return byte_to_length(byte)


def read_numeric_column(leaf, fieldname, typecode):
    """A segment's numeric column (``typecode`` as in :mod:`array`) as an array, one value
    per document; 0 where a document has none or the segment has no such column."""
    count = leaf.doc_count_all()
    values = array(typecode)
    if fieldname not in leaf.schema or not leaf.has_column(fieldname):  # an index older than the field
        return array(typecode, [0]) * count
    column = leaf.column_reader(fieldname, translate=False)
    try:
        # One read of the raw big-endian column instead of one per document.
        values.frombytes(column._dbfile.get(column._basepos, column._count * values.itemsize))
        if sys.byteorder == "little":
            values.byteswap()
    except AttributeError:  # another column implementation
        values = array(typecode, (column[docnum] for docnum in range(count)))
    values.extend([0] * (count - len(values)))
    return values


# --- Scoring -----------------------------------------------------------------------------

def bm25f_parameters(weighting):
    """(K1, default B, {field: B}) of a BM25F weighting; Whoosh's defaults otherwise."""
    return (getattr(weighting, "K1", 1.2), getattr(weighting, "B", 0.75),
            getattr(weighting, "_field_B", {}))


# --- Matchers ----------------------------------------------------------------------------

def zero_score_list_matcher(docnums):
    """A matcher over a sorted list of segment document numbers that adds nothing to scores
    and skips by binary search (ANDed with a real query, Whoosh then visits only these)."""
    return _ZeroScoreListMatcher(docnums)


class _ZeroScoreListMatcher(ListMatcher):
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
