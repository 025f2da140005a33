"""Grouped queries behind the dashboard besides the targets: utilisation and asset stages.

Every function answers for all requested agencies at once (one GROUP BY each), so the
dashboard costs a handful of queries whatever the number of agencies.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, cast, distinct, extract, func, null, select, union_all

from ..extensions import db
from ..models import (Agency, Asset, AssetAccess, AssetStatus, Community, CommunityMember, KmStage, Meeting,
                      MeetingSeciStage, MemberRole, SeciStage, User)
from ..quarters import quarter_bounds

UTILISATION_TARGET = 0.5  # assets must be used by half of the employees


@dataclass(frozen=True)
class Period:
    first: date
    last: date


def period_of(year: int, quarter: int | None = None) -> Period:
    """A Triwulan, or the whole year when no quarter is given."""
    if quarter is None:
        return Period(date(year, 1, 1), date(year, 12, 31))
    return Period(*quarter_bounds(year, quarter))


@dataclass(frozen=True)
class Utilisation:
    """Distinct employees who opened an asset, over headcount. No ratio without headcount."""
    readers: int
    headcount: int

    @property
    def ratio(self) -> float | None:
        return self.readers / self.headcount if self.headcount > 0 else None

    @property
    def meets_target(self) -> bool | None:
        ratio = self.ratio
        return None if ratio is None else ratio >= UTILISATION_TARGET


def readers_by_agency(period: Period, agency_ids: list[int]) -> dict[int, int]:
    """{agency_id: distinct readers} — a person reading many assets, many days, counts once."""
    statement = (select(AssetAccess.agency_id, func.count(distinct(AssetAccess.user_id)))
                 .where(AssetAccess.accessed_on >= period.first, AssetAccess.accessed_on <= period.last,
                        AssetAccess.agency_id.in_(agency_ids))
                 .group_by(AssetAccess.agency_id))
    return {agency_id: readers for agency_id, readers in db.session.execute(statement)}


def overall_utilisation(period: Period, headcounts: dict[int, int]) -> Utilisation:
    """Distinct readers across agencies over their total headcount; agencies without a
    headcount are left out of both sides (they have no denominator to speak of)."""
    counted = [agency_id for agency_id, headcount in headcounts.items() if headcount > 0]
    if not counted:
        return Utilisation(0, 0)
    readers = db.session.scalar(
        select(func.count(distinct(AssetAccess.user_id)))
        .where(AssetAccess.accessed_on >= period.first, AssetAccess.accessed_on <= period.last,
               AssetAccess.agency_id.in_(counted)))
    return Utilisation(readers or 0, sum(headcounts[agency_id] for agency_id in counted))


def readers_by_quarter(agency_id: int) -> dict[tuple[int, int | None], int]:
    """{(year, quarter): readers} and {(year, None): readers of the whole year} for one agency.

    One scan: the distinct (reader, year, quarter) triples are taken once, then counted
    per quarter and (distinct readers again) per year.
    """
    year = cast(extract("year", AssetAccess.accessed_on), Integer).label("year")
    quarter = ((cast(extract("month", AssetAccess.accessed_on), Integer) + 2) // 3).label("quarter")
    triples = (select(AssetAccess.user_id, year, quarter).distinct()
               .where(AssetAccess.agency_id == agency_id).cte("reader_quarters"))
    per_quarter = select(triples.c.year, triples.c.quarter, func.count()).group_by(triples.c.year, triples.c.quarter)
    per_year = (select(triples.c.year, null(), func.count(distinct(triples.c.user_id)))
                .group_by(triples.c.year))
    return {(int(y), int(q) if q is not None else None): count
            for y, q, count in db.session.execute(union_all(per_quarter, per_year))}


def _published_in(period: Period, agency_ids: list[int] | None):
    """Published in the period, by the given agencies (None: all, which lets the database
    use the published_on index rather than walking every agency's assets)."""
    conditions = (Asset.status == AssetStatus.PUBLISHED, Asset.published_on >= period.first,
                  Asset.published_on <= period.last)
    return conditions if agency_ids is None else (*conditions, Community.agency_id.in_(agency_ids))


def assets_by_km_stage(period: Period, agency_ids: list[int] | None) -> dict[str, int]:
    """Published assets of the period per KM-cycle stage, every stage present (zeros too)."""
    statement = (select(Asset.km_stage, func.count(Asset.id))
                 .join(Community, Asset.community_id == Community.id)
                 .where(*_published_in(period, agency_ids)).group_by(Asset.km_stage))
    counts = dict.fromkeys((str(stage) for stage in KmStage), 0)
    counts.update({stage: count for stage, count in db.session.execute(statement)})
    return counts


def assets_by_seci_stage(period: Period, agency_ids: list[int] | None) -> dict[str | None, int]:
    """Published assets of the period per SECI stage of their source meeting.

    An asset whose meeting served two stages counts under both; key None counts the
    assets that name no source meeting (so no SECI stage).
    """
    statement = (select(MeetingSeciStage.stage, func.count(distinct(Asset.id)))
                 .join(Community, Asset.community_id == Community.id)
                 .join(MeetingSeciStage, MeetingSeciStage.meeting_id == Asset.meeting_id)
                 .where(*_published_in(period, agency_ids)).group_by(MeetingSeciStage.stage))
    counts: dict[str | None, int] = dict.fromkeys((str(stage) for stage in SeciStage), 0)
    counts.update({stage: count for stage, count in db.session.execute(statement)})
    counts[None] = db.session.scalar(
        select(func.count(Asset.id)).join(Community, Asset.community_id == Community.id)
        .where(Asset.meeting_id.is_(None), *_published_in(period, agency_ids))) or 0
    return counts


def lead_names_by_agency(agency_ids: list[int]) -> dict[int, list[str]]:
    """{agency_id: names of its CoPs' leads, by name}, from one query."""
    if not agency_ids:
        return {}
    statement = (select(Community.agency_id, User.name).join(CommunityMember, CommunityMember.community_id == Community.id)
                 .join(User, User.id == CommunityMember.user_id)
                 .where(Community.agency_id.in_(agency_ids), CommunityMember.role == MemberRole.LEAD)
                 .distinct().order_by(Community.agency_id, User.name))
    names: dict[int, list[str]] = {}
    for agency_id, name in db.session.execute(statement):
        names.setdefault(agency_id, []).append(name)
    return names


def last_meeting_by_agency(agency_ids: list[int]) -> dict[int, date]:
    """{agency_id: the day of its CoPs' latest meeting}, from one grouped query."""
    if not agency_ids:
        return {}
    statement = (select(Community.agency_id, func.max(Meeting.held_on)).join(Community, Meeting.community_id == Community.id)
                 .where(Community.agency_id.in_(agency_ids)).group_by(Community.agency_id))
    return dict(db.session.execute(statement).all())


def agencies(kind: str | None = None) -> list:
    """Rows (id, code, name, kind, headcount) of the agencies, optionally of one kind, by name."""
    statement = select(Agency.id, Agency.code, Agency.name, Agency.kind, Agency.headcount).order_by(Agency.name)
    if kind:
        statement = statement.where(Agency.kind == kind)
    return list(db.session.execute(statement))


def agency_kinds() -> list[str]:
    return list(db.session.scalars(select(Agency.kind).distinct().order_by(Agency.kind)))


def year_span(today: date) -> tuple[int, int]:
    """First year with a meeting (or this year) to this year."""
    first = db.session.scalar(select(func.min(Meeting.year)))
    return min(first or today.year, today.year), today.year
