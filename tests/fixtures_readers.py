"""A generated programme for the readers-per-period tests, and utilisation computed the
straightforward way: from the access rows themselves, in Python, with no summary table."""
import random
from datetime import date, timedelta

from sqlalchemy import insert, select

from kmapp.assets.readers import fill_from_accesses
from kmapp.extensions import db
from kmapp.models import Agency, Asset, AssetAccess, Community, Role, User
from kmapp.programme import figures
from kmapp.quarters import quarter_of

from .conftest import user

YEARS = (2024, 2025, 2026)
# Days on both sides of every quarter boundary, so an off-by-one in the quarter arithmetic shows.
EDGE_DAYS = [day for year in YEARS for month in (1, 4, 7, 10)
             for day in (date(year, month, 1), date(year, month, 1) - timedelta(days=1))]


def build_programme(seed: int = 13) -> dict:
    """Four agencies (one without headcount, two kinds), readers of each, readers without an
    agency, a deactivated reader, transfers between agencies; accesses written three ways:
    ORM objects, bulk Core inserts filled by `fill_from_accesses`, and the edge days.
    Returns {"users": {name: id}, "agencies": {code: id}} for the tests."""
    rng = random.Random(seed)
    agencies = [Agency(code=code, name=f"Badan {code}", kind=kind, headcount=headcount)
                for code, kind, headcount in (("A", "dinas", 40), ("B", "dinas", 25), ("C", "badan", 10),
                                              ("D", "badan", 0))]
    communities = [Community(agency=agency, name=f"CoP {agency.code}") for agency in agencies]
    db.session.add_all(agencies + communities)
    people = [user(f"p{i}", agencies[i % len(agencies)], Role.EMPLOYEE) for i in range(36)]
    people += [user(f"tanpa{i}", None, Role.EMPLOYEE) for i in range(3)]  # no agency: counted nowhere
    db.session.add_all(people)
    assets = [Asset(community=rng.choice(communities), title=f"Aset {i}", asset_type="sop", km_stage="creation",
                    published_on=date(2024, 1, 1)) for i in range(12)]
    db.session.add_all(assets)
    db.session.flush()
    people[0].active = False  # left the service: what he read still counts for its period
    seen: set[tuple[int, int, date]] = set()

    def access(person, day, asset=None, agency_id=...):
        asset = asset or rng.choice(assets)
        key = (asset.id, person.id, day)
        if key in seen:
            return None
        seen.add(key)
        return dict(asset_id=asset.id, user_id=person.id, accessed_on=day, kind="open",
                    agency_id=person.agency_id if agency_id is ... else agency_id)

    # Transfers (mutasi): a reader moves to another agency in Triwulan III 2025; his accesses
    # carry the agency of the day (the app copies it), so he read for both that quarter.
    movers = people[1:5]
    for person in movers:
        db.session.add(AssetAccess(**access(person, date(2025, 7, 10), asset=assets[1])))
        db.session.flush()
        person.agency_id = agencies[(agencies.index(person.agency) + 1) % len(agencies)].id
        db.session.add(AssetAccess(**access(person, date(2025, 8, 20), asset=assets[0])))
    db.session.flush()
    # ORM objects (as the older tests add them): noted by the flush listener.
    for _ in range(150):
        row = access(rng.choice(people), date(rng.choice(YEARS), rng.randint(1, 12), rng.randint(1, 28)))
        if row:
            db.session.add(AssetAccess(**row))
    for day in EDGE_DAYS:
        for person in rng.sample(people, 3):
            row = access(person, day)
            if row:
                db.session.add(AssetAccess(**row))
    db.session.flush()
    # A bulk load (Core insert, no ORM events), then the readers filled from the access rows.
    bulk = [row for row in (access(rng.choice(people), date(rng.choice(YEARS), rng.randint(1, 12), rng.randint(1, 28)))
                            for _ in range(250)) if row]
    db.session.execute(insert(AssetAccess.__table__), bulk)
    fill_from_accesses(db.session.connection())
    db.session.commit()
    return {"users": {person.name: person.id for person in people},
            "agencies": {agency.code: agency.id for agency in agencies}}


def accesses() -> list[tuple[int | None, int, date]]:
    return [tuple(row) for row in db.session.execute(
        select(AssetAccess.agency_id, AssetAccess.user_id, AssetAccess.accessed_on))]


def reference_readers(period: figures.Period, agency_ids) -> dict[int, int]:
    """{agency: distinct readers in the period}, straight from the access rows."""
    readers: dict[int, set[int]] = {}
    for agency_id, user_id, day in accesses():
        if agency_id in agency_ids and period.first <= day <= period.last:
            readers.setdefault(agency_id, set()).add(user_id)
    return {agency_id: len(users) for agency_id, users in readers.items()}


def reference_overall(period: figures.Period, agency_ids) -> int:
    return len({user_id for agency_id, user_id, day in accesses()
                if agency_id in agency_ids and period.first <= day <= period.last})


def reference_history(agency_id: int) -> dict[tuple[int, int | None], int]:
    readers: dict[tuple[int, int | None], set[int]] = {}
    for access_agency, user_id, day in accesses():
        if access_agency == agency_id:
            year, quarter = quarter_of(day)
            readers.setdefault((year, quarter), set()).add(user_id)
            readers.setdefault((year, None), set()).add(user_id)
    return {key: len(users) for key, users in readers.items()}


def assert_figures_match_reference() -> int:
    """Every period's utilisation from the fast path equals the straightforward count; returns
    the sum of the readers compared (so a test can tell it compared something)."""
    agencies = {row.id: row.headcount for row in db.session.execute(select(Agency.id, Agency.headcount))}
    ids = sorted(agencies)
    compared = 0
    for year in YEARS:
        for quarter in (None, 1, 2, 3, 4):
            period = figures.period_of(year, quarter)
            expected = reference_readers(period, ids)
            assert figures.readers_by_agency(period, ids) == expected, (year, quarter)
            counted = [agency_id for agency_id, headcount in agencies.items() if headcount > 0]
            overall = figures.overall_utilisation(period, agencies)
            assert overall.readers == reference_overall(period, counted), (year, quarter)
            subset = ids[:2]
            assert figures.readers_by_agency(period, subset) == reference_readers(period, subset)
            compared += sum(expected.values()) + overall.readers
    for agency_id in ids:
        expected = reference_history(agency_id)
        assert figures.readers_by_quarter(agency_id) == expected, agency_id
        compared += sum(expected.values())
    return compared


def user_ids() -> list[int]:
    return list(db.session.scalars(select(User.id)))


def core_programme() -> None:
    """Accesses written with Core only (no ORM events), as a database that predates
    period_reader holds them: two agencies, a transfer, quarter edges, a reader without agency."""
    tables = {model: model.__table__ for model in (Agency, Community, User, Asset, AssetAccess)}
    db.session.execute(insert(tables[Agency]), [dict(id=1, code="A", name="Badan A", kind="dinas", headcount=10),
                                                dict(id=2, code="B", name="Badan B", kind="badan", headcount=5)])
    db.session.execute(insert(tables[Community]), [dict(id=1, agency_id=1, name="CoP A", theme="", description="")])
    db.session.execute(insert(tables[User]), [dict(id=i, username=f"u{i}", name=f"U{i}", agency_id=(None if i == 6 else 1 + i % 2),
                                                   active=i != 3, locale="id") for i in range(1, 7)])
    db.session.execute(insert(tables[Asset]), [dict(id=1, community_id=1, title="Aset", asset_type="sop",
                                                    km_stage="creation", visibility="all", status="published",
                                                    summary="", published_on=date(2024, 1, 1))])
    days = EDGE_DAYS + [date(2025, 5, 5)]
    rows = [dict(asset_id=1, user_id=user_id, agency_id=None if user_id == 6 else 1 + user_id % 2, accessed_on=day,
                 kind="open") for index, day in enumerate(days) for user_id in range(1, 7) if (index + user_id) % 3]
    rows.append(dict(asset_id=1, user_id=2, agency_id=2, accessed_on=date(2025, 8, 1), kind="open"))  # moved to B
    db.session.execute(insert(tables[AssetAccess]), rows)
    db.session.commit()
