"""The home page's tasks from the maturity round (a provider of kmapp/main/tasks.py)."""
from datetime import date

from flask import url_for
from flask_babel import gettext, ngettext
from sqlalchemy import func, select

from ..dates import list_date
from ..extensions import db
from ..models import (AssessmentState, MaturityAssessment, MaturityAssessorAssignment, MaturityRound, MemberRole, Role,
                      User)
from ..policy import is_admin

NEAR_DEADLINE_DAYS = 7


def maturity_tasks(user: User, today: date) -> list:
    """Lead: his agency's draft self-assessment; assessor: submissions to verify; admin: results
    waiting for publication."""
    from ..main.tasks import Task  # the task list owns the Task type
    tasks = []
    if user.has_role(Role.COP_LEAD):
        agency_ids = {m.community.agency_id for m in user.memberships if m.role == MemberRole.LEAD}
        drafts = db.session.scalars(
            select(MaturityAssessment).join(MaturityRound)
            .where(MaturityAssessment.agency_id.in_(agency_ids), MaturityAssessment.state == AssessmentState.DRAFT)
            .order_by(MaturityRound.year)) if agency_ids else []
        for draft in drafts:
            deadline = draft.round.deadline
            late = today > deadline
            text = (gettext("Penilaian mandiri maturitas %(year)s (%(agency)s): batas pengiriman %(date)s sudah lewat; "
                            "hubungi admin BPSDM.", year=draft.round.year, agency=draft.agency.name,
                            date=list_date(deadline)) if late else
                    gettext("Penilaian mandiri maturitas %(year)s (%(agency)s): isi dan kirim paling lambat %(date)s.",
                            year=draft.round.year, agency=draft.agency.name, date=list_date(deadline)))
            tone = "warn" if late or (deadline - today).days <= NEAR_DEADLINE_DAYS else "info"
            tasks.append(Task(text, gettext("Isi penilaian mandiri"),
                              url_for("maturity.assessment_page", assessment_id=draft.id), tone))
    if user.has_role(Role.ASSESSOR):
        waiting = db.session.scalar(
            select(func.count()).select_from(MaturityAssessment).join(
                MaturityAssessorAssignment,
                (MaturityAssessorAssignment.round_id == MaturityAssessment.round_id)
                & (MaturityAssessorAssignment.agency_id == MaturityAssessment.agency_id))
            .where(MaturityAssessorAssignment.assessor_id == user.id,
                   MaturityAssessment.state == AssessmentState.SUBMITTED,
                   MaturityAssessment.agency_id != (user.agency_id or 0)))
        if waiting:
            tasks.append(Task(ngettext("%(num)s penilaian maturitas menunggu verifikasi Anda",
                                       "%(num)s penilaian maturitas menunggu verifikasi Anda", waiting),
                              gettext("Verifikasi"), url_for("maturity.index")))
    if is_admin(user):
        ready = db.session.execute(
            select(MaturityRound.id, func.count(MaturityAssessment.id)).join(MaturityAssessment)
            .where(MaturityAssessment.state == AssessmentState.VERIFIED).group_by(MaturityRound.id)).all()
        for round_id, count in ready:
            tasks.append(Task(ngettext("%(num)s hasil maturitas terverifikasi menunggu diterbitkan",
                                       "%(num)s hasil maturitas terverifikasi menunggu diterbitkan", count),
                              gettext("Terbitkan"), url_for("maturity.round_page", round_id=round_id)))
    return tasks
