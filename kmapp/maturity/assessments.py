"""One agency's assessment: the lead's self-assessment, the assessor's verification, comments.

Invariants kept here, whatever the caller: scores are 1-5; a self-assessment changes only as a
draft, a verification only while submitted; submission after the round's deadline is refused
with the date; a changed score needs the assessor's reason. Drafts may be incomplete: what was
typed is kept, and submission names the indicators still missing.
"""
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..audit import record_change
from ..dates import detail_date
from ..extensions import db
from ..models import (AssessmentState, Asset, Community, EvidenceKind, MaturityAssessment, MaturityComment,
                      MaturityEvidence, MaturityIndicator, MaturityScore, Meeting, User)
from ..models.base import utcnow
from .scoring import ScoreOutOfRange, check_score, instrument_total, level_for

MAX_JUSTIFICATION = 2000


class AssessmentRefused(ValueError):
    """The rules refuse this change; the message says why (in the user's language)."""


@dataclass
class SelfInput:
    indicator_id: int
    score: int | None
    justification: str = ""
    meeting_ids: list[int] = field(default_factory=list)
    asset_ids: list[int] = field(default_factory=list)


@dataclass
class VerifyInput:
    indicator_id: int
    score: int | None
    reason: str = ""


def score_error(indicator: MaturityIndicator) -> str:
    return _("Skor %(code)s harus bilangan bulat 1 sampai 5.", code=indicator.code)


def load_whole(assessment: MaturityAssessment) -> MaturityAssessment:
    """The assessment with its scores, their evidence (meetings, assets) and comments in a few
    queries, for the pages that show all of it."""
    statement = (select(MaturityAssessment).where(MaturityAssessment.id == assessment.id)
                 .options(selectinload(MaturityAssessment.scores).selectinload(MaturityScore.evidence)
                          .options(joinedload(MaturityEvidence.meeting), joinedload(MaturityEvidence.asset)),
                          selectinload(MaturityAssessment.comments).joinedload(MaturityComment.author),
                          joinedload(MaturityAssessment.agency))
                 .execution_options(populate_existing=True))
    return db.session.scalar(statement)


def scores_by_indicator(assessment: MaturityAssessment) -> dict[int, MaturityScore]:
    return {score.indicator_id: score for score in assessment.scores}


def indicators_by_id(assessment: MaturityAssessment) -> dict[int, MaturityIndicator]:
    return {indicator.id: indicator for indicator in assessment.round.instrument.indicators}


def score_row(assessment: MaturityAssessment, indicator_id: int, rows: dict[int, MaturityScore]) -> MaturityScore:
    row = rows.get(indicator_id)
    if row is None:
        row = MaturityScore(indicator_id=indicator_id)
        assessment.scores.append(row)
        rows[indicator_id] = row
    return row


def evidence_choices(assessment: MaturityAssessment, limit: int = 15) -> tuple[list[Meeting], list[Asset]]:
    """The agency's meetings and published assets of the round's year and the year before,
    newest first: what a lead may pick as evidence."""
    year = assessment.round.year
    mine = Community.agency_id == assessment.agency_id
    meetings = db.session.scalars(select(Meeting).join(Community).where(mine, Meeting.year.in_((year - 1, year)))
                                  .order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(limit))
    assets = db.session.scalars(select(Asset).join(Community)
                                .where(mine, Asset.status == "published", Asset.published_on >= date(year - 1, 1, 1))
                                .order_by(Asset.published_on.desc(), Asset.id.desc()).limit(limit))
    return list(meetings), list(assets)


def _check_evidence(assessment: MaturityAssessment, meeting_ids: set[int], asset_ids: set[int]) -> None:
    """Evidence must belong to the assessed agency (ids from a form are never trusted)."""
    mine = Community.agency_id == assessment.agency_id
    if meeting_ids:
        found = set(db.session.scalars(select(Meeting.id).join(Community).where(mine, Meeting.id.in_(meeting_ids))))
        if found != meeting_ids:
            raise AssessmentRefused(_("Bukti harus pertemuan perangkat daerah ini."))
    if asset_ids:
        found = set(db.session.scalars(select(Asset.id).join(Community).where(mine, Asset.id.in_(asset_ids))))
        if found != asset_ids:
            raise AssessmentRefused(_("Bukti harus aset perangkat daerah ini."))


def save_self_assessment(assessment: MaturityAssessment, inputs: list[SelfInput], actor: User) -> None:
    """Keep the lead's scores, justifications and picked evidence (a draft may be incomplete)."""
    if assessment.state != AssessmentState.DRAFT:
        raise AssessmentRefused(_("Penilaian mandiri sudah dikirim dan tidak dapat diubah lagi."))
    indicators = indicators_by_id(assessment)
    rows = scores_by_indicator(assessment)
    for item in inputs:
        indicator = indicators.get(item.indicator_id)
        if indicator is None:
            raise AssessmentRefused(_("Indikator tidak termasuk instrumen putaran ini."))
        if item.score is not None:
            try:
                check_score(item.score)
            except ScoreOutOfRange:
                raise AssessmentRefused(score_error(indicator)) from None
        _check_evidence(assessment, set(item.meeting_ids), set(item.asset_ids))
        row = score_row(assessment, item.indicator_id, rows)
        row.self_score = item.score
        row.justification = item.justification.strip()[:MAX_JUSTIFICATION]
        kept_files = [e for e in row.evidence if e.kind == EvidenceKind.FILE]
        picked = [MaturityEvidence(kind=EvidenceKind.MEETING.value, meeting_id=i, added_by_id=actor.id)
                  for i in sorted(set(item.meeting_ids))]
        picked += [MaturityEvidence(kind=EvidenceKind.ASSET.value, asset_id=i, added_by_id=actor.id)
                   for i in sorted(set(item.asset_ids))]
        row.evidence = kept_files + picked
    assessment.updated_at = utcnow()
    db.session.flush()


def missing_for_submission(assessment: MaturityAssessment) -> list[str]:
    """Codes of the indicators without a score or a justification."""
    rows = scores_by_indicator(assessment)
    return [indicator.code for indicator in assessment.round.instrument.indicators
            if indicator.id not in rows or rows[indicator.id].self_score is None
            or not rows[indicator.id].justification.strip()]


def submit(assessment: MaturityAssessment, actor: User, today: date) -> None:
    """Draft -> submitted, on or before the deadline and with every indicator scored and justified."""
    if assessment.state != AssessmentState.DRAFT:
        raise AssessmentRefused(_("Penilaian mandiri ini sudah dikirim."))
    deadline = assessment.round.deadline
    if today > deadline:
        raise AssessmentRefused(_("Batas waktu pengiriman sudah lewat (%(date)s). Draf Anda tetap tersimpan; "
                                  "hubungi admin BPSDM.", date=detail_date(deadline)))
    missing = missing_for_submission(assessment)
    if missing:
        raise AssessmentRefused(_("Belum lengkap: isi skor dan alasan untuk %(codes)s. Draf Anda tetap tersimpan.",
                                  codes=", ".join(missing)))
    scores = {row.indicator_id: row.self_score for row in assessment.scores}
    assessment.self_total = instrument_total(assessment.round.instrument, scores)
    assessment.self_level = level_for(assessment.self_total, assessment.round.instrument.thresholds)
    assessment.state = AssessmentState.SUBMITTED.value
    assessment.submitted_at, assessment.submitted_by_id = utcnow(), actor.id
    record_change("maturity_assessment.submitted", assessment, {"state": "draft"},
                  {"state": "submitted", "self_total": str(assessment.self_total), "self_level": assessment.self_level},
                  actor=actor)


def save_verification(assessment: MaturityAssessment, inputs: list[VerifyInput], actor: User) -> None:
    """Keep the assessor's scores; a score that differs from the lead's needs a reason."""
    if assessment.state != AssessmentState.SUBMITTED:
        raise AssessmentRefused(_("Penilaian ini tidak sedang menunggu verifikasi."))
    indicators = indicators_by_id(assessment)
    rows = scores_by_indicator(assessment)
    for item in inputs:
        indicator = indicators.get(item.indicator_id)
        if indicator is None:
            raise AssessmentRefused(_("Indikator tidak termasuk instrumen putaran ini."))
        row = score_row(assessment, item.indicator_id, rows)
        if item.score is not None:
            try:
                check_score(item.score)
            except ScoreOutOfRange:
                raise AssessmentRefused(score_error(indicator)) from None
            if item.score != row.self_score and not item.reason.strip():
                raise AssessmentRefused(_("%(code)s: tulis alasan mengubah skor %(old)s menjadi %(new)s.",
                                          code=indicator.code, old=row.self_score or "—", new=item.score))
        row.verified_score = item.score
        row.verifier_reason = item.reason.strip()[:MAX_JUSTIFICATION]
    assessment.updated_at = utcnow()
    db.session.flush()


def complete_verification(assessment: MaturityAssessment, actor: User) -> None:
    """Submitted -> verified once every indicator has a verified score: the final total and level."""
    if assessment.state != AssessmentState.SUBMITTED:
        raise AssessmentRefused(_("Penilaian ini tidak sedang menunggu verifikasi."))
    rows = scores_by_indicator(assessment)
    instrument = assessment.round.instrument
    missing = [i.code for i in instrument.indicators if i.id not in rows or rows[i.id].verified_score is None]
    if missing:
        raise AssessmentRefused(_("Verifikasi belum lengkap: %(codes)s. Isian Anda tetap tersimpan.",
                                  codes=", ".join(missing)))
    assessment.total = instrument_total(instrument, {i: row.verified_score for i, row in rows.items()})
    assessment.level = level_for(assessment.total, instrument.thresholds)
    assessment.state = AssessmentState.VERIFIED.value
    assessment.verified_at, assessment.verified_by_id = utcnow(), actor.id
    changed = {rows[i.id].indicator.code: [rows[i.id].self_score, rows[i.id].verified_score]
               for i in instrument.indicators if rows[i.id].verified_score != rows[i.id].self_score}
    record_change("maturity_assessment.verified", assessment, {"state": "submitted"},
                  {"state": "verified", "total": str(assessment.total), "level": assessment.level,
                   "changed_scores": changed}, actor=actor)


def add_comment(assessment: MaturityAssessment, body: str, actor: User) -> MaturityComment:
    if assessment.state == AssessmentState.PUBLISHED:
        raise AssessmentRefused(_("Penilaian yang sudah diterbitkan tidak dapat dikomentari."))
    comment = MaturityComment(assessment=assessment, author_id=actor.id, body=body.strip()[:MAX_JUSTIFICATION])
    db.session.add(comment)
    db.session.flush()
    return comment
