"""Forward files: each document's text fields as strings of 4-byte term hashes, for phrases.

Checking a phrase through postings decodes the positions of every word in every document
that holds all of them: at 100,000 assets two common words share tens of thousands of
documents, and a cold phrase took seconds. A forward file keeps, per segment and text field,
every document's tokens in position order as CRC-32s of the indexed terms, so a phrase is
one byte-string search inside each candidate document, in C, with nothing to decode.

Exact, not probable: two different terms of a segment may share a CRC-32. Those hashes are
listed in the file, and a phrase using one of them takes the postings path. Positions with
no token (none, with the analyzer's renumbered stop words) hold 0, which is listed too.

The file sits beside the segment's own files as ``<segment id>.<field>.fwd``: Whoosh deletes it with
the segment when a merge drops it (``clean_files`` takes every ``MAIN_<id>.*``), and a
segment never changes once written (deletions aside, and candidates exclude deleted
documents), so neither does its file. Files are built from the segment's postings, not by
analysing texts again: by ``reindex`` before it switches generations, and by the worker for
segments that merges create (:func:`build_missing`). Segments under SEARCH_FORWARD_MIN_DOCS
documents get none: their postings are short enough.

Layout (little-endian): magic, document count, number of ambiguous hashes, the ambiguous
hashes, per document the offset of its first token (document count + 1 of them, in
tokens), then the tokens.
"""
import mmap
import os
import struct
import sys
import threading
import time
import zlib
from array import array
from pathlib import Path

from .engine import block_values, decode_positions, posting_blocks, reads_blocks, unfiltered_postings

MAGIC = b"KMFWD1\0\0"
HEADER = struct.Struct("<8sII")
EXTENSION = "fwd"
GAP = 0  # a position without a token; listed as ambiguous, so never part of a pattern
DEFAULT_MIN_DOCS = 2000
FIELDS = ("title", "summary", "body")  # the fields a quoted phrase is looked for in
LITTLE_ENDIAN = sys.byteorder == "little"  # arrays and memoryviews below are native

_opened = {}  # path -> ForwardFile, or (None, checked at) while the file is missing
_opened_lock = threading.Lock()
MISSING_RECHECK_SECONDS = 30.0
MAX_OPEN = 64


def term_hash(term: bytes) -> int:
    return zlib.crc32(term)


def forward_path(folder, segment_id: str, fieldname: str) -> Path:
    return Path(folder) / f"{segment_id}.{fieldname}.{EXTENSION}"


class ForwardFile:
    """One segment's forward file, memory-mapped (the OS page cache holds it, not the heap)."""

    def __init__(self, path):
        with open(path, "rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        magic, self.doc_count, ambiguous_count = HEADER.unpack_from(self._map, 0)
        if magic != MAGIC:
            raise ValueError(f"{path}: not a forward file")
        start = HEADER.size
        view = memoryview(self._map)
        self.ambiguous = frozenset(view[start:start + 4 * ambiguous_count].cast("I"))
        start += 4 * ambiguous_count
        self._offsets = view[start:start + 4 * (self.doc_count + 1)].cast("I")
        self._tokens_at = start + 4 * (self.doc_count + 1)

    def pattern(self, words) -> bytes | None:
        """The bytes a phrase of ``words`` (indexed terms) is in a document, or None when one
        of its hashes is ambiguous in this segment (then only postings can tell)."""
        hashes = [term_hash(word.encode("utf-8") if isinstance(word, str) else word) for word in words]
        if any(h in self.ambiguous for h in hashes):
            return None
        return array("I", hashes).tobytes()

    def documents_with(self, pattern: bytes, candidates: int) -> int:
        """Bitmap of the ``candidates`` (a bitmap) holding ``pattern``."""
        from .docsets import docnums_from_bitmap  # here: docsets imports phrases, which import this

        find, offsets, base = self._map.find, self._offsets, self._tokens_at
        found = bytearray((self.doc_count + 8) // 8)
        for doc in docnums_from_bitmap(candidates):
            end = base + 4 * offsets[doc + 1]
            at = find(pattern, base + 4 * offsets[doc], end)
            while at != -1 and (at - base) & 3:  # a match across token boundaries: look further
                at = find(pattern, at + 1, end)
            if at != -1:
                found[doc >> 3] |= 1 << (doc & 7)
        return int.from_bytes(found, "little")

    def close(self):
        self._offsets.release()
        self._map.close()


def forward_file(folder, segment_id: str, fieldname: str) -> ForwardFile | None:
    """The forward file of a segment's field, opened once per process; None while there is none."""
    if not LITTLE_ENDIAN or fieldname not in FIELDS:
        return None
    path = str(forward_path(folder, segment_id, fieldname))
    with _opened_lock:
        entry = _opened.get(path)
        if isinstance(entry, ForwardFile):
            return entry
        if entry is not None and time.monotonic() - entry[1] < MISSING_RECHECK_SECONDS:
            return None
        try:
            opened = ForwardFile(path)
        except (OSError, ValueError):
            _opened[path] = (None, time.monotonic())
            return None
        if len(_opened) >= MAX_OPEN:
            _close_oldest()
        _opened[path] = opened
        return opened


def _close_oldest():
    # Files of dropped segments stay readable while mapped (POSIX): a search still reading
    # an old generation keeps working; closing only frees the mapping.
    path = next(iter(_opened))
    entry = _opened.pop(path)
    if isinstance(entry, ForwardFile):
        entry.close()


def forget_all():
    """Close every mapped file (tests, restore)."""
    with _opened_lock:
        entries = list(_opened.values())
        _opened.clear()
    for entry in entries:
        if isinstance(entry, ForwardFile):
            entry.close()


# --- Building --------------------------------------------------------------------------

def build(leaf, folder, segment_id: str, fieldname: str) -> Path:
    """Write the forward file of one segment's field from its postings; returns its path."""
    documents = [None] * leaf.doc_count_all()
    first_term = {}  # hash -> the first term seen with it
    ambiguous = {GAP}
    for term in leaf.lexicon(fieldname):
        hashed = term_hash(term)
        if first_term.setdefault(hashed, term) != term:
            ambiguous.add(hashed)
        for doc, positions in _term_positions(leaf, fieldname, term):
            tokens = documents[doc]
            if tokens is None:
                tokens = documents[doc] = array("I")
            missing = positions[-1] + 1 - len(tokens)
            if missing > 0:
                tokens.extend(array("I", bytes(4 * missing)))
            for position in positions:
                tokens[position] = hashed
    path = forward_path(folder, segment_id, fieldname)
    _write(path, documents, sorted(ambiguous))
    with _opened_lock:
        _opened.pop(str(path), None)  # "missing" no longer
    return path


def _term_positions(leaf, fieldname, term):
    """(document, positions) of every posting of ``term``, deleted documents included."""
    matcher = unfiltered_postings(leaf, fieldname, term)
    if not reads_blocks(matcher):  # a short list the codec inlined: the public API
        while matcher.is_active():
            yield matcher.id(), matcher.value_as("positions")
            matcher.next()
        return
    for ids, _weights in posting_blocks(matcher):
        for doc, value in zip(ids, block_values(matcher)):
            yield doc, decode_positions(value)


def _write(path: Path, documents, ambiguous):
    offsets = array("I", [0])
    for tokens in documents:
        offsets.append(offsets[-1] + (len(tokens) if tokens is not None else 0))
    # A dot name: Whoosh's clean_files skips it while it is being written.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(temporary, "wb") as out:
        out.write(HEADER.pack(MAGIC, len(documents), len(ambiguous)))
        out.write(array("I", ambiguous).tobytes())
        out.write(offsets.tobytes())
        for tokens in documents:
            if tokens is not None:
                out.write(tokens.tobytes())
    os.replace(temporary, path)


def build_missing(searcher, folder, min_docs: int) -> int:
    """Build the files the searcher's big segments lack; how many were built (one per field)."""
    if min_docs <= 0 or not LITTLE_ENDIAN:
        return 0
    built = 0
    for leaf, segment_id, fieldname in list(segments_without_file(searcher, folder, min_docs)):
        build(leaf, folder, segment_id, fieldname)
        built += 1
    return built


def segments_without_file(searcher, folder, min_docs: int):
    """(leaf, segment id, field) of the searcher's segments big enough for files, per field
    without one."""
    for leaf, _offset in searcher.reader().leaf_readers():
        segment = leaf.segment()
        if segment is None or leaf.doc_count_all() < min_docs:
            continue
        for fieldname in FIELDS:
            if fieldname in leaf.schema and not forward_path(folder, segment.segment_id(), fieldname).exists():
                yield leaf, segment.segment_id(), fieldname
