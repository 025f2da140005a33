"""The maturity pages of the programme office: overview, instrument versions, rounds."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select, tuple_
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from ..extensions import db
from ..htmx import render_page
from ..integers import optional_db_int
from ..models import (Agency, AssessmentState, MaturityAssessment, MaturityAssessorAssignment, MaturityDimension,
                      MaturityIndicator, MaturityInstrument, MaturityRound, Role, User, UserRole)
from ..policy import (can_edit_self_assessment, can_manage_maturity, can_view_maturity, facilitates_in_agency,
                      get_or_404, leads_in_agency, require)
from . import bp, presenting
from .comparison import version_changes
from .forms import AssignForm, IndicatorForm, OpenRoundForm, ThresholdsForm, UnassignForm
from .instruments import (InstrumentFrozen, InstrumentInvalid, add_indicator, latest_instrument, new_version,
                          remove_indicator, seed_default_instrument, set_thresholds, update_indicator)
from .rounds import (RoundRefused, assign_assessor, assignments_by_agency, open_round, publish_verified, today,
                     unassign_assessor)


def _rounds() -> list[MaturityRound]:
    return list(db.session.scalars(select(MaturityRound).order_by(MaturityRound.year.desc())))


def my_assessments(user) -> list[MaturityAssessment]:
    """What the user works on: his agency's (lead, facilitator) or assigned ones (assessor), the
    ones waiting for him first. A few queries, whatever the number of rounds."""
    if not can_view_maturity(user) or can_manage_maturity(user):
        return []
    agency_ids = {m.community.agency_id for m in user.memberships}
    assigned = set(db.session.execute(select(MaturityAssessorAssignment.round_id, MaturityAssessorAssignment.agency_id)
                                      .where(MaturityAssessorAssignment.assessor_id == user.id)).all()) \
        if user.has_role(Role.ASSESSOR) else set()
    conditions = ([MaturityAssessment.agency_id.in_(agency_ids)] if agency_ids else []) + \
        ([tuple_(MaturityAssessment.round_id, MaturityAssessment.agency_id).in_(assigned)] if assigned else [])
    if not conditions:
        return []
    rows = db.session.scalars(select(MaturityAssessment).join(MaturityRound).where(or_(*conditions))
                              .options(joinedload(MaturityAssessment.agency), joinedload(MaturityAssessment.round))
                              .order_by(MaturityRound.year.desc(), MaturityAssessment.agency_id))

    def verifies(a) -> bool:  # assessor_assigned() without a query per row
        return (a.round_id, a.agency_id) in assigned and user.agency_id != a.agency_id

    mine = [a for a in rows if leads_in_agency(user, a.agency_id) or facilitates_in_agency(user, a.agency_id)
            or verifies(a)]
    return sorted(mine, key=lambda a: not (can_edit_self_assessment(user, a)
                                           or (a.state == AssessmentState.SUBMITTED and verifies(a))))


@bp.get("/")
def index():
    require(can_view_maturity(current_user))
    if can_manage_maturity(current_user) and latest_instrument() is None:
        seed_default_instrument()  # a new installation: version 1 is there before the first round
        db.session.commit()
    return render_template("maturity/index.html", rounds=_rounds() if can_manage_maturity(current_user) else [],
                           mine=my_assessments(current_user), instrument=latest_instrument(),
                           instruments=list(db.session.scalars(select(MaturityInstrument)
                                                               .order_by(MaturityInstrument.version.desc()))),
                           **presenting.context())


@bp.get("/instruments/<int:instrument_id>")
def instrument(instrument_id: int):
    require(can_view_maturity(current_user))
    found = get_or_404(MaturityInstrument, instrument_id)
    return _instrument_page(found, ThresholdsForm(formdata=None, obj=found))


def _instrument_page(found: MaturityInstrument, thresholds_form, status: int = 200):
    base = db.session.get(MaturityInstrument, found.based_on_id) if found.based_on_id else None
    return render_page("maturity/instrument.html", status=status, instrument=found, thresholds_form=thresholds_form,
                       base=base, changes=version_changes(base, found) if base else [],
                       editable=can_manage_maturity(current_user) and not found.frozen, action_form=UnassignForm(),
                       **presenting.context())


@bp.post("/instruments/<int:instrument_id>/versions")
def new_instrument_version(instrument_id: int):
    require(can_manage_maturity(current_user))
    source = get_or_404(MaturityInstrument, instrument_id)
    if not UnassignForm().validate_on_submit():
        abort(400)
    copy = new_version(source, current_user)
    db.session.commit()
    flash(_("Versi %(new)s dibuat dari versi %(old)s; ubah indikator, bobot dan batas level sebelum dipakai "
            "putaran.", new=copy.version, old=source.version), "success")
    return redirect(url_for("maturity.instrument", instrument_id=copy.id))


@bp.post("/instruments/<int:instrument_id>/thresholds")
def save_thresholds(instrument_id: int):
    require(can_manage_maturity(current_user))
    found = get_or_404(MaturityInstrument, instrument_id)
    form = ThresholdsForm()
    if form.validate_on_submit():
        values = (form.level_2_from.data, form.level_3_from.data, form.level_4_from.data, form.level_5_from.data)
        try:
            changed = set_thresholds(found, values, current_user)
        except (InstrumentFrozen, InstrumentInvalid) as refused:
            form.level_2_from.errors = list(form.level_2_from.errors) + [str(refused)]
        else:
            db.session.commit()
            flash(_("Batas level disimpan.") if changed else _("Tidak ada perubahan."), "success")
            return redirect(url_for("maturity.instrument", instrument_id=found.id))
    return _instrument_page(found, form, status=422)


@bp.route("/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
def indicator_edit(indicator_id: int):
    require(can_manage_maturity(current_user))
    indicator = get_or_404(MaturityIndicator, indicator_id)
    form = IndicatorForm(obj=indicator)
    form.code.data = indicator.code  # the code never changes: it links the versions
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in
                  ("name", "weight", "level_1", "level_2", "level_3", "level_4", "level_5")}
        try:
            changed = update_indicator(indicator, values, current_user)
        except InstrumentFrozen as refused:
            form.name.errors = list(form.name.errors) + [str(refused)]
        else:
            db.session.commit()
            flash(_("Indikator %(code)s disimpan.", code=indicator.code) if changed else _("Tidak ada perubahan."),
                  "success")
            return redirect(url_for("maturity.instrument", instrument_id=indicator.instrument_id))
    return render_page("maturity/indicator_edit.html", form=form, indicator=indicator,
                       dimension=indicator.dimension, instrument=indicator.dimension.instrument)


@bp.route("/dimensions/<int:dimension_id>/indicators/new", methods=["GET", "POST"])
def indicator_new(dimension_id: int):
    require(can_manage_maturity(current_user))
    dimension = get_or_404(MaturityDimension, dimension_id)
    form = IndicatorForm()
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in
                  ("code", "name", "weight", "level_1", "level_2", "level_3", "level_4", "level_5")}
        try:
            indicator = add_indicator(dimension, values, current_user)
        except (InstrumentFrozen, InstrumentInvalid) as refused:
            form.code.errors = list(form.code.errors) + [str(refused)]
        else:
            db.session.commit()
            flash(_("Indikator %(code)s ditambahkan.", code=indicator.code), "success")
            return redirect(url_for("maturity.instrument", instrument_id=dimension.instrument_id))
    return render_page("maturity/indicator_edit.html", form=form, indicator=None, dimension=dimension,
                       instrument=dimension.instrument)


@bp.post("/indicators/<int:indicator_id>/delete")
def indicator_delete(indicator_id: int):
    require(can_manage_maturity(current_user))
    indicator = get_or_404(MaturityIndicator, indicator_id)
    instrument_id, code = indicator.instrument_id, indicator.code
    if not UnassignForm().validate_on_submit():
        abort(400)
    try:
        remove_indicator(indicator, current_user)
    except (InstrumentFrozen, InstrumentInvalid) as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Indikator %(code)s dihapus dari versi ini.", code=code), "success")
    return redirect(url_for("maturity.instrument", instrument_id=instrument_id))


@bp.route("/rounds/new", methods=["GET", "POST"])
def round_new():
    require(can_manage_maturity(current_user))
    form = OpenRoundForm(data={"year": today().year, "instrument_id": getattr(latest_instrument(), "id", None)})
    form.instrument_id.choices = [SelectChoice(i.id, _("Versi %(v)s", v=i.version)) for i in
                                  db.session.scalars(select(MaturityInstrument)
                                                     .order_by(MaturityInstrument.version.desc()))]
    if form.validate_on_submit():
        chosen = db.session.get(MaturityInstrument, form.instrument_id.data)
        try:
            if chosen is None:
                raise RoundRefused(_("Pilih versi instrumen."))
            round_ = open_round(form.year.data, chosen, form.deadline.data, current_user)
        except RoundRefused as refused:
            form.year.errors = list(form.year.errors) + [str(refused)]
        else:
            db.session.commit()
            flash(_("Putaran %(year)s dibuka untuk semua perangkat daerah.", year=round_.year), "success")
            return redirect(url_for("maturity.round_page", round_id=round_.id))
    return render_page("maturity/round_new.html", form=form)


def _assign_form(round_: MaturityRound, formdata=None) -> AssignForm:
    form = AssignForm(formdata=formdata) if formdata is not None else AssignForm(formdata=None)
    form.agency_id.choices = [SelectChoice("", _("— pilih perangkat daerah —"))] + [
        SelectChoice(a.id, a.name) for a in db.session.scalars(select(Agency).order_by(Agency.name))]
    form.assessor_id.choices = [SelectChoice("", _("— pilih juri —"))] + [
        SelectChoice(u.id, u.name) for u in db.session.scalars(
            select(User).join(UserRole).where(UserRole.role == Role.ASSESSOR.value, User.active.is_(True))
            .order_by(User.name))]
    return form


def _round_page(round_: MaturityRound, assign_form: AssignForm, status: int = 200):
    assessments = list(db.session.scalars(select(MaturityAssessment).join(Agency)
                                          .where(MaturityAssessment.round_id == round_.id)
                                          .options(joinedload(MaturityAssessment.agency)).order_by(Agency.name)))
    counts = {state: sum(1 for a in assessments if a.state == state) for state in AssessmentState}
    return render_page("maturity/round.html", status=status, round=round_, assessments=assessments, counts=counts,
                       assigned=assignments_by_agency(round_), assign_form=assign_form, action_form=UnassignForm(),
                       **presenting.context())


@bp.get("/rounds/<int:round_id>")
def round_page(round_id: int):
    require(can_manage_maturity(current_user))
    round_ = get_or_404(MaturityRound, round_id)
    return _round_page(round_, _assign_form(round_))


@bp.post("/rounds/<int:round_id>/assignments")
def assign(round_id: int):
    require(can_manage_maturity(current_user))
    round_ = get_or_404(MaturityRound, round_id)
    form = _assign_form(round_, request.form)
    if form.validate_on_submit():
        agency, assessor = db.session.get(Agency, form.agency_id.data), db.session.get(User, form.assessor_id.data)
        try:
            if agency is None or assessor is None:
                raise RoundRefused(_("Pilih perangkat daerah dan juri."))
            added = assign_assessor(round_, agency, assessor, current_user)
        except RoundRefused as refused:
            form.assessor_id.errors = list(form.assessor_id.errors) + [str(refused)]
        else:
            db.session.commit()
            flash(_("%(name)s ditugaskan memverifikasi %(agency)s.", name=assessor.name, agency=agency.name)
                  if added else _("Tidak ada perubahan."), "success")
            return redirect(url_for("maturity.round_page", round_id=round_.id))
    return _round_page(round_, form, status=422)


@bp.post("/rounds/<int:round_id>/assignments/delete")
def unassign(round_id: int):
    require(can_manage_maturity(current_user))
    round_ = get_or_404(MaturityRound, round_id)
    form = UnassignForm()
    try:
        agency_id, assessor_id = optional_db_int(form.agency_id.data), optional_db_int(form.assessor_id.data)
    except ValueError:
        abort(400)
    if not form.validate_on_submit() or agency_id is None or assessor_id is None:
        abort(400)
    if unassign_assessor(round_, agency_id, assessor_id, current_user):
        db.session.commit()
        flash(_("Penugasan juri dihapus."), "success")
    return redirect(url_for("maturity.round_page", round_id=round_.id))


@bp.post("/rounds/<int:round_id>/publish")
def publish_round(round_id: int):
    require(can_manage_maturity(current_user))
    round_ = get_or_404(MaturityRound, round_id)
    if not UnassignForm().validate_on_submit():
        abort(400)
    published = publish_verified(round_, current_user)
    db.session.commit()
    flash(_("%(n)s penilaian terverifikasi diterbitkan.", n=published), "success")
    return redirect(url_for("maturity.round_page", round_id=round_.id))
