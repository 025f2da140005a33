"""The demo's full roster and its reading: every agency's employees, as after an HR import,
and access records that put utilisation believably around the 50% target.

Bulk work through SQLAlchemy Core (executemany in chunks), not ORM objects: some 65,000
employees and about as many access rows take seconds, not minutes.

Utilisation (distinct readers over headcount, kmapp/programme/figures.py) is spread on
purpose: agencies are ranked by an "engagement" draw (the programme office and the three
showcase agencies on top, the largest agencies lower: 17,500 teachers are hard to reach)
and given a yearly share of readers between LOW and HIGH along a curve, so that a few
agencies pass 50%, most stay below, and none is near zero. 2025 was the portal's first
year (FIRST_YEAR_FACTOR); the current year is counted up to today.
"""
import bisect
import math
import random
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import exists, func, insert, literal, select

from ..assets.readers import record_readers
from ..extensions import db
from ..models import Agency, Asset, AssetAccess, User, UserRole
from ..models.base import utcnow
from .people import NipAllocator, new_person

CHUNK = 5_000
LOW, HIGH, CURVE = 0.22, 0.66, 1.25
FIRST_YEAR, FIRST_YEAR_FACTOR = 2025, 0.7
LEADING_AGENCIES = ("BPSDM", "DINKES", "BIRO-PLH", "KOTA-JAKSEL")  # the programme office, the showcase CoPs
OWN_AGENCY_SHARE = 0.3  # of the reads, assets of the reader's own agency
SHOWCASE_SHARE = 0.12   # ... and of the showcase CoPs, read across the province


def add_roster(rng: random.Random, nips: NipAllocator, agencies: Iterable[Agency]) -> int:
    """Fill every agency up to its headcount with employees: NIP, name, the employee role and
    no password (accounts as the HR import creates them). Returns how many were added."""
    db.session.flush()
    present = dict(db.session.execute(select(User.agency_id, func.count(User.id))
                                      .where(User.nip.is_not(None)).group_by(User.agency_id)).all())
    now = utcnow()
    rows = []
    for agency in agencies:
        for _ in range(agency.headcount - present.get(agency.id, 0)):
            nip, name = new_person(rng, nips)
            rows.append({"nip": nip, "name": name, "agency_id": agency.id, "active": True, "locale": "id",
                         "created_at": now})
    _insert(User.__table__, rows)
    without_role = ~exists().where(UserRole.user_id == User.id)
    db.session.execute(insert(UserRole.__table__).from_select(
        ["user_id", "role"], select(User.id, literal("employee")).where(User.nip.is_not(None), without_role)))
    return len(rows)


def utilisation_shares(rng: random.Random, agencies: list[Agency]) -> dict[int, float]:
    """{agency id: share of its employees who read assets in a full year}."""
    def engagement(agency: Agency) -> float:
        lead = 2.0 if agency.code in LEADING_AGENCIES else 0.0
        return lead + rng.random() - 0.25 * math.log10(max(agency.headcount, 1) / 500)
    ranked = sorted(agencies, key=engagement)
    top = max(len(ranked) - 1, 1)
    return {agency.id: LOW + (HIGH - LOW) * (rank / top) ** CURVE + rng.uniform(-0.015, 0.015)
            for rank, agency in enumerate(ranked)}


def add_accesses(rng: random.Random, today: date, assets: list[Asset], agencies: Iterable[Agency]) -> int:
    """Access rows (one per reader, asset and day) for every year up to today. Returns the count."""
    agencies = list(agencies)
    shares = utilisation_shares(rng, agencies)
    pools: dict[int, list[int]] = {}
    for user_id, agency_id in db.session.execute(select(User.id, User.agency_id).where(User.nip.is_not(None))
                                                 .order_by(User.id)):
        pools.setdefault(agency_id, []).append(user_id)
    shelf = _Shelf(rng, assets)
    rows: dict[tuple[int, int, date], dict] = {}
    for year in range(FIRST_YEAR, today.year + 1):
        start, end = max(date(year, 1, 1), shelf.first_day), min(date(year, 12, 31), today)
        if start > end:
            continue
        factor = (FIRST_YEAR_FACTOR if year == FIRST_YEAR else 1.0) * _year_to_date(year, today)
        for agency in agencies:
            pool = pools.get(agency.id, [])
            readers = rng.sample(pool, min(len(pool), round(shares[agency.id] * factor * agency.headcount)))
            for user_id in readers:
                for _ in range(1 + min(5, int(rng.expovariate(0.8)))):
                    day = start + timedelta(days=rng.randrange((end - start).days + 1))
                    asset_id = shelf.pick(day, agency.id)
                    rows.setdefault((asset_id, user_id, day), {
                        "asset_id": asset_id, "user_id": user_id, "agency_id": agency.id, "accessed_on": day,
                        "kind": "download" if rng.random() < 0.25 else "open",
                        "at": datetime.combine(day, time(rng.randrange(1, 10), rng.randrange(60)))})
    _insert(AssetAccess.__table__, list(rows.values()))
    # Their readers per period, as the asset pages note them with each access.
    record_readers(db.session.connection(), ((row["agency_id"], row["user_id"], row["accessed_on"])
                                             for row in rows.values()))
    return len(rows)


def _year_to_date(year: int, today: date) -> float:
    """Readers gather fast early in a year, then more slowly: the square root of the part
    of the year gone by (1 for a year that is over)."""
    if year < today.year:
        return 1.0
    return math.sqrt(min(1.0, ((today - date(year, 1, 1)).days + 1) / 365))


class _Shelf:
    """The assets a reader may pick on a given day: published by then, open to everyone, or
    to the reader's own agency; recent ones and the showcase CoPs' more often."""

    def __init__(self, rng: random.Random, assets: list[Asset]):
        from .story import NAMED_COPS
        self.rng = rng
        public = sorted((a for a in assets if a.visibility == "all"), key=lambda a: a.published_on)
        self.all = ([a.published_on for a in public], [a.id for a in public])
        showcase = [a for a in public if a.community.name in NAMED_COPS]
        self.showcase = ([a.published_on for a in showcase], [a.id for a in showcase])
        self.own: dict[int, tuple[list[date], list[int]]] = {}
        for asset in sorted((a for a in assets if a.visibility in ("all", "agency")), key=lambda a: a.published_on):
            days, ids = self.own.setdefault(asset.community.agency_id, ([], []))
            days.append(asset.published_on)
            ids.append(asset.id)
        self.first_day = self.all[0][0]

    def pick(self, day: date, agency_id: int) -> int:
        roll = self.rng.random()
        if roll < OWN_AGENCY_SHARE and agency_id in self.own:
            found = self._from(self.own[agency_id], day)
        elif roll < OWN_AGENCY_SHARE + SHOWCASE_SHARE:
            found = self._from(self.showcase, day)
        else:
            found = None
        return found or self._from(self.all, day)

    def _from(self, shelf: tuple[list[date], list[int]], day: date) -> int | None:
        days, ids = shelf
        count = bisect.bisect_right(days, day)
        if not count:
            return None
        if self.rng.random() < 0.5:
            return ids[self.rng.randrange(count)]
        return ids[count - 1 - int(count * self.rng.random() ** 2.5)]  # the newer, the likelier


def _insert(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start:start + CHUNK])
