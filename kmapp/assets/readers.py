"""Readers per period: the small table behind utilisation, kept in step with asset_access.

The invariant: for every access row with an agency, period_reader holds (agency, year,
quarter, user) and (agency, year, 0, user), and it holds nothing else. So "distinct
employees of an agency who opened an asset in a Triwulan (or a year)" is a count of rows
of one period, whatever the number of accesses. Everything that writes access rows keeps it:
- the asset pages, through `record_access` (kmapp/assets/usage.py): the same transaction,
  insert-or-ignore, so repeated and concurrent accesses are harmless;
- AssetAccess objects added through the ORM, through the flush listener below;
- bulk loaders (the demo seeder, bench/dashboard_bench.py), through `fill_from_accesses`.
Rows are never removed by the portal (accesses are not deleted; a deleted user's rows go
with him by cascade). `compare_readers` (`flask check`) finds any difference, e.g. after an
access table edited by hand, and with `repair=True` (`check --repair`) removes it.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Integer, cast, delete, event, extract, func, literal, select, tuple_

from ..extensions import db
from ..models import Agency, AssetAccess, PeriodReader
from ..quarters import quarter_of

WHOLE_YEAR = 0  # the quarter of the rows that count a whole year
SAMPLE = 10  # differences listed by `check`


def dialect_insert(bind):
    """INSERT with ON CONFLICT support for the database behind `bind` (SQLite or PostgreSQL)."""
    if bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def reader_rows(accesses: Iterable[tuple[int | None, int, date]]) -> list[dict]:
    """The period_reader rows that (agency_id, user_id, day) accesses call for, each once."""
    keys = set()
    for agency_id, user_id, day in accesses:
        if agency_id is None:  # a reader without an agency counts for none
            continue
        year, quarter = quarter_of(day)
        keys.add((agency_id, year, quarter, user_id))
        keys.add((agency_id, year, WHOLE_YEAR, user_id))
    return [dict(agency_id=a, year=y, quarter=q, user_id=u) for a, y, q, u in sorted(keys)]


def record_readers(connection, accesses: Iterable[tuple[int | None, int, date]]) -> None:
    """Note the readers of these accesses, in the caller's transaction; rows already there stay."""
    rows = reader_rows(accesses)
    if rows:
        insert = dialect_insert(connection)
        connection.execute(insert(PeriodReader.__table__).on_conflict_do_nothing(), rows)


@event.listens_for(AssetAccess, "after_insert")
def _access_added(_mapper, connection, access: AssetAccess) -> None:
    """An AssetAccess flushed through the ORM notes its reader in the same transaction."""
    record_readers(connection, [(access.agency_id, access.user_id, access.accessed_on)])


def _year_of(column):
    return cast(extract("year", column), Integer)


def _quarter_of(column):
    # Floor division: "/" would be true division on PostgreSQL (7/3 -> 2.33).
    return (cast(extract("month", column), Integer) + 2) // 3


def fill_from_accesses(connection) -> None:
    """Add the rows that the access records call for (rows already there stay), one agency at
    a time with INSERT ... SELECT in the database: for bulk loads. The quarters come from the
    agency's accesses (its covering index), the whole years from those quarter rows."""
    insert = dialect_insert(connection)
    columns = ["agency_id", "year", "quarter", "user_id"]
    day = AssetAccess.accessed_on
    for agency_id in connection.execute(select(Agency.id).order_by(Agency.id)).scalars().all():
        quarters = (select(AssetAccess.agency_id, _year_of(day), _quarter_of(day), AssetAccess.user_id)
                    .where(AssetAccess.agency_id == agency_id).distinct())
        years = (select(PeriodReader.agency_id, PeriodReader.year, literal(WHOLE_YEAR), PeriodReader.user_id)
                 .where(PeriodReader.agency_id == agency_id, PeriodReader.quarter > WHOLE_YEAR).distinct())
        for readers in (quarters, years):
            connection.execute(insert(PeriodReader.__table__).from_select(columns, readers).on_conflict_do_nothing())


@dataclass
class ReaderDifferences:
    missing: int = 0  # rows the accesses call for that are not there
    extra: int = 0    # rows no access justifies
    examples: list[str] = field(default_factory=list)

    @property
    def in_step(self) -> bool:
        return not (self.missing or self.extra)


def compare_readers(repair: bool = False) -> ReaderDifferences:
    """period_reader against asset_access, one agency at a time (memory stays bounded by the
    largest agency); with `repair`, missing rows are added and extra ones removed."""
    differences = ReaderDifferences()
    agency_ids = set(db.session.scalars(select(Agency.id)))
    agency_ids |= set(db.session.scalars(select(PeriodReader.agency_id).distinct()))
    for agency_id in sorted(agency_ids):
        wanted = _wanted(agency_id)
        held = {tuple(row) for row in db.session.execute(select(PeriodReader.year, PeriodReader.quarter,
                                                                PeriodReader.user_id)
                                                         .where(PeriodReader.agency_id == agency_id))}
        missing, extra = sorted(wanted - held), sorted(held - wanted)
        differences.missing += len(missing)
        differences.extra += len(extra)
        for label, keys in (("kurang", missing), ("lebih", extra)):
            for year, quarter, user_id in keys[:max(0, SAMPLE - len(differences.examples))]:
                differences.examples.append(f"{label}: perangkat daerah #{agency_id}, {year} "
                                            f"triwulan {quarter or '-'}, pengguna #{user_id}")
        if repair:
            _repair(agency_id, missing, extra)
    return differences


def _wanted(agency_id: int) -> set[tuple[int, int, int]]:
    """{(year, quarter, user_id)} that one agency's access records call for, whole years too."""
    year, quarter = _year_of(AssetAccess.accessed_on), _quarter_of(AssetAccess.accessed_on)
    quarters = {(int(y), int(q), user_id) for y, q, user_id in db.session.execute(
        select(year, quarter, AssetAccess.user_id).distinct().where(AssetAccess.agency_id == agency_id))}
    return quarters | {(y, WHOLE_YEAR, user_id) for y, _, user_id in quarters}


def _repair(agency_id: int, missing: list, extra: list) -> None:
    if missing:
        insert = dialect_insert(db.session.connection())
        db.session.execute(insert(PeriodReader.__table__).on_conflict_do_nothing(),
                           [dict(agency_id=agency_id, year=y, quarter=q, user_id=u) for y, q, u in missing])
    for start in range(0, len(extra), 500):
        keys = extra[start:start + 500]
        db.session.execute(delete(PeriodReader).where(
            PeriodReader.agency_id == agency_id,
            tuple_(PeriodReader.year, PeriodReader.quarter, PeriodReader.user_id).in_(keys)))
    db.session.commit()
