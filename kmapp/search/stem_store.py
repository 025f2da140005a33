"""Stems computed by any process, kept in a small SQLite file beside the index generations.

Sastrawi costs tens of microseconds per new word even through the adapter; a word is
stemmed once per machine instead of once per process and per restart: the app servers, the
worker and a rebuild's processes read each other's stems (a look-up costs a few
microseconds). New stems are written in batches; a batch lost with a killed process is only
work to redo. Stems depend on the pinned Sastrawi alone, so the file survives reindexing.
"""
import sqlite3
import threading
from pathlib import Path

FILE_NAME = "stems.sqlite3"
WRITE_BATCH = 1_000  # new stems written at once (and at the end of each indexing batch)

_path: Path | None = None
_pending: dict[str, str] = {}
_lock = threading.Lock()
_local = threading.local()


def use_folder(folder) -> None:
    """Keep stems in ``folder`` (the index root) from now on; None: keep them in memory only."""
    global _path
    flush()
    with _lock:
        _path = Path(folder) / FILE_NAME if folder is not None else None
    _local.__dict__.clear()


def _connection():
    connection = getattr(_local, "connection", None)
    if connection is None or _local.path != _path:
        _path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(_path, timeout=30.0, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE IF NOT EXISTS stem (word TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID")
        _local.connection, _local.path = connection, _path
    return connection


def known_stem(word: str) -> str | None:
    if _path is None:
        return None
    row = _connection().execute("SELECT stem FROM stem WHERE word = ?", (word,)).fetchone()
    return row[0] if row else None


def remember(word: str, stem: str) -> None:
    if _path is None:
        return
    _pending[word] = stem
    if len(_pending) >= WRITE_BATCH:
        flush()


def flush() -> None:
    """Write the stems computed since the last flush."""
    if _path is None or not _pending:
        return
    with _lock:
        batch = list(_pending.items())
        for word, _stem in batch:
            _pending.pop(word, None)
    connection = _connection()
    with connection:
        connection.executemany("INSERT OR IGNORE INTO stem (word, stem) VALUES (?, ?)", batch)


def stored_count() -> int:
    if _path is None or not _path.exists():
        return 0
    return _connection().execute("SELECT count(*) FROM stem").fetchone()[0]
