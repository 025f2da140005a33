"""Copying the upload folder to the shared storage the app servers will mount.

Every file is copied (shard folders, pending uploads, searchable PDFs), through a ``.part``
name renamed when whole. A file the database knows the SHA-256 of (a file version, a
maturity evidence file) is verified against it; any other against the source's size. A
file already at the target with the same content is left as it is, so an interrupted copy
is finished by running the move again.
"""
import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

CHUNK = 1024 * 1024


@dataclass
class FilesCopy:
    copied: int = 0
    already_there: int = 0
    bytes: int = 0
    hashed: int = 0  # verified against the SHA-256 in the database
    mismatched: list[str] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return not self.mismatched


def known_hashes(connection) -> dict[str, str]:
    """storage name -> SHA-256, from the rows that record one."""
    from ..models import AssetFileVersion, MaturityEvidence

    hashes = {}
    for model in (AssetFileVersion, MaturityEvidence):
        hashes.update(connection.execute(sa.select(model.storage_name, model.sha256)
                                         .where(model.storage_name.is_not(None), model.sha256.is_not(None))).all())
    return hashes


def copy_uploads(source: Path, target: Path, hashes: dict[str, str]) -> FilesCopy:
    """Copy every file under ``source`` to the same place under ``target`` and verify it."""
    report = FilesCopy()
    for path in sorted(p for p in source.rglob("*") if p.is_file() and p.suffix != ".part"):
        destination = target / path.relative_to(source)
        expected = hashes.get(path.name)
        if destination.exists() and _same(destination, path, expected):
            report.already_there += 1
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            partial = destination.with_name(destination.name + ".part")
            shutil.copyfile(path, partial)
            os.replace(partial, destination)
            report.copied += 1
            if not _same(destination, path, expected):
                report.mismatched.append(str(path.relative_to(source)))
        report.hashed += expected is not None
        report.bytes += path.stat().st_size
    return report


def _same(copy: Path, original: Path, expected_sha256: str | None) -> bool:
    if copy.stat().st_size != original.stat().st_size:
        return False
    return expected_sha256 is None or _sha256(copy) == expected_sha256


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
