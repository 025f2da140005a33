"""The agency's and the programme's handover figures: coming departures (recorded and forecast), done /
waiting / due / overdue, and the share of the last 12 months' departures with a confirmed handover."""
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from kmapp.extensions import db
from kmapp.handover.figures import agency_handover_figures, programme_handover_rows
from kmapp.models import Agency, Departure, Handover, HandoverState, Role

from .conftest import user
from .fixtures_handover import as_user

TODAY = date(2026, 12, 1)


def gone(person, days_ago: int, confirmed: bool) -> Departure:
    state = HandoverState.CONFIRMED if confirmed else HandoverState.IN_PROGRESS
    return Departure(user=person, kind="retirement", leaving_on=TODAY - timedelta(days=days_ago), handover=Handover(
        state=state.value, submitted_at=datetime(2026, 1, 1) if confirmed else None,
        confirmed_at=datetime(2026, 1, 2) if confirmed else None))


def coming(person, days: int, state: HandoverState) -> Departure:
    done = state in (HandoverState.SUBMITTED, HandoverState.CONFIRMED)
    return Departure(user=person, kind="retirement", leaving_on=TODAY + timedelta(days=days), handover=Handover(
        state=state.value, submitted_at=datetime(2026, 11, 1) if done else None,
        confirmed_at=datetime(2026, 11, 2) if state == HandoverState.CONFIRMED else None))


@pytest.fixture
def agencies(app, world):
    with app.app_context():
        a, b = db.session.get(Agency, world.agency_a), db.session.get(Agency, world.agency_b)
        staff = [user(f"a{i}", a, Role.EMPLOYEE) for i in range(8)] + [user(f"b{i}", b, Role.EMPLOYEE) for i in range(3)]
        forecast = user("tua.a", a, Role.EMPLOYEE, nip="196806152000031001")  # 58 in June 2026 -> 2026-07-01: past
        forecast_coming = user("tua2.a", a, Role.EMPLOYEE, nip="196904152000031001")  # -> 2027-05-01
        db.session.add_all([
            gone(staff[0], 100, True), gone(staff[1], 200, False), gone(staff[2], 400, False),  # 400: too old
            coming(staff[3], 10, HandoverState.IN_PROGRESS),      # overdue (30-day window)
            coming(staff[4], 100, HandoverState.NOT_STARTED),     # due
            coming(staff[5], 50, HandoverState.SUBMITTED),        # awaiting
            coming(staff[6], 20, HandoverState.CONFIRMED),        # done
            gone(staff[8], 30, True), gone(staff[9], 60, True),   # agency B: 2 of 2
        ])
        db.session.commit()
        return {"a": a.id, "b": b.id}


def test_agency_figures(app, agencies):
    with app.app_context():
        figures = agency_handover_figures(agencies["a"], TODAY)
        assert (figures.coming, figures.coming_forecast, figures.done, figures.awaiting, figures.due,
                figures.overdue) == (5, 1, 1, 1, 1, 1)
        assert (figures.past_departures, figures.past_confirmed, figures.share) == (2, 1, 0.5)


def test_programme_rows_put_the_agencies_most_at_risk_first(app, agencies):
    with app.app_context():
        rows = programme_handover_rows(TODAY)
        assert [row.agency.id for row in rows] == [agencies["a"], agencies["b"]]
        assert rows[1].figures.share == 1.0


def test_programme_page_and_exports(app, client, agencies, monkeypatch):
    monkeypatch.setattr("kmapp.handover.departure_routes.today", lambda: TODAY)
    monkeypatch.setattr("kmapp.handover.exports.today", lambda: TODAY)
    as_user(client, "admin")
    page = client.get("/handover/programme", headers={"HX-Request": "true"})
    body = page.get_data(as_text=True)
    assert "<html" not in body and "HX-Request" in page.headers["Vary"]
    assert "50,0% (1/2)" in body
    assert body.index("Dinas Kesehatan") < body.index("Dinas Pendidikan")
    csv_text = client.get("/handover/programme.csv").get_data(as_text=True)
    assert csv_text.startswith("\ufeff") and "DINKES;Dinas Kesehatan;2;1;0,5000;5;1;1;1;1;1" in csv_text
    book = load_workbook(__import__("io").BytesIO(client.get("/handover/programme.xlsx").data))
    sheet = book.active
    assert sheet["B2"].value == "Dinas Kesehatan" and sheet["E2"].value == 0.5 and sheet["E2"].number_format == "0.0%"
    assert "Serah terima pengetahuan per perangkat daerah" in client.get("/programme/").get_data(as_text=True)


def test_agency_pages_show_the_figures_and_the_leavers(app, client, agencies, world, monkeypatch):
    monkeypatch.setattr("kmapp.handover.departure_routes.today", lambda: TODAY)
    as_user(client, "admin")
    page = client.get(f"/handover/agencies/{agencies['a']}").get_data(as_text=True)
    assert "Tua2.A" in page and "perkiraan dari NIP" in page and "terlambat" in page
    # Staff without a NIP are listed apart with the reason.
    assert "tidak ada NIP" in page
    agency_page = client.get(f"/programme/agencies/{agencies['a']}").get_data(as_text=True)
    assert "Serah terima pengetahuan" in agency_page and "Siapa yang akan pergi" in agency_page
    client.post("/logout")
    as_user(client, "pegawai")  # an employee of agency B sees his agency's figures, not the names
    agency_page = client.get(f"/programme/agencies/{agencies['b']}").get_data(as_text=True)
    assert "Serah terima pengetahuan" in agency_page and "Siapa yang akan pergi" not in agency_page
