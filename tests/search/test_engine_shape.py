"""The Whoosh internals kmapp.search.engine relies on, checked on a real index.

If one of these fails after a Whoosh upgrade, the message names what moved: fix
kmapp/search/engine.py (nothing else reads Whoosh internals), then update the pin.
"""
import re
from pathlib import Path

import pytest
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3TermInfo
from whoosh.matching import ListMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import length_to_byte

from kmapp.search import engine
from kmapp.search.schema import open_or_create_index

from .conftest import build_index

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = 300  # more postings than one whoosh3 block (128) holds


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shape")
    assets = [{
        "asset_id": f"d{number}", "title": f"Dokumen {number}", "summary": "ringkasan",
        "body": " ".join(["arsip"] * (number % 7 + 1)) + f" dokumen nomor{number} kode klasifikasi",
        "file_sha256": [f"{number % 40:064x}"], "visibility": "all", "agency": "DISKOMINFO",
    } for number in range(DOCUMENTS)]
    index = build_index(folder, assets)
    with index.searcher() as opened:
        yield opened
    index.close()


@pytest.fixture(scope="module")
def leaf(searcher):
    leaves = searcher.reader().leaf_readers()
    assert len(leaves) == 1
    return leaves[0][0]


def _block_matcher(leaf):
    matcher = engine.unfiltered_postings(leaf, "body", "arsip")
    assert engine.reads_blocks(matcher), (
        f"Whoosh changed shape: a long posting list now reads as {type(matcher).__name__}, "
        "not whoosh3's W3LeafMatcher (kmapp/search/engine.py reads its blocks)")
    return matcher


def _object_named(where, searcher, leaf):
    if where == "W3LeafMatcher":
        return _block_matcher(leaf)
    if where == "W3LeafMatcher after reading a block":
        matcher = _block_matcher(leaf)
        for name in ("_read_ids", "_read_weights", "_read_values"):
            getattr(matcher, name, lambda: None)()
        return matcher
    if where == "Searcher":
        return searcher
    if where == "SegmentReader":
        return leaf
    if where == "per-document reader":
        return leaf._perdoc
    if where == "length column reader":
        return leaf._perdoc._cached_reader("_body_len", LENGTHS_COLUMN)
    if where == "numeric column reader":
        return leaf.column_reader("content_key", translate=False)
    if where == "BM25F weighting":
        return BM25F()
    if where == "ListMatcher":
        return ListMatcher([1, 2, 3])
    if where in WRITER_PARTS:
        return WRITER_PARTS[where]
    raise AssertionError(f"the test does not know how to build {where!r}: teach _object_named")


@pytest.fixture(scope="module", autouse=True)
def writer_parts(tmp_path_factory):
    """The objects a segment is written with, from a real writer (cancelled afterwards)."""
    index = open_or_create_index(str(tmp_path_factory.mktemp("shape-writer")))
    writer = index.writer()
    postings = writer.codec.postings_writer(writer.fieldwriter._postfile)
    postings.start_postings(index.schema["body"].format, W3TermInfo())
    WRITER_PARTS.update({"SegmentWriter": writer, "W3Codec": writer.codec, "W3FieldWriter": writer.fieldwriter,
                         "W3PostingsWriter": postings})
    yield
    WRITER_PARTS.clear()
    writer.cancel()
    index.close()


WRITER_PARTS = {}


@pytest.mark.parametrize("where, name", engine.REQUIRED_ATTRIBUTES,
                         ids=[f"{where}.{name}" for where, name in engine.REQUIRED_ATTRIBUTES])
def test_every_private_attribute_the_engine_reads_exists(searcher, leaf, where, name):
    target = _object_named(where, searcher, leaf)
    assert hasattr(target, name), (
        f"Whoosh changed shape: {where} ({type(target).__name__}) has no attribute {name!r}, "
        "which kmapp/search/engine.py relies on")


def test_the_installed_whoosh_is_the_pinned_one():
    installed = engine.installed_whoosh_version()
    assert installed == engine.PINNED_WHOOSH, (
        f"Whoosh-Reloaded {installed} is installed but kmapp/search/engine.py was checked against "
        f"{engine.PINNED_WHOOSH}: run this test file, fix the engine, then move the pin")
    for pin_file in ("pyproject.toml", "constraints.txt"):
        pins = re.findall(r"Whoosh-Reloaded==([\w.]+)", (ROOT / pin_file).read_text())
        assert pins == [engine.PINNED_WHOOSH], f"{pin_file} pins Whoosh-Reloaded {pins}"


def _public_postings(leaf, fieldname, text):
    matcher = leaf.postings(fieldname, text)
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value_as("positions")))
        matcher.next()
    return found


def test_posting_blocks_read_what_the_public_matcher_reads(leaf):
    blocks = list(engine.posting_blocks(_block_matcher(leaf), with_weights=True))
    assert len(blocks) >= 2  # several blocks really were walked
    read = [(docnum, weight) for ids, weights in blocks for docnum, weight in zip(ids, weights)]
    public = _public_postings(leaf, "body", "arsip")
    assert read == [(docnum, weight) for docnum, weight, _positions in public]
    assert len(read) == DOCUMENTS and {weight for _docnum, weight in read} == set(range(1, 8))


def test_positions_decode_as_whoosh_decodes_them(leaf):
    matcher = _block_matcher(leaf)
    decoded = []
    for ids, _weights in engine.posting_blocks(matcher):
        values = engine.block_values(matcher)
        decoded.extend((docnum, engine.decode_positions(value)) for docnum, value in zip(ids, values))
    assert decoded == [(docnum, positions) for docnum, _w, positions in _public_postings(leaf, "body", "arsip")]


def test_raw_columns_hold_what_the_public_readers_return(leaf):
    count = leaf.doc_count_all()
    assert engine.field_length_bytes(leaf, "body") == bytes(
        length_to_byte(leaf.doc_field_length(docnum, "body")) for docnum in range(count))
    public = leaf.column_reader("content_key")
    assert list(engine.read_numeric_column(leaf, "content_key", "Q")) == [public[d] for d in range(count)]
    assert len(set(engine.read_numeric_column(leaf, "content_key", "Q"))) == 40


def test_index_folder_and_scoring_parameters(searcher, tmp_path_factory):
    assert Path(engine.index_folder(searcher)).name.startswith("shape")
    assert engine.bm25f_parameters(BM25F(B=0.5, K1=1.5, body_B=0.9)) == (1.5, 0.5, {"body": 0.9})
    assert engine.bm25f_parameters(searcher.weighting) == (1.2, 0.75, {})


def test_the_zero_score_matcher_skips_to_its_documents():
    matcher = engine.zero_score_list_matcher([2, 5, 9, 14])
    matcher.skip_to(6)
    assert matcher.id() == 9 and matcher.score() == 0.0 and matcher.weight() == 0.0
    copy = matcher.copy()
    assert copy.id() == 9 and copy.next() is None and copy.id() == 14
