"""Programme dashboard benchmark: a large programme, then the dashboard's server time and memory.

Generates 51 agencies, 65,000 employees, 5 years of CoP meetings, 50,000 assets and
2 million asset-access records with bulk inserts into a temporary SQLite file (or the
database named by --database-url, e.g. postgresql://postgres@127.0.0.1:5432/test, into a
fresh schema that is dropped afterwards), then fills the readers per period from them as
the application's bulk loaders do (kmapp/assets/readers.py), times the dashboard service
functions and full GETs (the yearly dashboard, a Triwulan, the CSV and XLSX exports, the
largest agency's page) through the Flask test client signed in as an admin, and prints
Markdown tables.

    .venv/bin/python bench/dashboard_bench.py                # full size, ~2-3 minutes
    .venv/bin/python bench/dashboard_bench.py --accesses 200000 --repeat 3   # quicker
    .venv/bin/python bench/dashboard_bench.py --accesses 10000000 --sqlite-file /tmp/10m.db  # ~15 minutes

A kept SQLite file (--sqlite-file) is reused as it is; one generated before the readers
table existed is brought up to date first, as migration 0010 would.
"""
import argparse
import contextlib
import json
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import date, datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import sqlalchemy as sa  # noqa: E402

from kmapp import create_app  # noqa: E402
from kmapp.assets.readers import fill_from_accesses  # noqa: E402
from kmapp.auth.passwords import hash_password  # noqa: E402
from kmapp.demo.agencies import AGENCIES  # noqa: E402
from kmapp.extensions import db  # noqa: E402
from kmapp.models import (Agency, Asset, AssetAccess, Community, KmStage, Meeting, MeetingSeciStage,  # noqa: E402
                          PeriodReader, Role, SeciStage, User, UserRole)
from kmapp.programme.dashboard import Filters, build_dashboard  # noqa: E402
from kmapp.quarters import quarter_bounds  # noqa: E402

CHUNK = 50_000
PASSWORD = "bench-password-123"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=65_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--assets", type=int, default=50_000)
    parser.add_argument("--accesses", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per measurement (after one warm-up)")
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--sqlite-file", help="keep the generated SQLite database here; if it exists, reuse it")
    parser.add_argument("--schema", help="with --database-url: keep the generated data in this schema; if it "
                                         "exists, reuse it (default: a fresh schema, dropped afterwards)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--summary", help="also write the measurements as JSON here (bench/scale_report.py)")
    parser.set_defaults(reuse=False)
    return parser.parse_args()


def insert_chunks(table, rows, columns, ignore_duplicates: bool = False) -> int:
    """Bulk insert tuples in chunks (executemany); returns the number of rows offered.

    SQLite gets plain tuples through the DBAPI cursor (SQLAlchemy's per-row dict handling
    would dominate 2 million rows); other databases get SQLAlchemy Core executemany.
    """
    count, batch = 0, []
    write = _sqlite_writer(table, columns, ignore_duplicates) if db.engine.dialect.name == "sqlite" \
        else _core_writer(table, columns, ignore_duplicates)
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            write(batch)
            count, batch = count + len(batch), []
    if batch:
        write(batch)
        count += len(batch)
    return count


def _sqlite_writer(table, columns, ignore_duplicates):
    # Store dates exactly as SQLAlchemy does (ISO text), without the deprecated default adapters.
    sqlite3.register_adapter(date, date.isoformat)
    sqlite3.register_adapter(datetime, lambda value: value.isoformat(" "))
    cursor = db.session.connection().connection.driver_connection.cursor()
    sql = (f"INSERT {'OR IGNORE ' if ignore_duplicates else ''}INTO \"{table.name}\" "
           f"({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})")
    return lambda batch: cursor.executemany(sql, batch)


def _core_writer(table, columns, ignore_duplicates):
    statement = sa.dialects.postgresql.insert(table).on_conflict_do_nothing() if ignore_duplicates \
        else sa.insert(table)
    return lambda batch: db.session.execute(statement, [dict(zip(columns, row)) for row in batch])


def generate(args, rng: random.Random, timings: dict) -> dict:
    """The programme, table by table; returns a few facts for the report."""
    last_year = date.today().year
    first_year = last_year - args.years + 1
    scale = args.employees / sum(a.headcount for a in AGENCIES)
    headcounts = [max(1, round(a.headcount * scale)) for a in AGENCIES]

    started = time.perf_counter()
    insert_chunks(Agency.__table__, ((i + 1, a.code, a.name, a.kind, headcounts[i]) for i, a in enumerate(AGENCIES)),
                  ("id", "code", "name", "kind", "headcount"))
    insert_chunks(Community.__table__, ((i + 1, i + 1, f"CoP {a.code}", "", "", datetime.now())
                                        for i, a in enumerate(AGENCIES)),
                  ("id", "agency_id", "name", "theme", "description", "created_at"))
    owners = [agency_id for agency_id, n in enumerate(headcounts, start=1) for _ in range(n)]
    now = datetime.now()
    insert_chunks(User.__table__, ((i + 1, f"{i + 1:018d}", f"Pegawai {i + 1}", owners[i], True, "id", now)
                                   for i in range(len(owners))),
                  ("id", "nip", "name", "agency_id", "active", "locale", "created_at"))
    timings["agencies, communities, employees"] = time.perf_counter() - started

    started = time.perf_counter()
    meetings = _meetings(rng, first_year, last_year, len(AGENCIES))
    insert_chunks(Meeting.__table__, ((m[0], m[1], m[2], m[2].year, (m[2].month - 1) // 3 + 1, "Pertemuan",
                                       "offline", 0, m[3], now, now, "", "", "", "") for m in meetings),
                  ("id", "community_id", "held_on", "year", "quarter", "topic", "format", "head_count",
                   "accompanied_at", "created_at", "updated_at", "agenda", "place", "minutes_md",
                   "facilitator_feedback"))
    stages = [str(s) for s in SeciStage]
    insert_chunks(MeetingSeciStage.__table__, ((m[0], stage) for m in meetings for stage in rng.sample(stages, rng.randint(1, 2))),
                  ("meeting_id", "stage"))
    timings["meetings (+SECI)"] = time.perf_counter() - started

    started = time.perf_counter()
    by_community: dict[int, list] = {}
    for meeting in meetings:
        by_community.setdefault(meeting[1], []).append(meeting)
    km = [str(s) for s in KmStage]
    insert_chunks(Asset.__table__, (_asset(rng, i + 1, by_community, km, now, last_year) for i in range(args.assets)),
                  ("id", "community_id", "meeting_id", "title", "asset_type", "km_stage", "visibility", "status",
                   "published_on", "next_review_on", "created_at", "updated_at", "summary"))
    timings["assets"] = time.perf_counter() - started

    started = time.perf_counter()
    # Secondary indexes are built after the load: one sorted build instead of 2 million
    # random insertions into each (the unique constraint stays and rejects duplicates).
    indexes = list(AssetAccess.__table__.indexes)
    for index in indexes:
        index.drop(db.session.connection())
    inserted = _accesses(args, rng, owners, headcounts, first_year, last_year)
    timings["asset accesses"] = time.perf_counter() - started
    started = time.perf_counter()
    for index in indexes:
        index.create(db.session.connection())
    timings["asset access indexes"] = time.perf_counter() - started
    timings["readers per period (fill)"] = _fill_readers()
    _advance_sequences()
    db.session.commit()
    return {"meetings": len(meetings), "accesses": inserted, "assets": args.assets, "first_year": first_year, "last_year": last_year,
            "employees": len(owners)}


def _fill_readers() -> float:
    """period_reader from the access rows, as the application's bulk loaders fill it; its
    secondary index built afterwards (one sorted build). Returns the seconds taken."""
    started = time.perf_counter()
    connection = db.session.connection()
    indexes = list(PeriodReader.__table__.indexes)
    for index in indexes:
        index.drop(connection)
    fill_from_accesses(connection)
    for index in indexes:
        index.create(connection)
    db.session.commit()
    return time.perf_counter() - started


def _advance_sequences():
    """Rows were loaded with explicit ids: PostgreSQL's id sequences must start after them."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in (Agency.__table__, Community.__table__, User.__table__, Meeting.__table__, Asset.__table__,
                  AssetAccess.__table__):
        db.session.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                                   f"(SELECT max(id) FROM \"{table.name}\"))"))


def _meetings(rng, first_year, last_year, communities) -> list[tuple]:
    """One or two meetings per CoP per quarter (some skip one), 70% accompanied."""
    result, next_id = [], 1
    for year in range(first_year, last_year + 1):
        for quarter in range(1, 5):
            first, last = quarter_bounds(year, quarter)
            for community_id in range(1, communities + 1):
                for _ in range(rng.choice((0, 1, 1, 1, 2))):
                    held = first + timedelta(days=rng.randrange((last - first).days + 1))
                    accompanied = datetime.combine(held, datetime.min.time()) if rng.random() < 0.7 else None
                    result.append((next_id, community_id, held, accompanied))
                    next_id += 1
    return result


def _asset(rng, asset_id, by_community, km, now, last_year):
    community_id = rng.randrange(1, len(by_community) + 1)
    source = rng.choice(by_community[community_id]) if rng.random() < 0.85 else None
    published = (source[2] if source else date(last_year, 1, 1)) + timedelta(days=rng.randrange(0, 20))
    return (asset_id, community_id, source[0] if source else None, f"Aset {asset_id}", "sop", rng.choice(km), "all",
            "published" if rng.random() < 0.95 else "draft", published, published + timedelta(days=365), now, now, "")


def _accesses(args, rng, owners, headcounts, first_year, last_year) -> int:
    """Readers drawn from an active share of each agency (30-75%), on random days."""
    offsets, start = [], 0
    for n in headcounts:
        offsets.append((start, max(1, int(n * rng.uniform(0.3, 0.75)))))
        start += n
    first_day = date(first_year, 1, 1).toordinal()
    days = date(last_year, 12, 31).toordinal() - first_day + 1
    now, kinds = datetime.now(), ("open", "download")
    agencies = rng.choices(range(len(headcounts)), weights=headcounts, k=args.accesses)

    def rows():
        for index, agency_index in enumerate(agencies):
            base, active = offsets[agency_index]
            user_id = base + rng.randrange(active) + 1
            yield (index + 1, rng.randrange(1, args.assets + 1), user_id, agency_index + 1,
                   date.fromordinal(first_day + rng.randrange(days)), kinds[index & 1], now)
    return insert_chunks(AssetAccess.__table__, rows(),
                         ("id", "asset_id", "user_id", "agency_id", "accessed_on", "kind", "at"),
                         ignore_duplicates=True)


def measure(label, fn, repeat) -> dict:
    fn()  # warm-up: first run pays for cold caches and SQL compilation
    times, cpu, peaks = [], [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    for _ in range(min(repeat, 2)):  # memory apart: tracing slows Python down several times
        tracemalloc.start()
        fn()
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return {"label": label, "p50": statistics.median(times), "max": max(times), "cpu": statistics.median(cpu),
            "peak": max(peaks)}


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    workdir = tempfile.mkdtemp(prefix="dashboard-bench-")
    url, schema, admin_engine = _database(args, workdir)
    # No background worker thread: it would only wait for the loader's write lock and take CPU.
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "JOBS_WORKER": "external",
                      "SQLALCHEMY_DATABASE_URI": url}, instance_path=os.path.join(workdir, "instance"))
    timings: dict[str, float] = {}
    try:
        with app.app_context():
            reused = args.reuse or (args.sqlite_file and os.path.exists(args.sqlite_file))
            db.create_all()
            if reused:
                _bring_up_to_date(timings)
                facts = _existing_facts()
            else:
                with _fast_loading():
                    facts = generate(args, rng, timings)
                _admin()
                _analyze(admin_engine, url)
            rows = _measure_all(app, args, facts)
            _report(args, facts, timings, rows, db.engine.dialect.name)
            if args.summary:
                _write_summary(args.summary, facts, rows, db.engine.dialect.name)
            if db.engine.dialect.name == "sqlite":
                _explain()
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if schema:
            with admin_engine.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))


@contextlib.contextmanager
def _fast_loading():
    """While loading a throwaway SQLite file: no fsync and a big page cache. Measurements
    afterwards run on fresh connections with the application's own settings."""
    if db.engine.dialect.name != "sqlite":
        yield
        return

    def tune(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA synchronous = OFF")
        dbapi_connection.execute("PRAGMA cache_size = -262144")
    db.session.remove()
    db.engine.dispose()
    sa.event.listen(db.engine, "connect", tune)
    try:
        yield
    finally:
        db.session.remove()
        sa.event.remove(db.engine, "connect", tune)
        db.engine.dispose()


def _analyze(admin_engine, url) -> None:
    """PostgreSQL after a bulk load: statistics and the visibility map, as autovacuum would
    leave them a little later (index-only scans need the latter)."""
    if admin_engine is None:
        return
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            conn.execute(sa.text(f'VACUUM ANALYZE "{table.name}"'))
    engine.dispose()


def _database(args, workdir):
    if not args.database_url:
        return f"sqlite:///{args.sqlite_file or os.path.join(workdir, 'bench.db')}", None, None
    from kmapp.config import normalise_database_url
    base = normalise_database_url(args.database_url)
    schema = args.schema or f"kmbench_{uuid.uuid4().hex[:8]}"
    admin_engine = sa.create_engine(base)
    with admin_engine.begin() as conn:
        args.reuse = bool(args.schema) and conn.scalar(sa.text(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = :schema AND table_name = 'asset_access'"),
            {"schema": schema}) > 0
        conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}", None if args.schema else schema, admin_engine


def _bring_up_to_date(timings: dict) -> None:
    """A kept file generated before migration 0010: its readers per period and asset index."""
    connection = db.session.connection()
    if db.session.scalar(sa.select(PeriodReader.year).limit(1)) is None:
        timings["readers per period (fill, kept file)"] = _fill_readers()
        connection = db.session.connection()
    names = {index["name"] for index in sa.inspect(connection).get_indexes("asset")}
    for index in Asset.__table__.indexes:
        if index.name not in names:
            index.create(connection)
    if "ix_asset_published_on" in names:  # the plain index the covering one replaces
        connection.execute(sa.text("DROP INDEX ix_asset_published_on"))
    db.session.commit()


def _existing_facts() -> dict:
    count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
    years = db.session.execute(sa.select(sa.func.min(Meeting.year), sa.func.max(Meeting.year))).one()
    return {"meetings": count(Meeting), "accesses": count(AssetAccess), "assets": count(Asset), "first_year": years[0],
            "last_year": years[1], "employees": count(User) - 1}


def _admin():
    admin = User(username="admin", name="Admin", agency_id=1, password_hash=hash_password(PASSWORD))
    admin.role_rows = [UserRole(role=str(Role.ADMIN))]
    db.session.add(admin)
    db.session.commit()


def _measure_all(app, args, facts) -> list[dict]:
    year = facts["last_year"] - 1  # a complete year
    rows = [measure(f"build_dashboard(year={year})", lambda: build_dashboard(Filters(year), date.today()), args.repeat),
            measure(f"build_dashboard(year={year}, quarter=3)",
                    lambda: build_dashboard(Filters(year, 3), date.today()), args.repeat),
            measure(f"build_dashboard(year={year}, kind=dinas)",
                    lambda: build_dashboard(Filters(year, kind="dinas"), date.today()), args.repeat)]
    largest = db.session.scalar(sa.select(Agency.id).order_by(Agency.headcount.desc(), Agency.id).limit(1))
    db.session.remove()
    client = app.test_client()
    assert client.post("/login", data={"login": "admin", "password": PASSWORD}).status_code == 302

    def get(url, headers=None):
        def run():
            response = client.get(url, headers={"Accept-Encoding": "gzip", **(headers or {})})
            assert response.status_code == 200, response.status_code
            run.size = len(response.data)
        return run
    for url in (f"/programme/?year={year}", f"/programme/?year={year}&quarter=3",
                f"/programme/export.csv?year={year}", f"/programme/export.xlsx?year={year}",
                f"/programme/agencies/{largest}"):
        runner = get(url)
        row = measure(f"GET {url}", runner, args.repeat)
        row["bytes"] = runner.size
        rows.append(row)
    # The panels the dashboard page loads with htmx once it is shown (maturity early warning,
    # knowledge handover): part of what the user waits for.
    for url in ("/maturity/watch", "/handover/programme"):
        runner = get(url, {"HX-Request": "true"})
        row = measure(f"GET {url} (dashboard panel)", runner, args.repeat)
        row["bytes"] = runner.size
        rows.append(row)
    return rows


def _write_summary(path, facts, rows, dialect):
    with open(path, "w") as handle:
        json.dump({"database": dialect, "accesses": facts["accesses"], "employees": facts["employees"],
                   "rows": [{key: row[key] for key in ("label", "p50", "max", "cpu")} for row in rows]}, handle)


def _report(args, facts, timings, rows, dialect):
    print(f"\n## Programme dashboard benchmark ({dialect})\n")
    print(f"{len(AGENCIES)} agencies, {facts['employees']:,} employees, {facts['meetings']:,} meetings "
          f"({facts['first_year']}-{facts['last_year']}), {facts['assets']:,} assets, {facts['accesses']:,} access rows; "
          f"{args.repeat} timed runs after one warm-up.\n")
    print("| data generation | seconds |\n| --- | ---: |")
    for label, seconds in timings.items():
        print(f"| {label} | {seconds:.1f} |")
    print("\n| measurement | p50 ms | max ms | p50 CPU ms | peak Python memory (tracemalloc) | response (gzip) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        size = f"{row['bytes'] / 1024:.1f} KB" if "bytes" in row else ""
        print(f"| {row['label']} | {row['p50'] * 1000:.0f} | {row['max'] * 1000:.0f} | {row['cpu'] * 1000:.0f} | "
              f"{row['peak'] / 1024 / 1024:.1f} MB | {size} |")
    goal = 150 if facts["accesses"] <= 2_500_000 else 300
    print(f"\n| page (GET, p50) | ms | goal (< {goal} ms) |\n| --- | ---: | --- |")
    for row in rows:
        if row["label"].startswith("GET "):
            print(f"| {row['label'][4:]} | {row['p50'] * 1000:.0f} | {'met' if row['p50'] * 1000 < goal else 'MISSED'} |")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nLoad average at the end (1, 5, 15 min): {load} on {os.cpu_count()} cores.")
    print("\nWall time is what a user waits on this shared 2-core machine; CPU time (SQLite runs "
          "in-process) is the work itself, less sensitive to other load.")
    print(f"Process peak RSS (including data generation): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _explain():
    """The plans of the heaviest queries, to show which index they use."""
    print("\nSQLite query plans (readers per agency, overall readers, an agency's history, assets per "
          "agency and quarter):\n")
    for sql in ("SELECT agency_id, count(*) FROM period_reader WHERE year = 2024 AND quarter = 0 "
                "AND agency_id IN (1, 2, 3) GROUP BY agency_id",
                "SELECT count(DISTINCT user_id) FROM period_reader WHERE year = 2024 AND quarter = 0 "
                "AND agency_id IN (1, 2, 3)",
                "SELECT year, quarter, count(*) FROM period_reader WHERE agency_id = 1 GROUP BY year, quarter",
                "SELECT community.agency_id, count(asset.id) FROM asset JOIN community ON asset.community_id = "
                "community.id WHERE asset.status = 'published' AND asset.published_on >= '2024-01-01' "
                "AND asset.published_on <= '2024-12-31' GROUP BY 1"):
        plan = db.session.execute(sa.text("EXPLAIN QUERY PLAN " + sql)).all()
        print("    " + " / ".join(row[-1] for row in plan))


if __name__ == "__main__":
    main()
