"""kill -9 the real server in the middle of uploads, meeting saves and a reindex, round after round.

Each round starts waitress (production settings) on a demo instance, sends a few writes at
once as the CoP lead of JAK-HIGH, and kills the server with SIGKILL after a random moment
(or kills a running `flask reindex`). After every restart it checks that each write the
server acknowledged (302) is in the database. At the end: `flask check` (orphan and half-
written files, index against database), `check --repair`, one worker round, `check` again.

    .venv/bin/python bench/reliability/faults.py [--rounds 20] [--only uploads,meetings,reindex]

Prints a table: rounds, writes sent, acknowledged, acknowledged but lost, orphans repaired,
index in step. Exit status 1 when anything acknowledged was lost or the final check fails.
"""
import argparse
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.browser.liveserver import (PROJECT_ROOT, app_environment, copy_demo_instance,  # noqa: E402
                                      free_port, prepare_demo_instance, wait_until_healthy)

LEAD, PASSWORD, COP_NAME = "lead.dinkes", "demo12345", "JAK-HIGH"
WRITES_PER_ROUND = 4
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@dataclass
class Tally:
    rounds: int = 0
    sent: int = 0
    acknowledged: list[str] = field(default_factory=list)  # titles/topics the server said it saved
    lost: list[str] = field(default_factory=list)


class Portal:
    """The server process and a signed-in browser-like client of it."""

    def __init__(self, workdir: Path):
        self.instance = workdir / "instance"
        self.env = app_environment(self.instance) | {"KMAPP_ENV_MODE": "production"}
        self.log_path = workdir / "waitress.log"
        self.process: subprocess.Popen | None = None
        self.url = ""

    def prepare(self, seeded: Path | None = None) -> None:
        if seeded:  # the test suite's demo, seeded once per run the same way
            copy_demo_instance(seeded, self.instance)
        else:
            prepare_demo_instance(self.instance, self.env | {"KMAPP_ENV_MODE": "development"})

    def start(self) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{port}", "--threads=8", "--call",
             "kmapp:create_app"], cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        wait_until_healthy(self.url, self.process, self.log_path)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def flask(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "flask", "--app", "kmapp", *args], cwd=PROJECT_ROOT,
                              env=self.env, capture_output=True, text=True, timeout=timeout)

    def database(self) -> sqlite3.Connection:
        return sqlite3.connect(self.instance / "kmapp.db", timeout=30)


class Browser:
    """Cookies, CSRF tokens and multipart bodies, as a browser sends them."""

    def __init__(self, base_url: str):
        self.base = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect())

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, body: bytes, content_type: str, timeout: float = 60) -> int:
        request = urllib.request.Request(self.base + path, data=body, headers={"Content-Type": content_type})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def token(self, path: str) -> str:
        return CSRF.search(self.get(path)).group(1)

    def sign_in(self) -> None:
        fields = {"csrf_token": self.token("/login"), "login": LEAD, "password": PASSWORD, "next": ""}
        status = self.post("/login", urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded")
        assert status == 302, f"sign-in answered {status}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer we count, not the page behind it


def multipart(fields: dict, files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = "fault-" + os.urandom(8).hex()
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode())
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f'Content-Type: application/pdf\r\n\r\n'.encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def pdf(text: str) -> bytes:
    from kmapp.demo.pdfgen import text_to_pdf
    return text_to_pdf(text * 40, "Uji gangguan")


def community_and_meeting(portal: Portal) -> tuple[int, int]:
    with portal.database() as connection:
        cop_id = connection.execute("SELECT id FROM community WHERE name = ?", (COP_NAME,)).fetchone()[0]
        meeting_id = connection.execute("SELECT id FROM meeting WHERE community_id = ? ORDER BY held_on DESC",
                                        (cop_id,)).fetchone()[0]
    return cop_id, meeting_id


def upload_round(browser: Browser, portal: Portal, tally: Tally, label: str) -> list[threading.Thread]:
    cop_id, meeting_id = community_and_meeting(portal)
    token = browser.token(f"/assets/new?cop={cop_id}")

    def send(n: int) -> None:
        title = f"Uji gangguan {label} unggahan {n}"
        body, content_type = multipart(
            {"csrf_token": token, "cop": str(cop_id), "meeting": str(meeting_id), "title": title,
             "summary": "Ringkasan uji gangguan.", "asset_type": "report", "km_stage": "storage",
             "visibility": "all", "tags": "uji"},
            {"files": (f"uji-{label}-{n}.pdf", pdf(f"Isi dokumen {label} {n}. "))})
        tally.sent += 1
        if _survives(lambda: browser.post("/assets/new", body, content_type)) == 302:
            tally.acknowledged.append(("asset", title))
    return [threading.Thread(target=send, args=(n,)) for n in range(WRITES_PER_ROUND)]


def meeting_round(browser: Browser, portal: Portal, tally: Tally, label: str) -> list[threading.Thread]:
    cop_id, _meeting = community_and_meeting(portal)
    token = browser.token(f"/cops/{cop_id}/meetings/new")

    def send(n: int) -> None:
        topic = f"Uji gangguan {label} pertemuan {n}"
        fields = {"csrf_token": token, "held_on": time.strftime("%Y-%m-%d"), "topic": topic, "agenda": "Agenda",
                  "format": "offline", "place": "Ruang rapat", "head_count": "12", "seci_stages": "socialization",
                  "minutes": "Notulen **uji** gangguan.\n\n- butir satu\n- butir dua", "guests": ""}
        tally.sent += 1
        status = _survives(lambda: browser.post(f"/cops/{cop_id}/meetings/new",
                                                urllib.parse.urlencode(fields, doseq=True).encode(),
                                                "application/x-www-form-urlencoded"))
        if status == 302:
            tally.acknowledged.append(("meeting", topic))
    return [threading.Thread(target=send, args=(n,)) for n in range(WRITES_PER_ROUND)]


def _survives(call):
    try:
        return call()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None  # the server died first: unacknowledged, may or may not be saved


def run_write_rounds(portal: Portal, rounds: int, make_round, rng: random.Random) -> Tally:
    tally = Tally()
    for number in range(rounds):
        portal.start()
        browser = Browser(portal.url)
        browser.sign_in()
        threads = make_round(browser, portal, tally, f"r{number}-{rng.randrange(10**6)}")
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.02, 0.6))
        portal.kill()
        for thread in threads:
            thread.join()
        tally.rounds += 1
        tally.lost += [name for name in tally.acknowledged if not _stored(portal, *name)]
    return tally


def _stored(portal: Portal, kind: str, name: str) -> bool:
    query = ("SELECT 1 FROM asset WHERE title = ?" if kind == "asset" else "SELECT 1 FROM meeting WHERE topic = ?")
    with portal.database() as connection:
        return connection.execute(query, (name,)).fetchone() is not None


def run_reindex_rounds(portal: Portal, rounds: int, rng: random.Random) -> Tally:
    """Kill `flask reindex` part-way; the portal must keep answering searches from the old index."""
    tally = Tally()
    for _ in range(rounds):
        process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "kmapp", "reindex"], cwd=PROJECT_ROOT,
                                   env=portal.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 3.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        tally.rounds += 1
        tally.sent += 1
        portal.start()
        browser = Browser(portal.url)
        browser.sign_in()
        try:
            browser.get("/search?q=arsip")
        except urllib.error.HTTPError as error:
            tally.lost.append(("search", f"/search answered {error.code} after a killed reindex"))
        portal.kill()
    return tally


@dataclass
class FinalCheck:
    orphans_reported: int
    repaired: int
    parked: int  # jobs killed twice in a row with their server: parked, as the queue's rule says
    in_step: bool
    output: str


def final_check(portal: Portal) -> FinalCheck:
    """What an operator does after a crash storm: check, repair files, let the worker catch up,
    retry jobs the kills parked, check again."""
    first = portal.flask("check", "--grace-minutes", "0")
    orphans = len(re.findall(r"^berkas (?:yatim|setengah jadi)", first.stdout, re.M))
    repair = portal.flask("check", "--repair", "--grace-minutes", "0")
    repaired = int((re.search(r"Diperbaiki: (\d+)", repair.stdout) or [0, 0])[1])
    portal.flask("worker", "--once")  # what the killed servers left queued: texts, index rows
    parked = int(re.search(r"diparkir (\d+)", portal.flask("jobs").stdout)[1])
    portal.flask("jobs", "--retry-all")
    portal.flask("worker", "--once")
    last = portal.flask("check")
    return FinalCheck(orphans, repaired, parked, last.returncode == 0, last.stdout + last.stderr)


def run(rounds: int, kinds: list[str], workdir: Path, seed: int = 7, seeded: Path | None = None) -> dict:
    """`seeded`: an instance folder prepare_demo_instance filled, copied instead of seeding anew."""
    rng = random.Random(seed)
    portal = Portal(workdir)
    portal.prepare(seeded)
    results = {}
    if "uploads" in kinds:
        results["uploads"] = run_write_rounds(portal, rounds, upload_round, rng)
    if "meetings" in kinds:
        results["meetings"] = run_write_rounds(portal, rounds, meeting_round, rng)
    if "reindex" in kinds:
        results["reindex"] = run_reindex_rounds(portal, rounds, rng)
    results["final"] = final_check(portal)
    return results


def print_table(results: dict) -> None:
    print(f"{'fault':<10}{'rounds':>8}{'sent':>8}{'acked':>8}{'lost':>8}")
    for kind in ("uploads", "meetings", "reindex"):
        if kind in results:
            t = results[kind]
            print(f"{kind:<10}{t.rounds:>8}{t.sent:>8}{len(t.acknowledged):>8}{len(t.lost):>8}")
    final = results["final"]
    print(f"orphan/partial files after the kills: {final.orphans_reported}, removed by check --repair: "
          f"{final.repaired}; jobs parked after two kills: {final.parked} (retried); "
          f"index, files and jobs in step afterwards: {final.in_step}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--only", default="uploads,meetings,reindex")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kmapp-faults-") as workdir:
        started = time.monotonic()
        results = run(args.rounds, args.only.split(","), Path(workdir))
        print_table(results)
        print(f"({time.monotonic() - started:.0f} s)")
        if not results["final"].in_step:
            print(results["final"].output)
    lost = sum(len(results[k].lost) for k in ("uploads", "meetings", "reindex") if k in results)
    return 1 if lost or not results["final"].in_step else 0


if __name__ == "__main__":
    sys.exit(main())
