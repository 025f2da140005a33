"""Where the index lives: generations in SEARCH_INDEX_DIR and a pointer to the current one.

A full rebuild writes a new folder ``gen-<timestamp>`` while searches keep reading the
old one, then replaces the small file ``CURRENT`` (write to a temporary file, then
``os.replace``: atomic), so every process switches at its next search.  Each process
keeps its opened indexes and per-thread searchers, keyed by generation, and warms each
generation it opens in the background (SEARCH_WARM_UP, see :mod:`kmapp.search.warming`).
"""
import fcntl
import os
import shutil
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app

from .schema import open_or_create_index
from .searchers import ThreadLocalSearchers
from .warming import warm_in_background

POINTER = "CURRENT"
GENERATION_PREFIX = "gen-"
KEEP_GENERATIONS = 2  # the current one and the previous one (a quick way back)

_opened = {}  # (index folder, generation) -> (Index, ThreadLocalSearchers)
_opened_lock = threading.Lock()


def index_root() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def current_generation(root: Path | None = None) -> str:
    """The generation named in CURRENT; creates an empty first generation if none."""
    root = root or index_root()
    name = read_pointer(root)
    if name:
        return name
    with root_lock(root):
        name = read_pointer(root)  # another process may have just created it
        if not name:
            name = new_generation(root)
            open_or_create_index(root / name).close()
            point_to(root, name)
    return name


def current_index():
    """The Whoosh Index of the current generation (opened once per process)."""
    return index_of(current_generation())


def index_of(generation: str):
    """The Whoosh Index of ``generation`` (opened once per process)."""
    return _opened_entry(generation)[0]


def current_searcher():
    """This thread's up-to-date searcher over the current generation."""
    return _opened_entry(current_generation())[1].current()


def _opened_entry(generation: str):
    key = (str(index_root()), generation)
    with _opened_lock:
        entry = _opened.get(key)
        if entry is None:
            index = open_or_create_index(index_root() / generation)
            entry = _opened[key] = (index, ThreadLocalSearchers(index))
            _forget_older_than(key)
            if current_app.config.get("SEARCH_WARM_UP"):
                warm_in_background(key, index)
        return entry


def _forget_older_than(newest_key):
    # One index folder per application; another folder means another app (tests).
    for key in [key for key in _opened if key[0] != newest_key[0]]:
        index, searchers = _opened.pop(key)
        searchers.close()
        index.close()
    # Searchers of a replaced generation may still be in use by another thread for a
    # moment: keep one older entry open, close the ones before it.
    same_root = [key for key in _opened if key[0] == newest_key[0] and key != newest_key]
    for key in sorted(same_root, key=lambda k: k[1])[:-1]:
        index, searchers = _opened.pop(key)
        searchers.close()
        index.close()


def close_all() -> None:
    """Close every index and searcher this process opened (tests, restore)."""
    with _opened_lock:
        entries = list(_opened.values())
        _opened.clear()
    for index, searchers in entries:
        searchers.close()
        index.close()


def new_generation(root: Path) -> str:
    """Create and return the name of a new, empty generation folder."""
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    name = f"{GENERATION_PREFIX}{stamp}"
    (root / name).mkdir()
    return name


def point_to(root: Path, generation: str) -> None:
    """Make ``generation`` current, atomically."""
    temporary = root / f".{POINTER}.{os.getpid()}.tmp"
    temporary.write_text(generation + "\n")
    os.replace(temporary, root / POINTER)


def generations(root: Path | None = None) -> list[str]:
    root = root or index_root()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith(GENERATION_PREFIX))


def remove_old_generations(root: Path, keep: int = KEEP_GENERATIONS) -> list[str]:
    """Delete generations older than the ``keep`` newest (never the current one)."""
    current = read_pointer(root)
    removed = []
    for name in generations(root)[:-keep]:
        if name != current:
            shutil.rmtree(root / name, ignore_errors=True)
            removed.append(name)
    return removed


def read_pointer(root: Path) -> str | None:
    """The generation named in CURRENT, if it exists (never creates anything)."""
    try:
        name = (root / POINTER).read_text().strip()
    except FileNotFoundError:
        return None
    return name if name and (root / name).is_dir() else None


@contextmanager
def root_lock(root: Path):
    """Serialise the rare operations on the folder itself (first creation, swap)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".root.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
