"""The meeting log: one form, created and edited in place (htmx) or as plain pages.

htmx answers to the form are always 200: a form with errors is swapped into
#meeting_form like any other (htmx 2 does not swap 4xx by default); a saved meeting
is answered with the new timeline (retargeted) plus out-of-band updates.
"""
from flask import flash, make_response, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..htmx import is_htmx_request, render_page
from ..labels import triwulan
from ..models import AttendeeVisibility, Community, Meeting, MinutesVisibility, User
from ..policy import (can_confirm_accompaniment, can_manage_community, can_see_attendees, can_see_minutes,
                      get_or_404, meeting_for_edit, quarter_locked, require)
from ..programme_settings import attendee_visibility, minutes_visibility
from ..quarters import quarter_of
from . import bp
from .attendance import format_guest_lines, named_attendees
from .forms import AccompanimentForm, MeetingForm
from .meetings import QuarterClosed, confirm_accompaniment, meeting_input_from, record_meeting, update_meeting
from .minutes import stored_minutes
from .queries import meeting_assets
from .routes import timeline_context
from ..discussions.spaces import meeting_threads


@bp.route("/cops/<int:cop_id>/meetings/new", methods=["GET", "POST"])
def meeting_new(cop_id: int):
    community = get_or_404(Community, cop_id)
    require(can_manage_community(current_user, community))
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            meeting = record_meeting(community, meeting_input_from(form), current_user)
        except QuarterClosed as closed:
            form.held_on.errors.append(str(closed))
        else:
            db.session.commit()
            return _saved(meeting, created=True)
    return _form_page(form, community, None)


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
def meeting_edit(meeting_id: int):
    meeting = meeting_for_edit(meeting_id)
    people, guests = named_attendees(meeting)
    form = MeetingForm(data=_form_data(meeting, people, guests),
                       already_attending=frozenset(person.id for person in people))
    if form.validate_on_submit():
        try:
            update_meeting(meeting, meeting_input_from(form), current_user)
        except QuarterClosed as closed:
            form.held_on.errors.append(str(closed))
        else:
            db.session.commit()
            return _saved(meeting, created=False)
    return _form_page(form, meeting.community, meeting)


def _form_data(meeting: Meeting, people: list[User], guests) -> dict:
    return {"held_on": meeting.held_on, "topic": meeting.topic, "agenda": meeting.agenda,
            "format": meeting.format, "place": meeting.place, "head_count": meeting.head_count,
            "seci_stages": meeting.seci_stages, "minutes": meeting.minutes_md,
            "attendees": [person.id for person in people], "guests": format_guest_lines(guests)}


def _form_page(form: MeetingForm, community: Community, meeting: Meeting | None):
    if meeting is None:
        action = url_for("communities.meeting_new", cop_id=community.id)
        heading, cancel_url = _("Catat pertemuan"), url_for("communities.cop_page", cop_id=community.id)
    else:
        action = url_for("communities.meeting_edit", meeting_id=meeting.id)
        heading = _("Ubah pertemuan: %(topic)s", topic=meeting.topic)
        cancel_url = url_for("communities.meeting_page", meeting_id=meeting.id)
    chosen = _users(form.attendees.data)  # the chips, as loaded or as sent back
    derived = triwulan(*quarter_of(form.held_on.data)) if form.held_on.data else None
    return render_page("communities/meeting_edit.html", "meeting_form", form=form, community=community,
                       meeting=meeting, action=action, heading=heading, cancel_url=cancel_url,
                       chosen_people=chosen, derived_quarter=derived, inline=is_htmx_request())


def _users(user_ids) -> list[User]:
    if not user_ids:
        return []
    found = db.session.execute(select(User).where(User.id.in_(user_ids))).scalars().all()
    return sorted(found, key=lambda user: user.name)


def _saved(meeting: Meeting, created: bool):
    """No JS: back to the meeting page (PRG). htmx: the new timeline, the form closed."""
    if not is_htmx_request():
        flash(_("Pertemuan tersimpan di %(quarter)s.", quarter=triwulan(meeting.year, meeting.quarter)), "success")
        return redirect(url_for("communities.meeting_page", meeting_id=meeting.id))
    response = make_response(render_page("communities/_meeting_saved.html", meeting=meeting, created=created,
                                         **timeline_context(meeting.community)))
    response.headers["HX-Retarget"] = "#meeting_timeline"
    response.headers["HX-Reswap"] = "innerHTML"
    return response


@bp.get("/meetings/<int:meeting_id>")
def meeting_page(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id)
    return _meeting_page(meeting, _accompaniment_form_for(meeting))


def _accompaniment_form_for(meeting: Meeting) -> AccompanimentForm | None:
    if not can_confirm_accompaniment(current_user, meeting):
        return None
    return AccompanimentForm(data={"feedback": meeting.facilitator_feedback})


def _meeting_page(meeting: Meeting, form: AccompanimentForm | None, saved_note: str | None = None):
    """Every shape of the meeting page (full, htmx block, history restore) comes through here,
    so names and minutes that the viewer may not see are never even handed to the template."""
    attendance = named_attendees(meeting) if can_see_attendees(current_user, meeting) else None
    minutes = (stored_minutes(meeting.minutes_html, meeting.minutes_md) if can_see_minutes(current_user, meeting)
               else None)
    return render_page("communities/meeting.html", "accompaniment", meeting=meeting, attendance=attendance,
                       minutes=minutes, hidden_notes=_hidden_notes(attendance is None, minutes is None),
                       assets=meeting_assets(meeting, current_user),
                       locked=quarter_locked(meeting.year, meeting.quarter), accompaniment_form=form,
                       saved_note=saved_note, threads=meeting_threads(meeting, current_user))


def _hidden_notes(attendees_hidden: bool, minutes_hidden: bool) -> dict[str, str]:
    """What someone outside the audience reads instead of the names or the minutes."""
    notes = {}
    if attendees_hidden:
        notes["attendees"] = (_("Daftar hadir hanya terlihat oleh anggota CoP dan pegawai perangkat daerahnya.")
                              if attendee_visibility() == AttendeeVisibility.AGENCY
                              else _("Daftar hadir hanya terlihat oleh anggota CoP."))
    if minutes_hidden:
        notes["minutes"] = (_("Notulen hanya terlihat oleh anggota CoP dan pegawai perangkat daerahnya.")
                            if minutes_visibility() == MinutesVisibility.AGENCY
                            else _("Notulen hanya terlihat oleh anggota CoP."))
    return notes


@bp.post("/meetings/<int:meeting_id>/accompaniment")
def accompaniment(meeting_id: int):
    """An assigned facilitator (or an admin) confirms he accompanied the meeting; never its lead."""
    meeting = get_or_404(Meeting, meeting_id)
    require(can_confirm_accompaniment(current_user, meeting))
    form = AccompanimentForm()
    if not form.validate_on_submit():
        return _meeting_page(meeting, form)
    first_time = not meeting.accompanied
    confirm_accompaniment(meeting, current_user, form.feedback.data)
    db.session.commit()
    note = _("Pendampingan dikonfirmasi.") if first_time else _("Umpan balik diperbarui.")
    if not is_htmx_request():
        flash(note, "success")
        return redirect(url_for("communities.meeting_page", meeting_id=meeting.id))
    return _meeting_page(meeting, AccompanimentForm(data={"feedback": meeting.facilitator_feedback}), note)
