"""Writing and reading stored files.

Files are streamed to a temporary file in the upload folder while their SHA-256 is
computed, then renamed into place, so a failed or aborted upload leaves nothing behind.
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


def path_of(storage_name: str) -> Path:
    """The on-disk path of a stored file (names are ours, never the uploader's)."""
    if not storage_name or "/" in storage_name or "\\" in storage_name or storage_name.startswith("."):
        raise ValueError("invalid storage name")
    return upload_dir() / storage_name[:2] / storage_name


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
