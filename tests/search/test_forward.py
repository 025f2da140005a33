"""Forward files: phrases found by a byte search per document give the postings' answer."""
import random
import zlib
from array import array

import pytest

from kmapp.search import forward, phrases
from kmapp.search.searching import clear_caches
from kmapp.search.visibility import Viewer

from ..fixtures_assets import act_as  # noqa: F401  (fixture)
from ..fixtures_assets import asset_form, pdf_bytes, upload
from ..fixtures_search import search_page, total_of
from .conftest import build_index, search

EVERYONE = Viewer(is_admin=True)
# Few words, so that many documents hold both words of a phrase and not always side by side.
WORDS = ("arsip", "kode", "klasifikasi", "dinas", "laporan", "retensi", "musnah", "berkas", "surat", "nilai",
         "jadwal", "pegawai")
# Two terms with the same CRC-32 that the analyzer keeps as they are (found by a search).
TWINS = ("hgbqjqcj", "hwqdcwwz")


def _corpus(count, seed=5):
    rng = random.Random(seed)
    return [{"asset_id": f"d{n}", "title": f"Dokumen {n}", "visibility": "all", "agency": "AG1", "cop": 1,
             "body": " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 40)))} for n in range(count)]


def _phrases(seed=9):
    rng = random.Random(seed)
    pairs = [f'"{a} {b}"' for a in WORDS[:6] for b in WORDS[:6]]
    triples = [f'"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(WORDS)}"' for _ in range(30)]
    return pairs + triples + ['"berkas yang dinas"', '"arsip arsip"']


def _answers(index, queries):
    clear_caches()
    with index.searcher() as searcher:
        return {q: sorted(hit.asset_id for hit in search(searcher, q, visible_to=EVERYONE, pagelen=500).hits)
                for q in queries}


@pytest.fixture
def postings_path_calls(monkeypatch):
    calls = []
    original = phrases._leaf_phrase

    def counted(*args):
        calls.append(args[1])  # the field
        return original(*args)
    monkeypatch.setattr(phrases, "_leaf_phrase", counted)
    yield calls
    forward.forget_all()


def test_phrases_by_forward_file_equal_phrases_by_postings(tmp_path, postings_path_calls):
    index = build_index(tmp_path / "index", _corpus(400))
    queries = _phrases()
    by_postings = _answers(index, queries)
    assert postings_path_calls and sum(map(len, by_postings.values())) > 500  # a real workload
    with index.searcher() as searcher:
        assert forward.build_missing(searcher, tmp_path / "index", min_docs=1) == 3  # title, summary, body
    postings_path_calls.clear()
    assert _answers(index, queries) == by_postings
    assert postings_path_calls == []  # every phrase came from the forward files
    index.close()


def test_a_hash_two_terms_share_sends_the_phrase_to_the_postings(tmp_path, postings_path_calls):
    assert zlib.crc32(TWINS[0].encode()) == zlib.crc32(TWINS[1].encode())
    index = build_index(tmp_path / "index", [
        {"asset_id": "first", "title": "Satu", "visibility": "all", "body": f"arsip {TWINS[0]} dinas"},
        {"asset_id": "second", "title": "Dua", "visibility": "all", "body": f"arsip {TWINS[1]} dinas"}])
    with index.searcher() as searcher:
        forward.build_missing(searcher, tmp_path / "index", min_docs=1)
        segment = searcher.reader().leaf_readers()[0][0].segment().segment_id()
    opened = forward.forward_file(tmp_path / "index", segment, "body")
    assert zlib.crc32(TWINS[0].encode()) in opened.ambiguous and opened.pattern(["arsip", TWINS[0]]) is None
    assert _answers(index, [f'"arsip {TWINS[0]}"'])[f'"arsip {TWINS[0]}"'] == ["first"]
    assert postings_path_calls == ["body"]  # the file could not tell the twins apart
    assert _answers(index, [f'"{TWINS[1]} dinas"'])[f'"{TWINS[1]} dinas"'] == ["second"]
    assert _answers(index, ['"arsip dinas"'])['"arsip dinas"'] == [] and len(postings_path_calls) == 2
    index.close()


def test_bytes_matching_across_two_tokens_are_not_a_match(tmp_path):
    tokens = array("I", [0x11223344, 0x55667788, 0x99AABBCC])
    forward._write(tmp_path / "MAIN_x.fwd", [tokens, None, array("I", [0x55667788, 0x99AABBCC])], [0])
    opened = forward.ForwardFile(tmp_path / "MAIN_x.fwd")
    everyone = 0b111
    assert opened.documents_with(tokens.tobytes()[2:10], everyone) == 0  # straddles tokens 0-2
    assert opened.documents_with(tokens.tobytes()[4:12], everyone) == 0b101
    assert opened.documents_with(tokens.tobytes()[4:12], 0b100) == 0b100  # only the candidates
    opened.close()


def _forward_files(app):
    from kmapp.search import store
    with app.app_context():
        return sorted({path.name.split(".")[0] for path in (store.index_root() / store.current_generation()).glob("*.fwd")})


@pytest.mark.whoosh_only
def test_the_worker_builds_files_for_new_segments_and_whoosh_drops_the_merged_ones(app, client, act_as, world,
                                                                                  runner):
    app.config["SEARCH_FORWARD_MIN_DOCS"] = 1
    act_as("lead_a")
    for title, text in (("Pedoman Retensi", "Jadwal retensi arsip dinamis."),
                        ("Pedoman Musnah", "Arsip dinamis dimusnahkan setelah retensi.")):
        response = upload(client, asset_form(world.cop_a, world.meeting_a, title=title), (pdf_bytes(text), "a.pdf"))
        assert response.status_code == 302
    before = _forward_files(app)  # the segments that have files
    assert len(before) >= 2  # each segment the drains wrote, its files built by the worker's sweep
    assert runner.invoke(args=["search-merge", "--all"]).exit_code == 0
    with app.app_context():
        from kmapp.search.indexing import forward_files_when_idle
        assert forward_files_when_idle() == 3  # one per text field
    after = _forward_files(app)
    assert len(after) == 1 and after[0] not in before  # Whoosh deleted the merged segments' files
    forward.forget_all()
    assert total_of(search_page(client, '"arsip dinamis"').get_data(as_text=True)) == 2
    assert total_of(search_page(client, '"dinamis arsip"').get_data(as_text=True)) == 0
    assert runner.invoke(args=["reindex"]).exit_code == 0
    assert len(_forward_files(app)) == 1  # a rebuild writes them before the switch
    assert total_of(search_page(client, '"jadwal retensi"').get_data(as_text=True)) == 1
