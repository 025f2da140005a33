"""Files received with a form that had errors elsewhere: kept, so nobody sends them twice.

A lead on a slow link sends a 40 MB PDF with the title left empty; the form comes back saying
"Berkas X sudah diterima" with a hidden token, and the next send uses the file already here.

Invariants:
- a pending file belongs to the user who sent it: another user's token is refused exactly like
  an unknown or expired one (nothing tells them the file exists);
- the token is random (256 bits) and only its SHA-256 is stored; it is good once, and only
  until PENDING_UPLOAD_MINUTES have passed;
- its bytes were checked like any upload (size, kind by content, SHA-256) before it was kept;
- nothing stays behind: a file is either in the pending area with its row, or renamed into
  storage in the transaction that uses it (and back, if that transaction fails). Expired rows
  and their files, and any file of the pending area without a row, are removed by
  `purge_pending_uploads`: a job queued for each expiry, and `flask --app kmapp purge-uploads`.
"""
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from flask import current_app
from sqlalchemy import delete, select

from ..extensions import db
from ..files.storage import (StoredFile, delete_pending, delete_stored, move_from_pending, move_to_pending,
                             pending_dir, pending_path_of)
from ..jobs import handler
from ..jobs.queue import enqueue
from ..models import PendingUpload, User, utcnow
from .filetypes import KIND_BY_CONTENT_TYPE
from .uploads import AcceptedFile

log = logging.getLogger(__name__)
KIND = "purge_uploads"
TOKEN_BYTES = 32


@dataclass(frozen=True)
class KeptFile:
    """What a form shows of a file already received: the token to send back, and the name."""
    token: str
    display_name: str
    size_bytes: int


@dataclass(frozen=True)
class PurgeReport:
    rows: int
    files: int


class PendingUploadGone(LookupError):
    """A token that is not a live pending upload of this user (unknown, another user's, used, expired)."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def lifetime() -> timedelta:
    return timedelta(minutes=float(current_app.config["PENDING_UPLOAD_MINUTES"]))


def keep(accepted: list[AcceptedFile], user: User) -> list[KeptFile]:
    """Move checked files into the pending area under fresh tokens for `user`; commits."""
    expires_at = utcnow() + lifetime()
    kept = []
    try:
        for upload in accepted:
            token = secrets.token_urlsafe(TOKEN_BYTES)
            stored = upload.stored
            move_to_pending(stored.storage_name)
            db.session.add(PendingUpload(
                token_hash=_hash(token), user_id=user.id, storage_name=stored.storage_name,
                original_name=upload.display_name, content_type=upload.kind.content_type,
                size_bytes=stored.size_bytes, sha256=stored.sha256, expires_at=expires_at))
            kept.append(KeptFile(token, upload.display_name, stored.size_bytes))
        # Whatever is abandoned goes when it expires: one job per minute of expiry.
        enqueue(KIND, key=f"{KIND}:{expires_at:%Y%m%d%H%M}", run_after=expires_at + timedelta(minutes=1),
                priority=200)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        for upload in accepted:
            delete_stored(upload.stored.storage_name)
            delete_pending(upload.stored.storage_name)
        raise
    return kept


def _live_rows(tokens: list[str], user: User, *, lock: bool = False) -> list[PendingUpload]:
    hashes = list(dict.fromkeys(_hash(token) for token in tokens))
    if not hashes:
        return []
    statement = select(PendingUpload).where(PendingUpload.token_hash.in_(hashes), PendingUpload.user_id == user.id,
                                            PendingUpload.expires_at > utcnow())
    if lock:
        statement = statement.with_for_update()
    rows = {row.token_hash: row for row in db.session.scalars(statement)}
    return [rows[h] for h in hashes if h in rows and pending_path_of(rows[h].storage_name).is_file()]


def look_up(tokens: list[str], user: User) -> tuple[list[KeptFile], bool]:
    """The files `user` has pending under `tokens`, and whether any token was not one of them."""
    by_hash = {_hash(token): token for token in tokens}
    rows = _live_rows(tokens, user)
    kept = [KeptFile(by_hash[row.token_hash], row.original_name, row.size_bytes) for row in rows]
    return kept, len(rows) < len(by_hash)


def take(tokens: list[str], user: User) -> list[AcceptedFile]:
    """Move the kept files into storage for the caller's transaction, which deletes their rows.

    The caller commits; if it fails, `uploads.discard` puts the files back and the rollback
    their rows. PendingUploadGone if any token is not live (nothing is moved then).
    """
    rows = _live_rows(tokens, user, lock=True)
    if not rows or len(rows) < len(set(tokens)):
        raise PendingUploadGone()
    taken: list[AcceptedFile] = []
    try:
        for row in rows:
            move_from_pending(row.storage_name)
            taken.append(AcceptedFile(StoredFile(row.storage_name, row.size_bytes, row.sha256),
                                      KIND_BY_CONTENT_TYPE[row.content_type], row.original_name, from_pending=True))
            db.session.delete(row)
    except FileNotFoundError:  # the same token sent twice at once: the other request has it
        db.session.rollback()
        for upload in taken:
            move_to_pending(upload.stored.storage_name)
        raise PendingUploadGone() from None
    return taken


def release(tokens: list[str], user: User) -> None:
    """The sender chose another file instead: remove these pending files now; commits."""
    hashes = [_hash(token) for token in tokens]
    if not hashes:
        return
    names = list(db.session.scalars(select(PendingUpload.storage_name).where(
        PendingUpload.token_hash.in_(hashes), PendingUpload.user_id == user.id)))
    db.session.execute(delete(PendingUpload).where(PendingUpload.storage_name.in_(names)))
    db.session.commit()
    for name in names:
        delete_pending(name)


def purge_pending_uploads(now: datetime | None = None) -> PurgeReport:
    """Remove expired pending uploads with their files, and files of the pending area that have
    no row and are older than a lifetime (left by a crash between the rename and the commit)."""
    now = now or utcnow()
    expired = list(db.session.scalars(select(PendingUpload.storage_name).where(PendingUpload.expires_at <= now)))
    if expired:
        db.session.execute(delete(PendingUpload).where(PendingUpload.storage_name.in_(expired)))
    db.session.commit()
    removed = sum(delete_pending(name) for name in expired)
    live = set(db.session.scalars(select(PendingUpload.storage_name)))
    db.session.commit()
    stray_before = now - lifetime()
    for path in pending_dir().iterdir():
        if not path.is_file() or path.name in live:
            continue
        modified = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).replace(tzinfo=None)
        if modified < stray_before:
            path.unlink(missing_ok=True)
            removed += 1
    if expired or removed:
        log.info("pending uploads purged: %s rows, %s files", len(expired), removed)
    return PurgeReport(len(expired), removed)


@handler(KIND)
def purge_job(_payload: dict, _job) -> None:
    purge_pending_uploads()
