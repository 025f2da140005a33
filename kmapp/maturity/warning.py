""""Maturitas berisiko turun": a level-4/5 agency whose recent portal activity weakens.

Named so to keep it apart from the handover feature's "knowledge at risk". The articles warn
that level 5 degrades quickly when sharing weakens or knowledge becomes hard to reach; the
signal compares the last two finished Triwulan: meetings down by a share, utilisation down by
some percentage points, and counts assets whose yearly review is overdue. The thresholds are
the programme office's settings (table maturity_warning_settings, one row).
"""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..audit import record_change
from ..extensions import db
from ..labels import triwulan
from ..models import (Agency, AssessmentState, Asset, AssetStatus, Community, MaturityAssessment, MaturityRound,
                      MaturityWarningSettings, Meeting, User)
from ..programme.figures import Utilisation, period_of, readers_by_agency
from ..programme.labels import percent
from ..quarters import current_quarter

SETTING_FIELDS = ("min_level", "meeting_drop_percent", "utilisation_drop_points", "overdue_reviews")
DEFAULTS = {"min_level": 4, "meeting_drop_percent": 50, "utilisation_drop_points": 10, "overdue_reviews": 3}


def warning_settings() -> MaturityWarningSettings:
    """The stored thresholds, or the defaults (an unsaved row) when never set."""
    return db.session.get(MaturityWarningSettings, 1) or MaturityWarningSettings(id=1, **DEFAULTS)


def save_warning_settings(values: dict, actor: User) -> bool:
    row = warning_settings()
    before = {name: getattr(row, name) for name in SETTING_FIELDS}
    after = {name: int(values[name]) for name in SETTING_FIELDS}
    if before == after and db.session.get(MaturityWarningSettings, 1) is not None:
        return False
    for name, value in after.items():
        setattr(row, name, value)
    row.updated_by_id = actor.id
    db.session.add(row)
    record_change("maturity_warning_settings.changed", ("maturity_warning_settings", 1), before, after, actor=actor)
    return True


def last_two_quarters(today: date) -> tuple[tuple[int, int], tuple[int, int]]:
    """The two finished Triwulan before the running one: (earlier, later)."""
    year, quarter = current_quarter(today)
    later = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    earlier = (later[0], later[1] - 1) if later[1] > 1 else (later[0] - 1, 4)
    return earlier, later


@dataclass
class Slipping:
    agency: Agency
    year: int
    total: Decimal
    level: int
    reasons: list[str] = field(default_factory=list)


def _latest_published(min_level: int) -> dict[int, tuple[int, Decimal, int]]:
    """{agency id: (year, total, level)} of each agency's latest published assessment at min_level+."""
    rows = db.session.execute(
        select(MaturityAssessment.agency_id, MaturityRound.year, MaturityAssessment.total, MaturityAssessment.level)
        .join(MaturityRound, MaturityAssessment.round_id == MaturityRound.id)
        .where(MaturityAssessment.state == AssessmentState.PUBLISHED)
        .order_by(MaturityAssessment.agency_id, MaturityRound.year))
    latest = {agency_id: (year, total, level) for agency_id, year, total, level in rows}
    return {agency_id: found for agency_id, found in latest.items() if found[2] >= min_level}


def _meetings(year: int, quarter: int, agency_ids: list[int]) -> dict[int, int]:
    statement = (select(Community.agency_id, func.count(Meeting.id)).join(Community)
                 .where(Meeting.year == year, Meeting.quarter == quarter, Community.agency_id.in_(agency_ids))
                 .group_by(Community.agency_id))
    return dict(db.session.execute(statement).all())


def _overdue(today: date, agency_ids: list[int]) -> dict[int, int]:
    statement = (select(Community.agency_id, func.count(Asset.id)).join(Community)
                 .where(Asset.status == AssetStatus.PUBLISHED, Asset.next_review_on < today,
                        Community.agency_id.in_(agency_ids))
                 .group_by(Community.agency_id))
    return dict(db.session.execute(statement).all())


def slipping_agencies(today: date) -> list[Slipping]:
    """Agencies at the watched levels whose activity weakened, with the reasons in words.
    A handful of grouped queries, whatever the number of agencies."""
    settings = warning_settings()
    watched = _latest_published(settings.min_level)
    if not watched:
        return []
    ids = list(watched)
    agencies = {a.id: a for a in db.session.scalars(select(Agency).where(Agency.id.in_(ids)))}
    earlier, later = last_two_quarters(today)
    meetings_before, meetings_now = _meetings(*earlier, ids), _meetings(*later, ids)
    readers_before = readers_by_agency(period_of(*earlier), ids)
    readers_now = readers_by_agency(period_of(*later), ids)
    overdue = _overdue(today, ids)
    found = []
    for agency_id in ids:
        agency = agencies[agency_id]
        year, total, level = watched[agency_id]
        reasons = []
        before, now = meetings_before.get(agency_id, 0), meetings_now.get(agency_id, 0)
        if before and (before - now) * 100 >= settings.meeting_drop_percent * before:
            reasons.append(_("pertemuan %(later)s: %(now)s, turun dari %(before)s pada %(earlier)s",
                             later=triwulan(*later), now=now, before=before, earlier=triwulan(*earlier)))
        use_before = Utilisation(readers_before.get(agency_id, 0), agency.headcount).ratio
        use_now = Utilisation(readers_now.get(agency_id, 0), agency.headcount).ratio
        if use_before is not None and use_now is not None \
                and (use_before - use_now) * 100 >= settings.utilisation_drop_points:
            reasons.append(_("utilisasi turun dari %(before)s ke %(now)s", before=percent(use_before),
                             now=percent(use_now)))
        late = overdue.get(agency_id, 0)
        if late >= settings.overdue_reviews:
            reasons.append(_("%(n)s aset terlambat ditinjau", n=late))
        if reasons:
            found.append(Slipping(agency, year, total, level, reasons))
    return sorted(found, key=lambda item: (-item.level, -item.total, item.agency.name))
