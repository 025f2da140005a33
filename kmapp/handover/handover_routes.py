"""The handover record's page: the capture (autosaved per field with htmx, one plain save without JS),
successors, the capture meeting, submission, and the supervisor's confirmation."""
from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..htmx import is_htmx_request
from ..models import Meeting
from ..models.handover import CAPTURE_FIELDS
from ..policy import (can_confirm_handover, can_edit_handover, can_manage_departures, handover_for_view, require)
from . import bp
from .departure_routes import today
from .departures import handover_settings
from .forms import ActionForm, CaptureFieldForm, HandoverForm, MeetingLinkForm, SuccessorForm
from .handovers import (HandoverRefused, add_successor, capture_meetings, confirm_handover, is_overdue, link_meeting,
                        missing_to_submit, remove_successor, return_handover, save_capture, set_visibility,
                        submit_handover)
from .labels import CAPTURE_HELP, CAPTURE_LABELS, KIND, STATE
from .recording import person_by_login


def _page(handover, form=None, successor_form=None, meeting_form=None, status=200):
    editable = can_edit_handover(current_user, handover)
    if form is None:
        form = HandoverForm(formdata=None, data={**{n: getattr(handover, n) for n in CAPTURE_FIELDS},
                                                 "visibility": handover.visibility})
    meeting_form = meeting_form or MeetingLinkForm(formdata=None, data={"meeting": handover.meeting_id})
    meeting_form.meeting.choices = [("", _("(belum ada)"))] + [
        (m.id, f"{m.held_on.isoformat()} · {m.community.name} · {m.topic}") for m in capture_meetings(handover)]
    departure = handover.departure
    return render_template(
        "handover/handover.html", handover=handover, departure=departure, person=departure.user, form=form,
        editable=editable, can_confirm=can_confirm_handover(current_user, handover),
        manage=can_manage_departures(current_user, departure.user.agency_id),
        successor_form=successor_form or SuccessorForm(formdata=None), meeting_form=meeting_form,
        action_form=ActionForm(), CAPTURE_FIELDS=CAPTURE_FIELDS, CAPTURE_LABELS=CAPTURE_LABELS,
        CAPTURE_HELP=CAPTURE_HELP, KIND=KIND, STATE=STATE,
        overdue=is_overdue(handover, departure.leaving_on, today(), handover_settings().overdue_days),
        missing=missing_to_submit(handover)), status


@bp.route("/<int:handover_id>", methods=["GET", "POST"])
def handover_page(handover_id: int):
    handover = handover_for_view(handover_id)
    if request.method == "GET":
        return _page(handover)
    require(can_edit_handover(current_user, handover))
    form = HandoverForm()
    if not form.validate_on_submit():
        return _page(handover, form=form, status=422)
    try:
        save_capture(handover, form.capture(), current_user)
        set_visibility(handover, form.visibility.data)
        if form.send.data:
            submit_handover(handover, current_user)
    except HandoverRefused as refused:
        db.session.rollback()
        form.form_errors.append(str(refused))
        db.session.refresh(handover)
        # What was typed is kept in the form, so nothing is lost; save it as the draft it is.
        save_capture(handover, form.capture(), current_user)
        db.session.commit()
        return _page(handover, form=form, status=422)
    db.session.commit()
    flash(_("Serah terima dikirim; atasan Anda akan mengonfirmasi.") if form.send.data else _("Draf disimpan."),
          "success")
    return redirect(url_for(".handover_page", handover_id=handover.id))


@bp.post("/<int:handover_id>/fields/<name>")
def save_field(handover_id: int, name: str):
    """Autosave of one capture field (htmx on change); without htmx, back to the page."""
    handover = handover_for_view(handover_id)
    if name not in CAPTURE_FIELDS:
        abort(404)
    require(can_edit_handover(current_user, handover))
    form = CaptureFieldForm(data={"text": request.form.get(name, "")})
    message, ok = _("Tersimpan."), True
    if not form.validate_on_submit():
        message, ok = " ".join(form.text.errors) or _("Tidak tersimpan."), False
    else:
        try:
            save_capture(handover, {name: form.text.data or ""}, current_user)
            db.session.commit()
        except HandoverRefused as refused:
            db.session.rollback()
            message, ok = str(refused), False
    if not is_htmx_request():
        flash(message, "success" if ok else "error")
        return redirect(url_for(".handover_page", handover_id=handover.id))
    return make_response(render_template("award/_autosaved.html", message=message, ok=ok), 200 if ok else 422)


@bp.post("/<int:handover_id>/successors")
def add_successor_route(handover_id: int):
    handover = handover_for_view(handover_id)
    require(can_edit_handover(current_user, handover))
    form = SuccessorForm()
    if form.validate_on_submit():
        successor = person_by_login(form.successor.data)
        if successor is None:
            form.successor.errors.append(_("Tidak ada pengguna dengan NIP atau nama pengguna itu."))
        else:
            try:
                add_successor(handover, successor, current_user)
            except HandoverRefused as refused:
                form.successor.errors.append(str(refused))
            else:
                db.session.commit()
                return redirect(url_for(".handover_page", handover_id=handover.id) + "#successors")
    return _page(handover, successor_form=form, status=422)


@bp.post("/<int:handover_id>/successors/<int:user_id>/remove")
def remove_successor_route(handover_id: int, user_id: int):
    handover = handover_for_view(handover_id)
    require(can_edit_handover(current_user, handover))
    if ActionForm().validate_on_submit():
        for successor in list(handover.successors):
            if successor.id == user_id:
                remove_successor(handover, successor, current_user)
        db.session.commit()
    return redirect(url_for(".handover_page", handover_id=handover.id) + "#successors")


@bp.post("/<int:handover_id>/meeting")
def link_meeting_route(handover_id: int):
    handover = handover_for_view(handover_id)
    require(can_edit_handover(current_user, handover) or can_confirm_handover(current_user, handover))
    form = MeetingLinkForm()
    form.meeting.choices = [("", "")] + [(m.id, "") for m in capture_meetings(handover)]
    if form.validate_on_submit():
        meeting = db.session.get(Meeting, form.meeting.data) if form.meeting.data else None
        try:
            link_meeting(handover, meeting, current_user)
        except HandoverRefused as refused:
            form.meeting.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Pertemuan penggalian pengetahuan ditautkan.") if meeting else _("Tautan pertemuan dilepas."),
                  "success")
            return redirect(url_for(".handover_page", handover_id=handover.id))
    db.session.rollback()
    return _page(handover, meeting_form=form, status=422)


@bp.post("/<int:handover_id>/confirm")
def confirm(handover_id: int):
    handover = handover_for_view(handover_id)
    require(can_confirm_handover(current_user, handover))
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        if request.form.get("decision") == "return":
            return_handover(handover, current_user)
            db.session.commit()
            flash(_("Serah terima dikembalikan untuk dilengkapi."), "success")
        else:
            confirm_handover(handover, current_user)
            db.session.commit()
            flash(_("Serah terima dikonfirmasi.") + (" " + _("Catatan serah terima terbit sebagai aset pengetahuan.")
                                                    if handover.asset_id else ""), "success")
    except HandoverRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
    return redirect(url_for(".handover_page", handover_id=handover.id))
