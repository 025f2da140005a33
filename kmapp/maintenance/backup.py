"""Consistent online backups of the SQLite database, the uploads and the search index.

The database is copied with SQLite's backup API (safe while workers keep writing) and
the copy is verified with `PRAGMA integrity_check`. The index is copied while holding
Whoosh's writer lock so that no half-written segment is taken.
"""
import json
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app
from sqlalchemy.engine import make_url

from ..extensions import db

DB_FILE = "kmapp.db"
MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class BackupResult:
    destination: Path
    database_bytes: int
    upload_files: int
    index_files: int


def sqlite_path() -> Path:
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or not url.database:
        raise BackupError("Backup bawaan hanya untuk SQLite; untuk PostgreSQL gunakan pg_dump.")
    return Path(url.database)


def backup(destination: Path) -> BackupResult:
    """Write a verified copy of database, uploads and index into `destination` (must be empty)."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"Folder tujuan tidak kosong: {destination}")
    destination.mkdir(parents=True, exist_ok=True)
    copy_database(sqlite_path(), destination / DB_FILE)
    uploads = _copy_tree(Path(current_app.config["UPLOAD_DIR"]), destination / "uploads")
    index_files = _copy_index(Path(current_app.config["SEARCH_INDEX_DIR"]), destination / "search-index")
    manifest = {"created_at": datetime.now(timezone.utc).isoformat(), "upload_files": uploads,
                "index_files": index_files}
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return BackupResult(destination, (destination / DB_FILE).stat().st_size, uploads, index_files)


def copy_database(source: Path, target: Path) -> None:
    """SQLite online backup followed by an integrity check of the copy."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
        result = dst.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        src.close()
        dst.close()
    if result != "ok":
        raise BackupError(f"Salinan basis data rusak: {result}")


def _copy_tree(source: Path, target: Path) -> int:
    if not source.is_dir():
        target.mkdir(parents=True)
        return 0
    shutil.copytree(source, target)
    return sum(1 for path in target.rglob("*") if path.is_file())


def _copy_index(source: Path, target: Path) -> int:
    """Copy the current index generation and its CURRENT pointer (not older generations)."""
    from ..search.store import POINTER, index_of, read_pointer

    generation = read_pointer(source)
    if generation is None:
        target.mkdir(parents=True)
        return 0
    writer = index_of(generation).writer(timeout=60.0)  # no half-written segment is taken
    try:
        target.mkdir(parents=True)
        files = _copy_tree(source / generation, target / generation)
        shutil.copy2(source / POINTER, target / POINTER)
        return files
    finally:
        writer.cancel()


def restore(source: Path) -> None:
    """Put a backup back in place. Stop the application first; restore overwrites."""
    source = Path(source)
    if not (source / DB_FILE).is_file():
        raise BackupError(f"Bukan folder backup Portal KM (tidak ada {DB_FILE}): {source}")
    from ..search.store import close_all
    db.session.remove()
    db.engine.dispose()
    close_all()
    live = sqlite_path()
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    copy_database(source / DB_FILE, live)
    for name, config_key in (("uploads", "UPLOAD_DIR"), ("search-index", "SEARCH_INDEX_DIR")):
        target = Path(current_app.config[config_key])
        shutil.rmtree(target, ignore_errors=True)
        if (source / name).is_dir():
            shutil.copytree(source / name, target)
