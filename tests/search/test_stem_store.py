"""Stems are computed once per machine: another process reads them from the stem store."""
import subprocess
import sys
import textwrap

from kmapp.search import stem_store
from kmapp.search.analysis import stem_word


def test_a_stem_computed_in_one_process_is_read_by_another_without_sastrawi(tmp_path):
    stem_store.use_folder(tmp_path)
    try:
        stem_word.cache_clear()
        assert stem_word("pengarsipannya") == "arsip"
        stem_store.flush()
        assert stem_store.known_stem("pengarsipannya") == "arsip"
    finally:
        stem_store.use_folder(None)
        stem_word.cache_clear()
    # Another process, whose Sastrawi would fail if it were asked: the stem comes from the store.
    script = textwrap.dedent(f"""
        from kmapp.search import stem_store, stemming
        from kmapp.search.analysis import stem_word
        stem_store.use_folder({str(tmp_path)!r})
        stemmer = stemming.sastrawi_stemmer()
        stemmer.stem_word = lambda word: 1 / 0
        print(stem_word("pengarsipannya"))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "arsip"


def test_new_stems_are_written_in_batches_and_on_flush(tmp_path, monkeypatch):
    monkeypatch.setattr(stem_store, "WRITE_BATCH", 3)
    stem_store.use_folder(tmp_path)
    try:
        stem_word.cache_clear()
        words = ["dikelola", "pengelolaan", "kearsipan", "penyusutan"]
        for word in words:
            stem_word(word)
        assert stem_store.stored_count() == 3  # one full batch written, one stem waiting
        stem_store.flush()
        assert stem_store.stored_count() == 4
    finally:
        stem_store.use_folder(None)
        stem_word.cache_clear()
