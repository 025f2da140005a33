"""The award's lines in the home page's task list (kmapp/main/tasks.py): a lead's nomination
still to send before the deadline, an assessor's sheets still to score."""
from datetime import date

from flask import url_for
from flask_babel import gettext, ngettext
from sqlalchemy import select

from ..dates import list_date
from ..extensions import db
from ..models import AssessorAssignment, AwardRound, Nomination, Role, RoundStatus, ScoreSheet, SheetStatus, User
from ..policy import leads_agency

SOON_DAYS = 14


def _open_rounds(today: date, before_deadline: bool) -> list[AwardRound]:
    statement = select(AwardRound).where(AwardRound.status == RoundStatus.OPEN)
    if before_deadline:
        statement = statement.where(AwardRound.submission_deadline >= today)
    return list(db.session.scalars(statement.order_by(AwardRound.year)))


def nomination_tasks(user: User, today: date):
    """For a CoP lead: each agency he leads whose nomination is not sent and whose deadline is ahead."""
    from ..main.tasks import Task
    if not user.has_role(Role.COP_LEAD):
        return []
    agencies = sorted({m.community.agency for m in user.memberships if leads_agency(user, m.community.agency_id)},
                      key=lambda agency: agency.name)
    tasks = []
    for award in _open_rounds(today, before_deadline=True) if agencies else []:
        sent = set(db.session.scalars(select(Nomination.agency_id).where(
            Nomination.round_id == award.id, Nomination.status == SheetStatus.SUBMITTED)))
        for agency in agencies:
            if agency.id in sent:
                continue
            tasks.append(Task(gettext("%(title)s: nominasi %(agency)s belum dikirim, batas %(day)s",
                                      title=award.title, agency=agency.name, day=list_date(award.submission_deadline)),
                              gettext("Isi nominasi"),
                              url_for("award.nomination", year=award.year, agency_id=agency.id),
                              "warn" if (award.submission_deadline - today).days <= SOON_DAYS else "info"))
    return tasks


def scoring_tasks(user: User, today: date):
    """For an assessor: the sheets of open rounds he has not submitted yet."""
    from ..main.tasks import Task
    if not user.has_role(Role.ASSESSOR):
        return []
    tasks = []
    for award in _open_rounds(today, before_deadline=False):
        assigned = set(db.session.scalars(select(AssessorAssignment.agency_id).where(
            AssessorAssignment.round_id == award.id, AssessorAssignment.assessor_id == user.id)))
        if not assigned:
            continue
        done = set(db.session.scalars(select(ScoreSheet.agency_id).where(
            ScoreSheet.round_id == award.id, ScoreSheet.assessor_id == user.id,
            ScoreSheet.status == SheetStatus.SUBMITTED)))
        waiting = len(assigned - done)
        if waiting:
            tasks.append(Task(ngettext("%(title)s: %(num)s lembar nilai menunggu Anda",
                                       "%(title)s: %(num)s lembar nilai menunggu Anda", waiting, title=award.title),
                              gettext("Nilai nominasi"), url_for("award.round_page", year=award.year) + "#my_sheets"))
    return tasks
