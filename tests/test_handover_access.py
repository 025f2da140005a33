"""Who may do what with departures and handovers: an HR officer only in his own agency, the departing
employee only on his own handover, the supervisor confirms only his own staff's."""
from datetime import date, timedelta

import pytest

from kmapp.extensions import db
from kmapp.models import Departure, Handover, HandoverState, User

from .fixtures_handover import as_user, depart, people


@pytest.fixture
def ids(app, world):
    with app.app_context():
        found = people(world)
        found["handover"] = depart(found["leaving"], days=120).handover.id
        found["handover_b"] = depart(found["other"], days=100).handover.id
        found["departure_b"] = db.session.get(Handover, found["handover_b"]).departure_id
        return found


def leaving_on() -> str:
    return (date.today() + timedelta(days=200)).isoformat()


def test_hr_officer_manages_only_his_own_agency(app, client, world, ids):
    as_user(client, "hr.a")
    assert client.get(f"/handover/agencies/{world.agency_a}").status_code == 200
    assert client.get(f"/handover/agencies/{world.agency_b}").status_code == 404
    assert client.get(f"/handover/people/{ids['other']}").status_code == 404
    assert client.post(f"/handover/agencies/{world.agency_b}/departures",
                       data={"login": "guru.b", "kind": "retirement", "leaving_on": leaving_on()}).status_code == 404
    # Naming another agency's employee on his own agency's form is refused too.
    response = client.post(f"/handover/agencies/{world.agency_a}/departures",
                           data={"login": "guru.b", "kind": "retirement", "leaving_on": leaving_on()})
    assert response.status_code == 422
    assert client.post(f"/handover/departures/{ids['departure_b']}/cancel").status_code == 404
    assert client.get(f"/handover/{ids['handover_b']}").status_code == 404
    assert client.post(f"/handover/people/{ids['other']}", data={"position_class": "functional_top"}).status_code == 404
    with app.app_context():
        assert db.session.get(User, ids["other"]).position_class is None
        assert not db.session.get(Departure, ids["departure_b"]).cancelled
    # His own agency: allowed.
    assert client.post(f"/handover/people/{ids['colleague']}",
                       data={"position_class": "functional_top", "supervisor": "atasan.a"}).status_code == 302
    with app.app_context():
        colleague = db.session.get(User, ids["colleague"])
        assert colleague.position_class == "functional_top" and colleague.supervisor_id == ids["boss"]


def test_an_admin_manages_every_agency(client, world, ids):
    as_user(client, "admin")
    assert client.get(f"/handover/agencies/{world.agency_b}").status_code == 200
    assert client.post(f"/handover/people/{ids['other']}", data={"position_class": "functional_middle"}).status_code \
        == 302


def test_employees_see_no_departures_pages(client, world, ids):
    as_user(client, "pegawai")
    assert client.get(f"/handover/agencies/{world.agency_b}").status_code == 404
    assert client.get("/handover/").status_code == 403
    assert client.get("/handover/programme").status_code == 403


def test_the_departing_employee_edits_only_his_own_handover(app, client, ids):
    as_user(client, "guru.b")
    assert client.get(f"/handover/{ids['handover']}").status_code == 404
    assert client.post(f"/handover/{ids['handover']}/fields/duties", data={"duties": "x"}).status_code == 404
    assert client.post(f"/handover/{ids['handover']}", data={"duties": "x", "visibility": "agency"}).status_code == 404
    assert client.post(f"/handover/{ids['handover_b']}/fields/duties", data={"duties": "Mengajar"}).status_code == 302
    with app.app_context():
        assert db.session.get(Handover, ids["handover"]).duties == ""
        assert db.session.get(Handover, ids["handover_b"]).duties == "Mengajar"


def test_the_supervisor_reads_but_does_not_fill_in(app, client, ids):
    as_user(client, "atasan.a")
    assert client.get(f"/handover/{ids['handover']}").status_code == 200
    assert client.post(f"/handover/{ids['handover']}/fields/duties", data={"duties": "x"}).status_code == 403


def test_a_supervisor_confirms_only_his_own_staff(app, client, ids):
    with app.app_context():
        for handover_id in (ids["handover"], ids["handover_b"]):
            handover = db.session.get(Handover, handover_id)
            handover.duties = handover.pending_matters = handover.document_locations = "isi"
            handover.state, handover.submitted_at = HandoverState.SUBMITTED.value, db.func.now()
        db.session.commit()
    as_user(client, "atasan.a")
    assert client.post(f"/handover/{ids['handover_b']}/confirm", data={"decision": "confirm"}).status_code == 404
    assert client.post(f"/handover/{ids['handover']}/confirm", data={"decision": "return"}).status_code == 302
    with app.app_context():
        assert db.session.get(Handover, ids["handover"]).state == HandoverState.IN_PROGRESS
        assert db.session.get(Handover, ids["handover_b"]).state == HandoverState.SUBMITTED


def test_the_cop_lead_of_the_agency_helps_fill_in(app, client, ids):
    as_user(client, "lead.a")
    assert client.post(f"/handover/{ids['handover']}/fields/contacts", data={"contacts": "Pak Budi"},
                       headers={"HX-Request": "true"}).status_code == 200
    assert client.get(f"/handover/{ids['handover_b']}").status_code == 404
