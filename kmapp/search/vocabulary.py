"""The readable words of the indexed documents, the dictionary of "did you mean".

Kept in a small SQLite file inside each index generation, not as a field of the index: a
``words`` field of unstemmed words gave Whoosh a second, far larger term dictionary to
write at every commit, and cost more than half of all indexing CPU time (measured by
bench/indexing_bench.py: 1,000 documents, 47 s with it, 21 s without). Here a document
adds its distinct words with one INSERT OR IGNORE per batch.

Words are only ever added: a word whose documents are all gone stays, but a correction is
offered only when the index still holds documents with the word's stem (see
:mod:`kmapp.search.spelling`), and a rebuild starts a new generation with a new file.
"""
import json
import sqlite3
from contextlib import closing
from pathlib import Path

from .analysis import surface_terms, surface_words

FILE_NAME = "vocabulary.sqlite3"
MIN_WORD_LENGTH = 4  # shorter words are never corrected: not worth storing


def document_words(*texts) -> set[str]:
    """The words of ``texts`` that a correction may offer: alphabetic, 4 letters or more,
    lowercase with accents folded, stop words left out (as the analyzer sees them)."""
    return correctable(surface_words(*texts))


def correctable(words) -> set[str]:
    """Those of the analyzer's unstemmed ``words`` that a correction may offer."""
    return {word for word in words if len(word) >= MIN_WORD_LENGTH and word.isalpha()}


def words_of(raws) -> set[str]:
    """:func:`document_words` of texts whose distinct words as written are ``raws``: a writer
    gathers the raw words of many documents and looks at each distinct one once."""
    return correctable(surface_terms(raws))


class Vocabulary:
    """The word file of one index generation (shared by every process using it)."""

    def __init__(self, folder):
        self.path = Path(folder) / FILE_NAME

    def _connect(self):
        connection = sqlite3.connect(self.path, timeout=30.0)
        connection.execute("CREATE TABLE IF NOT EXISTS word (word TEXT PRIMARY KEY) WITHOUT ROWID")
        return connection

    def add(self, words) -> None:
        if not words:
            return
        with closing(self._connect()) as connection, connection:
            connection.executemany("INSERT OR IGNORE INTO word (word) VALUES (?)", ((w,) for w in words))

    def known(self, candidates) -> set[str]:
        """Those of ``candidates`` that occur (or occurred) in an indexed document."""
        candidates = list(candidates)
        if not candidates or not self.path.exists():
            return set()
        with closing(self._connect()) as connection:
            rows = connection.execute("SELECT word FROM word WHERE word IN (SELECT value FROM json_each(?))",
                                      (json.dumps(candidates),))
            return {row[0] for row in rows}

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with closing(self._connect()) as connection:
            return connection.execute("SELECT count(*) FROM word").fetchone()[0]
