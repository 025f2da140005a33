"""Notification benchmark: a programme-wide announcement fanned out to every employee, and the
header's unread count on a large notification table (issue 14's goals: fan-out under 5 s for
65,000 employees, the count under 5 ms with 10 million rows).

Builds a temporary SQLite file (or a fresh schema of --database-url, dropped afterwards) with
--employees users, times `fan_out` (one INSERT ... SELECT, as the job does) for all of them,
then tops the table up to --rows notifications with bulk inserts (a tenth of them unread),
and times `unread_count` for people with 0, a few and many unread rows.

    .venv/bin/python bench/notifications_bench.py                       # 65,000 / 10,000,000
    .venv/bin/python bench/notifications_bench.py --rows 1000000        # quicker
    .venv/bin/python bench/notifications_bench.py --database-url postgresql://postgres@127.0.0.1:5432/test
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import sqlalchemy as sa  # noqa: E402

from kmapp import create_app  # noqa: E402
from kmapp.config import normalise_database_url  # noqa: E402
from kmapp.extensions import db  # noqa: E402
from kmapp.models import Agency, User  # noqa: E402
from kmapp.notifications.events import fan_out, unread_count  # noqa: E402


def build_app(url: str | None, folder: str):
    config = {"TESTING": True, "SECRET_KEY": "bench", "JOBS_WORKER": "external"}
    schema = None
    if url:
        schema = f"kmbench_{uuid.uuid4().hex[:8]}"
        base = normalise_database_url(url)
        with sa.create_engine(base).begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        config["SQLALCHEMY_DATABASE_URI"] = f"{base}?options=-csearch_path%3D{schema}"
    return create_app(config, instance_path=os.path.join(folder, "instance")), schema


def add_employees(count: int) -> None:
    agency = Agency(code="BENCH", name="Badan Bench", kind="badan", headcount=count)
    db.session.add(agency)
    db.session.flush()
    db.session.execute(sa.insert(User), [{"username": f"pegawai{i}", "name": f"Pegawai {i}",
                                          "agency_id": agency.id, "active": True, "locale": "id"}
                                         for i in range(count)])
    db.session.commit()


def top_up(rows: int, employees: int) -> None:
    """Bulk rows spread over everyone; every tenth unread, as after years of use."""
    have = db.session.scalar(sa.text("SELECT count(*) FROM notification"))
    batch = 200_000
    while have < rows:
        n = min(batch, rows - have)
        db.session.execute(sa.text(
            "INSERT INTO notification (user_id, kind, params, created_at, read_at) "
            "SELECT 1 + (CAST(x AS BIGINT) * 7919) % :employees, 'asset.new', '{}', CURRENT_TIMESTAMP, "
            "CASE WHEN x % 10 = 0 THEN NULL ELSE CURRENT_TIMESTAMP END "
            "FROM (" + series_sql() + ") AS s"), {"start": have, "stop": have + n, "employees": employees})
        db.session.commit()
        have += n


def series_sql() -> str:
    if db.engine.dialect.name == "postgresql":
        return "SELECT generate_series(:start, :stop - 1) AS x"
    return ("WITH RECURSIVE c(x) AS (SELECT :start UNION ALL SELECT x + 1 FROM c WHERE x + 1 < :stop) "
            "SELECT x FROM c")


def time_ms(function, repeat: int = 500) -> tuple[float, float]:
    for _ in range(20):  # warm: the pages of this person's index entries are read once
        function()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=65_000)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app, schema = build_app(args.database_url, folder)
        try:
            with app.app_context():
                db.create_all()
                add_employees(args.employees)
                started = time.perf_counter()
                written = fan_out("asset.new", {"asset_id": 1, "title": "Pengumuman program", "community_id": 1,
                                                "community": "BPSDM"}, sa.select(User.id).where(User.active.is_(True)))
                db.session.commit()
                fan_out_s = time.perf_counter() - started
                print(f"| {db.engine.dialect.name} | fan-out to {written:,} employees | {fan_out_s:.2f} s |")
                started = time.perf_counter()
                top_up(args.rows, args.employees)
                print(f"(filled to {args.rows:,} rows in {time.perf_counter() - started:.0f} s)")
                # A table in use is vacuumed by autovacuum; right after a bulk load it is not yet, and
                # every index-only count would visit the heap.
                if db.engine.dialect.name == "postgresql":
                    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                        conn.execute(sa.text("VACUUM ANALYZE notification"))
                else:
                    db.session.execute(sa.text("ANALYZE"))
                    db.session.commit()
                explain = "EXPLAIN ANALYZE " if db.engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
                plan = db.session.execute(sa.text(explain + "SELECT count(*) FROM notification "
                                                  "WHERE user_id = 1 AND read_at IS NULL")).all()
                print("\n".join("    " + " ".join(str(c) for c in row) for row in plan))
                per_user = args.rows // args.employees
                for user_id, label in ((1, f"~{per_user // 10} unread of ~{per_user}"),
                                       (args.employees, f"~{per_user // 10} unread (last id)")):
                    p50, p95 = time_ms(lambda: unread_count(user_id))
                    print(f"| {db.engine.dialect.name} | unread count, {label} | p50 {p50:.3f} ms, p95 {p95:.3f} ms |")
                p50, p95 = time_ms(lambda: unread_count(args.employees + 10))
                print(f"| {db.engine.dialect.name} | unread count, nobody's rows | p50 {p50:.3f} ms, p95 {p95:.3f} ms |")
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
            if schema:
                with sa.create_engine(normalise_database_url(args.database_url)).begin() as conn:
                    conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
