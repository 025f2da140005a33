"""What the CoP pages show, read with a handful of queries per page (no per-row loops)."""
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from sqlalchemy import case, func, literal, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from ..clock import local_today
from ..extensions import db
from ..models import Agency, Asset, Community, Meeting, QuarterLock, User
from ..policy import asset_visibility_clause, can_manage_community, facilitates
from ..programme.standing import QuarterStanding, running_standings, shortfall_of, shortfall_words
from ..programme.targets import (QuarterFigures, Status, evaluate, figures_by_agency_and_year, target_for,
                                 targets_for_year)
from ..quarters import quarter_of

LOOKUP_LIMIT = 10
LOOKUP_MIN_LENGTH = 2
ASSET_LIST_LIMIT = 25
EMPTY_QUARTERS_SHOWN = 8  # quarters without a meeting are listed this far back (a missed one shows)


def _like_pattern(text: str, prefix_only: bool = False) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix_only else f"%{escaped}%"


@dataclass(frozen=True)
class AgencyCops:
    agency: Agency
    communities: list[Community]


def cops_by_agency(text: str = "") -> list[AgencyCops]:
    """All CoPs grouped by agency, filtered by CoP name, agency name or code, or theme."""
    statement = (select(Community).join(Community.agency).options(contains_eager(Community.agency))
                 .order_by(Agency.name, Community.name))
    text = text.strip()
    if text:
        like = _like_pattern(text)
        statement = statement.where(or_(Community.name.ilike(like, escape="\\"), Agency.name.ilike(like, escape="\\"),
                                        Agency.code.ilike(like, escape="\\"), Community.theme.ilike(like, escape="\\")))
    communities = db.session.execute(statement).scalars().all()
    return [AgencyCops(agency, list(group)) for agency, group in groupby(communities, key=lambda c: c.agency)]


def meetings_per_community(year: int) -> dict[int, int]:
    """{community_id: meetings held in `year`} from one grouped query."""
    return dict(db.session.execute(select(Meeting.community_id, func.count()).where(Meeting.year == year)
                                   .group_by(Meeting.community_id)).all())


def _assets_visible_on_cop_page(community: Community, user: User):
    """Editors and assigned facilitators see every asset of the CoP (drafts too); others what
    the general visibility rule allows."""
    if can_manage_community(user, community) or facilitates(user, community):
        return Asset.community_id == community.id
    return (Asset.community_id == community.id) & asset_visibility_clause(user)


@dataclass
class QuarterGroup:
    year: int
    quarter: int
    locked: bool
    meetings: list[Meeting] = field(default_factory=list)
    status: Status | None = None  # the agency's target status in this quarter
    missing: str = ""             # what the agency lacked, in words, when the target was missed
    current: bool = False         # the running Triwulan


def _quarters_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    year, quarter = first
    found = []
    while (year, quarter) <= last:
        found.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found


def meeting_timeline(community: Community, user: User, today: date | None = None
                     ) -> tuple[list[QuarterGroup], dict[int, int]]:
    """The CoP's quarters newest first, from its first meeting (or its start) to the running one,
    each with its meetings and the agency's target status; quarters without a meeting are
    listed too (the last EMPTY_QUARTERS_SHOWN), so a missed Triwulan shows. Also the number of assets (visible to `user`)
    each meeting produced."""
    today = today or local_today()
    meetings = db.session.execute(select(Meeting).where(Meeting.community_id == community.id)
                                  .order_by(Meeting.held_on.desc(), Meeting.id.desc())).scalars().all()
    locked = {(year, quarter) for year, quarter in db.session.execute(select(QuarterLock.year, QuarterLock.quarter))}
    asset_counts = dict(db.session.execute(
        select(Asset.meeting_id, func.count()).where(_assets_visible_on_cop_page(community, user),
                                                     Asset.meeting_id.is_not(None))
        .group_by(Asset.meeting_id)).all())
    by_quarter = {key: list(items) for key, items in groupby(meetings, key=lambda m: (m.year, m.quarter))}
    running = quarter_of(today)
    started = quarter_of(community.created_at.date()) if community.created_at else running
    first = min([started, running, *by_quarter])
    last = max([running, *by_quarter])
    achieved = figures_by_agency_and_year(first[0], last[0], [community.agency_id])
    targets = {year: targets_for_year(year) for year in range(first[0], last[0] + 1)}
    oldest_empty = _quarters_between(first, running)[-EMPTY_QUARTERS_SHOWN:][0]
    groups = []
    for year, quarter in reversed(_quarters_between(first, last)):
        if (year, quarter) not in by_quarter and (year, quarter) < oldest_empty:
            continue
        figures = achieved.get((community.agency_id, year, quarter), QuarterFigures())
        target = target_for(targets[year], community.agency_id, quarter)
        status = evaluate(figures, target, year, quarter, today)
        missing = shortfall_words(shortfall_of(figures, target), year, quarter) if status == Status.NOT_MET else ""
        groups.append(QuarterGroup(year, quarter, (year, quarter) in locked, by_quarter.get((year, quarter), []),
                                   status, missing, (year, quarter) == running))
    return groups, asset_counts


def community_assets(community: Community, user: User, limit: int = ASSET_LIST_LIMIT) -> tuple[list[Asset], int]:
    """The assets the CoP produced that `user` may see (newest first, at most `limit`) and their total."""
    visible = _assets_visible_on_cop_page(community, user)
    total = db.session.scalar(select(func.count(Asset.id)).where(visible))
    assets = db.session.execute(select(Asset).where(visible)
                                .order_by(Asset.published_on.desc().nulls_first(), Asset.id.desc())
                                .limit(limit)).scalars().all()
    return assets, total or 0


def meeting_assets(meeting: Meeting, user: User) -> list[Asset]:
    """The assets that came out of this meeting and that `user` may see."""
    return db.session.execute(select(Asset).where(_assets_visible_on_cop_page(meeting.community, user),
                                                  Asset.meeting_id == meeting.id)
                              .order_by(Asset.title)).scalars().all()


def quarter_standing(community: Community, today: date) -> QuarterStanding:
    """The CoP's agency in the running Triwulan against its target (see programme.standing)."""
    return running_standings([community.agency_id], today)[community.agency_id]


def find_people(text: str, limit: int = LOOKUP_LIMIT, agency_id: int | None = None) -> list[User]:
    """Active employees whose NIP starts with `text`, or whose name contains it; people of
    `agency_id` (the CoP's own agency) first."""
    text = " ".join((text or "").split())
    if len(text) < LOOKUP_MIN_LENGTH:
        return []
    digits = text.replace(" ", "")
    if digits.isdigit():
        # A range, not LIKE, so that the unique index on nip is used.
        upper = digits[:-1] + chr(ord(digits[-1]) + 1)
        matches = (User.nip >= digits) & (User.nip < upper)
    else:
        matches = or_(User.name.ilike(_like_pattern(text), escape="\\"),
                      User.username.ilike(_like_pattern(text, prefix_only=True), escape="\\"))
    own_agency_first = case((User.agency_id == agency_id, 0), else_=1) if agency_id else literal(0)
    return db.session.execute(select(User).where(User.active.is_(True), matches)
                              .options(joinedload(User.agency)).order_by(own_agency_first, User.name)
                              .limit(limit)).scalars().all()
