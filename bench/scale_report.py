"""Issue 13's "Done when" table, measured in one run: indexing before/after, search at scale on
Whoosh, PostgreSQL and stemmed FTS5, and the dashboard at 2 million accesses on both databases.

Runs bench/indexing_bench.py, bench/search_bench.py and bench/dashboard_bench.py one after the
other (each engine's queries in a fresh process), reads the JSON summaries they write and prints
one Markdown table, with the machine's load before and after. Generated data is kept in
--data-dir (the search corpus and indexes, the dashboard's SQLite file; PostgreSQL schemas
``kmbench_N`` and ``kmbench_dashboard``), so a second run re-measures without rebuilding
(pass --rebuild to build again).

    .venv/bin/python bench/scale_report.py --data-dir /work/benchdata               # 100,000 assets
    .venv/bin/python bench/scale_report.py --n 2000 --accesses 20000 --indexing-n 300  # a quick check

PostgreSQL comes from --database-url or TEST_DATABASE_URL. The Whoosh index is warmed as the
app warms a newly opened generation (kmapp/search/warming.py) before the cold pass.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
QUERY_KINDS = ("one-word", "two-word", "phrase", "faceted", "very common word")
DASHBOARD_PAGES = (("yearly dashboard", "/programme/?year="), ("largest agency page", "/programme/agencies/"),
                   ("CSV export", "/programme/export.csv"), ("XLSX export", "/programme/export.xlsx"),
                   ("dashboard's maturity panel", "/maturity/watch"),
                   ("dashboard's handover panel", "/handover/programme"))


def run(script, *arguments, summary):
    command = [sys.executable, os.path.join(BENCH, script), *map(str, arguments), "--summary", summary]
    print("$", " ".join(command[1:]), file=sys.stderr, flush=True)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=sys.stderr)
    print(f"  ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    with open(summary) as handle:
        return json.load(handle)


def load():
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def indexing_rows(summary):
    rows = []
    base = None
    for result in summary["rows"]:
        per_cpu = result["documents"] / result["cpu"]
        base = base or per_cpu
        rows.append((f"indexing {result['documents']:,} assets, {result['config']} path, "
                     f"{result['processes']} process{'es' if result['processes'] > 1 else ''}",
                     f"{per_cpu:.0f} docs/CPU-s ({per_cpu / base:.2f}x)", f"{result['documents'] / result['wall']:.0f} docs/s wall"))
    return rows


def search_rows(summary):
    rows = []
    n = summary["n"]
    for engine, figures in summary["builds"].items():
        if figures.get("wall") and engine != "Whoosh (plain)":
            rows.append((f"build {n:,} assets: {engine}", f"{n / figures['cpu']:,.0f} assets/CPU-s",
                         f"{n / figures['wall']:,.0f} assets/s wall, {figures['size'] / 1e6:,.0f} MB"))
    for engine, kind, label, _hits, p50, p95, cpu50, cpu95 in summary["rows"]:
        if kind in QUERY_KINDS:
            rows.append((f"search {n:,}: {engine}, {kind} ({label})", f"p50 {p50:.1f} / p95 {p95:.1f} ms",
                         f"CPU p50 {cpu50:.1f} / p95 {cpu95:.1f} ms"))
    return rows


def dashboard_rows(summary):
    rows = []
    for name, prefix in DASHBOARD_PAGES:
        for row in summary["rows"]:
            if row["label"].startswith("GET " + prefix) and "quarter" not in row["label"]:
                rows.append((f"{name}, {summary['accesses']:,} accesses, {summary['database']}",
                             f"p50 {row['p50'] * 1000:.0f} ms", f"CPU {row['cpu'] * 1000:.0f} ms, max {row['max'] * 1000:.0f} ms"))
                break
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/tmp/kmapp-scale")
    parser.add_argument("--n", type=int, default=100_000, help="assets for the search benchmark")
    parser.add_argument("--queries", type=int, default=60, help="queries per kind")
    parser.add_argument("--indexing-n", type=int, default=3000, help="assets for the indexing benchmark")
    parser.add_argument("--plain-queries", type=int, default=5,
                        help="queries per kind for plain Whoosh (seconds each at 100,000 assets)")
    parser.add_argument("--accesses", type=int, default=2_000_000)
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--skip", action="append", default=[], choices=("indexing", "search", "dashboard"))
    args = parser.parse_args()
    if not args.database_url:
        raise SystemExit("PostgreSQL is part of the table: give --database-url or set TEST_DATABASE_URL")
    os.makedirs(args.data_dir, exist_ok=True)
    summary = lambda name: os.path.join(args.data_dir, f"summary-{name}.json")  # noqa: E731
    before, started = load(), time.perf_counter()
    rows = []
    if "indexing" not in args.skip:
        rows += indexing_rows(run("indexing_bench.py", "--n", args.indexing_n, "--corpus-dir", args.data_dir,
                                  summary=summary("indexing")))
    if "search" not in args.skip:
        extra = ["--rebuild"] if args.rebuild else []
        rows += search_rows(run("search_bench.py", "--n", args.n, "--queries", args.queries, "--backend", "all",
                                "--plain-whoosh", "--plain-queries", args.plain_queries, "--warm-up", "--data-dir", args.data_dir, "--database-url", args.database_url,
                                *extra, summary=summary("search")))
    if "dashboard" not in args.skip:
        sqlite_file = os.path.join(args.data_dir, f"dashboard-{args.accesses}.sqlite")
        if args.rebuild and os.path.exists(sqlite_file):
            os.remove(sqlite_file)
        rows += dashboard_rows(run("dashboard_bench.py", "--accesses", args.accesses, "--sqlite-file", sqlite_file,
                                   summary=summary("dashboard-sqlite")))
        rows += dashboard_rows(run("dashboard_bench.py", "--accesses", args.accesses, "--database-url",
                                   args.database_url, "--schema", f"kmbench_dashboard_{args.accesses}",
                                   summary=summary("dashboard-postgresql")))
    print(f"\n## Scale report ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {(time.perf_counter() - started) / 60:.0f} min)\n")
    print(f"Load average (1, 5, 15 min) before: {before}; after: {load()}.\n")
    print("| measurement | result | also |\n|---|---|---|")
    for name, result, also in rows:
        print(f"| {name} | {result} | {also} |")


if __name__ == "__main__":
    main()
