"""An agency's nomination: the CoP lead writes it (draft kept, autosaved per field with htmx),
attaches files checked like asset uploads, and submits it before the deadline."""
from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..assets.uploads import UploadRejected, accept_files, discard_on_failure
from ..extensions import db
from ..files.storage import delete_stored
from ..htmx import is_htmx_request
from ..models import AwardCriterion, NominationAttachment
from ..policy import can_edit_nomination, can_view_nomination, get_or_404, require
from . import bp
from .forms import AttachmentForm, ConfirmForm, NarrativeForm, nomination_form
from .nominations import (MAX_ATTACHMENTS, attach, candidate_assets, candidate_meetings, deadline_passed, narratives_of, nomination_for,
                          require_editable, set_evidence, set_narrative, submit)
from .rounds import AwardRefused
from .routes import agency_or_404, award_or_404, common, today


def _evidence_ids(nomination) -> tuple[list[int], list[int]]:
    if nomination is None:
        return [], []
    return ([e.meeting_id for e in nomination.evidence if e.meeting_id],
            [e.asset_id for e in nomination.evidence if e.asset_id])


def _page(award, agency, nomination, form, status=200):
    editable = can_edit_nomination(current_user, award, agency.id) and not (nomination and nomination.submitted) \
        and not deadline_passed(award, today())
    return render_template("award/nomination.html", **common(
        award=award, agency=agency, nomination=nomination, form=form, editable=editable,
        late=deadline_passed(award, today()), attachment_form=AttachmentForm(formdata=None),
        confirm_form=ConfirmForm())), status


@bp.route("/<int:year>/nominations/<int:agency_id>", methods=["GET", "POST"])
def nomination(year: int, agency_id: int):
    award = award_or_404(year)
    agency = agency_or_404(agency_id)
    if not can_view_nomination(current_user, award, agency.id):
        abort(404)
    found = nomination_for(award, agency.id)
    meetings, assets = candidate_meetings(award, agency.id), candidate_assets(award, agency.id)
    if request.method == "GET":
        meeting_ids, asset_ids = _evidence_ids(found)
        data = {f"narrative_{c}": text for c, text in narratives_of(found).items()}
        form = nomination_form(award, meetings, assets, formdata=None,
                               data={**data, "meetings": meeting_ids, "assets": asset_ids})
        return _page(award, agency, found, form)
    require(can_edit_nomination(current_user, award, agency.id))
    form = nomination_form(award, meetings, assets)
    if not form.validate_on_submit():
        return _page(award, agency, found, form, status=422)
    try:
        require_editable(award, found, today())
        found = found or nomination_for(award, agency.id, create=True)
        for criterion_id, text in form.narratives().items():
            set_narrative(found, criterion_id, text)
        set_evidence(found, form.meetings.data or [], form.assets.data or [])
        if form.send.data:
            db.session.flush()
            submit(award, found, current_user, today())
    except AwardRefused as refused:
        db.session.rollback()
        form.form_errors.append(str(refused))
        return _page(award, agency, nomination_for(award, agency.id), form, status=422)
    db.session.commit()
    flash(_("Nominasi %(agency)s dikirim kepada juri.", agency=agency.name) if form.send.data
          else _("Draf nominasi disimpan."), "success")
    return redirect(url_for(".nomination", year=year, agency_id=agency.id))


@bp.post("/<int:year>/nominations/<int:agency_id>/narratives/<int:criterion_id>")
def save_narrative(year: int, agency_id: int, criterion_id: int):
    """Autosave of one narrative (htmx on change); without htmx, back to the form."""
    award = award_or_404(year)
    agency = agency_or_404(agency_id)
    require(can_edit_nomination(current_user, award, agency.id))
    criterion = get_or_404(AwardCriterion, criterion_id)
    if criterion.round_id != award.id:
        abort(404)
    # The field keeps its name from the whole form (narrative_<id>), so htmx sends it as it is.
    form = NarrativeForm(data={"text": request.form.get(f"narrative_{criterion.id}", "")})
    message, ok = _("Tersimpan."), True
    if not form.validate_on_submit():
        message, ok = " ".join(form.text.errors) or _("Tidak tersimpan."), False
    else:
        try:
            found = nomination_for(award, agency.id)
            require_editable(award, found, today())
            found = found or nomination_for(award, agency.id, create=True)
            set_narrative(found, criterion.id, (form.text.data or "").strip())
            db.session.commit()
        except AwardRefused as refused:
            db.session.rollback()
            message, ok = str(refused), False
    if not is_htmx_request():
        flash(message, "success" if ok else "error")
        return redirect(url_for(".nomination", year=year, agency_id=agency.id))
    return make_response(render_template("award/_autosaved.html", message=message, ok=ok), 200)


@bp.post("/<int:year>/nominations/<int:agency_id>/attachments")
def add_attachments(year: int, agency_id: int):
    award = award_or_404(year)
    agency = agency_or_404(agency_id)
    require(can_edit_nomination(current_user, award, agency.id))
    form = AttachmentForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        found = nomination_for(award, agency.id)
        require_editable(award, found, today())
        chosen = [f for f in request.files.getlist("files") if f and f.filename]
        if found is not None and len(found.attachments) + len(chosen) > MAX_ATTACHMENTS:
            raise AwardRefused(_("Paling banyak %(n)s lampiran per nominasi.", n=MAX_ATTACHMENTS))
        accepted = accept_files(chosen)
    except (AwardRefused, UploadRejected) as refused:
        db.session.rollback()
        for message in getattr(refused, "errors", [str(refused)]):
            flash(message, "error")
        return redirect(url_for(".nomination", year=year, agency_id=agency.id) + "#attachments")
    if not accepted:
        flash(_("Pilih minimal satu berkas."), "error")
        return redirect(url_for(".nomination", year=year, agency_id=agency.id) + "#attachments")
    with discard_on_failure(accepted):
        found = found or nomination_for(award, agency.id, create=True)
        rows = attach(found, accepted, current_user)
        db.session.commit()
    flash(_("%(n)s lampiran tersimpan.", n=len(rows)), "success")
    return redirect(url_for(".nomination", year=year, agency_id=agency.id) + "#attachments")


@bp.post("/<int:year>/nominations/<int:agency_id>/attachments/<int:attachment_id>/delete")
def delete_attachment(year: int, agency_id: int, attachment_id: int):
    award = award_or_404(year)
    agency = agency_or_404(agency_id)
    require(can_edit_nomination(current_user, award, agency.id))
    row = get_or_404(NominationAttachment, attachment_id)
    found = nomination_for(award, agency.id)
    if found is None or row.nomination_id != found.id or not ConfirmForm().validate_on_submit():
        abort(404)
    try:
        require_editable(award, found, today())
    except AwardRefused as refused:
        flash(str(refused), "error")
        return redirect(url_for(".nomination", year=year, agency_id=agency.id))
    storage_name = row.storage_name
    db.session.delete(row)
    db.session.commit()
    delete_stored(storage_name)
    flash(_("Lampiran dihapus."), "success")
    return redirect(url_for(".nomination", year=year, agency_id=agency.id) + "#attachments")
