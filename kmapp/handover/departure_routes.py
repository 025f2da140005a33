"""Departures pages: an agency's leavers (recorded, forecast, and those without a usable NIP), recording
and importing departures, a person's position class and supervisor, and the programme's overview."""
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..clock import local_today
from ..extensions import db
from ..htmx import render_page
from ..models import Agency, Departure, User
from ..policy import (can_manage_departures, can_open_departures, can_view_programme, get_or_404, is_admin,
                      leads_in_agency, require)
from ..programme.labels import percent
from . import bp
from .departures import departures_within, handover_settings, people_without_birth_date, retirement_date, \
    retirement_ages
from .figures import agency_handover_figures, programme_handover_rows
from .forms import ActionForm, DepartureForm, ImportForm, PositionForm
from .handovers import is_overdue
from .labels import KIND, NIP_PROBLEM, POSITION_CLASS, STATE
from .recording import DepartureError, cancel_departure, import_departures_csv, person_by_login, record_departure, \
    set_position

MAX_IMPORT_BYTES = 1_000_000


def today() -> date:
    return local_today()


def can_see_agency_departures(user, agency_id: int) -> bool:
    """Names and dates of the agency's leavers: admins, its HR officer, its CoP leads, programme viewers."""
    return can_manage_departures(user, agency_id) or leads_in_agency(user, agency_id) or can_view_programme(user)


def _agency_or_404(agency_id: int) -> Agency:
    agency = get_or_404(Agency, agency_id)
    if not can_see_agency_departures(current_user, agency.id):
        abort(404)
    return agency


def _agency_choices(exclude: int | None = None) -> list[tuple[int | str, str]]:
    agencies = db.session.scalars(select(Agency).order_by(Agency.name))
    return [("", _("(pilih untuk mutasi)"))] + [(a.id, a.name) for a in agencies if a.id != exclude]


@bp.get("/")
def index():
    require(can_open_departures(current_user))
    if is_admin(current_user):
        return redirect(url_for(".programme_page"))
    return redirect(url_for(".agency_page", agency_id=current_user.agency_id))


LIST_LIMIT = 100  # a big agency foresees hundreds of retirements: the first ones, then "show all"


def _agency_context(agency: Agency, form: DepartureForm | None = None) -> dict:
    day = today()
    facts = departures_within(365, agency.id, day)
    total = len(facts)
    if request.args.get("all") != "1":
        facts = facts[:LIST_LIMIT]
    people = {p.id: p for p in db.session.scalars(select(User).where(User.id.in_([f.user_id for f in facts])))} \
        if facts else {}
    departures = {d.id: d for d in db.session.scalars(
        select(Departure).where(Departure.id.in_([f.departure_id for f in facts if f.departure_id])))} \
        if any(f.departure_id for f in facts) else {}
    overdue_days = handover_settings().overdue_days
    manage = can_manage_departures(current_user, agency.id)
    if form is None:
        form = DepartureForm(formdata=None)
    form.to_agency.choices = _agency_choices(exclude=agency.id)
    missing, missing_total = people_without_birth_date(agency.id) if manage else ([], 0)
    return dict(agency=agency, facts=facts, total=total, people=people, departures=departures, figures=agency_handover_figures(
        agency.id, day), overdue=lambda d: d.handover is not None and is_overdue(d.handover, d.leaving_on, day,
                                                                                  overdue_days),
        manage=manage, form=form, action_form=ActionForm(), missing=missing, missing_total=missing_total,
        KIND=KIND, STATE=STATE, NIP_PROBLEM=NIP_PROBLEM, percent=percent, today=day, overdue_days=overdue_days)


@bp.get("/agencies/<int:agency_id>")
def agency_page(agency_id: int):
    agency = _agency_or_404(agency_id)
    prefill = {}
    if request.args.get("login"):  # "Catat" beside a forecast retirement fills the form in
        prefill = {"login": request.args.get("login", "")[:64], "kind": "retirement",
                   "leaving_on": _date_or_none(request.args.get("on", ""))}
    form = DepartureForm(formdata=None, data=prefill) if prefill else None
    return render_template("handover/agency.html", **_agency_context(agency, form))


def _date_or_none(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


@bp.post("/agencies/<int:agency_id>/departures")
def record(agency_id: int):
    agency = _agency_or_404(agency_id)
    require(can_manage_departures(current_user, agency.id))
    form = DepartureForm()
    form.to_agency.choices = _agency_choices(exclude=agency.id)
    if form.validate_on_submit():
        person = person_by_login(form.login.data)
        if person is None or person.agency_id != agency.id:
            form.login.errors.append(_("Tidak ada pegawai %(agency)s dengan NIP atau nama pengguna itu.",
                                       agency=agency.name))
        else:
            to_agency = db.session.get(Agency, form.to_agency.data) if form.to_agency.data else None
            try:
                departure, outcome = record_departure(person, form.kind.data, form.leaving_on.data, to_agency,
                                                      current_user, today())
            except DepartureError as error:
                db.session.rollback()
                getattr(form, error.field if error.field in ("kind", "leaving_on", "to_agency") else "login"
                        ).errors.append(str(error))
            else:
                db.session.commit()
                flash(_("Kepergian %(name)s dicatat; lembar serah terima dibuat.", name=person.name)
                      if outcome == "created" else _("Kepergian %(name)s diperbarui.", name=person.name)
                      if outcome == "updated" else _("Tidak ada yang berubah."), "success")
                return redirect(url_for(".agency_page", agency_id=agency.id))
    return render_template("handover/agency.html", **_agency_context(agency, form)), 422


@bp.post("/departures/<int:departure_id>/cancel")
def cancel(departure_id: int):
    departure = get_or_404(Departure, departure_id)
    agency_id = departure.user.agency_id
    if not can_see_agency_departures(current_user, agency_id):
        abort(404)
    require(can_manage_departures(current_user, agency_id))
    if ActionForm().validate_on_submit() and not departure.cancelled:
        cancel_departure(departure, current_user)
        db.session.commit()
        flash(_("Kepergian %(name)s dibatalkan.", name=departure.user.name), "success")
    return redirect(url_for(".agency_page", agency_id=agency_id))


@bp.route("/agencies/<int:agency_id>/import", methods=["GET", "POST"])
def import_page(agency_id: int):
    agency = _agency_or_404(agency_id)
    require(can_manage_departures(current_user, agency.id))
    form, report = ImportForm(), None
    if form.validate_on_submit():
        raw = form.file.data.read(MAX_IMPORT_BYTES + 1)
        if len(raw) > MAX_IMPORT_BYTES:
            form.file.errors.append(_("Berkas terlalu besar (paling banyak 1 MB)."))
        else:
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                form.file.errors.append(_("Berkas harus CSV dengan pengodean UTF-8."))
            else:
                # Rows of other agencies are refused for an HR officer; an admin may import any agency's.
                report = import_departures_csv(text, current_user, today())
    return render_template("handover/import.html", agency=agency, form=form, report=report)


@bp.route("/people/<int:user_id>", methods=["GET", "POST"])
def person_page(user_id: int):
    person = get_or_404(User, user_id)
    if not can_manage_departures(current_user, person.agency_id):
        abort(404)
    form = PositionForm(formdata=request.form if request.method == "POST" else None,
                        data={"position_class": person.position_class or "",
                              "supervisor": person.supervisor.login_name if person.supervisor else ""})
    if request.method == "POST" and form.validate_on_submit():
        supervisor = person_by_login(form.supervisor.data) if form.supervisor.data else None
        if form.supervisor.data and supervisor is None:
            form.supervisor.errors.append(_("Tidak ada pengguna dengan NIP atau nama pengguna itu."))
        else:
            try:
                changed = set_position(person, form.position_class.data or None, supervisor, current_user)
            except DepartureError as error:
                db.session.rollback()
                getattr(form, error.field).errors.append(str(error))
            else:
                db.session.commit()
                flash(_("Data jabatan disimpan.") if changed else _("Tidak ada yang berubah."), "success")
                return redirect(url_for(".person_page", user_id=person.id))
    return render_template("handover/person.html", person=person, form=form, POSITION_CLASS=POSITION_CLASS,
                           retires_on=retirement_date(person.nip, person.position_class, retirement_ages()),
                           departure=db.session.scalar(select(Departure).where(
                               Departure.user_id == person.id, Departure.cancelled_at.is_(None)))), \
        200 if request.method == "GET" else 422


@bp.get("/programme")
def programme_page():
    """Full page without JS; the dashboard loads block `handover_watch` below its matrix."""
    require(can_view_programme(current_user))
    return render_page("handover/programme.html", "handover_watch", rows=programme_handover_rows(today()),
                       percent=percent)
