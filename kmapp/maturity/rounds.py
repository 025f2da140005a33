"""The yearly round: opening it, assigning assessors, publishing and reopening assessments.

Opening a round freezes its instrument version and creates a draft assessment for every
agency. Publication makes an assessment read-only; only a correction with a reason reopens
it, and every step is in the audit trail.
"""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..audit import record_change
from ..clock import local_today
from ..extensions import db
from ..models import (Agency, AssessmentState, MaturityAssessment, MaturityAssessorAssignment, MaturityInstrument,
                      MaturityRound, Role, User)
from ..notifications.events import notify_person
from ..models.base import utcnow
from .instruments import freeze


class RoundRefused(ValueError):
    """A round action that the rules refuse; the message says why."""


def today() -> date:
    return local_today()


def open_round(year: int, instrument: MaturityInstrument, deadline: date, actor: User) -> MaturityRound:
    """A round for `year` with a draft for every agency; the instrument version is frozen."""
    if db.session.scalar(select(MaturityRound.id).where(MaturityRound.year == year)) is not None:
        raise RoundRefused(_("Putaran penilaian maturitas %(year)s sudah dibuka.", year=year))
    freeze(instrument)
    round_ = MaturityRound(year=year, instrument=instrument, deadline=deadline, opened_by_id=actor.id)
    db.session.add(round_)
    for agency_id in db.session.scalars(select(Agency.id).order_by(Agency.id)):
        db.session.add(MaturityAssessment(round=round_, agency_id=agency_id, state=AssessmentState.DRAFT.value))
    db.session.flush()
    record_change("maturity_round.opened", round_, None,
                  {"year": year, "instrument_version": instrument.version, "deadline": deadline}, actor=actor)
    return round_


def assign_assessor(round_: MaturityRound, agency: Agency, assessor: User, actor: User) -> bool:
    """Assign `assessor` to verify `agency` in `round_`; refused for his own agency."""
    if not assessor.has_role(Role.ASSESSOR):
        raise RoundRefused(_("%(name)s tidak memiliki peran Juri.", name=assessor.name))
    if assessor.agency_id == agency.id:
        raise RoundRefused(_("%(name)s adalah pegawai %(agency)s: juri tidak boleh menilai perangkat daerahnya "
                             "sendiri.", name=assessor.name, agency=agency.name))
    key = (round_.id, agency.id, assessor.id)
    if db.session.get(MaturityAssessorAssignment, key) is not None:
        return False
    db.session.add(MaturityAssessorAssignment(round_id=round_.id, agency_id=agency.id, assessor_id=assessor.id))
    record_change("maturity_assignment.added", ("maturity_round", round_.id), None,
                  {"agency_id": agency.id, "assessor_id": assessor.id}, actor=actor)
    notify_person(assessor.id, "maturity.assigned", {"year": round_.year, "agency": agency.name})
    return True


def unassign_assessor(round_: MaturityRound, agency_id: int, assessor_id: int, actor: User) -> bool:
    row = db.session.get(MaturityAssessorAssignment, (round_.id, agency_id, assessor_id))
    if row is None:
        return False
    db.session.delete(row)
    record_change("maturity_assignment.removed", ("maturity_round", round_.id),
                  {"agency_id": agency_id, "assessor_id": assessor_id}, None, actor=actor)
    return True


def assignments_by_agency(round_: MaturityRound) -> dict[int, list[User]]:
    rows = db.session.scalars(select(MaturityAssessorAssignment).where(MaturityAssessorAssignment.round_id == round_.id)
                              .options(joinedload(MaturityAssessorAssignment.assessor)))
    found: dict[int, list[User]] = {}
    for row in rows:
        found.setdefault(row.agency_id, []).append(row.assessor)
    return found


def publish(assessment: MaturityAssessment, actor: User) -> None:
    """Verified -> published: the final total and level become the agency's result; read-only."""
    if assessment.state != AssessmentState.VERIFIED:
        raise RoundRefused(_("Hanya penilaian yang sudah diverifikasi yang dapat diterbitkan."))
    assessment.state = AssessmentState.PUBLISHED.value
    assessment.published_at = utcnow()
    record_change("maturity_assessment.published", assessment, {"state": "verified"},
                  {"state": "published", "total": str(assessment.total), "level": assessment.level}, actor=actor)


def publish_verified(round_: MaturityRound, actor: User) -> int:
    """Publish every verified assessment of the round; returns how many."""
    ready = [a for a in round_.assessments if a.state == AssessmentState.VERIFIED]
    for assessment in ready:
        publish(assessment, actor)
    return len(ready)


REOPEN_TO = (AssessmentState.DRAFT, AssessmentState.SUBMITTED)


def reopen(assessment: MaturityAssessment, to_state: str, reason: str, actor: User) -> None:
    """A correction: a published (or verified) assessment goes back to the lead (draft) or to the
    assessor (submitted), with the reason in the audit trail."""
    if assessment.state not in (AssessmentState.PUBLISHED, AssessmentState.VERIFIED):
        raise RoundRefused(_("Hanya penilaian yang sudah diverifikasi atau diterbitkan yang dapat dibuka kembali."))
    if not reason.strip():
        raise RoundRefused(_("Tulis alasan koreksi."))
    state = AssessmentState(to_state)
    if state not in REOPEN_TO:
        raise RoundRefused(_("Pilih ke tahap mana penilaian dikembalikan."))
    before = {"state": assessment.state, "total": str(assessment.total), "level": assessment.level}
    assessment.state = state.value
    assessment.published_at = None
    assessment.verified_at = None
    if state == AssessmentState.DRAFT:
        assessment.submitted_at = None
    record_change("maturity_assessment.reopened", assessment, before, {"state": state.value, "reason": reason.strip()},
                  actor=actor)
