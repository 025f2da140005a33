"""The demo's programme guide: the work plan shows the dashboard's own default targets, the
modules link to real assets everyone may open, and the pages stay light."""
import gzip
import re

import pytest
from bs4 import BeautifulSoup

from kmapp.demo.seed import DEMO_PASSWORD
from kmapp.programme.dashboard import Filters, build_dashboard

from .conftest import sign_in
from .demo_instance import DEMO_TODAY, close, open_copy


@pytest.fixture(scope="module")
def demo(demo_template, tmp_path_factory):
    app = open_copy(demo_template, tmp_path_factory.mktemp("demo-guide"), JOBS_WORKER="external")
    yield app
    close(app)


def _client(demo, login):
    client = demo.test_client()
    assert sign_in(client, login, DEMO_PASSWORD).status_code == 302
    return client


def _gzip_size(client, path: str) -> int:
    response = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200, path
    body = response.data if response.headers.get("Content-Encoding") == "gzip" else gzip.compress(response.data)
    return len(body)


def test_the_work_plan_shows_the_dashboards_targets(demo):
    client = _client(demo, "pegawai")
    index = BeautifulSoup(client.get("/guide").data, "html.parser")
    links = [a["href"] for a in index.select("main a[href^='/guide/']") if a["href"] != "/guide/print"]
    assert len(links) == 5
    plan = BeautifulSoup(client.get("/guide/rencana-kerja-program?year=2026").data, "html.parser")
    rows = plan.find(id="work_plan").find("tbody").find_all("tr")
    with demo.test_request_context():
        dashboard = build_dashboard(Filters(2026), DEMO_TODAY)
    for quarter, row in enumerate(rows, start=1):
        target = dashboard.default_targets[quarter]
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        assert [cells[1], cells[2], cells[3].split()[0]] == [
            str(target.min_meetings), str(target.min_accompanied), str(target.min_assets)]


def test_the_modules_link_to_assets_an_employee_may_open(demo):
    client = _client(demo, "pegawai")
    for slug in ("modul-1-mencatat-pertemuan-komunitas", "modul-2-mengunggah-aset-dari-pertemuan",
                 "modul-3-meninjau-aset-setiap-tahun"):
        article = BeautifulSoup(client.get(f"/guide/{slug}").data, "html.parser").find("article")
        [link] = [a["href"] for a in article.find_all("a") if re.fullmatch(r"/assets/\d+", a["href"])]
        assert client.get(link).status_code == 200, (slug, link)


def test_the_guide_pages_stay_light(demo):
    client = _client(demo, "admin")
    sizes = {path: _gzip_size(client, path) for path in
             ("/guide", "/guide/rencana-kerja-program", "/guide/peran-dan-wewenang", "/guide/print",
              "/guide/rencana-kerja-program/edit")}
    print("\n" + "\n".join(f"  {path}: {size / 1024:.1f} KB (gzip)" for path, size in sizes.items()))
    assert max(sizes.values()) < 50 * 1024
