"""Knowledge at risk (issue 11, item 5): strong people who leave within 12 months while no
confirmed handover or handover note covers their topics; listed per agency for its CoP leads
and admins, explained in words, and a task on the lead's home page."""
from datetime import date, datetime, timedelta

from bs4 import BeautifulSoup
from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import Asset, Community, Departure, Handover, User
from kmapp.people.at_risk import knowledge_at_risk

from .conftest import sign_in
from .fixtures_people import asset, people  # noqa: F401 (fixture)

SOON = date.today() + timedelta(days=90)


def leaving(app, user_id: int, on: date = SOON, kind: str = "retirement") -> int:
    with app.app_context():
        departure = Departure(user_id=user_id, kind=kind, leaving_on=on)
        db.session.add(departure)
        db.session.commit()
        return departure.id


def viewer(name: str) -> User:
    return db.session.scalar(select(User).where(User.username == name))


def test_a_strong_person_leaving_without_handover_is_at_risk_with_reasons(app, world, people):
    leaving(app, people.archivist)
    leaving(app, people.clerk)  # attended only: strong on nothing
    with app.test_request_context():
        found = knowledge_at_risk(viewer("lead.b"), world.agency_b)
        assert [item.person.id for item in found] == [people.archivist]
        topic = found[0].topics[0]
        assert topic.label == "arsip" and topic.score == 15
        assert topic.explanation == "memimpin 3 pertemuan dan menulis 2 aset"
        assert found[0].handover_words == "belum ada serah terima"
        assert knowledge_at_risk(viewer("lead.a"), world.agency_a) == []


def test_leaving_after_twelve_months_or_with_a_confirmed_handover_is_not_at_risk(app, world, people):
    departure_id = leaving(app, people.archivist, date.today() + timedelta(days=400))
    with app.test_request_context():
        assert knowledge_at_risk(viewer("admin"), world.agency_b) == []
        departure = db.session.get(Departure, departure_id)
        departure.leaving_on = SOON
        handover = Handover(departure=departure, state="in_progress", duties="Pengelolaan arsip dinamis")
        db.session.add(handover)
        db.session.commit()
        assert knowledge_at_risk(viewer("admin"), world.agency_b)[0].handover_words == "serah terima sedang diisi"
        handover.state, handover.submitted_at, handover.confirmed_at = "confirmed", datetime.now(), datetime.now()
        db.session.commit()
        assert knowledge_at_risk(viewer("admin"), world.agency_b) == []


def test_a_published_handover_note_on_the_topic_covers_it(app, world, people):
    leaving(app, people.archivist)
    with app.app_context():
        cop_b = db.session.get(Community, world.cop_b)
        note = asset(cop_b, db.session.get(User, people.archivist), "Catatan serah terima pengarsipan", ("arsip",))
        note.asset_type = "handover_note"
        db.session.commit()
        assert knowledge_at_risk(viewer("admin"), world.agency_b) == []


def test_the_explanation_counts_only_what_the_viewer_may_open(app, world, people):
    with app.test_request_context():
        nurse = db.session.get(User, people.nurse)
        cop_a = db.session.get(Community, world.cop_a)
        for title in ("Modul diabetes", "Panduan diet diabetes"):
            asset(cop_a, nurse, title, ("diabetes",), visibility="community")
        db.session.commit()
    leaving(app, people.nurse, kind="transfer")
    with app.test_request_context():
        admin_view = knowledge_at_risk(viewer("admin"), world.agency_a)
        assert admin_view[0].topics[0].explanation == "menulis 3 aset"
        # lead.a leads JAK-HIGH: community and agency assets alike are his to open
        assert knowledge_at_risk(viewer("lead.a"), world.agency_a)[0].topics[0].score == 9
        assert admin_view[0].leaving_words.startswith("pindah tugas")


def test_the_list_is_for_the_agencys_leads_and_admins(app, client, world, people):
    leaving(app, people.archivist)
    sign_in(client, "lead.b")
    page = client.get("/people/at-risk").get_data(as_text=True)
    item = BeautifulSoup(page, "html.parser").select_one("section.card li")
    assert "Arsiparis" in item.get_text() and "memimpin 3 pertemuan dan menulis 2 aset tentang \"arsip\"" in item.get_text()
    assert "belum ada serah terima" in item.get_text()
    client.post("/logout")
    sign_in(client, "lead.a")
    assert client.get(f"/people/at-risk?agency={world.agency_b}").status_code == 403
    assert "Arsiparis" not in client.get("/people/at-risk").get_data(as_text=True)
    client.post("/logout")
    sign_in(client, "pegawai")
    assert client.get("/people/at-risk").status_code == 403
    client.post("/logout")
    sign_in(client, "admin")
    assert "Arsiparis" in client.get("/people/at-risk").get_data(as_text=True)
    assert "Arsiparis" in client.get(f"/people/at-risk?agency={world.agency_b}").get_data(as_text=True)


def test_the_lead_reads_it_in_his_task_list(app, client, world, people):
    leaving(app, people.archivist)
    sign_in(client, "lead.b")
    home = client.get("/").get_data(as_text=True)
    assert "pengetahuan berisiko hilang" in home and f"/people/at-risk?agency={world.agency_b}" in home
    client.post("/logout")
    sign_in(client, "lead.a")
    assert "pengetahuan berisiko hilang" not in client.get("/").get_data(as_text=True)


def test_handovers_are_evidence_for_giver_and_successor(app, world, people):
    departure_id = leaving(app, people.archivist)
    with app.app_context():
        departure = db.session.get(Departure, departure_id)
        successor = viewer("lead.b")
        handover = Handover(departure=departure, duties="Retensi arsip inaktif", successors=[successor])
        db.session.add(handover)
        db.session.commit()
        from kmapp.people.ranking import ranked_people
        ranked = dict(ranked_people(["retensi"]))
        assert ranked[people.archivist] >= 3 and ranked[successor.id] == 2
