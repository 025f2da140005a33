"""Programme pages: the dashboard, an agency's page, the printable report, exports, targets."""
from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from .. import labels
from ..assets.rules import meeting_required_from
from ..extensions import db
from ..htmx import render_page
from ..maturity.history import maturity_context
from ..models import QuarterTarget
from ..policy import agency_for_view, can_edit_targets, can_view_programme, get_or_404, require
from ..quarters import current_quarter
from . import bp
from ..award.history import award_history_context
from ..handover.figures import handover_agency_context
from .agency import agency_overview
from .charts import quarter_trend_chart, utilisation_chart
from .dashboard import QUARTERS, Filters, behind_details, build_dashboard
from .exports import XLSX_MIMETYPE, to_csv, to_xlsx
from .figures import UTILISATION_TARGET, agencies, agency_kinds, year_span
from .forms import DashboardFilterForm, DeleteOverrideForm, OverrideTargetForm, TargetMinimumsForm, YearForm
from .labels import STATUS_LABEL, STATUS_SYMBOL, kind_label, number, percent, period_label, seci_label
from .standing import target_words
from .targets import BUILT_IN_TARGET, Target, delete_override, overrides_for_year, save_target, targets_for_year


def _today() -> date:
    return date.today()

def _filters() -> tuple[DashboardFilterForm, Filters]:
    """The dashboard filter from the query string; unknown values fall back to defaults."""
    first, last = year_span(_today())
    form = DashboardFilterForm(request.args, years=list(range(first, last + 1)), kinds=agency_kinds(),
                               default_year=last)
    return form, Filters(year=form.year.data, quarter=form.quarter.data, kind=form.kind.data or None,
                         behind_only=bool(form.behind.data))

def _page_context(dashboard) -> dict:
    filters = dashboard.filters
    period = period_label(filters.year, filters.quarter)
    return dict(
        dashboard=dashboard, behind_details=behind_details(dashboard), period=period, percent=percent, number=number, STATUS_LABEL=STATUS_LABEL, STATUS_SYMBOL=STATUS_SYMBOL,
        kind_label=kind_label, seci_label=seci_label, target=UTILISATION_TARGET, target_words=target_words,
        trend_svg=quarter_trend_chart(dashboard.totals, filters.year),
        utilisation_svg=utilisation_chart(dashboard.rows, period, percent),
        query={"year": filters.year, "quarter": filters.quarter or "", "kind": filters.kind or "",
               "behind": "y" if filters.behind_only else ""},
    )

@bp.get("/")
def dashboard():
    require(can_view_programme(current_user))
    form, filters = _filters()
    data = build_dashboard(filters, _today())
    return render_page("programme/dashboard.html", "dashboard_body", form=form, **_page_context(data))

@bp.get("/report")
def report():
    """The quarterly report, laid out for A4 paper (the browser prints it)."""
    require(can_view_programme(current_user))
    form, filters = _filters()
    if filters.quarter is None:
        year, quarter = current_quarter(_today())
        filters = Filters(year=filters.year, quarter=quarter if filters.year == year else 4, kind=filters.kind)
    data = build_dashboard(filters, _today())
    return render_template("programme/report.html", form=form, **_page_context(data))

@bp.get("/export.csv")
def export_csv():
    require(can_view_programme(current_user))
    _, filters = _filters()
    body = to_csv(build_dashboard(filters, _today()))
    return _download(body, "text/csv; charset=utf-8", _export_name(filters, "csv"))

@bp.get("/export.xlsx")
def export_xlsx():
    require(can_view_programme(current_user))
    _, filters = _filters()
    body = to_xlsx(build_dashboard(filters, _today()))
    return _download(body, XLSX_MIMETYPE, _export_name(filters, "xlsx"))

def _export_name(filters: Filters, extension: str) -> str:
    parts = ["dasbor-program", str(filters.year)] + ([f"tw{filters.quarter}"] if filters.quarter else []) \
        + ([filters.kind] if filters.kind else [])
    return "-".join(parts) + "." + extension

def _download(body: bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

@bp.get("/agencies/<int:agency_id>")
def agency(agency_id: int):
    found = agency_for_view(agency_id)
    overview = agency_overview(found, current_user, _today())
    return render_template("programme/agency.html", overview=overview, percent=percent, number=number,
                           target=UTILISATION_TARGET, STATUS_LABEL=STATUS_LABEL, STATUS_SYMBOL=STATUS_SYMBOL,
                           kind_label=kind_label, **maturity_context(found), **award_history_context(found.id),
                           **handover_agency_context(found, current_user, _today()))

@bp.get("/agencies/mine")
def my_agency():
    if current_user.agency_id is None:
        abort(404)
    return redirect(url_for("programme.agency", agency_id=current_user.agency_id))

def _target_year() -> YearForm:
    first, last = year_span(_today())
    return YearForm(request.args, years=list(range(first, last + 2)), default_year=last)

def _targets_page(year_form: YearForm, failed_quarter: int | None = None, failed_form=None,
                  override_form=None):
    """The targets page; a form that failed validation is shown again with its input and errors."""
    year = year_form.year.data
    targets = targets_for_year(year)
    defaults = {q: targets.get((None, q)) for q in QUARTERS}
    forms = {q: TargetMinimumsForm(formdata=None, prefix=f"q{q}", obj=defaults[q] or Target(*BUILT_IN_TARGET))
             for q in QUARTERS}
    if failed_quarter:
        forms[failed_quarter] = failed_form
    override_form = override_form or OverrideTargetForm(formdata=None, data={"min_meetings": 1, "min_accompanied": 0, "min_assets": 1})
    override_form.agency_id.choices = _agency_choices()
    return render_template(
        "programme/targets.html", year=year, year_form=year_form, defaults=defaults, default_forms=forms,
        override_form=override_form, overrides=overrides_for_year(year), delete_form=DeleteOverrideForm(),
        meeting_rule_from=meeting_required_from())


@bp.get("/targets")
def targets():
    require(can_edit_targets(current_user))
    return _targets_page(_target_year())


@bp.post("/targets/defaults/<int:quarter>")
def save_default_target(quarter: int):
    require(can_edit_targets(current_user))
    if quarter not in QUARTERS:
        abort(404)
    year_form = _target_year()
    form = TargetMinimumsForm(prefix=f"q{quarter}")
    if not form.validate():
        return _targets_page(year_form, failed_quarter=quarter, failed_form=form)
    changed = save_target(year_form.year.data, quarter, None, _target_from(form))
    db.session.commit()
    flash(_("Target bawaan %(period)s disimpan.", period=labels.triwulan(year_form.year.data, quarter))
          if changed else _("Tidak ada perubahan."), "success")
    return redirect(url_for("programme.targets", year=year_form.year.data))


@bp.post("/targets/overrides")
def save_override_target():
    require(can_edit_targets(current_user))
    year_form = _target_year()
    form = OverrideTargetForm()
    form.agency_id.choices = _agency_choices()
    if not form.validate():
        return _targets_page(year_form, override_form=form)
    changed = save_target(year_form.year.data, form.quarter.data, form.agency_id.data, _target_from(form))
    db.session.commit()
    flash(_("Target khusus perangkat daerah disimpan.") if changed else _("Tidak ada perubahan."), "success")
    return redirect(url_for("programme.targets", year=year_form.year.data))

@bp.post("/targets/overrides/<int:target_id>/delete")
def delete_override_target(target_id: int):
    require(can_edit_targets(current_user))
    row = get_or_404(QuarterTarget, target_id)
    if row.agency_id is None or not DeleteOverrideForm().validate():
        abort(400)
    year = row.year
    delete_override(row)
    db.session.commit()
    flash(_("Target khusus dihapus; target bawaan berlaku lagi."), "success")
    return redirect(url_for("programme.targets", year=year))

def _agency_choices() -> list[SelectChoice]:
    return [SelectChoice("", _("— pilih perangkat daerah —"))] + [SelectChoice(agency.id, agency.name)
                                                                  for agency in agencies()]

def _target_from(form) -> Target:
    return Target(form.min_meetings.data, form.min_assets.data, form.min_accompanied.data)
