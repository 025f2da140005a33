"""Award pages: rounds, nominations, score sheets, results. Thin: the rules live in the services
and in kmapp/policy.py (blind scoring included)."""
from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..clock import local_today
from ..extensions import db
from ..files.storage import path_of
from ..htmx import is_htmx_request, render_page
from ..models import Agency, AwardRound, NominationAttachment
from ..policy import (can_manage_award, can_score, can_see_all_scores, can_view_award_data_sheet,
                      can_view_nomination, can_view_results, get_or_404, own_agency_reason, require)
from ..programme.labels import number, percent
from . import bp
from .datasheet import data_sheet
from .forms import ReopenForm, score_form
from .rounds import AwardRefused, results_of, round_for_year, standings
from .rubric import criterion_label
from .scoring import ScoreRefused
from .sheets import entries_of, other_sheets, save_sheet, sheet_of, sheet_total


def today():
    return local_today()


def award_or_404(year: int) -> AwardRound:
    award = round_for_year(year)
    if award is None:
        abort(404)
    return award


def agency_or_404(agency_id: int) -> Agency:
    return get_or_404(Agency, agency_id)


def refused_page(reason: str, status: int = 403):
    """The error page with the reason of the refusal (e.g. an assessor's own agency)."""
    return render_page("errors/error.html", "content", status=status, code=status, title=_("Akses ditolak"),
                       message=reason)


def common(**context) -> dict:
    return dict(criterion_label=criterion_label, percent=percent, number=number, **context)


@bp.get("/<int:year>/datasheet/<int:agency_id>")
def data_sheet_page(year: int, agency_id: int):
    award = award_or_404(year)
    agency = agency_or_404(agency_id)
    if not can_view_award_data_sheet(current_user, award, agency.id):
        abort(404)
    return render_page("award/datasheet.html", "data_sheet",
                       **common(award=award, agency=agency, sheet=data_sheet(agency, award.year, today())))


def _score_page(award, agency, form, sheet, status=200):
    from .nominations import nomination_for
    nomination = nomination_for(award, agency.id)
    blind_lifted = can_see_all_scores(current_user, award, agency.id)
    return render_page("award/score.html", "score_sheet", status=status, **common(
        award=award, agency=agency, form=form, sheet=sheet, nomination=nomination,
        data=data_sheet(agency, award.year, today()), total=sheet_total(award, sheet) if sheet else None,
        others=other_sheets(award, agency.id, current_user) if blind_lifted else None))


@bp.route("/<int:year>/scores/<int:agency_id>", methods=["GET", "POST"])
def score(year: int, agency_id: int):
    """The scoring page: the nomination and the data sheet beside the assessor's sheet."""
    award = award_or_404(year)
    agency = agency_or_404(agency_id)
    reason = own_agency_reason(current_user, agency.id) if current_user.is_authenticated else None
    if reason and not can_manage_award(current_user):
        return refused_page(reason)
    if not can_score(current_user, award, agency.id) and can_manage_award(current_user) and request.method == "GET":
        return redirect(url_for(".nomination", year=year, agency_id=agency.id))  # admins read, never score
    require(can_score(current_user, award, agency.id))
    sheet = sheet_of(award, agency.id, current_user)
    if request.method == "GET":
        form = score_form(award, formdata=None, data={
            **{f"score_{c}": e.value for c, e in entries_of(sheet).items()},
            **{f"comment_{c}": e.comment for c, e in entries_of(sheet).items()}})
        return _score_page(award, agency, form, sheet)
    form = score_form(award)
    if not form.validate_on_submit():
        return _score_page(award, agency, form, sheet, status=200 if is_htmx_request() else 422)
    sheet = sheet or sheet_of(award, agency.id, current_user, create=True)
    submitting = bool(form.send.data)
    try:
        save_sheet(award, sheet, form.entries(), submitting)
    except ScoreRefused as refused:
        db.session.rollback()
        for criterion_id, message in refused.errors.items():
            form[f"score_{criterion_id}"].errors = [*form[f"score_{criterion_id}"].errors, message]
        return _score_page(award, agency, form, sheet_of(award, agency.id, current_user),
                           status=200 if is_htmx_request() else 422)
    except AwardRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return redirect(url_for(".score", year=year, agency_id=agency.id))
    db.session.commit()
    flash(_("Lembar nilai untuk %(agency)s dikirim.", agency=agency.name) if submitting
          else _("Draf lembar nilai disimpan."), "success")
    return redirect(url_for(".score", year=year, agency_id=agency.id))


@bp.post("/<int:year>/scores/<int:agency_id>/autosave")
def autosave_sheet(year: int, agency_id: int):
    """The sheet kept as a draft whenever a field changes (htmx); without htmx, back to the page."""
    award = award_or_404(year)
    agency = agency_or_404(agency_id)
    require(can_score(current_user, award, agency.id))
    form = score_form(award)
    message, ok = _("Draf lembar nilai disimpan."), True
    if not form.validate_on_submit():
        message, ok = " ".join(str(e) for errors in form.errors.values() for e in errors), False
    else:
        try:
            save_sheet(award, sheet_of(award, agency.id, current_user, create=True), form.entries(), submitting=False)
            db.session.commit()
        except ScoreRefused as refused:
            db.session.rollback()
            message, ok = " ".join(refused.errors.values()), False
        except AwardRefused as refused:
            db.session.rollback()
            message, ok = str(refused), False
    if not is_htmx_request():
        flash(message, "success" if ok else "error")
        return redirect(url_for(".score", year=year, agency_id=agency.id))
    return render_template("award/_autosaved.html", message=message, ok=ok)


@bp.get("/<int:year>/scores/<int:agency_id>/others")
def other_scores(year: int, agency_id: int):
    """The other assessors' sheets: refused (403) until the viewer's own sheet is submitted."""
    award = award_or_404(year)
    agency = agency_or_404(agency_id)
    require(can_see_all_scores(current_user, award, agency.id))
    return render_page("award/others.html", "other_scores", **common(
        award=award, agency=agency, others=other_sheets(award, agency.id, current_user)))


@bp.get("/<int:year>/results")
def results(year: int):
    award = award_or_404(year)
    if not can_view_results(current_user, award):
        abort(404)
    ranking = {s.agency_id: s for s in standings(award)}
    rows = [(result, ranking.get(result.agency_id)) for result in results_of(award)] if award.finalised else \
        [(None, s) for s in ranking.values()]
    return render_template("award/results.html", **common(award=award, rows=rows, reopen_form=ReopenForm()))


@bp.get("/<int:year>/results.xlsx")
def results_xlsx(year: int):
    from .exports import XLSX_MIMETYPE, results_workbook
    from ..programme.routes import _download
    award = award_or_404(year)
    if not can_view_results(current_user, award):
        abort(404)
    return _download(results_workbook(award), XLSX_MIMETYPE, f"kma-{award.year}-hasil.xlsx")


@bp.get("/<int:year>/certificates/<int:agency_id>")
def certificate(year: int, agency_id: int):
    award = award_or_404(year)
    result = next((r for r in results_of(award) if r.agency_id == agency_id and r.winner), None)
    if not award.finalised or result is None or not can_view_results(current_user, award):
        abort(404)
    return render_template("award/certificate.html", **common(award=award, result=result))


@bp.get("/<int:year>/nominations/<int:agency_id>/attachments/<int:attachment_id>")
def attachment(year: int, agency_id: int, attachment_id: int):
    award = award_or_404(year)
    row = get_or_404(NominationAttachment, attachment_id)
    from .nominations import nomination_for
    nomination = nomination_for(award, agency_id)
    if nomination is None or row.nomination_id != nomination.id or not can_view_nomination(current_user, award, agency_id):
        abort(404)
    path = path_of(row.storage_name)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=row.content_type, as_attachment=True, download_name=row.original_name,
                         max_age=0, etag=row.sha256)
    response.headers["Content-Security-Policy"] = "sandbox"
    response.cache_control.private = True
    return response


from . import admin_routes, nomination_routes  # noqa: E402,F401
