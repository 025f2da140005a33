"""One agency's assessment page: the lead's self-assessment (autosaved per indicator with htmx,
or saved whole without JS), evidence, the facilitator's comments, the assessor's verification,
publication and audited reopening. Every route asks kmapp/policy.py about this very assessment."""
from flask import abort, current_app, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..assets.uploads import UploadRejected, accept_files
from ..extensions import db
from ..files.storage import path_of
from ..htmx import is_htmx_request, render_page
from ..models import MaturityEvidence
from ..policy import (assessment_for_view, can_comment_assessment, can_edit_self_assessment, can_manage_maturity,
                      can_verify_assessment, get_or_404, require)
from . import bp, presenting
from .assessments import (AssessmentRefused, SelfInput, VerifyInput, add_comment, complete_verification,
                          evidence_choices, load_whole, save_self_assessment, save_verification, scores_by_indicator, submit)
from .comparison import compare_assessments, previous_published
from .evidence import add_file_evidence, delete_file_after_commit, remove_evidence
from .forms import (ActionForm, CommentForm, EvidenceUploadForm, IndicatorSelfForm, IndicatorVerifyForm,
                    ReopenForm)
from .rounds import RoundRefused, publish, reopen, today


def _self_forms(assessment, formdata=None) -> dict[int, IndicatorSelfForm]:
    """One form per indicator, from the stored draft or from what was just sent."""
    meetings, assets = evidence_choices(assessment)
    rows = scores_by_indicator(assessment)
    forms = {}
    for indicator in assessment.round.instrument.indicators:
        row = rows.get(indicator.id)
        picked = [e for e in row.evidence if e.kind != "file"] if row else []
        choices = [(f"m{m.id}", m.topic, m) for m in meetings] + [(f"a{a.id}", a.title, a) for a in assets]
        known = {value for value, _label, _obj in choices}
        choices += [(f"m{e.meeting_id}", e.meeting.topic, e.meeting) if e.kind == "meeting"
                    else (f"a{e.asset_id}", e.asset.title, e.asset) for e in picked
                    if (f"m{e.meeting_id}" if e.kind == "meeting" else f"a{e.asset_id}") not in known]
        data = {"score": row.self_score if row else None, "justification": row.justification if row else "",
                "evidence": [f"m{e.meeting_id}" if e.kind == "meeting" else f"a{e.asset_id}" for e in picked]}
        form = IndicatorSelfForm(formdata=formdata, prefix=f"i{indicator.id}-", data=data)
        form.evidence.choices = [SelectChoice(value, label) for value, label, _obj in choices]
        form.evidence_objects = {value: obj for value, _label, obj in choices}
        forms[indicator.id] = form
    return forms


def _self_input(indicator_id: int, form: IndicatorSelfForm) -> SelfInput:
    meeting_ids, asset_ids = [], []
    for value in form.evidence.data or []:
        kind, number = value[:1], value[1:]
        if kind not in ("m", "a") or not number.isdigit() or len(number) > 9:
            raise AssessmentRefused(_("Pilihan bukti tidak dikenali; muat ulang halaman."))
        (meeting_ids if kind == "m" else asset_ids).append(int(number))
    return SelfInput(indicator_id, form.score.data, form.justification.data or "", meeting_ids, asset_ids)


def _verify_forms(assessment, formdata=None) -> dict[int, IndicatorVerifyForm]:
    rows = scores_by_indicator(assessment)
    forms = {}
    for indicator in assessment.round.instrument.indicators:
        row = rows.get(indicator.id)
        data = {"score": (row.verified_score if row.verified_score is not None else row.self_score) if row else None,
                "reason": row.verifier_reason if row else ""}
        forms[indicator.id] = IndicatorVerifyForm(formdata=formdata, prefix=f"i{indicator.id}-", data=data)
    return forms


def _page(assessment, *, self_forms=None, verify_forms=None, comment_form=None, reopen_form=None,
          upload_form=None, message=None, status: int = 200):
    assessment = load_whole(assessment)
    editing = can_edit_self_assessment(current_user, assessment)
    verifying = can_verify_assessment(current_user, assessment)
    if editing and self_forms is None:
        self_forms = _self_forms(assessment)
    if verifying and verify_forms is None:
        verify_forms = _verify_forms(assessment)
    if editing and upload_form is None:
        upload_form = _upload_form(assessment)
    previous = previous_published(assessment)
    return render_page(
        "maturity/assessment.html", status=status, assessment=assessment, instrument=assessment.round.instrument,
        rows=scores_by_indicator(assessment), editing=editing, verifying=verifying, self_forms=self_forms,
        verify_forms=verify_forms, action_form=ActionForm(formdata=None), upload_form=upload_form,
        comment_form=comment_form or (CommentForm(formdata=None) if can_comment_assessment(current_user, assessment)
                                      else None),
        reopen_form=reopen_form or ReopenForm(formdata=None), manage=can_manage_maturity(current_user),
        previous=previous, comparison=compare_assessments(previous, assessment) if previous else [],
        message=message, today=today(), **presenting.context())


def _upload_form(assessment, formdata=None) -> EvidenceUploadForm:
    form = EvidenceUploadForm(formdata=formdata) if formdata is not None else EvidenceUploadForm(formdata=None)
    form.indicator_id.choices = [SelectChoice("", _("— pilih indikator —"))] + [
        SelectChoice(i.id, f"{i.code} · {i.name}") for i in assessment.round.instrument.indicators]
    return form


@bp.get("/assessments/<int:assessment_id>")
def assessment_page(assessment_id: int):
    return _page(assessment_for_view(assessment_id))


@bp.post("/assessments/<int:assessment_id>/self")
def save_self(assessment_id: int):
    """Save every indicator (no JS); then, with the "Kirim" button, submit."""
    assessment = assessment_for_view(assessment_id)
    require(can_edit_self_assessment(current_user, assessment))
    action = ActionForm()
    if not action.validate_on_submit():
        abort(400)
    forms = _self_forms(assessment, request.form)
    valid, errors = [], []
    for indicator_id, form in forms.items():
        if form.validate():
            try:
                valid.append(_self_input(indicator_id, form))
            except AssessmentRefused as refused:
                form.evidence.errors = list(form.evidence.errors) + [str(refused)]
        if form.errors:
            errors.append(indicator_id)
    try:
        save_self_assessment(assessment, valid, current_user)
    except AssessmentRefused as refused:
        db.session.rollback()
        return _page(assessment, self_forms=forms, message=str(refused), status=422)
    db.session.commit()  # the draft is kept whatever happens next
    if errors:
        return _page(assessment, self_forms=forms, status=422,
                     message=_("Draf tersimpan kecuali isian yang ditandai; perbaiki lalu simpan lagi."))
    if request.form.get("action") == "submit":
        try:
            submit(assessment, current_user, today())
        except AssessmentRefused as refused:
            db.session.rollback()
            return _page(assessment, message=str(refused), status=422)
        db.session.commit()
        flash(_("Penilaian mandiri dikirim untuk diverifikasi juri."), "success")
    else:
        flash(_("Draf penilaian mandiri tersimpan."), "success")
    return redirect(url_for("maturity.assessment_page", assessment_id=assessment.id))


@bp.post("/assessments/<int:assessment_id>/indicators/<int:indicator_id>")
def autosave(assessment_id: int, indicator_id: int):
    """htmx: save one indicator of the draft as it is changed; answers with its save status."""
    assessment = assessment_for_view(assessment_id)
    require(can_edit_self_assessment(current_user, assessment))
    if not ActionForm().validate_on_submit():
        abort(400)
    forms = _self_forms(assessment, request.form)
    form = forms.get(indicator_id)
    if form is None:
        abort(404)
    message = None
    if form.validate():
        try:
            save_self_assessment(assessment, [_self_input(indicator_id, form)], current_user)
        except AssessmentRefused as refused:
            db.session.rollback()
            message = str(refused)
        else:
            db.session.commit()
    if not is_htmx_request():
        flash(message or _("Draf penilaian mandiri tersimpan."), "error" if message or form.errors else "success")
        return redirect(url_for("maturity.assessment_page", assessment_id=assessment.id) + f"#ind-{indicator_id}")
    errors = [error for field_errors in form.errors.values() for error in field_errors]
    return render_page("maturity/_autosave.html", errors=errors + ([message] if message else []))


@bp.post("/assessments/<int:assessment_id>/evidence")
def upload_evidence(assessment_id: int):
    assessment = assessment_for_view(assessment_id)
    require(can_edit_self_assessment(current_user, assessment))
    form = EvidenceUploadForm()
    form.indicator_id.choices = _upload_form(assessment).indicator_id.choices
    if form.validate_on_submit():
        try:
            accepted = accept_files([form.file.data])
            if not accepted:
                raise UploadRejected([_("Pilih berkas.")])
            evidence = add_file_evidence(assessment, form.indicator_id.data, accepted[0], current_user)
        except (UploadRejected, AssessmentRefused) as refused:
            form.file.errors = list(form.file.errors) + (refused.errors if isinstance(refused, UploadRejected)
                                                         else [str(refused)])
        else:
            db.session.commit()
            flash(_("Berkas bukti “%(name)s” tersimpan.", name=evidence.original_name), "success")
            return redirect(url_for("maturity.assessment_page", assessment_id=assessment.id))
    return _page(assessment, upload_form=form, status=422)


@bp.post("/evidence/<int:evidence_id>/delete")
def delete_evidence(evidence_id: int):
    evidence = get_or_404(MaturityEvidence, evidence_id)
    assessment = assessment_for_view(evidence.score.assessment_id)
    require(can_edit_self_assessment(current_user, assessment))
    if not ActionForm().validate_on_submit():
        abort(400)
    storage_name = evidence.storage_name
    remove_evidence(evidence, current_user)
    db.session.commit()
    delete_file_after_commit(storage_name)
    flash(_("Bukti dihapus."), "success")
    return redirect(url_for("maturity.assessment_page", assessment_id=assessment.id))


@bp.get("/evidence/<int:evidence_id>")
def evidence_file(evidence_id: int):
    """An uploaded evidence file, as an attachment in a sandbox (never rendered as a page)."""
    evidence = get_or_404(MaturityEvidence, evidence_id)
    assessment_for_view(evidence.score.assessment_id)
    if evidence.storage_name is None:
        abort(404)
    path = path_of(evidence.storage_name)
    if not path.is_file():
        current_app.logger.error("evidence file missing: %s (%s)", evidence.id, evidence.storage_name)
        abort(404)
    response = send_file(path, mimetype=evidence.content_type or "application/octet-stream", as_attachment=True,
                         download_name=evidence.original_name, conditional=True, max_age=0, etag=evidence.sha256)
    response.headers["Content-Security-Policy"] = "sandbox"
    response.cache_control.private = True
    return response


@bp.post("/assessments/<int:assessment_id>/verify")
def verify(assessment_id: int):
    """The assessor keeps or changes each score (a change needs a reason), then completes."""
    assessment = assessment_for_view(assessment_id)
    require(can_verify_assessment(current_user, assessment))
    if not ActionForm().validate_on_submit():
        abort(400)
    forms = _verify_forms(assessment, request.form)
    if not all([form.validate() for form in forms.values()]):
        return _page(assessment, verify_forms=forms, status=422,
                     message=_("Periksa isian yang ditandai; isian lain belum disimpan."))
    inputs = [VerifyInput(indicator_id, form.score.data, form.reason.data or "") for indicator_id, form in forms.items()]
    try:
        save_verification(assessment, inputs, current_user)
    except AssessmentRefused as refused:
        db.session.rollback()
        return _page(assessment, verify_forms=forms, message=str(refused), status=422)
    db.session.commit()
    if request.form.get("action") == "complete":
        try:
            complete_verification(assessment, current_user)
        except AssessmentRefused as refused:
            db.session.rollback()
            return _page(assessment, message=str(refused), status=422)
        db.session.commit()
        flash(_("Verifikasi selesai: %(total)s/100, level %(level)s.", total=presenting.score_text(assessment.total),
                level=assessment.level), "success")
    else:
        flash(_("Isian verifikasi tersimpan."), "success")
    return redirect(url_for("maturity.assessment_page", assessment_id=assessment.id))


@bp.post("/assessments/<int:assessment_id>/comments")
def comment(assessment_id: int):
    assessment = assessment_for_view(assessment_id)
    require(can_comment_assessment(current_user, assessment))
    form = CommentForm()
    if not form.validate_on_submit():
        return _page(assessment, comment_form=form, status=422)
    add_comment(assessment, form.body.data, current_user)
    db.session.commit()
    flash(_("Komentar tersimpan."), "success")
    return redirect(url_for("maturity.assessment_page", assessment_id=assessment.id) + "#comments")


@bp.post("/assessments/<int:assessment_id>/publish")
def publish_one(assessment_id: int):
    assessment = assessment_for_view(assessment_id)
    require(can_manage_maturity(current_user))
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        publish(assessment, current_user)
    except RoundRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Hasil penilaian diterbitkan."), "success")
    return redirect(url_for("maturity.assessment_page", assessment_id=assessment.id))


@bp.post("/assessments/<int:assessment_id>/reopen")
def reopen_assessment(assessment_id: int):
    assessment = assessment_for_view(assessment_id)
    require(can_manage_maturity(current_user))
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            reopen(assessment, form.to_state.data, form.reason.data, current_user)
        except RoundRefused as refused:
            form.reason.errors = list(form.reason.errors) + [str(refused)]
        else:
            db.session.commit()
            flash(_("Penilaian dibuka kembali untuk koreksi; alasan tercatat di jejak audit."), "success")
            return redirect(url_for("maturity.assessment_page", assessment_id=assessment.id))
    return _page(assessment, reopen_form=form, status=422)
