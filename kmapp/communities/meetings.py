"""Logging meetings and confirming accompaniment: the rules, apart from any request.

Views call these inside the request's transaction and commit afterwards; every change
writes an audit row with the values before and after.
"""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select, update

from ..audit import record_change, snapshot
from ..extensions import db
from ..labels import triwulan
from ..models import Asset, Community, Meeting, User, utcnow
from ..notifications.events import announce_new_meeting
from ..policy import can_record_meeting_in
from ..quarters import quarter_of
from ..search.queue import mark_stale
from .attendance import Guest, apply_attendance, named_attendees
from .minutes import render_minutes_html

MEETING_FIELDS = ["held_on", "year", "quarter", "topic", "agenda", "format", "place", "head_count",
                  "minutes_md", "seci_stages"]
ACCOMPANIMENT_FIELDS = ["accompanied_by_id", "accompanied_at", "facilitator_feedback"]


class QuarterClosed(Exception):
    """The meeting's date falls in a Triwulan locked for this user; the message says which."""


@dataclass(frozen=True)
class MeetingInput:
    held_on: date
    topic: str
    agenda: str
    format: str
    place: str
    head_count: int
    seci_stages: list[str]
    minutes_md: str
    people: list[User]
    guests: list[Guest]


def meeting_input_from(form) -> MeetingInput:
    """The validated MeetingForm as plain values (people and guests were resolved by the form)."""
    return MeetingInput(
        held_on=form.held_on.data, topic=form.topic.data.strip(), agenda=(form.agenda.data or "").strip(),
        format=form.format.data, place=(form.place.data or "").strip(), head_count=form.head_count.data,
        seci_stages=list(form.seci_stages.data or []), minutes_md=(form.minutes.data or "").strip(),
        people=form.people, guests=form.guest_list)


def meeting_snapshot(meeting: Meeting) -> dict:
    people, guests = named_attendees(meeting)
    return snapshot(meeting, MEETING_FIELDS) | {
        "attendee_ids": sorted(person.id for person in people),
        "guests": [f"{guest.name} — {guest.institution}" for guest in guests],
    }


def _check_quarter_open(actor: User, community: Community, held_on: date) -> None:
    year, quarter = quarter_of(held_on)
    if not can_record_meeting_in(actor, community, year, quarter):
        raise QuarterClosed(_("%(quarter)s sudah dikunci; hanya admin BPSDM yang dapat mencatat atau "
                              "memindahkan pertemuan ke triwulan itu.", quarter=triwulan(year, quarter)))


def _apply(meeting: Meeting, data: MeetingInput) -> None:
    meeting.held_on = data.held_on
    meeting.year, meeting.quarter = quarter_of(data.held_on)  # derived, never typed
    meeting.topic, meeting.agenda, meeting.format = data.topic, data.agenda, data.format
    meeting.place, meeting.head_count, meeting.minutes_md = data.place, data.head_count, data.minutes_md
    meeting.set_seci_stages(data.seci_stages)
    apply_attendance(meeting, data.people, data.guests)


def record_meeting(community: Community, data: MeetingInput, actor: User) -> Meeting:
    """A new meeting of `community`; raises QuarterClosed for a lead writing into a locked Triwulan."""
    _check_quarter_open(actor, community, data.held_on)
    meeting = Meeting(community=community, created_by=actor)
    _apply(meeting, data)
    db.session.add(meeting)
    db.session.flush()
    record_change("meeting.created", meeting, None, meeting_snapshot(meeting))
    announce_new_meeting(meeting)
    return meeting


def update_meeting(meeting: Meeting, data: MeetingInput, actor: User) -> Meeting:
    """Change a meeting; a lead may not move it into a locked Triwulan (raises QuarterClosed)."""
    _check_quarter_open(actor, meeting.community, data.held_on)
    before = meeting_snapshot(meeting)
    _apply(meeting, data)
    db.session.flush()
    after = meeting_snapshot(meeting)
    if after != before:
        record_change("meeting.updated", meeting, before, after)
    if after["seci_stages"] != before["seci_stages"]:
        _reindex_assets_of(meeting)  # search filters assets by their meeting's SECI stages
    return meeting


def _reindex_assets_of(meeting: Meeting) -> None:
    for asset_id in db.session.scalars(select(Asset.id).where(Asset.meeting_id == meeting.id)):
        mark_stale(asset_id)


def confirm_accompaniment(meeting: Meeting, actor: User, feedback: str) -> None:
    """Mark the meeting accompanied by `actor` (first confirmation wins) and keep the feedback.

    The caller has checked `policy.can_confirm_accompaniment`.
    """
    before = snapshot(meeting, ACCOMPANIMENT_FIELDS)
    if not meeting.accompanied:
        meeting.accompanied_by = actor
        meeting.accompanied_at = utcnow()
    meeting.facilitator_feedback = (feedback or "").strip()
    db.session.flush()
    action = "meeting.accompanied" if before["accompanied_at"] is None else "meeting.feedback_changed"
    record_change(action, meeting, before, snapshot(meeting, ACCOMPANIMENT_FIELDS))


def rerender_all_minutes(batch: int = 500) -> int:
    """Render every meeting's minutes again (after a change to the renderer or the allow-list),
    committing every `batch` meetings; returns how many stored HTML values changed."""
    changed, last_id = 0, 0
    while True:
        rows = db.session.execute(select(Meeting.id, Meeting.minutes_md, Meeting.minutes_html, Meeting.updated_at)
                                  .where(Meeting.id > last_id).order_by(Meeting.id).limit(batch)).all()
        if not rows:
            return changed
        # updated_at kept: nobody changed these meetings.
        updates = [{"id": row.id, "minutes_html": html, "updated_at": row.updated_at} for row in rows
                   if (html := render_minutes_html(row.minutes_md)) != row.minutes_html]
        if updates:
            db.session.execute(update(Meeting), updates)
        db.session.commit()
        changed, last_id = changed + len(updates), rows[-1].id
