"""Receiving files: stream to storage, check by content, and undo everything on failure.

Werkzeug has already spooled each multipart file to a temporary file; we copy it in chunks
into the upload folder (never whole in memory), then check the stored bytes. A rejected
file, a database error or any exception removes every file stored for the request, so a
failed upload leaves neither a file nor a row behind. A file kept from an earlier try
(kmapp/assets/pending.py) goes back to the pending area instead of being deleted.
"""
import errno
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

from flask import current_app
from flask_babel import gettext as _

from ..extensions import db
from ..files.storage import FileTooLarge, StoredFile, delete_stored, move_to_pending, store_stream
from .filetypes import Kind, RejectedFile, check_file, safe_display_name

MAX_FILES_PER_UPLOAD = 10
MB = 1024 * 1024


@dataclass(frozen=True)
class AcceptedFile:
    stored: StoredFile
    kind: Kind
    display_name: str
    from_pending: bool = False  # taken out of the pending area for this request


class UploadRejected(ValueError):
    """One or more files were refused; `errors` has one Indonesian sentence per file."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def max_file_bytes() -> int:
    """The per-file limit, read from config at request time (MAX_UPLOAD_MB may be fractional)."""
    return int(float(current_app.config["MAX_UPLOAD_MB"]) * MB)


def max_request_bytes() -> int:
    """Largest upload request: every file at its limit plus the form fields (MAX_FORM_BYTES)."""
    return max_file_bytes() * MAX_FILES_PER_UPLOAD + int(current_app.config["MAX_FORM_BYTES"])


def describe_limit() -> str:
    megabytes = float(current_app.config["MAX_UPLOAD_MB"])
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{max_file_bytes() // 1024} KB"


def accept_file(stream: BinaryIO, original_name: str) -> AcceptedFile:
    """Store one file and check it; raise RejectedFile (nothing kept) when it is refused."""
    display_name = safe_display_name(original_name)
    try:
        stored = store_stream(stream, max_file_bytes())
    except FileTooLarge:
        raise RejectedFile(_("Berkas melebihi batas %(limit)s.", limit=describe_limit())) from None
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        current_app.logger.error("upload refused: the upload folder is full (%s)", error)
        raise RejectedFile(_("Ruang penyimpanan server penuh, jadi berkas tidak tersimpan. Beri tahu admin "
                             "portal; isian lain tetap ada di formulir.")) from None
    try:
        kind = check_file(stored.path, display_name)
    except BaseException:
        delete_stored(stored.storage_name)
        raise
    return AcceptedFile(stored, kind, display_name)


def accept_files(files: Iterable) -> list[AcceptedFile]:
    """Store and check every chosen file (Werkzeug FileStorage); all or none are kept."""
    chosen = [f for f in files if f is not None and f.filename]
    if len(chosen) > MAX_FILES_PER_UPLOAD:
        raise UploadRejected([_("Paling banyak %(n)s berkas sekali unggah.", n=MAX_FILES_PER_UPLOAD)])
    accepted, errors = [], []
    with discard_on_failure(accepted):
        for upload in chosen:
            try:
                accepted.append(accept_file(upload.stream, upload.filename))
            except RejectedFile as error:
                errors.append(f"{safe_display_name(upload.filename)}: {error}")
        if errors:
            raise UploadRejected(errors)
    return accepted


def discard(accepted: Iterable[AcceptedFile]) -> None:
    """Delete files stored for this request; files taken from the pending area go back there
    (the rollback restored their rows, so the sender can still use them)."""
    for item in accepted:
        if item.from_pending:
            try:
                move_to_pending(item.stored.storage_name)
            except FileNotFoundError:
                pass  # never moved: the failure came first
        else:
            delete_stored(item.stored.storage_name)


@contextmanager
def discard_on_failure(accepted: list[AcceptedFile]) -> Iterator[None]:
    """On any exception: roll back the session and delete the stored files, then re-raise."""
    try:
        yield
    except BaseException:
        db.session.rollback()
        discard(accepted)
        raise
