"""The handover record: its structured capture typed as a draft, successors, the capture meeting,
submission, the supervisor's confirmation and the "handover note" asset it publishes.

States: not started -> in progress (first text saved) -> submitted (by the departing employee or
the CoP lead helping him) -> confirmed (by the supervisor recorded on it). The note is published
from the linked knowledge-capture meeting of a CoP of the departing employee's agency, so the rule
"every asset comes from a meeting" holds; without a meeting nothing is published.
"""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from ..assets.services import AssetFields, publish_asset
from ..audit import record_change
from ..extensions import db
from ..models import (AssetType, Community, DepartureKind, Handover, HandoverState, KmStage, Meeting, User,
                      Visibility)
from ..models.base import utcnow
from ..models.handover import CAPTURE_FIELDS
from ..notifications.handover_events import handover_confirmed, handover_returned, handover_submitted

MAX_FIELD_CHARS = 20_000
REQUIRED_TO_SUBMIT = ("duties", "pending_matters", "document_locations")
MEETING_CHOICES_LIMIT = 20


class HandoverRefused(ValueError):
    """Why the handover cannot change as asked (Bahasa Indonesia, shown to the user)."""


def save_capture(handover: Handover, values: dict[str, str], actor: User) -> bool:
    """Store capture fields typed so far (a draft); the first text moves it to "in progress".
    Returns False when nothing changed. The caller commits."""
    changed = False
    for name, text in values.items():
        if name not in CAPTURE_FIELDS:
            raise KeyError(name)
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_FIELD_CHARS:
            raise HandoverRefused(_("Isian terlalu panjang (paling banyak %(num)s karakter).", num=MAX_FIELD_CHARS))
        if getattr(handover, name) != text:
            setattr(handover, name, text)
            changed = True
    if changed and handover.state == HandoverState.NOT_STARTED:
        handover.state = HandoverState.IN_PROGRESS.value
    return changed


def set_visibility(handover: Handover, visibility: str) -> None:
    handover.visibility = Visibility(visibility).value


def successor_is_allowed(handover: Handover, successor: User) -> str | None:
    """Why `successor` cannot take over, or None. Someone of another agency only for a transfer."""
    departure = handover.departure
    if successor.id == departure.user_id:
        return _("Pegawai yang pergi tidak bisa menjadi penerusnya sendiri.")
    if not successor.active:
        return _("Akun penerus tidak aktif.")
    if successor.agency_id != departure.user.agency_id and departure.kind != DepartureKind.TRANSFER:
        return _("Penerus dari perangkat daerah lain hanya untuk mutasi.")
    return None


def add_successor(handover: Handover, successor: User, actor: User) -> None:
    reason = successor_is_allowed(handover, successor)
    if reason:
        raise HandoverRefused(reason)
    if successor not in handover.successors:
        handover.successors.append(successor)
        record_change("handover.successor_added", handover, None, {"user_id": successor.id}, actor=actor)


def remove_successor(handover: Handover, successor: User, actor: User) -> None:
    if successor in handover.successors:
        handover.successors.remove(successor)
        record_change("handover.successor_removed", handover, {"user_id": successor.id}, None, actor=actor)


def capture_meetings(handover: Handover) -> list[Meeting]:
    """Meetings a handover may be linked to: those of the CoPs of the departing employee's agency."""
    agency_id = handover.departure.user.agency_id
    return list(db.session.scalars(
        select(Meeting).join(Community).where(Community.agency_id == agency_id)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(MEETING_CHOICES_LIMIT)))


def link_meeting(handover: Handover, meeting: Meeting | None, actor: User) -> None:
    """Link the knowledge-capture meeting (an interview is a meeting: SECI externalisation)."""
    if meeting is not None and meeting.community.agency_id != handover.departure.user.agency_id:
        raise HandoverRefused(_("Pertemuan itu bukan milik CoP perangkat daerah pegawai ini."))
    if handover.asset_id is not None:
        raise HandoverRefused(_("Catatan serah terima sudah terbit dari pertemuannya."))
    before = handover.meeting_id
    handover.meeting = meeting
    handover.meeting_id = meeting.id if meeting else None
    record_change("handover.meeting_linked", handover, {"meeting_id": before}, {"meeting_id": handover.meeting_id},
                  actor=actor)


def missing_to_submit(handover: Handover) -> list[str]:
    return [name for name in REQUIRED_TO_SUBMIT if not getattr(handover, name).strip()]


def submit_handover(handover: Handover, actor: User) -> None:
    if handover.state not in (HandoverState.NOT_STARTED, HandoverState.IN_PROGRESS):
        raise HandoverRefused(_("Serah terima ini sudah dikirim."))
    if missing_to_submit(handover):
        raise HandoverRefused(_("Lengkapi dulu tugas utama, urusan yang belum selesai, dan lokasi dokumen."))
    handover.state, handover.submitted_at = HandoverState.SUBMITTED.value, utcnow()
    record_change("handover.submitted", handover, None, {"state": handover.state}, actor=actor)
    handover_submitted(handover)


def confirm_handover(handover: Handover, actor: User) -> None:
    """The supervisor confirms; the note is published when a capture meeting is linked. The caller commits
    (publish_asset commits on its own when it runs)."""
    if handover.state != HandoverState.SUBMITTED:
        raise HandoverRefused(_("Hanya serah terima yang sudah dikirim yang bisa dikonfirmasi."))
    handover.state, handover.confirmed_at, handover.confirmed_by = HandoverState.CONFIRMED.value, utcnow(), actor
    record_change("handover.confirmed", handover, None, {"state": handover.state}, actor=actor)
    handover_confirmed(handover)
    if handover.meeting_id is not None and handover.asset_id is None:
        publish_note(handover, actor)


def return_handover(handover: Handover, actor: User) -> None:
    """The supervisor sends a submitted handover back for more work."""
    if handover.state != HandoverState.SUBMITTED:
        raise HandoverRefused(_("Hanya serah terima yang sudah dikirim yang bisa dikembalikan."))
    handover.state, handover.submitted_at = HandoverState.IN_PROGRESS.value, None
    record_change("handover.returned", handover, None, {"state": handover.state}, actor=actor)
    handover_returned(handover)


def note_text(handover: Handover) -> str:
    """The capture as the asset's summary (plain text, searchable like any asset)."""
    from .labels import CAPTURE_LABELS
    parts = [f"{CAPTURE_LABELS[name]}:\n{getattr(handover, name)}" for name in CAPTURE_FIELDS
             if getattr(handover, name).strip()]
    if handover.successors:
        parts.append(_("Penerus: %(names)s", names=", ".join(person.name for person in handover.successors)))
    return "\n\n".join(parts)


def publish_note(handover: Handover, actor: User):
    """Publish the "handover note" asset from the linked meeting, with the handover's visibility."""
    meeting = handover.meeting or db.session.get(Meeting, handover.meeting_id)
    person = handover.departure.user
    fields = AssetFields(
        title=_("Catatan serah terima: %(name)s", name=person.name)[:300], summary=note_text(handover),
        asset_type=AssetType.HANDOVER_NOTE.value, km_stage=KmStage.CREATION.value,
        visibility=handover.visibility, meeting_id=meeting.id, tags=[_("serah terima")])
    asset = publish_asset(meeting.community, fields, [], actor)  # commits
    handover.asset_id = asset.id
    db.session.commit()
    return asset


def is_overdue(handover: Handover, leaving_on: date, today: date, overdue_days: int) -> bool:
    """Not submitted while the leaving date is `overdue_days` away or closer (or past)."""
    return (handover.state in (HandoverState.NOT_STARTED, HandoverState.IN_PROGRESS)
            and (leaving_on - today).days <= overdue_days)
