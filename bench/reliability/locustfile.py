"""Locust users for bench/reliability/load.py: employees and CoP leads on a working day.

The mix (by task weight): search 60%, an asset page or a download 25%, the home page 10%,
a lead logging a meeting or uploading an asset 5%; 5 s think time (an employee reads what
the page shows). Accounts `load.N` (employees) and `loadlead.N` (leads of JAK-HIGH) are made by
load.py; the password comes from LOAD_PASSWORD.
"""
import itertools
import os
import random
import re
import threading
import time

import gevent
from locust import HttpUser, between, events, task

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
ASSET_LINK = re.compile(r'href="/assets/(\d+)"')
DOWNLOAD_LINK = re.compile(r'href="(/assets/\d+/files/\d+/download)"')
WORDS = ["arsip", "pelayanan", "kesehatan", "sop", "rapat koordinasi", "pengarsipan", "retensi", "anggaran",
         "banjir", "pendidikan", "inovasi", "laporan", "panduan teknis", "pergub", "puskesmas", "\"tata kelola\"",
         "keuangan daerah", "modul", "perizinan", "kearsipan dinamis"]
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
THINK_SECONDS = float(os.environ.get("LOAD_THINK_SECONDS", "5"))
FAILURE_LOG = os.environ.get("LOAD_FAILURE_LOG")
_numbers = itertools.count(1)
_numbers_lock = threading.Lock()


def next_number() -> int:
    with _numbers_lock:
        return next(_numbers)


def sign_in(client, login: str) -> None:
    page = client.get("/login", name="/login")
    token = CSRF.search(page.text).group(1)
    with client.post("/login", data={"csrf_token": token, "login": login, "password": PASSWORD, "next": ""},
                     allow_redirects=False, name="sign in", catch_response=True) as response:
        if response.status_code != 302:
            response.failure(f"sign-in answered {response.status_code}")


@events.test_start.add_listener
def _measure_from_steady_state(environment, **_):
    """Forget the statistics of the first LOAD_STEADY_AFTER seconds: the users' arrival and
    sign-ins (measured on their own by the storm), and the queue they leave behind."""
    steady_after = float(os.environ.get("LOAD_STEADY_AFTER", "0"))
    if steady_after:
        gevent.spawn_later(steady_after, environment.stats.reset_all)


@events.request.add_listener
def _remember_failure(request_type, name, exception=None, **_):
    """Every failed request, arrival included: the statistics forget the arrival."""
    if exception and FAILURE_LOG:
        with _numbers_lock, open(FAILURE_LOG, "a") as out:
            out.write(f"{request_type} {name}: {exception!r}"[:300].replace("\n", " ") + "\n")


class Employee(HttpUser):
    """Reads: searches, opens assets, downloads, comes back to the home page."""
    weight = 19
    wait_time = between(THINK_SECONDS * 0.5, THINK_SECONDS * 1.5)

    def on_start(self):
        self.number = next_number()
        sign_in(self.client, f"load.{self.number}")
        self.seen_assets: list[str] = []

    @task(60)
    def search(self):
        response = self.client.get("/search", params={"q": random.choice(WORDS)}, name="/search?q=")
        self.seen_assets = ASSET_LINK.findall(response.text)[:10] or self.seen_assets

    @task(25)
    def asset(self):
        if not self.seen_assets:
            return self.search()
        page = self.client.get(f"/assets/{random.choice(self.seen_assets)}", name="/assets/<id>")
        downloads = DOWNLOAD_LINK.findall(page.text)
        if downloads and random.random() < 0.4:
            self.client.get(downloads[0], name="/assets/<id>/files/<id>/download")

    @task(10)
    def home(self):
        self.client.get("/", name="/")


class Lead(HttpUser):
    """Writes: a CoP lead logs a meeting, then uploads the asset it produced."""
    weight = 1
    wait_time = between(THINK_SECONDS * 0.5, THINK_SECONDS * 1.5)

    def on_start(self):
        self.number = next_number()
        sign_in(self.client, f"loadlead.{self.number % 3}")
        self.cop = os.environ["LOAD_COP_ID"]

    @task
    def log_meeting_and_upload(self):
        form = self.client.get(f"/cops/{self.cop}/meetings/new", name="/cops/<id>/meetings/new")
        token = CSRF.search(form.text).group(1)
        topic = f"Rapat beban {self.number}-{random.randrange(10**9)}"
        self.client.post(f"/cops/{self.cop}/meetings/new", name="/cops/<id>/meetings/new [POST]",
                         allow_redirects=False,
                         data={"csrf_token": token, "held_on": os.environ["LOAD_TODAY"], "topic": topic,
                               "agenda": "Agenda rapat", "format": "offline", "place": "Aula", "head_count": "15",
                               "seci_stages": "socialization", "minutes": "Notulen **singkat**.", "guests": ""})
        upload = self.client.get(f"/assets/new?cop={self.cop}", name="/assets/new")
        token = CSRF.search(upload.text).group(1)
        meeting = re.search(r'<option value="(\d+)"[^>]*>[^<]*' + re.escape(topic), upload.text)
        self.client.post("/assets/new", name="/assets/new [POST]", allow_redirects=False,
                         data={"csrf_token": token, "cop": self.cop, "meeting": meeting.group(1) if meeting else "",
                               "title": f"Hasil {topic}", "summary": "Ringkasan hasil rapat.", "asset_type": "report",
                               "km_stage": "sharing", "visibility": "all", "tags": "beban"},
                         files={"files": ("hasil.pdf", PDF_BYTES, "application/pdf")})


class SignInStorm(HttpUser):
    """Monday 08:00: everyone signs in within seconds, then reads the home page once."""
    weight = 1  # load.py names the classes to run: the storm alone, or employees and leads
    wait_time = between(30, 60)

    def on_start(self):
        started = time.time()
        sign_in(self.client, f"load.{next_number()}")
        home = self.client.get("/", name="/")
        log = os.environ.get("LOAD_SIGNIN_LOG")
        if log and home.status_code == 200 and "Keluar" in home.text:  # signed in: the page has the sign-out button
            with _numbers_lock, open(log, "a") as out:
                out.write(f"{started} {time.time()}\n")

    @task
    def idle(self):
        pass


def _pdf() -> bytes:
    from kmapp.demo.pdfgen import text_to_pdf
    return text_to_pdf("Hasil rapat komunitas. " * 60, "Hasil rapat")


PDF_BYTES = _pdf()

