"""'Perlu tindakan Anda': the home page's task list, one list for every role.

A task says what is wrong in words and links to the page that fixes it. Each provider below
answers for one kind of work and returns [] for people who cannot act on it; the list shows
the providers' tasks in the order of PROVIDERS (the running Triwulan's target first). A new
feature (the award, the handover of a leaving employee, ...) adds its own provider to PROVIDERS.
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext, ngettext
from sqlalchemy import func, select

from .. import labels
from ..assets.usage import assets_due_for_review
from ..dates import list_date
from ..extensions import db
from ..maturity.tasks import maturity_tasks
from ..models import Community, Meeting, MemberRole, Role, User
from ..policy import is_admin
from ..programme.standing import running_standings
from ..programme.targets import Status

AWAITING_DAYS = 120
AWAITING_LIMIT = 8


@dataclass(frozen=True)
class Task:
    """One line of the list. `text` is plain text (user data in it is escaped by the template)."""
    text: str
    action: str | None = None  # the link's words
    url: str | None = None
    tone: str = "info"  # "warn", "info" or "ok": the colour beside the words, never instead of them


def quarter_target_tasks(user: User, today: date) -> list[Task]:
    """For a CoP lead: the running Triwulan of each agency whose CoP he leads, against its target."""
    if not user.has_role(Role.COP_LEAD):
        return []
    led: dict[int, Community] = {}
    for membership in sorted(user.memberships, key=lambda m: m.community.name):
        if membership.role == MemberRole.LEAD:
            led.setdefault(membership.community.agency_id, membership.community)
    standings = running_standings(list(led), today)
    tasks = []
    for agency_id, community in led.items():
        standing = standings[agency_id]
        text = gettext("%(quarter)s %(deadline)s", quarter=labels.quarter_label(standing.quarter),
                       deadline=standing.deadline_words())
        if len(led) > 1:  # name the agency only when there is more than one
            text = gettext("%(agency)s: %(text)s", agency=community.agency.name, text=text)
        if standing.status == Status.MET:
            tasks.append(Task(gettext("%(text)s: target sudah tercapai.", text=text), gettext("Lihat CoP"),
                              url_for("communities.cop_page", cop_id=community.id), "ok"))
            continue
        shortfall = standing.shortfall
        action, url = ((gettext("Catat pertemuan"), url_for("communities.meeting_new", cop_id=community.id))
                       if shortfall.needs_meetings else
                       (gettext("Unggah aset"), url_for("assets.new", cop=community.id)))
        tasks.append(Task(gettext("%(text)s: %(missing)s", text=text, missing=standing.missing_words()), action, url,
                          "warn" if standing.near_deadline else "info"))
    return tasks


def accompaniment_tasks(user: User, today: date) -> list[Task]:
    """For a facilitator: recent meetings of his CoPs that nobody has confirmed accompanying yet."""
    if not user.has_role(Role.FACILITATOR):
        return []
    communities = list(user.community_ids(MemberRole.FACILITATOR))
    meetings = db.session.scalars(
        select(Meeting).where(Meeting.community_id.in_(communities), Meeting.accompanied_at.is_(None),
                              Meeting.held_on >= today - timedelta(days=AWAITING_DAYS))
        .order_by(Meeting.held_on.desc()).limit(AWAITING_LIMIT))
    return [Task(gettext("%(topic)s · %(community)s · %(day)s: menunggu konfirmasi pendampingan",
                         topic=meeting.topic, community=meeting.community.name,
                         day=list_date(meeting.held_on)),
                 gettext("Konfirmasi"), url_for("communities.meeting_page", meeting_id=meeting.id))
            for meeting in meetings]


def review_tasks(user: User, today: date) -> list[Task]:
    """For a lead (or an admin): assets to review within the next month, overdue ones included."""
    if not (is_admin(user) or user.community_ids(MemberRole.LEAD)):
        return []
    count = db.session.scalar(select(func.count()).select_from(assets_due_for_review(user).subquery()))
    if not count:
        return []
    return [Task(ngettext("%(num)s aset perlu ditinjau dalam 30 hari", "%(num)s aset perlu ditinjau dalam 30 hari", count),
                 gettext("Tinjau aset"), url_for("assets.due"))]


from ..award.tasks import nomination_tasks, scoring_tasks  # noqa: E402  (they build Task)

PROVIDERS: list[Callable[[User, date], list[Task]]] = [quarter_target_tasks, accompaniment_tasks, review_tasks,
                                                       nomination_tasks, scoring_tasks]
PROVIDERS.append(maturity_tasks)  # kmapp/maturity/tasks.py
from ..handover.tasks import confirm_handover_tasks, own_handover_tasks  # noqa: E402
PROVIDERS.insert(0, own_handover_tasks)  # a departing employee's own handover comes first: it cannot wait
PROVIDERS.append(confirm_handover_tasks)  # kmapp/handover/tasks.py


def guide_tasks(user: User, today: date) -> list[Task]:
    """For an admin: guide pages past their yearly review."""
    from ..guide.pages import pages_due_for_review
    if not is_admin(user):
        return []
    return [Task(gettext("Panduan \u201c%(title)s\u201d perlu ditinjau (jatuh tempo %(day)s)", title=page.title,
                         day=list_date(page.next_review_on)),
                 gettext("Tinjau panduan"), url_for("guide.page", slug=page.slug), "warn")
            for page in pages_due_for_review(today)]


PROVIDERS.append(guide_tasks)
from ..people.tasks import knowledge_at_risk_tasks  # noqa: E402

PROVIDERS.append(knowledge_at_risk_tasks)  # kmapp/people/tasks.py (issue 11: knowledge at risk)


def tasks_for(user: User, today: date) -> list[Task]:
    """Everything `user` should act on, in the order of PROVIDERS."""
    return [task for provider in PROVIDERS for task in provider(user, today)]
