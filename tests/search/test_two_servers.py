"""Several app servers on one PostgreSQL database (SEARCH_BACKEND = "postgres"): two waitress
processes on different ports share the database (a schema of its own) and one upload folder.
An asset uploaded through one is found through the other at once; a narrowed visibility is
effective on both at once; the text inside its file follows when the extraction job has run."""
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from ..browser.liveserver import PROJECT_ROOT, app_environment, free_port, wait_until_healthy
from ..conftest import PASSWORD
from ..fixtures_assets import asset_form, pdf_bytes
from ..fixtures_search import total_of
from ..postgres_schema import URL, fresh_schema

pytestmark = pytest.mark.skipif(not URL, reason="TEST_DATABASE_URL is not set")
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 and its Location are the answer


class Browser:
    """Cookies, CSRF tokens and multipart bodies against one server."""

    def __init__(self, base_url: str):
        self.base = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect())

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, fields: dict, files: dict | None = None) -> tuple[int, str]:
        fields = {"csrf_token": CSRF.search(self.get(path)).group(1), **fields}
        if files:
            body, content_type = _multipart(fields, files)
        else:
            body, content_type = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=body, headers={"Content-Type": content_type})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, ""
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location", "")

    def sign_in(self, login: str) -> None:
        assert self.post("/login", {"login": login, "password": PASSWORD, "next": ""})[0] == 302

    def total(self, q: str) -> int:
        return total_of(self.get("/search?" + urllib.parse.urlencode({"q": q})))


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "dua-server-batas"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
             for name, value in fields.items()]
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f'Content-Type: application/pdf\r\n\r\n'.encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def two_servers(tmp_path):
    """Yield (url of server A, url of server B, the world's ids) over one fresh PostgreSQL schema."""
    with fresh_schema() as database_url:
        world = _prepare_database(database_url, tmp_path)
        processes, urls = [], []
        try:
            for name in ("a", "b"):
                env = app_environment(tmp_path / f"instance-{name}") | {
                    "DATABASE_URL": database_url, "KMAPP_SEARCH_BACKEND": "postgres",
                    "KMAPP_UPLOAD_DIR": str(tmp_path / "shared-uploads")}
                port, log_path = free_port(), tmp_path / f"waitress-{name}.log"
                with open(log_path, "w") as log:
                    processes.append(subprocess.Popen(
                        [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{port}", "--threads=4",
                         "--call", "kmapp:create_app"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
                urls.append(f"http://127.0.0.1:{port}")
                wait_until_healthy(urls[-1], processes[-1], log_path)
            yield urls[0], urls[1], world
        finally:
            for process in processes:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _prepare_database(database_url: str, tmp_path):
    """Migrations (0015 creates the search tables) and the test world, as an operator would."""
    from flask_migrate import upgrade

    from kmapp import create_app
    from kmapp.extensions import db

    from ..conftest import World
    app = create_app({"SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_BACKEND": "postgres"},
                     instance_path=str(tmp_path / "instance-setup"))
    with app.app_context():
        upgrade()
        world = World()
        ids = {"cop_a": world.cop_a.id, "meeting_a": world.meeting_a.id}
        db.session.remove()
        db.engine.dispose()
    return ids


def test_an_asset_uploaded_through_one_server_is_found_through_the_other_and_narrowing_it_hides_it_on_both(
        two_servers):
    url_a, url_b, world = two_servers
    lead_on_a, employee_on_a, employee_on_b = Browser(url_a), Browser(url_a), Browser(url_b)
    lead_on_a.sign_in("lead.a")
    employee_on_a.sign_in("pegawai")  # another agency, not in the CoP
    employee_on_b.sign_in("pegawai")

    form = asset_form(world["cop_a"], world["meeting_a"], title="Pedoman Tanggap Banjir Rob")
    status, location = lead_on_a.post("/assets/new", form,
                                      {"files": ("banjir.pdf", pdf_bytes("Posko evakuasi diarsipkan tiap bulan."))})
    assert status == 302, location
    asset_id = int(location.rsplit("/", 1)[1])
    assert employee_on_b.total("banjir rob") == 1  # at once: the row committed with the upload

    deadline = time.monotonic() + 30  # the file's text follows when server A's worker has read it
    while employee_on_b.total("pengarsipan evakuasi") == 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert employee_on_b.total("pengarsipan evakuasi") == 1

    status, _ = lead_on_a.post(f"/assets/{asset_id}/edit", {**form, "visibility": "community"})
    assert status == 302
    assert employee_on_b.total("banjir rob") == 0 and employee_on_a.total("banjir rob") == 0
    assert employee_on_b.total("pengarsipan evakuasi") == 0
