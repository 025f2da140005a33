"""Load held: locust against waitress with the production settings, on the demo data.

    .venv/bin/python bench/reliability/load.py [--database sqlite|postgresql] [--users 50,100,200]
        [--seconds 60] [--storm 200] [--threads 8] [--connection-limit 1000]

For each number of simulated users (think time 5 s; mix: search 60%, asset page or download 25%,
home 10%, a lead's meeting and upload 5%) it prints requests/s, p50/p95/p99 and the server's CPU
use (cores busy, and the whole machine's: the database server shares it) in steady state, from
10 s after the last user arrived (the users arrive and sign in over 10 s; that burst is the storm's
business), and the errors of the whole run. Then a sign-in storm: `--storm` users sign in within 10 s and every sign-in must
succeed within 15 s of the storm's start. Loopback only; the server and
locust share this machine's cores (locust's own CPU is printed too).
"""
import argparse
import csv
import os
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.browser.liveserver import (PROJECT_ROOT, app_environment, copy_demo_instance,  # noqa: E402
                                      free_port, prepare_demo_instance, wait_until_healthy)

HERE = Path(__file__).resolve().parent
LOAD_PASSWORD = "beban-" + secrets.token_hex(4)
LEADS = 3
STORM_SPREAD_SECONDS = 10
STORM_DEADLINE_SECONDS = 15
RAMP_SECONDS = 10  # users arrive (and sign in) over this long,
SETTLE_SECONDS = 10  # and statistics start this long after the last one arrived
WAITRESS = {"threads": 8, "connection_limit": 1000, "channel_timeout": 60, "worker": "embedded", "processes": 1}

MAKE_USERS = """
import sys
from sqlalchemy import insert, select
from kmapp import create_app
from kmapp.auth.passwords import hash_password
from kmapp.extensions import db
from kmapp.models import Agency, Community, CommunityMember, MemberRole, Role, User, UserRole
app = create_app()
count, password = int(sys.argv[1]), sys.argv[2]
with app.app_context():
    digest = hash_password(password)  # one hash for every load account: hashing is not under test here
    agencies = db.session.scalars(select(Agency.id).order_by(Agency.id)).all()
    cop = db.session.scalar(select(Community).where(Community.name == "JAK-HIGH"))
    rows = [dict(username=f"load.{n}", name=f"Pegawai Uji {n}", agency_id=agencies[n % len(agencies)],
                 password_hash=digest, active=True, locale="id") for n in range(1, count + 1)]
    rows += [dict(username=f"loadlead.{n}", name=f"Ketua Uji {n}", agency_id=cop.agency_id, password_hash=digest,
                  active=True, locale="id") for n in range(LEADS)]
    db.session.execute(insert(User), rows)
    ids = dict(db.session.execute(select(User.username, User.id).where(User.username.like("load%"))).all())
    db.session.execute(insert(UserRole), [dict(user_id=user_id, role=Role.EMPLOYEE.value) for user_id in ids.values()]
                       + [dict(user_id=ids[f"loadlead.{n}"], role=Role.COP_LEAD.value) for n in range(LEADS)])
    db.session.execute(insert(CommunityMember), [dict(community_id=cop.id, user_id=ids[f"loadlead.{n}"],
                                                      role=MemberRole.LEAD.value) for n in range(LEADS)])
    db.session.commit()
    print(cop.id)
""".replace("LEADS", str(LEADS))


@dataclass
class Endpoint:
    name: str
    requests: int
    median: float
    p95: float
    average: float


@dataclass
class Result:
    label: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    server_cores: float
    client_cores: float
    machine_cores: float  # every process on the machine (the database server included)
    endpoints: list = None  # Endpoint rows, slowest first


class Server:
    def __init__(self, workdir: Path, database_url: str | None, settings: dict):
        self.instance = workdir / "instance"
        self.env = app_environment(self.instance)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.settings = settings
        self.log_path = workdir / "waitress.log"
        self.process = None
        self.worker = None
        self.url = ""

    def prepare(self, users: int, seeded: Path | None = None) -> str:
        if seeded:  # the test suite's demo, seeded once per run the same way
            copy_demo_instance(seeded, self.instance)
        else:
            prepare_demo_instance(self.instance, self.env)
        done = subprocess.run([sys.executable, "-c", MAKE_USERS, str(users), LOAD_PASSWORD], cwd=PROJECT_ROOT,
                              env=self.env, capture_output=True, text=True, check=True)
        return done.stdout.strip().splitlines()[-1]

    def start(self) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = self.env | {"KMAPP_ENV_MODE": "production", "KMAPP_JOBS_WORKER": self.settings["worker"]}
        with open(self.log_path, "a") as log:
            if self.settings["worker"] == "external":  # the background work in a process of its own
                self.worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "kmapp", "worker"],
                                               cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            self.process = subprocess.Popen(self._server_command(port), cwd=PROJECT_ROOT, env=env, stdout=log,
                                            stderr=subprocess.STDOUT)
        wait_until_healthy(self.url, self.process, self.log_path)

    def _server_command(self, port: int) -> list[str]:
        settings = self.settings
        if settings["processes"] == 1:
            return [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{port}", f"--threads={settings['threads']}",
                    f"--connection-limit={settings['connection_limit']}",
                    f"--channel-timeout={settings['channel_timeout']}", "--call", "kmapp:create_app"]
        # Several processes (Linux): gunicorn's threaded workers; each process has its own GIL.
        return [sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "-w", str(settings["processes"]),
                "-k", "gthread", "--threads", str(settings["threads"]),
                "--worker-connections", str(settings["connection_limit"]), "--timeout", "120", "wsgi:app"]

    def cpu_seconds(self) -> float:
        """The web server's CPU (its worker processes included), and the job worker's."""
        pids = [self.process.pid] + _children(self.process.pid) + ([self.worker.pid] if self.worker else [])
        return sum(process_cpu_seconds(pid) for pid in pids)

    def stop(self) -> None:
        for process in filter(None, (self.process, self.worker)):
            process.terminate()
            process.wait(timeout=30)
        self.worker = None


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent not idle since boot (Linux /proc/stat)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its waited-for children (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def run_locust(server: Server, cop_id: str, users: int, seconds: int, spawn_rate: float, classes: list[str],
               workdir: Path, label: str, extra_env: dict | None = None, ramp_seconds: float = 0) -> Result:
    """Run locust for `ramp_seconds` + `seconds`. Latencies, requests/s and CPU count only the
    last `seconds` (steady state: every user has signed in; a sign-in burst is the storm's
    business); errors count the whole run, ramp included."""
    prefix = workdir / f"locust-{label}"
    failures = workdir / f"failures-{label}.log"
    env = server.env | {"LOAD_PASSWORD": LOAD_PASSWORD, "LOAD_COP_ID": cop_id, "LOAD_TODAY": date.today().isoformat(),
                        "LOAD_FAILURE_LOG": str(failures), "LOAD_STEADY_AFTER": str(ramp_seconds),
                        **(extra_env or {})}
    command = [str(Path(sys.executable).parent / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
               "-u", str(users), "-r", str(spawn_rate), "-t", f"{ramp_seconds + seconds:.0f}s", "--host",
               server.url, "--csv", str(prefix), "--only-summary", "--stop-timeout", "30", "--loglevel", "WARNING",
               *classes]
    log = workdir / f"locust-{label}.log"
    with open(log, "w") as errors:
        locust = subprocess.Popen(command, cwd=HERE, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        steady = time.monotonic() + ramp_seconds
        server_before = machine_before = None
        client_cpu = client_before = 0.0
        while locust.poll() is None:
            if server_before is None and time.monotonic() >= steady:
                server_before, machine_before = server.cpu_seconds(), machine_busy_seconds()
                client_before, steady = client_cpu, time.monotonic()
            try:
                client_cpu = process_cpu_seconds(locust.pid)
            except FileNotFoundError:
                break
            time.sleep(0.5)
    stderr = log.read_text()
    elapsed = time.monotonic() - steady
    server_cores = (server.cpu_seconds() - (server_before or 0)) / elapsed if server_before is not None else 0.0
    machine_cores = (machine_busy_seconds() - machine_before) / elapsed if machine_before is not None else 0.0
    rows = _stats_rows(Path(f"{prefix}_stats.csv"), stderr)
    aggregated = next(row for row in rows if row["Name"] == "Aggregated")
    endpoints = sorted((Endpoint(f"{row['Type']} {row['Name']}", int(row["Request Count"]), float(row["50%"]),
                                 float(row["95%"]), float(row["Average Response Time"]))
                        for row in rows if row["Name"] != "Aggregated" and int(row["Request Count"])),
                       key=lambda e: -e.p95)
    failed = len(failures.read_text().splitlines()) if failures.exists() else 0
    return Result(label, int(aggregated["Request Count"]), max(failed, int(aggregated["Failure Count"])),
                  float(aggregated["Requests/s"]), float(aggregated["50%"]), float(aggregated["95%"]),
                  float(aggregated["99%"]), server_cores, (client_cpu - client_before) / elapsed, machine_cores,
                  endpoints)


def _stats_rows(path: Path, stderr: str) -> list[dict]:
    if not path.exists():
        raise RuntimeError(f"locust wrote no statistics:\n{stderr[-3000:]}")
    with open(path) as handle:
        return list(csv.DictReader(handle))


def run_storm(server: Server, cop_id: str, users: int, workdir: Path) -> tuple[Result, float, int]:
    """Sign-ins spread over 10 s; returns the stats, when the last sign-in ended, and how many did."""
    log = workdir / "sign-ins.log"
    result = run_locust(server, cop_id, users, STORM_SPREAD_SECONDS + STORM_DEADLINE_SECONDS,
                        users / STORM_SPREAD_SECONDS, ["SignInStorm"], workdir, "storm",
                        {"LOAD_SIGNIN_LOG": str(log)})
    pairs = [tuple(map(float, line.split())) for line in log.read_text().splitlines()] if log.exists() else []
    last = (max(end for _, end in pairs) - min(start for start, _ in pairs)) if pairs else float("inf")
    return result, last, len(pairs)  # from the first sign-in sent to the last one answered


def postgres_url() -> tuple[str, str]:
    import sqlalchemy as sa
    base = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    schema = f"kmload_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}", schema


def drop_schema(schema: str) -> None:
    import sqlalchemy as sa
    base = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    engine = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def run(database: str, user_counts: list[int], seconds: int, storm: int, workdir: Path, settings: dict,
        seeded: Path | None = None) -> dict:
    """`seeded`: an instance folder prepare_demo_instance filled, copied instead of seeding anew (SQLite)."""
    url, schema = postgres_url() if database == "postgresql" else (None, None)
    server = Server(workdir, url, settings)
    try:
        cop_id = server.prepare(max(user_counts + [storm]) * 2, None if url else seeded)
        results = []
        for users in user_counts:
            server.start()
            try:
                results.append(run_locust(server, cop_id, users, seconds, max(1.0, users / RAMP_SECONDS),
                                          ["Employee", "Lead"], workdir, f"{users}-users",
                                          ramp_seconds=RAMP_SECONDS + SETTLE_SECONDS))
            finally:
                server.stop()
        storm_result = None
        if storm:
            server.start()
            try:
                storm_result = run_storm(server, cop_id, storm, workdir)
            finally:
                server.stop()
        return {"database": database, "results": results, "storm": storm_result}
    finally:
        if schema:
            drop_schema(schema)


def print_report(report: dict, settings: dict) -> None:
    print(f"database {report['database']}; waitress threads={settings['threads']} "
          f"connection-limit={settings['connection_limit']} channel-timeout={settings['channel_timeout']} "
          f"worker={settings['worker']} processes={settings['processes']}")
    print(f"{'users':<12}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
          f"{'server cores':>14}{'locust cores':>14}{'machine cores':>15}")
    for r in report["results"] + ([report["storm"][0]] if report["storm"] else []):
        print(f"{r.label:<12}{r.requests:>9}{r.failures:>8}{r.rps:>8.1f}{r.p50:>8.0f}{r.p95:>8.0f}{r.p99:>8.0f}"
              f"{r.server_cores:>14.2f}{r.client_cores:>14.2f}{r.machine_cores:>15.2f}")
    for r in report["results"]:
        print(f"  {r.label} by page (slowest p95 first):")
        for e in r.endpoints:
            print(f"    {e.name:<44}{e.requests:>7}{e.median:>8.0f}{e.p95:>8.0f}  avg {e.average:.0f} ms")
    if report["storm"]:
        result, last, count = report["storm"]
        print(f"sign-in storm: {count} signed in, {result.failures} errors, last answered {last:.1f} s after the first "
              f"was sent (deadline {STORM_DEADLINE_SECONDS} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--users", default="50,100,200")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--storm", type=int, default=200)
    parser.add_argument("--threads", type=int, default=WAITRESS["threads"])
    parser.add_argument("--connection-limit", type=int, default=WAITRESS["connection_limit"])
    parser.add_argument("--channel-timeout", type=int, default=WAITRESS["channel_timeout"])
    parser.add_argument("--processes", type=int, default=1,
                        help="1: waitress (any OS); more: gunicorn threaded workers (Linux)")
    parser.add_argument("--worker", choices=("embedded", "external"), default=WAITRESS["worker"],
                        help="background work in the web process, or in `flask worker` beside it")
    args = parser.parse_args()
    settings = {"threads": args.threads, "connection_limit": args.connection_limit,
                "channel_timeout": args.channel_timeout, "worker": args.worker, "processes": args.processes}
    with tempfile.TemporaryDirectory(prefix="kmapp-load-") as workdir:
        report = run(args.database, [int(n) for n in args.users.split(",") if n], args.seconds, args.storm,
                     Path(workdir), settings)
    print_report(report, settings)
    failures = sum(r.failures for r in report["results"])
    storm_ok = not report["storm"] or (report["storm"][0].failures == 0 and report["storm"][2] == args.storm
                                       and report["storm"][1] <= STORM_DEADLINE_SECONDS)
    return 0 if failures == 0 and storm_ok else 1


if __name__ == "__main__":
    sys.exit(main())
