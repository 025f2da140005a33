"""The programme office's side of the award, and the round pages everyone starts from."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ..extensions import db
from ..models import Agency, Nomination, Role, User
from ..policy import can_manage_award, get_or_404, leads_agency, require
from ..programme.figures import agencies
from . import bp
from .forms import AssignForm, ConfirmForm, ReopenForm, RoundForm
from .routes import agency_or_404, award_or_404, common, today
from .rounds import (AwardRefused, assessors, assign, assignments, create_round, finalise, progress, reopen, rounds,
                     scoring_started, standings, unassign, update_round)
from .sheets import my_assignments


@bp.get("/")
def index():
    return render_template("award/index.html", **common(rounds=rounds()))


def _led_agencies(user) -> list[Agency]:
    if not user.has_role(Role.COP_LEAD):
        return []
    found = {m.community.agency for m in user.memberships if leads_agency(user, m.community.agency_id)}
    return sorted(found, key=lambda agency: agency.name)


def _assign_form(form: AssignForm | None = None) -> AssignForm:
    form = form or AssignForm(formdata=None)
    form.agency_id.choices = [SelectChoice("", _("— pilih perangkat daerah —"))] + [
        SelectChoice(row.id, row.name) for row in agencies()]
    form.assessor_id.choices = [SelectChoice("", _("— pilih juri —"))] + [
        SelectChoice(user.id, user.name) for user in assessors()]
    return form


def _round_page(award, assign_form=None, reopen_form=None, status=200):
    admin = can_manage_award(current_user)
    nominations = {}
    if admin:
        nominations = {n.agency_id: n for n in db.session.scalars(
            select(Nomination).where(Nomination.round_id == award.id))}
    return render_template(
        "award/round.html", **common(
            award=award, admin=admin, today=today(), led=_led_agencies(current_user),
            mine=my_assignments(award, current_user) if current_user.has_role(Role.ASSESSOR) else [],
            progress=progress(award) if admin else None, nominations=nominations,
            all_agencies=agencies() if admin else [], assignments=assignments(award) if admin else [],
            ranking=standings(award) if admin and not award.finalised else [],
            assign_form=_assign_form(assign_form) if admin else None, confirm_form=ConfirmForm(),
            reopen_form=reopen_form or ReopenForm(formdata=None))), status


@bp.get("/<int:year>")
def round_page(year: int):
    return _round_page(award_or_404(year))


@bp.route("/new", methods=["GET", "POST"])
def new_round():
    require(can_manage_award(current_user))
    form = RoundForm()
    if request.method == "GET":
        form = RoundForm(formdata=None, data={"year": today().year, "winners_count": 15})
    elif form.validate_on_submit():
        try:
            award = create_round(form.year.data, form.title.data.strip(), form.winners_count.data,
                                 form.submission_deadline.data, form.ceremony_on.data, current_user)
        except AwardRefused as refused:
            form.year.errors = [*form.year.errors, str(refused)]
        else:
            db.session.commit()
            flash(_("Penghargaan %(year)s dibuat dengan rubrik bawaan.", year=award.year), "success")
            return redirect(url_for(".round_page", year=award.year))
    return render_template("award/round_form.html", **common(form=form, award=None)), \
        200 if request.method == "GET" else 422


@bp.route("/<int:year>/edit", methods=["GET", "POST"])
def edit_round(year: int):
    require(can_manage_award(current_user))
    award = award_or_404(year)
    if request.method == "GET":
        form = RoundForm(formdata=None, obj=award, data={"criteria": [
            {"weight": c.weight, "scale_min": c.scale_min, "scale_max": c.scale_max} for c in award.criteria]})
    else:
        form = RoundForm()
        del form["year"]  # a round keeps its year
        if form.validate_on_submit() and len(form.criteria.entries) == len(award.criteria):
            rubric = {c.id: (entry.form.weight.data, entry.form.scale_min.data, entry.form.scale_max.data)
                      for c, entry in zip(award.criteria, form.criteria.entries)}
            fields = {"title": form.title.data.strip(), "winners_count": form.winners_count.data,
                      "submission_deadline": form.submission_deadline.data, "ceremony_on": form.ceremony_on.data}
            try:
                update_round(award, fields, rubric, current_user)
            except AwardRefused as refused:
                db.session.rollback()
                form.form_errors.append(str(refused))
            else:
                db.session.commit()
                flash(_("Pengaturan penghargaan disimpan."), "success")
                return redirect(url_for(".round_page", year=award.year))
    return render_template("award/round_form.html", **common(form=form, award=award, locked=scoring_started(award))), \
        200 if request.method == "GET" else 422


@bp.post("/<int:year>/assignments")
def add_assignment(year: int):
    require(can_manage_award(current_user))
    award = award_or_404(year)
    form = _assign_form(AssignForm())
    if not form.validate_on_submit():
        return _round_page(award, assign_form=form, status=422)
    agency = agency_or_404(form.agency_id.data)
    assessor = get_or_404(User, form.assessor_id.data)
    try:
        assign(award, agency, assessor, current_user)
    except AwardRefused as refused:
        db.session.rollback()
        form.assessor_id.errors = [*form.assessor_id.errors, str(refused)]
        return _round_page(award, assign_form=form, status=422)
    db.session.commit()
    flash(_("%(assessor)s ditugaskan menilai %(agency)s.", assessor=assessor.name, agency=agency.name), "success")
    return redirect(url_for(".round_page", year=year) + "#assignments")


@bp.post("/<int:year>/assignments/<int:agency_id>/<int:assessor_id>/delete")
def delete_assignment(year: int, agency_id: int, assessor_id: int):
    require(can_manage_award(current_user))
    award = award_or_404(year)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        unassign(award, agency_id, assessor_id, current_user)
    except AwardRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Penugasan juri dihapus."), "success")
    return redirect(url_for(".round_page", year=year) + "#assignments")


@bp.post("/<int:year>/finalise")
def finalise_round(year: int):
    require(can_manage_award(current_user))
    award = award_or_404(year)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        finalise(award, current_user)
    except AwardRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return redirect(url_for(".round_page", year=year))
    db.session.commit()
    flash(_("Hasil %(title)s final dan diumumkan kepada semua pegawai.", title=award.title), "success")
    return redirect(url_for(".results", year=year))


@bp.post("/<int:year>/reopen")
def reopen_round(year: int):
    require(can_manage_award(current_user))
    award = award_or_404(year)
    form = ReopenForm()
    if not form.validate_on_submit():
        return _round_page(award, reopen_form=form, status=422)
    try:
        reopen(award, form.reason.data, current_user)
    except AwardRefused as refused:
        db.session.rollback()
        form.reason.errors = [*form.reason.errors, str(refused)]
        return _round_page(award, reopen_form=form, status=422)
    db.session.commit()
    flash(_("Hasil dibuka kembali; alasannya tercatat di jejak audit."), "success")
    return redirect(url_for(".round_page", year=year))
