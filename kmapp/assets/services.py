"""Creating and changing knowledge assets: one function per thing a lead does.

Each function writes the asset, its audit row and its search-outbox row in one
transaction and commits; if anything fails the files stored for it are deleted.
"""
import json
import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit import record_change, snapshot
from ..extensions import db
from ..models import Asset, AssetFile, AssetFileVersion, AssetStatus, AuditLog, Community, Meeting, Tag, User
from ..extraction.jobs import queue_text_extraction
from ..notifications.events import announce_new_asset
from ..search.queue import mark_stale
from . import rules
from .uploads import AcceptedFile, discard_on_failure

MAX_TAGS = 15
TAG_MAX_CHARS = 60
REVIEW_NOTE_MAX_CHARS = 200
AUDIT_FIELDS = ["title", "summary", "asset_type", "km_stage", "visibility", "meeting_id", "status",
                "published_on", "last_reviewed_on", "next_review_on"]


class AssetRuleError(ValueError):
    """A programme rule refused the change; `field` names the form field to show it on."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


@dataclass
class AssetFields:
    """What a lead types about an asset (everything but the files and the CoP)."""
    title: str
    summary: str
    asset_type: str
    km_stage: str
    visibility: str
    meeting_id: int | None = None
    tags: list[str] = field(default_factory=list)


def normalise_tags(text_or_names) -> list[str]:
    """Lowercase, single-spaced, de-duplicated tags in the order typed (comma-separated text or a list)."""
    parts = re.split(r"[,;\n]", text_or_names) if isinstance(text_or_names, str) else text_or_names
    seen: list[str] = []
    for part in parts:
        name = " ".join(str(part).lower().split()).strip("#")[:TAG_MAX_CHARS]
        if name and name not in seen:
            seen.append(name)
    return seen[:MAX_TAGS]


def tags_named(names: list[str]) -> list[Tag]:
    """The Tag rows for `names`, creating the missing ones."""
    existing = {tag.name: tag for tag in db.session.scalars(select(Tag).where(Tag.name.in_(names)))}
    tags = []
    for name in names:
        tag = existing.get(name) or Tag(name=name)
        db.session.add(tag)
        tags.append(tag)
    return tags


def source_meeting(community: Community, meeting_id: int | None, created_on: date,
                   historic: bool = False) -> Meeting | None:
    """The meeting an asset came from, checked against the CoP and the Triwulan IV rule.

    `historic` (bulk import of old documents) skips the rule: those files predate it.
    """
    if meeting_id is None:
        if rules.meeting_required(created_on) and not historic:
            raise AssetRuleError("meeting", _("Pilih pertemuan asal aset: sejak Triwulan IV 2025 setiap aset "
                                              "harus lahir dari pertemuan komunitas."))
        return None
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.community_id != community.id:
        raise AssetRuleError("meeting", _("Pertemuan itu bukan milik CoP ini."))
    return meeting


def _audit_state(asset: Asset) -> dict:
    state = snapshot(asset, AUDIT_FIELDS)
    state["tags"] = [tag.name for tag in asset.tags]
    return state


def _new_version(upload: AcceptedFile, version_no: int, actor: User | None, note: str) -> AssetFileVersion:
    return AssetFileVersion(
        version_no=version_no, original_name=upload.display_name, storage_name=upload.stored.storage_name,
        content_type=upload.kind.content_type, size_bytes=upload.stored.size_bytes, sha256=upload.stored.sha256,
        uploaded_by=actor, change_note=note)


def publish_asset(community: Community, fields: AssetFields, uploads: list[AcceptedFile],
                  actor: User | None, historic: bool = False) -> Asset:
    """Create a published asset with its files; the stored files are deleted if this fails."""
    with discard_on_failure(uploads):
        day = rules.today()
        meeting = source_meeting(community, fields.meeting_id, day, historic)
        asset = Asset(
            community=community, meeting=meeting, title=fields.title.strip(), summary=fields.summary.strip(),
            asset_type=fields.asset_type, km_stage=fields.km_stage, visibility=fields.visibility,
            status=AssetStatus.PUBLISHED.value, created_by=actor, published_on=day,
            next_review_on=rules.next_review_date(fields.asset_type, day), tags=tags_named(fields.tags))
        for upload in uploads:
            asset.files.append(AssetFile(versions=[_new_version(upload, 1, actor, "")]))
        db.session.add(asset)
        db.session.flush()
        queue_text_extraction(f.current.id for f in asset.files)
        after = _audit_state(asset)
        after["files"] = [upload.display_name for upload in uploads]
        record_change("asset.created", asset, None, after, actor=actor)
        mark_stale(asset.id)
        if not historic:  # a bulk import of old files is not news
            announce_new_asset(asset, actor)
        db.session.commit()
    return asset


def meeting_required_on_edit(asset: Asset) -> bool:
    """The Triwulan IV rule by the asset's creation date; an asset that never had a meeting
    (a bulk import of historic files) is not forced to get one by an edit."""
    created_on = asset.published_on or asset.created_at.date()
    return rules.meeting_required(created_on) and asset.meeting_id is not None


def update_asset(asset: Asset, fields: AssetFields, actor: User) -> Asset:
    """Change an asset's description (see `meeting_required_on_edit` for the meeting)."""
    before = _audit_state(asset)
    meeting = source_meeting(asset.community, fields.meeting_id, rules.today(),
                             historic=not meeting_required_on_edit(asset))
    asset.meeting = meeting
    asset.title, asset.summary = fields.title.strip(), fields.summary.strip()
    asset.asset_type, asset.km_stage, asset.visibility = fields.asset_type, fields.km_stage, fields.visibility
    asset.tags = tags_named(fields.tags)
    record_change("asset.updated", asset, before, _audit_state(asset), actor=actor)
    # Who may read it changed: the index must follow before anything else waiting.
    mark_stale(asset.id, urgent=before["visibility"] != asset.visibility)
    db.session.commit()
    return asset


def add_file_version(asset: Asset, upload: AcceptedFile, change_note: str, actor: User,
                     file: AssetFile | None = None) -> AssetFileVersion:
    """A new version of `file` (or a new file when None); old versions stay. Counts as a review."""
    with discard_on_failure([upload]):
        if file is None:
            file = AssetFile()
            asset.files.append(file)
        version_no = max((v.version_no for v in file.versions), default=0) + 1
        version = _new_version(upload, version_no, actor, change_note.strip())
        file.versions.append(version)
        before = _audit_state(asset)
        _reviewed_today(asset)
        db.session.flush()
        queue_text_extraction([version.id])
        after = _audit_state(asset) | {"file_id": file.id, "version_no": version_no,
                                       "file": upload.display_name, "change_note": version.change_note}
        record_change("asset.version_added", asset, before, after, actor=actor)
        mark_stale(asset.id)
        db.session.commit()
    return version


def mark_reviewed(asset: Asset, actor: User, note: str) -> Asset:
    """The lead checked the asset and it is still right: unchanged, next review moves on.
    `note` (one line: what was checked) goes into the audit record."""
    note = " ".join(note.split())[:REVIEW_NOTE_MAX_CHARS]
    if not note:
        raise ValueError("a review without a new file needs a note")
    before = _audit_state(asset)
    _reviewed_today(asset)
    record_change("asset.reviewed", asset, before, _audit_state(asset) | {"note": note}, actor=actor)
    mark_stale(asset.id)  # the review dates are shown in search results
    db.session.commit()
    return asset


def _reviewed_today(asset: Asset) -> None:
    day = rules.today()
    asset.last_reviewed_on = day
    asset.next_review_on = rules.next_review_date(asset.asset_type, day)


def last_review_note(asset: Asset) -> str | None:
    """The note of the asset's last review, when that review was a "no change" one (a new
    version since then is the later review, and has its own note in the version history)."""
    row = db.session.execute(
        select(AuditLog.action, AuditLog.after)
        .where(AuditLog.entity_type == Asset.__tablename__, AuditLog.entity_id == str(asset.id),
               AuditLog.action.in_(("asset.reviewed", "asset.version_added")))
        .order_by(AuditLog.id.desc()).limit(1)).first()
    if row is None or row.action != "asset.reviewed":
        return None
    return json.loads(row.after or "{}").get("note") or None
