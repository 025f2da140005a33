"""An assessor's score sheet: a draft kept as typed, then submitted once (blind until then)."""
from sqlalchemy import select

from ..audit import record_change
from ..extensions import db
from ..models import AspectScore, AssessorAssignment, AwardRound, ScoreSheet, SheetStatus, User, utcnow
from .rounds import AwardRefused, require_open
from .scoring import Entry, ScoreRefused, check_entries, weighted_total


def sheet_of(award: AwardRound, agency_id: int, assessor: User, create: bool = False) -> ScoreSheet | None:
    found = db.session.scalar(select(ScoreSheet).where(ScoreSheet.round_id == award.id, ScoreSheet.agency_id == agency_id,
                                                       ScoreSheet.assessor_id == assessor.id))
    if found is None and create:
        found = ScoreSheet(round_id=award.id, agency_id=agency_id, assessor_id=assessor.id)
        db.session.add(found)
    return found


def entries_of(sheet: ScoreSheet | None) -> dict[int, Entry]:
    return {s.criterion_id: Entry(s.value, s.comment) for s in sheet.scores} if sheet else {}


def save_sheet(award: AwardRound, sheet: ScoreSheet, entries: dict[int, Entry], submitting: bool) -> None:
    """Keep the entries (a draft may leave scores empty); refused whole when one breaks a rule."""
    require_open(award)
    if sheet.submitted:
        from flask_babel import gettext as _
        raise AwardRefused(_("Lembar nilai sudah dikirim dan tidak dapat diubah lagi."))
    errors = check_entries(award.criteria, entries, submitting)
    if errors:
        raise ScoreRefused(errors)
    by_criterion = {s.criterion_id: s for s in sheet.scores}
    for criterion in award.criteria:
        entry = entries.get(criterion.id, Entry(None))
        row = by_criterion.get(criterion.id)
        if row is None:
            sheet.scores.append(AspectScore(criterion_id=criterion.id, value=entry.value, comment=entry.comment))
        else:
            row.value, row.comment = entry.value, entry.comment
    sheet.updated_at = utcnow()
    if submitting:
        db.session.flush()
        sheet.status, sheet.submitted_at = SheetStatus.SUBMITTED.value, utcnow()
        record_change("award.sheet_submitted", sheet, None,
                      {"total": round(weighted_total(award.criteria, {c: e.value for c, e in entries.items()}), 2)})


def sheet_total(award: AwardRound, sheet: ScoreSheet) -> float | None:
    values = {s.criterion_id: s.value for s in sheet.scores if s.value is not None}
    if len(values) < len(award.criteria):
        return None
    return weighted_total(award.criteria, values)


def other_sheets(award: AwardRound, agency_id: int, viewer: User) -> list[ScoreSheet]:
    """The other assessors' submitted sheets. Callers check `policy.can_see_all_scores` first."""
    return list(db.session.scalars(select(ScoreSheet).where(
        ScoreSheet.round_id == award.id, ScoreSheet.agency_id == agency_id, ScoreSheet.assessor_id != viewer.id,
        ScoreSheet.status == SheetStatus.SUBMITTED).order_by(ScoreSheet.submitted_at)))


def my_assignments(award: AwardRound, assessor: User) -> list[tuple[AssessorAssignment, ScoreSheet | None]]:
    """The assessor's agencies in this round with his sheet (None before he saved anything)."""
    rows = list(db.session.scalars(select(AssessorAssignment).where(
        AssessorAssignment.round_id == award.id, AssessorAssignment.assessor_id == assessor.id)))
    sheets = {s.agency_id: s for s in db.session.scalars(select(ScoreSheet).where(
        ScoreSheet.round_id == award.id, ScoreSheet.assessor_id == assessor.id))}
    rows.sort(key=lambda row: row.agency.name)
    return [(row, sheets.get(row.agency_id)) for row in rows]
