"""Writing and reading stored files.

Files are streamed to a temporary file in the upload folder while their SHA-256 is
computed, then renamed into place, so a failed or aborted upload leaves nothing behind.
Files received with a form that had errors wait in the pending area (`pending/` in the
upload folder, see kmapp/assets/pending.py) and are renamed into place when used.
"""
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app

CHUNK = 64 * 1024


class FileTooLarge(ValueError):
    pass


@dataclass(frozen=True)
class StoredFile:
    storage_name: str
    size_bytes: int
    sha256: str

    @property
    def path(self) -> Path:
        return path_of(self.storage_name)


def upload_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


PENDING = "pending"  # never a shard name: those are two hex digits


def _checked(storage_name: str) -> str:
    if not storage_name or "/" in storage_name or "\\" in storage_name or storage_name.startswith("."):
        raise ValueError("invalid storage name")
    return storage_name


def path_of(storage_name: str) -> Path:
    """The on-disk path of a stored file (names are ours, never the uploader's)."""
    return upload_dir() / _checked(storage_name)[:2] / storage_name


def pending_dir() -> Path:
    path = upload_dir() / PENDING
    path.mkdir(exist_ok=True)
    return path


def pending_path_of(storage_name: str) -> Path:
    """Where a received file waits until a form that had errors is sent again."""
    return pending_dir() / _checked(storage_name)


def move_to_pending(storage_name: str) -> None:
    """Rename a stored file into the pending area (same file system: atomic)."""
    os.replace(path_of(storage_name), pending_path_of(storage_name))


def move_from_pending(storage_name: str) -> None:
    """Rename a pending file into place; FileNotFoundError if it is gone (purged, used)."""
    target = path_of(storage_name)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(pending_path_of(storage_name), target)


def store_stream(stream: BinaryIO, max_bytes: int | None = None) -> StoredFile:
    """Copy `stream` into storage in chunks; raise FileTooLarge past `max_bytes`."""
    storage_name = secrets.token_hex(16)
    target = path_of(storage_name)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    digest, size = hashlib.sha256(), 0
    try:
        with open(partial, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    raise FileTooLarge(size)
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return StoredFile(storage_name, size, digest.hexdigest())


def delete_stored(storage_name: str) -> None:
    """Remove a stored file (used to undo a write whose database transaction failed)."""
    path_of(storage_name).unlink(missing_ok=True)


def delete_pending(storage_name: str) -> bool:
    """Remove a file of the pending area; False when it was not there."""
    try:
        pending_path_of(storage_name).unlink()
    except FileNotFoundError:
        return False
    return True
