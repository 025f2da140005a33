"""The home page: something to read for everyone, and each role's next task."""
from datetime import date, timedelta

from kmapp.clock import local_today
from kmapp.extensions import db
from kmapp.models import Asset, AssetAccess, Meeting

from .fixtures_assets import act_as  # noqa: F401  (fixture)


def _asset(app, world, title, **fields):
    with app.app_context():
        asset = Asset(community_id=world.cop_a, title=title, asset_type="sop", km_stage="sharing",
                      **{"published_on": local_today(), **fields})
        db.session.add(asset)
        db.session.commit()
        return asset.id


def test_employee_sees_recent_and_most_used_assets_he_may_read(app, client, act_as, world):
    public = _asset(app, world, "SOP untuk semua")
    _asset(app, world, "Khusus Dinkes", visibility="agency")
    with app.app_context():
        db.session.add_all([AssetAccess(asset_id=public, user_id=uid, agency_id=None, accessed_on=local_today())
                            for uid in (world.lead_a, world.employee, world.admin)])
        db.session.commit()
    act_as("employee")
    page = client.get("/").get_data(as_text=True)
    assert "SOP untuk semua" in page and "Khusus Dinkes" not in page
    assert "3 pembaca" in page


def test_facilitator_sees_meetings_awaiting_his_confirmation(app, client, act_as, world):
    with app.app_context():
        meeting = db.session.get(Meeting, world.meeting_a)
        meeting.held_on = local_today() - timedelta(days=3)
        db.session.commit()
    act_as("facilitator")
    page = client.get("/").get_data(as_text=True)
    assert "Perlu tindakan Anda" in page and "Berbagi praktik baik" in page
    assert "menunggu konfirmasi pendampingan" in page
    act_as("lead_a")
    assert "menunggu konfirmasi pendampingan" not in client.get("/").get_data(as_text=True)


def test_lead_is_told_how_many_assets_need_review(app, client, act_as, world):
    _asset(app, world, "SOP lama", next_review_on=date(2024, 1, 1))
    act_as("lead_a")
    page = client.get("/").get_data(as_text=True)
    assert "1 aset perlu ditinjau dalam 30 hari" in page and "/assets/due" in page
    act_as("employee")
    assert "perlu ditinjau" not in client.get("/").get_data(as_text=True)


# --- issue 12: the lead's task list starts with the running Triwulan; ways into the assets ---

def _home_on(client, monkeypatch, day: date):
    """The home page as it reads on `day` (the running Triwulan and the days left depend on it)."""
    monkeypatch.setattr("kmapp.main.routes.local_today", lambda: day)
    from bs4 import BeautifulSoup
    return BeautifulSoup(client.get("/").data, "html.parser")


def test_a_leads_home_starts_with_the_running_quarters_gap(app, client, act_as, world, monkeypatch):
    _asset(app, world, "SOP lama", next_review_on=date(2024, 1, 1))  # a second task, after the quarter
    act_as("lead_a")
    page = _home_on(client, monkeypatch, date(2026, 11, 30))
    tasks = page.find("section", class_="tasks")
    assert page.find("h1").find_next("section") is tasks  # the page starts with the tasks
    first, second = tasks.find_all("li")[:2]
    assert first.get_text(" ", strip=True) == (
        "Triwulan IV berakhir 31 Des (31 hari lagi): kurang 1 pertemuan, 1 aset dari pertemuan — Catat pertemuan")
    assert first.find("a")["href"] == f"/cops/{world.cop_a}/meetings/new"
    assert "1 aset perlu ditinjau" in second.get_text()
    assert "task-warn" not in first["class"]  # 31 days left: not yet a warning
    near = _home_on(client, monkeypatch, date(2026, 12, 15)).find("section", class_="tasks").find("li")
    assert "task-warn" in near["class"] and "(16 hari lagi)" in near.get_text()


def test_the_quarter_task_turns_to_the_next_step_and_to_done(app, client, act_as, world, monkeypatch):
    with app.app_context():
        from .conftest import meeting
        from kmapp.models import Community
        held = meeting(db.session.get(Community, world.cop_a), date(2026, 10, 5), "Pertemuan TW IV")
        db.session.add(held)
        db.session.commit()
        held_id = held.id
    act_as("lead_a")
    first = _home_on(client, monkeypatch, date(2026, 11, 30)).find("section", class_="tasks").find("li")
    assert "kurang 1 aset dari pertemuan" in first.get_text() and "pertemuan," not in first.get_text()
    assert first.find("a").get_text() == "Unggah aset" and first.find("a")["href"] == f"/assets/new?cop={world.cop_a}"
    _asset(app, world, "Hasil pertemuan", meeting_id=held_id, published_on=date(2026, 10, 6))
    first = _home_on(client, monkeypatch, date(2026, 11, 30)).find("section", class_="tasks").find("li")
    assert "target sudah tercapai" in first.get_text() and "task-ok" in first["class"]


def test_people_who_lead_nothing_get_no_quarter_task(client, act_as, world, monkeypatch):
    for who in ("employee", "admin", "facilitator"):
        act_as(who)
        page = _home_on(client, monkeypatch, date(2026, 11, 30))
        assert "berakhir 31 Des" not in page.get_text(), who


def test_the_home_page_has_a_large_search_box_and_ways_in(app, client, act_as, world):
    from kmapp.models import Tag
    public = _asset(app, world, "SOP untuk semua")
    _asset(app, world, "Panduan Dinkes", visibility="agency")  # not visible to the employee of agency B
    with app.app_context():
        asset = db.session.get(Asset, public)
        asset.tags.append(Tag(name="posbindu"))
        db.session.commit()
    act_as("employee")
    from bs4 import BeautifulSoup
    page = BeautifulSoup(client.get("/").data, "html.parser")
    boxes = page.find_all("input", attrs={"type": "search"})
    assert [box["id"] for box in boxes] == ["home-q"]  # the large box replaces the header's on this page
    search = boxes[0].find_parent("form")
    assert search["action"] == "/search" and search["role"] == "search" and boxes[0]["name"] == "q"
    assert page.find("label", attrs={"for": "home-q"}).get_text() == "Cari aset pengetahuan"
    ways = page.find("div", class_="ways-in")
    assert ways.find("a", href="/search?type=sop").get_text() == "SOP"
    assert "(1)" in ways.find("a", href="/search?type=sop").find_parent("li").get_text()  # only what he may open
    agency = ways.find("select", attrs={"name": "agency"})
    assert agency.find_parent("form")["action"] == "/search"
    assert [(o["value"], o.get_text()) for o in agency.find_all("option")] == [("DINKES", "Dinas Kesehatan (1)")]
    assert ways.find("a", href="/search?q=posbindu").get_text() == "posbindu"
    other = BeautifulSoup(client.get("/cops").data, "html.parser")
    assert other.find("input", id="site-q") is not None  # every other page keeps the header's box
