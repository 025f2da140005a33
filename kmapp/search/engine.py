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
import gc
import heapq
import itertools
import pickle
import sys
import zlib
from array import array
from bisect import bisect_left
from importlib.metadata import version
from itertools import accumulate
from operator import sub
# Only Whoosh's own posting bytes are unpickled: see decode_positions.
from pickle import loads  # nosec B403

from whoosh import formats, multiproc
from whoosh.analysis import CompositeAnalyzer
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3TermInfo
from whoosh.filedb.filestore import FileStorage
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.system import _INT_SIZE, pack_int, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from .analysis import IndonesianTokenizer, kept_terms

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
    # The bulk segment writer (below): SegmentWriter's steps it reuses or overrides, and the
    # codec's writers it feeds directly.
    ("SegmentWriter", "_check_state"),
    ("SegmentWriter", "_check_fields"),
    ("SegmentWriter", "_doc_boost"),
    ("SegmentWriter", "_field_boost"),
    ("SegmentWriter", "_added"),
    ("SegmentWriter", "_tempstorage"),
    ("SegmentWriter", "_finish"),
    ("SegmentWriter", "_flush_segment"),
    ("W3Codec", "_inlinelimit"),
    ("W3Codec", "_blocklimit"),
    ("W3Codec", "_compression"),
    ("W3FieldWriter", "_postwriter"),
    ("W3FieldWriter", "_postfile"),
    ("W3FieldWriter", "_tindex"),
    ("W3FieldWriter", "_fieldid"),
    ("W3PostingsWriter", "_blocklimit"),
    ("W3PostingsWriter", "_write_block"),
    ("W3PostingsWriter", "_ids"),
    ("W3PostingsWriter", "_weights"),
    ("W3PostingsWriter", "_values"),
    ("W3PostingsWriter", "_maxweight"),
    ("W3PostingsWriter", "_minlength"),
    ("W3PostingsWriter", "_maxlength"),
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


# --- Bulk segment writing ---
#
# Whoosh's SegmentWriter sends every posting (one per distinct term of each field of each
# document) through a sorting pool as a tuple, sorts them all at commit and then looks up
# each posting's field length in the per-document columns it has just written. For a fresh
# build, BulkSegmentWriter keeps the postings grouped per field and term instead (documents
# arrive in number order, so each term's list is already sorted), stores each posting with
# its field length, and hands them to the codec's field writer in term order. Text fields
# analysed by IndonesianTokenizer skip Whoosh's token objects (analysis.kept_terms).
# Everything else (stored fields, columns, lengths, the segment, the TOC) is Whoosh's own
# code, and the segment is the same as SegmentWriter's: tests/search/test_bulk_writer.py
# compares every term, posting, stored field and length.



_ONE = pack_uint(1)
# A posting in memory, roughly: four list slots and its value (its document number, weight
# and length are shared with the document's other postings). Spilled to disk past limitmb.
BYTES_PER_POSTING = 90
MAX_INDEXED_VALUES = 100_000
GC_YOUNG_THRESHOLD = 5_000  # allocations between two collections of young objects (Python: 700)
GC_MIDDLE_THRESHOLD = 100  # young collections between two of the middle generation (Python: 10)


class BulkSegmentWriter(SegmentWriter):
    """A SegmentWriter for many new documents at once (a rebuild); any other use (merging
    old segments into it) takes Whoosh's own path for the postings."""

    def __init__(self, ix, limitmb=128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        # field name -> term bytes -> [docnum, weight, value bytes, field length, docnum, ...]:
        # flat, a quarter of the memory of a tuple per posting, and sliced into blocks in C.
        self._terms = {}
        self._count = 0  # postings held in memory
        self._limit = max(10_000, limitmb * 1024 * 1024 // BYTES_PER_POSTING)
        self._runs = []  # temp files of spilled postings, in document order
        self._pooled = False  # a merge put postings into Whoosh's pool
        self._direct = isinstance(self.codec, W3Codec)
        self._fast = {name: _tokenizer_stem(field) for name, field in self.schema.items()}
        # The posting lists outlive most collections: Python's cycle collector would scan them
        # again and again (a quarter of the time spent adding documents at 1,000). Young
        # objects are still collected, less often; the old generations too, until the end.
        self._gc_threshold = gc.get_threshold()
        gc.set_threshold(max(self._gc_threshold[0], GC_YOUNG_THRESHOLD),
                         max(self._gc_threshold[1], GC_MIDDLE_THRESHOLD), self._gc_threshold[2])
        self._singles = []  # position -> [position] pickled (most terms occur once in a field)
        self._indexed = {}  # (field name, value) -> field.index(value), for values without payloads
        # The distinct words as written of the text fields analysed here: the vocabulary's
        # input (kmapp.search.writing), gathered without reading the texts again.
        self.raw_words = set()

    def add_document(self, **fields):
        # SegmentWriter.add_document, with postings kept here instead of in the pool.
        self._check_state()
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    stem = self._fast[fieldname]
                    if stem is not None and isinstance(value, str):
                        length = self._keep_text(fieldname, docnum, value, stem, field.format.field_boost,
                                                 fieldboost)
                    else:
                        items, length = self._index(fieldname, field, value)
                        self._keep(fieldname, docnum, items, fieldboost, length)
                if field.separate_spelling():
                    raise NotImplementedError("spelling fields are not written in bulk")
                if field.vector:
                    vitems = field.vector.word_values(value, field.analyzer, mode="index")
                    vitems = sorted((text, weight, vbytes) for text, _, weight, vbytes in vitems)
                    perdocwriter.add_vector_items(fieldname, field, vitems)
                customval = fields.get("_stored_%s" % fieldname, value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1
        if self._count >= self._limit:
            self._spill()

    def _index(self, fieldname, field, value):
        """field.index(value) as a list, and the field length it makes. Dates, years, agencies
        repeat: their terms are made once (not when a term has a payload: pickle writes a
        shared bytes object differently, see _keep_text)."""
        key = (fieldname, value)
        try:
            known = self._indexed.get(key)
        except TypeError:  # a list of values
            key, known = None, None
        if known is not None:
            return known
        items = list(field.index(value))
        length = sum(item[1] for item in items) if field.scorable else 0
        if key is not None and len(self._indexed) < MAX_INDEXED_VALUES and not any(item[3] for item in items):
            self._indexed[key] = items, length
        return items, length

    def _keep(self, fieldname, docnum, items, fieldboost, length):
        if not items:
            return
        self.pool.fieldnames.add(fieldname)  # read by Whoosh's multi-process writer
        # What the codec's reader would give back for this document's field length.
        length = byte_to_length(length_to_byte(length)) if length else 0
        terms = self._terms.get(fieldname)
        if terms is None:
            terms = self._terms[fieldname] = {}
        as_text = self._fast[fieldname] is not None  # keyed by text there, see _keep_text
        for tbytes, _freq, weight, vbytes in items:
            posting = (docnum, weight * fieldboost, vbytes, length)
            if as_text:
                tbytes = tbytes.decode("utf-8")
            postings = terms.get(tbytes)
            if postings is None:
                terms[tbytes] = list(posting)
            else:
                postings += posting
        self._count += len(items)

    def _keep_text(self, fieldname, docnum, value, stem, field_boost, fieldboost):
        """_keep for a field analysed by IndonesianTokenizer alone, from its words; returns the
        field's length. Values and weights are formats.Positions.word_values': the positions'
        deltas pickled, the weight the sum of the tokens' boosts (1.0 each) times the boosts."""
        first, terms = kept_terms(value, stem, self.raw_words)
        if not terms:
            return 0
        self.pool.fieldnames.add(fieldname)
        count = len(terms)
        length = byte_to_length(length_to_byte(count))
        positions_of = {}
        for position, term in enumerate(terms, first):
            positions = positions_of.get(term)
            if positions is None:
                positions_of[term] = [position]
            else:
                positions.append(position)
        postings_of = self._terms.get(fieldname)
        if postings_of is None:
            postings_of = self._terms[fieldname] = {}
        singles = self._singles
        weight_of = field_boost * fieldboost
        for term, positions in positions_of.items():
            freq = len(positions)
            if freq == 1:
                # A new bytes object each time: a block pickles its values, and pickle would
                # write a shared one once and refer back to it (not what Whoosh writes).
                try:
                    vbytes = _ONE + singles[positions[0]]
                except IndexError:
                    singles.extend(pickle.dumps([position], 2) for position in range(len(singles), positions[0] + 1))
                    vbytes = _ONE + singles[positions[0]]
                weight = weight_of
            else:
                deltas = [positions[0]]
                deltas.extend(map(sub, positions[1:], positions))
                vbytes = pack_uint(freq) + pickle.dumps(deltas, 2)
                weight = float(freq) * field_boost * fieldboost
            # Keyed by the text, encoded once at the end: UTF-8 keeps the order of the text.
            postings = postings_of.get(term)
            if postings is None:
                postings_of[term] = [docnum, weight, vbytes, length]
            else:
                postings += (docnum, weight, vbytes, length)
        self._count += len(positions_of)
        return count

    def _sorted_terms(self):
        for fieldname in sorted(self._terms):
            terms = self._terms[fieldname]
            if self._fast[fieldname] is None:
                for tbytes in sorted(terms):
                    yield fieldname, tbytes, terms[tbytes]
            else:
                for term in sorted(terms):
                    yield fieldname, term.encode("utf-8"), terms[term]

    def _spill(self):
        # The sub-writers of a multi-process build share the index's temp folder: the run names
        # carry this writer's segment id, or they would overwrite each other's runs.
        name = "%s-bulk%d.run" % (self.newsegment.segment_id(), len(self._runs))
        with self._tempstorage.create_file(name).raw_file() as handle:
            pickler = pickle.Pickler(handle, pickle.HIGHEST_PROTOCOL)
            # No memo: it would keep every value written in the run (and the values must come
            # back as distinct objects anyway, see _keep_text).
            pickler.fast = True
            for entry in self._sorted_terms():
                pickler.dump(entry)
        self._runs.append(name)
        self._terms, self._count = {}, 0

    def _read_run(self, name):
        with self._tempstorage.open_file(name).raw_file() as handle:
            # A run this writer spilled itself a moment ago, in the index's own temp storage: the
            # bytes never come from a user (whoever can write that folder owns the server).
            unpickler = pickle.Unpickler(handle)  # nosec B301
            while True:
                try:
                    yield unpickler.load()
                except EOFError:
                    return

    def _all_terms(self):
        """(field name, term bytes, postings) in term order, the spilled runs merged in."""
        if not self._runs:
            yield from self._sorted_terms()
            return
        # Equal keys come out in run order, which is document order.
        streams = [self._read_run(name) for name in self._runs] + [self._sorted_terms()]
        merged = heapq.merge(*streams, key=lambda entry: (entry[0], entry[1]))
        for key, group in itertools.groupby(merged, key=lambda entry: (entry[0], entry[1])):
            yield key[0], key[1], [item for entry in group for item in entry[2]]

    def _finish(self):
        try:
            super()._finish()
        finally:
            if self._gc_threshold is not None:
                gc.set_threshold(*self._gc_threshold)
                self._gc_threshold = None

    def add_postings_to_pool(self, reader, startdoc, docmap):
        self._pooled = True
        super().add_postings_to_pool(reader, startdoc, docmap)

    def _flush_segment(self):
        if self._pooled or not self._direct:
            # Merged segments' postings are in Whoosh's pool: let it sort ours with them.
            add = self.pool.add
            for fieldname, tbytes, postings in self._all_terms():
                for docnum, weight, vbytes in zip(postings[0::4], postings[1::4], postings[2::4]):
                    add((fieldname, tbytes, docnum, weight, vbytes))
            return super()._flush_segment()
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        schema = self.schema
        codec = self.codec
        # The default codec's settings (no inlined postings): terms written here at once.
        direct = codec._inlinelimit <= 1
        current = None
        for fieldname, tbytes, postings in self._all_terms():
            if fieldname != current:
                if current is not None:
                    fieldwriter.finish_field()
                fieldobj = schema[fieldname]
                fieldwriter.start_field(fieldname, fieldobj)
                current, fixedsize = fieldname, fieldobj.format.fixed_value_size()
            if direct:
                _write_term(fieldwriter, tbytes, postings, fixedsize, codec._blocklimit, codec._compression)
            else:
                fieldwriter.start_term(tbytes)
                _fill_blocks(fieldwriter._postwriter, postings)
                fieldwriter.finish_term()
        if current is not None:
            fieldwriter.finish_field()
        fieldwriter.close()


def _tokenizer_stem(field):
    """For a scorable positions field analysed by IndonesianTokenizer alone: its stem flag;
    else None."""
    analyzer = getattr(field, "analyzer", None)
    if (type(getattr(field, "format", None)) is not formats.Positions or not field.scorable or field.vector
            or not isinstance(analyzer, CompositeAnalyzer)):
        return None
    items = analyzer.items
    if len(items) != 1 or type(items[0]) is not IndonesianTokenizer:
        return None
    return items[0].stem


def _fill_blocks(postwriter, postings):
    """W3PostingsWriter.add_posting for each of ``postings`` (flat: document number, weight,
    value, length, document number...), a block at a time: its buffers
    filled as add_posting fills them, a full block written before the next starts (the last
    one is written by finish_postings)."""
    limit = postwriter._blocklimit * 4
    for start in range(0, len(postings), limit):
        if start:
            postwriter._write_block()
        block = postings[start:start + limit] if len(postings) > limit else postings
        docnums, weights, values, lengths = block[0::4], block[1::4], block[2::4], block[3::4]
        postwriter._ids = array("I", docnums)
        postwriter._weights = array("f", weights)
        postwriter._values = list(filter(None, values))
        maxweight = max(weights)
        postwriter._maxweight = maxweight if maxweight > 0 else 0
        lengths = list(filter(None, lengths))
        postwriter._minlength = min(lengths) if lengths else None
        postwriter._maxlength = max(lengths) if lengths else 0


def _write_term(fieldwriter, tbytes, postings, fixedsize, blocklimit, compression):
    """What W3FieldWriter.start_term, add (per posting) and finish_term write for one term,
    from its whole posting list at once (flat, as in _fill_blocks): the same blocks (pickled
    minified lists, zlib, a pickled info tuple, the length negative on the last), the same
    term info, through the same files."""
    postfile = fieldwriter._postfile
    write = postfile.write
    start = postfile.tell()
    write(WHOOSH3_HEADER_MAGIC)
    total_weight, df, minlength, maxlength, maxweight = 0, 0, None, 0, 0
    minid = maxid = None
    limit = blocklimit * 4
    count = len(postings)
    for offset in range(0, count, limit):
        block = postings[offset:offset + limit] if count > limit else postings
        docnums, weights = block[0::4], block[1::4]
        lengths = list(filter(None, block[3::4]))
        floats = array("f", weights).tolist()  # as the block's array keeps them
        block_maxweight = max(weights)
        block_maxweight = block_maxweight if block_maxweight > 0 else 0
        block_minlength = min(lengths) if lengths else None
        block_maxlength = max(lengths) if lengths else 0
        # W3TermInfo.add_block
        total_weight += sum(floats)
        df += len(docnums)
        minlength = block_minlength if minlength is None else min(minlength, block_minlength)
        maxlength = max(maxlength, block_maxlength)
        maxweight = max(maxweight, block_maxweight)
        if minid is None:
            minid = docnums[0]
        maxid = docnums[-1]
        # W3PostingsWriter._write_block: _mini_ids, _mini_weights, _mini_values
        ids = tuple(map(sub, docnums, [0] + docnums[:-1]))
        size = len(floats)
        mini_weights = None if floats.count(1.0) == size else floats[0] if floats.count(floats[0]) == size \
            else tuple(floats)
        values = list(filter(None, block[2::4]))
        if fixedsize is None or fixedsize < 0:
            mini_values = tuple(values)
        elif fixedsize == 0:
            mini_values = None
        else:
            mini_values = b"".join(values)
        databytes = pickle.dumps((ids, mini_weights, mini_values), 2)
        if compression:
            databytes = zlib.compress(databytes, compression)
        infobytes = pickle.dumps((size, maxid, block_maxweight, compression, length_to_byte(block_minlength),
                                  length_to_byte(block_maxlength)), 2)
        blocklength = len(infobytes) + len(databytes)
        write(pack_int(-blocklength if offset + limit >= count else blocklength))
        write(infobytes)
        write(databytes)
    info = W3TermInfo(total_weight, df, minlength, maxlength, maxweight, minid, maxid)
    info.set_extent(start, postfile.tell() - start)
    fieldwriter._tindex.add(pack_ushort(fieldwriter._fieldid) + tbytes, info.to_bytes())


class _BulkSubWriterTask(SubWriterTask):
    def run(self):
        # Runs in the child process: its SegmentWriter (looked up in whoosh.multiproc when the
        # task starts) is the bulk one there, and only there.
        multiproc.SegmentWriter = BulkSegmentWriter
        super().run()


class BulkMpWriter(MpWriter):
    """Whoosh's multi-process writer whose processes write with BulkSegmentWriter, each its
    own segment (``multisegment``: the parent merges nothing)."""

    def __init__(self, ix, procs, **kwargs):
        super().__init__(ix, procs=procs, multisegment=True, **kwargs)

    def _new_task(self):
        task = _BulkSubWriterTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                                  self.multisegment)
        self.tasks.append(task)
        task.start()
        return task


def bulk_writer(index, processes=1, limitmb=128):
    """A writer for a fresh build of ``index``: BulkSegmentWriter, or with several processes
    BulkMpWriter (one segment per process)."""
    if processes > 1:
        return BulkMpWriter(index, procs=processes, limitmb=limitmb)
    return BulkSegmentWriter(index, limitmb=limitmb)
