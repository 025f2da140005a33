"""Grouped queries behind the dashboard besides the targets: utilisation and asset stages.

Every function answers for all requested agencies at once (one GROUP BY each), so the
dashboard costs a handful of queries whatever the number of agencies. Utilisation is
counted from period_reader (readers per agency and period, written with every access by
kmapp/assets/readers.py), never from the millions of access rows, so its cost follows
employees x periods rather than accesses.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import distinct, func, select

from ..assets.readers import WHOLE_YEAR
from ..extensions import db
from ..models import (Agency, Asset, AssetStatus, Community, CommunityMember, KmStage, Meeting, MeetingSeciStage,
                      MemberRole, PeriodReader, SeciStage, User)
from ..quarters import quarter_bounds

UTILISATION_TARGET = 0.5  # assets must be used by half of the employees


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    year: int
    quarter: int | None = None  # None: the whole year

    @property
    def reader_quarter(self) -> int:
        """The quarter under which period_reader counts this period (0: the whole year)."""
        return self.quarter or WHOLE_YEAR


def period_of(year: int, quarter: int | None = None) -> Period:
    """A Triwulan, or the whole year when no quarter is given."""
    if quarter is None:
        return Period(date(year, 1, 1), date(year, 12, 31), year)
    return Period(*quarter_bounds(year, quarter), year, quarter)


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


def _readers_of(period: Period):
    return (PeriodReader.year == period.year, PeriodReader.quarter == period.reader_quarter)


def readers_by_agency(period: Period, agency_ids: list[int]) -> dict[int, int]:
    """{agency_id: distinct readers} — a person reading many assets, many days, counts once.

    Counted from period_reader (one row per reader, agency and period; kmapp/assets/readers.py),
    not from the access records."""
    statement = (select(PeriodReader.agency_id, func.count())
                 .where(*_readers_of(period), PeriodReader.agency_id.in_(agency_ids))
                 .group_by(PeriodReader.agency_id))
    return {agency_id: readers for agency_id, readers in db.session.execute(statement)}


def overall_utilisation(period: Period, headcounts: dict[int, int]) -> Utilisation:
    """Distinct readers across agencies over their total headcount; agencies without a
    headcount are left out of both sides (they have no denominator to speak of). Someone
    who read for two agencies in the period (a transfer) counts once."""
    counted = [agency_id for agency_id, headcount in headcounts.items() if headcount > 0]
    if not counted:
        return Utilisation(0, 0)
    # "+ 0" keeps SQLite off the primary key (one seek per agency, then a sort of every reader):
    # the (year, quarter, user_id, agency_id) index yields the period's readers in user order.
    readers = db.session.scalar(select(func.count(distinct(PeriodReader.user_id)))
                                .where(*_readers_of(period), (PeriodReader.agency_id + 0).in_(counted)))
    return Utilisation(readers or 0, sum(headcounts[agency_id] for agency_id in counted))


def readers_by_quarter(agency_id: int) -> dict[tuple[int, int | None], int]:
    """{(year, quarter): readers} and {(year, None): readers of the whole year} for one agency,
    from its period_reader rows."""
    statement = (select(PeriodReader.year, PeriodReader.quarter, func.count())
                 .where(PeriodReader.agency_id == agency_id)
                 .group_by(PeriodReader.year, PeriodReader.quarter))
    return {(year, quarter or None): count for year, quarter, count in db.session.execute(statement)}


def _published_in(statement, period: Period, agency_ids: list[int] | None):
    """`statement` over the assets published in the period by the given agencies (None: all),
    counted from the covering index ix_asset_published_figures.

    The agencies' CoPs are a list to check against ("+ 0": not a way in): joined instead, SQLite
    would go CoP by CoP through every asset they ever published, whatever the period."""
    statement = statement.where(Asset.status == AssetStatus.PUBLISHED, Asset.published_on >= period.first,
                                Asset.published_on <= period.last)
    if agency_ids is None:
        return statement
    their_cops = select(Community.id).where(Community.agency_id.in_(agency_ids))
    return statement.where((Asset.community_id + 0).in_(their_cops))


def assets_by_km_stage(period: Period, agency_ids: list[int] | None) -> dict[str, int]:
    """Published assets of the period per KM-cycle stage, every stage present (zeros too)."""
    statement = _published_in(select(Asset.km_stage, func.count(Asset.id)), period, agency_ids).group_by(Asset.km_stage)
    counts = dict.fromkeys((str(stage) for stage in KmStage), 0)
    counts.update({stage: count for stage, count in db.session.execute(statement)})
    return counts


def assets_by_seci_stage(period: Period, agency_ids: list[int] | None) -> dict[str | None, int]:
    """Published assets of the period per SECI stage of their source meeting.

    An asset whose meeting served two stages counts under both; key None counts the
    assets that name no source meeting (so no SECI stage).
    """
    # Assets counted per source meeting first (from the covering index), then the few hundred
    # meetings joined to their stages: a (meeting, stage) pair is unique, so sums count each asset once.
    per_meeting = _published_in(select(Asset.meeting_id, func.count(Asset.id).label("assets")),
                                period, agency_ids).where(Asset.meeting_id.is_not(None)).group_by(Asset.meeting_id)
    per_meeting = per_meeting.subquery()
    statement = (select(MeetingSeciStage.stage, func.sum(per_meeting.c.assets))
                 .join(per_meeting, MeetingSeciStage.meeting_id == per_meeting.c.meeting_id)
                 .group_by(MeetingSeciStage.stage))
    counts: dict[str | None, int] = dict.fromkeys((str(stage) for stage in SeciStage), 0)
    counts.update({stage: int(count) for stage, count in db.session.execute(statement)})
    # All the period's assets less those naming a meeting: the same index range, no lookup by meeting.
    without_meeting = _published_in(select(func.count(Asset.id) - func.count(Asset.meeting_id)), period, agency_ids)
    counts[None] = db.session.scalar(without_meeting) or 0
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
