"""A round's life: created with the default rubric, assessors assigned, ranked, finalised and,
for a correction, reopened with a reason. Every change of state is audited."""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from ..audit import record_change, snapshot
from ..extensions import db
from ..models import (Agency, AspectScore, AssessorAssignment, AwardResult, AwardRound, Nomination, Role,
                      RoundStatus, ScoreSheet, SheetStatus, User, utcnow)
from ..notifications.events import notify_person
from ..policy import own_agency_reason
from .rubric import add_default_rubric
from .scoring import Standing, disagreement_margin, rank

ROUND_FIELDS = ["year", "title", "winners_count", "submission_deadline", "ceremony_on", "status"]


class AwardRefused(ValueError):
    """A change the rules forbid; the message says why (in Indonesian, for the page)."""


def round_for_year(year: int) -> AwardRound | None:
    return db.session.scalar(select(AwardRound).where(AwardRound.year == year))


def rounds() -> list[AwardRound]:
    return list(db.session.scalars(select(AwardRound).order_by(AwardRound.year.desc())))


def create_round(year: int, title: str, winners_count: int, deadline: date, ceremony_on: date | None,
                 actor: User | None) -> AwardRound:
    """A new round with the default rubric. The caller commits."""
    if round_for_year(year) is not None:
        raise AwardRefused(_("Penghargaan tahun %(year)s sudah ada.", year=year))
    award = AwardRound(year=year, title=title, winners_count=winners_count, submission_deadline=deadline,
                       ceremony_on=ceremony_on)
    add_default_rubric(award)
    db.session.add(award)
    db.session.flush()
    record_change("award.created", award, None, snapshot(award, ROUND_FIELDS), actor=actor)
    return award


def scoring_started(award: AwardRound) -> bool:
    return bool(db.session.scalar(select(func.count(ScoreSheet.id)).where(
        ScoreSheet.round_id == award.id, ScoreSheet.status == SheetStatus.SUBMITTED)))


def update_round(award: AwardRound, fields: dict, rubric: dict[int, tuple[int, int, int]], actor: User) -> None:
    """Change the round's dates and size, and the rubric ({criterion id: (weight, min, max)}).

    The rubric is frozen once a sheet has been submitted: scores already given would change meaning.
    """
    require_open(award)
    before = snapshot(award, ROUND_FIELDS) | {"rubric": _rubric_state(award)}
    changed_rubric = any((c.weight, c.scale_min, c.scale_max) != rubric[c.id] for c in award.criteria if c.id in rubric)
    if changed_rubric and scoring_started(award):
        raise AwardRefused(_("Rubrik tidak dapat diubah: sudah ada lembar nilai yang dikirim."))
    for name, value in fields.items():
        setattr(award, name, value)
    for criterion in award.criteria:
        if criterion.id in rubric:
            criterion.weight, criterion.scale_min, criterion.scale_max = rubric[criterion.id]
    record_change("award.updated", award, before, snapshot(award, ROUND_FIELDS) | {"rubric": _rubric_state(award)},
                  actor=actor)


def _rubric_state(award: AwardRound) -> dict:
    return {c.code: [c.weight, c.scale_min, c.scale_max] for c in award.criteria}


def require_open(award: AwardRound) -> None:
    if award.finalised:
        raise AwardRefused(_("Hasil %(title)s sudah final. Buka kembali dengan alasan untuk mengubahnya.",
                             title=award.title))


def assign(award: AwardRound, agency: Agency, assessor: User, actor: User) -> AssessorAssignment:
    """Assign an assessor to an agency; refused for a non-assessor or one who belongs to the agency."""
    require_open(award)
    if not assessor.has_role(Role.ASSESSOR):
        raise AwardRefused(_("%(name)s tidak memiliki peran Juri.", name=assessor.name))
    reason = own_agency_reason(assessor, agency.id)
    if reason:
        raise AwardRefused(reason)
    existing = db.session.get(AssessorAssignment, (award.id, agency.id, assessor.id))
    if existing is not None:
        return existing
    row = AssessorAssignment(round_id=award.id, agency_id=agency.id, assessor_id=assessor.id)
    db.session.add(row)
    record_change("award.assessor_assigned", award, None, {"agency": agency.code, "assessor": assessor.id},
                  actor=actor)
    notify_person(assessor.id, "award.assigned", {"year": award.year, "title": award.title, "agency": agency.name})
    return row


def unassign(award: AwardRound, agency_id: int, assessor_id: int, actor: User) -> None:
    """Remove an assignment (a submitted sheet stays and keeps counting)."""
    require_open(award)
    row = db.session.get(AssessorAssignment, (award.id, agency_id, assessor_id))
    if row is not None:
        db.session.delete(row)
        record_change("award.assessor_unassigned", award, {"agency": agency_id, "assessor": assessor_id}, None,
                      actor=actor)


def assignments(award: AwardRound) -> list[AssessorAssignment]:
    return list(db.session.scalars(select(AssessorAssignment).join(Agency, Agency.id == AssessorAssignment.agency_id)
                                   .join(User, User.id == AssessorAssignment.assessor_id)
                                   .where(AssessorAssignment.round_id == award.id).order_by(Agency.name, User.name)))


def assessors() -> list[User]:
    from ..models import UserRole
    return list(db.session.scalars(select(User).join(UserRole).where(UserRole.role == Role.ASSESSOR,
                                                                    User.active.is_(True)).order_by(User.name)))


def standings(award: AwardRound) -> list[Standing]:
    """The live ranking from every submitted sheet (two queries)."""
    sheets = db.session.execute(
        select(ScoreSheet.id, Agency.id, Agency.code, Agency.name).join(Agency, Agency.id == ScoreSheet.agency_id)
        .where(ScoreSheet.round_id == award.id, ScoreSheet.status == SheetStatus.SUBMITTED)).all()
    values: dict[int, dict[int, int]] = {sheet_id: {} for sheet_id, *_ in sheets}
    if values:
        for sheet_id, criterion_id, value in db.session.execute(
                select(AspectScore.sheet_id, AspectScore.criterion_id, AspectScore.value)
                .where(AspectScore.sheet_id.in_(list(values)))):
            values[sheet_id][criterion_id] = value
    return rank(award.criteria, [(agency_id, code, name, values[sheet_id]) for sheet_id, agency_id, code, name in sheets],
                disagreement_margin())


@dataclass(frozen=True)
class Progress:
    nominations_submitted: int
    nominations_draft: int
    sheets_expected: int
    sheets_submitted: int


def progress(award: AwardRound) -> Progress:
    nominations = dict(db.session.execute(select(Nomination.status, func.count()).where(Nomination.round_id == award.id)
                                          .group_by(Nomination.status)).all())
    expected = db.session.scalar(select(func.count()).select_from(AssessorAssignment)
                                 .where(AssessorAssignment.round_id == award.id)) or 0
    submitted = db.session.scalar(select(func.count(ScoreSheet.id)).where(
        ScoreSheet.round_id == award.id, ScoreSheet.status == SheetStatus.SUBMITTED)) or 0
    return Progress(nominations.get(SheetStatus.SUBMITTED.value, 0), nominations.get(SheetStatus.DRAFT.value, 0),
                    expected, submitted)


def finalise(award: AwardRound, actor: User | None) -> list[AwardResult]:
    """Freeze the ranking: results rows (top `winners_count` are winners); the round becomes read-only."""
    require_open(award)
    ranking = standings(award)
    if not ranking:
        raise AwardRefused(_("Belum ada lembar nilai yang dikirim, jadi belum ada peringkat."))
    results = [AwardResult(round_id=award.id, agency_id=s.agency_id, rank=s.rank, total=round(s.total, 2),
                           assessors=len(s.totals), winner=s.rank <= award.winners_count) for s in ranking]
    db.session.add_all(results)
    award.status, award.finalised_at = RoundStatus.FINALISED.value, utcnow()
    record_change("award.finalised", award, None,
                  {"ranking": [[r.rank, s.code, r.total] for r, s in zip(results, ranking)]}, actor=actor)
    return results


def reopen(award: AwardRound, reason: str, actor: User) -> None:
    """Undo a finalisation for a correction; the reason and the ranking it replaced are audited."""
    if not award.finalised:
        raise AwardRefused(_("Penghargaan ini belum final."))
    if len(reason.strip()) < 10:
        raise AwardRefused(_("Tuliskan alasan membuka kembali (paling sedikit 10 karakter)."))
    before = {"ranking": [[r.rank, r.agency_id, r.total] for r in results_of(award)]}
    db.session.execute(delete(AwardResult).where(AwardResult.round_id == award.id))
    award.status, award.finalised_at = RoundStatus.OPEN.value, None
    record_change("award.reopened", award, before, {"reason": reason.strip()}, actor=actor)


def results_of(award: AwardRound) -> list[AwardResult]:
    return list(db.session.scalars(select(AwardResult).where(AwardResult.round_id == award.id)
                                   .order_by(AwardResult.rank)))
