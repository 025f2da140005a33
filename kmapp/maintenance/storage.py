"""Stored files against the database: what `flask check` reports and `check --repair` mends.

A file is written (to a `.part` file, then renamed) before the transaction that records it
commits, so a process killed in between leaves a file no row names: an orphan. Orphans
and `.part` leftovers older than a grace period are safe to delete (a younger one may
belong to an upload still in flight on another server). A row whose file is missing is
never repaired automatically: that is lost data, restored from a backup.
"""
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ..extensions import db
from ..files.storage import upload_dir
from ..models import AssetFileVersion, MaturityEvidence

STORED_NAME_LENGTH = 32  # secrets.token_hex(16)


@dataclass
class StorageDifferences:
    missing: list[tuple[int, str]] = field(default_factory=list)  # (version id, storage name): file gone
    orphans: list[Path] = field(default_factory=list)  # files no row names, older than the grace period
    partial: list[Path] = field(default_factory=list)  # .part files of interrupted writes, idem
    recent: int = 0  # unnamed files younger than the grace period (maybe an upload in flight)

    @property
    def in_step(self) -> bool:
        return not (self.missing or self.orphans or self.partial)


def compare_storage(grace_seconds: float) -> StorageDifferences:
    """Every stored file against every file-version row."""
    named = dict(db.session.execute(select(AssetFileVersion.storage_name, AssetFileVersion.id)).all())
    # Maturity evidence files are named by their own rows: never orphans (not reported as missing here).
    evidence = set(db.session.scalars(select(MaturityEvidence.storage_name)
                                      .where(MaturityEvidence.storage_name.is_not(None))))
    differences = StorageDifferences()
    on_disk = set()
    cutoff = time.time() - grace_seconds
    for path in _stored_paths(upload_dir()):
        if path.suffix == ".part":
            _sort_unnamed(path, cutoff, differences.partial, differences)
            continue
        on_disk.add(path.name)
        if path.name not in named and path.name not in evidence:
            _sort_unnamed(path, cutoff, differences.orphans, differences)
    differences.missing = sorted((version_id, name) for name, version_id in named.items() if name not in on_disk)
    return differences


def _sort_unnamed(path: Path, cutoff: float, old: list[Path], differences: StorageDifferences) -> None:
    try:
        modified = path.stat().st_mtime
    except FileNotFoundError:  # finished or removed meanwhile
        return
    if modified < cutoff:
        old.append(path)
    else:
        differences.recent += 1


def _stored_paths(root: Path):
    """Files in the two-letter shard folders (where `store_stream` writes); other folders
    (e.g. pending uploads) keep their own bookkeeping."""
    for shard in sorted(root.iterdir()):
        if shard.is_dir() and len(shard.name) == 2:
            yield from sorted(p for p in shard.iterdir() if p.is_file())


def repair_storage(differences: StorageDifferences) -> int:
    """Delete the old orphans and `.part` files; returns how many were removed."""
    removed = 0
    for path in differences.orphans + differences.partial:
        path.unlink(missing_ok=True)
        removed += 1
    return removed
