"""Who knows what (issue 11, item 4): the topic evidence, the ranking on a hand-built example,
people search by stemmed topic, the people page's privacy and visibility, declared expertise."""
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from kmapp.extensions import db
from kmapp.models import DeclaredExpertise, TopicEvidenceKind, TopicEvidence, User
from kmapp.people.evidence import rebuild_topic_evidence
from kmapp.people.ranking import find_experts, ranked_people

from .conftest import sign_in
from .fixtures_communities import HX, is_fragment
from .fixtures_people import people  # noqa: F401 (fixture)


def evidence_of(user_id: int) -> set[tuple[str, str]]:
    return {(kind, term) for kind, term in db.session.execute(
        select(TopicEvidence.kind, TopicEvidence.term).where(TopicEvidence.user_id == user_id))}


def test_evidence_follows_every_commit_and_a_rebuild_gives_the_same_rows(app, people):
    with app.app_context():
        archivist = evidence_of(people.archivist)
        assert ("led", "arsip") in archivist and ("authored", "arsip") in archivist and ("led", "kelola") in archivist
        assert ("attended", "arsip") in evidence_of(people.clerk)
        nurse = db.session.scalars(select(TopicEvidence.source_id).where(
            TopicEvidence.user_id == people.nurse, TopicEvidence.kind == "authored")).all()
        assert set(nurse) == {people.restricted_asset}  # the draft is no evidence
        before = db.session.scalar(select(func.count()).select_from(TopicEvidence))
        rebuild_topic_evidence()
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(TopicEvidence)) == before


def test_ranking_on_a_hand_built_example(app, people):
    with app.app_context():
        # archivist: 3 meetings led (3 each) + 2 assets (3 each) = 15; clerk: 3 meetings attended = 3
        assert ranked_people(["arsip"]) == [(people.archivist, 15), (people.clerk, 3)]
        # Every term must be in one source: only "Pengelolaan arsip dinamis" has both.
        assert ranked_people(["kelola", "arsip"]) == [(people.archivist, 3), (people.clerk, 1)]


def test_people_search_finds_derived_words(app, client, world, people, login_as):
    login_as("lead_b")  # a member of the CoP whose attendance lists show the clerk
    page = client.get("/people?q=pengarsipan").get_data(as_text=True)
    names = [a.get_text() for a in BeautifulSoup(page, "html.parser").select(".people-list a")]
    assert names == ["Arsiparis", "Juru.Tulis"]
    assert "memimpin 3 pertemuan dan menulis 2 aset" in page
    fragment = client.get("/people?q=kearsipan", headers=HX)
    assert is_fragment(fragment) and "Arsiparis" in fragment.get_data(as_text=True)


def test_a_person_is_listed_only_with_evidence_the_viewer_may_open(app, world, people):
    with app.app_context():
        outsider = db.session.scalar(select(User).where(User.username == "pegawai"))  # Dinas Pendidikan
        insider = db.session.scalar(select(User).where(User.username == "lead.a"))  # JAK-HIGH's lead
        assert find_experts(outsider, "diabetes") == []  # the nurse's only asset is agency-only
        assert [e.person.id for e in find_experts(insider, "diabetes")] == [people.nurse]
        # The clerk's three meetings have members-only attendee lists: counted, never shown to an
        # outsider; cop_b's lead sees the two of his CoP, not JAK-HIGH's.
        assert [e.person.id for e in find_experts(outsider, "arsip")] == [people.archivist]
        lead_b = db.session.scalar(select(User).where(User.username == "lead.b"))
        clerk = next(e for e in find_experts(lead_b, "arsip") if e.person.id == people.clerk)
        assert clerk.score == 3 and clerk.count("attended") == 2


def test_people_page_shows_work_facts_only_and_what_the_viewer_may_see(app, client, world, people, login_as):
    with app.app_context():
        clerk = db.session.get(User, people.clerk)
        clerk.nip, clerk.email = "198507142010011003", "juru.tulis@jakarta.go.id"
        db.session.commit()
    login_as("employee")
    page = client.get(f"/people/{people.clerk}").get_data(as_text=True)
    assert "Juru.Tulis" in page and "juru.tulis@jakarta.go.id" in page
    assert "198507142010011003" not in page and "19850714" not in page  # the NIP carries the birth date
    # Attendee lists are members-only (the default rule): an outsider learns nothing of his attendance.
    assert "Pengelolaan arsip dinamis" not in page and "Rahasia arsip rekam medis" not in page
    assert "Pengelolaan arsip dinamis" in client.get(f"/people/{people.archivist}").get_data(as_text=True)  # led
    nurse = client.get(f"/people/{people.nurse}").get_data(as_text=True)
    assert "Panduan Diabetes untuk ASN" not in nurse and "Draf diabetes" not in nurse and "diabetes" not in nurse
    client.post("/logout")
    sign_in(client, "lead.b")
    page = client.get(f"/people/{people.clerk}").get_data(as_text=True)
    assert "Pengelolaan arsip dinamis" in page and "Rahasia arsip rekam medis" not in page
    client.post("/logout")
    sign_in(client, "lead.a")
    assert "Rahasia arsip rekam medis" in client.get(f"/people/{people.clerk}").get_data(as_text=True)
    assert "Panduan Diabetes untuk ASN" in client.get(f"/people/{people.nurse}").get_data(as_text=True)


def test_declared_expertise_is_shown_as_declared_and_can_be_hidden(app, client, world, people, login_as):
    login_as("employee")
    response = client.post("/people/me/expertise", data={"name": "  Manajemen   Arsip "}, headers=HX)
    assert response.status_code == 200 and is_fragment(response)
    assert "manajemen arsip" in response.get_data(as_text=True)
    refused = client.post("/people/me/expertise", data={"name": "manajemen arsip"})
    assert refused.status_code == 422 and "sudah ada" in refused.get_data(as_text=True)
    with app.app_context():
        me = db.session.scalar(select(User).where(User.username == "pegawai"))
        assert ("declared", "arsip") in evidence_of(me.id)
        me_id = me.id
    client.post("/logout")
    sign_in(client, "lead.a")
    assert "manajemen arsip" in client.get(f"/people/{me_id}").get_data(as_text=True)
    assert "Pegawai" in client.get("/people?q=manajemen").get_data(as_text=True)
    client.post("/logout")
    login_as("employee")
    assert client.post("/people/me/expertise/hide", data={"hidden": "y"}).status_code == 302
    assert "manajemen arsip" in client.get(f"/people/{me_id}").get_data(as_text=True)  # the owner still sees it
    client.post("/logout")
    sign_in(client, "lead.a")
    page = client.get(f"/people/{me_id}").get_data(as_text=True)
    assert "manajemen arsip" not in page and "Disembunyikan oleh pemiliknya" in page
    assert "Pegawai" not in client.get("/people?q=manajemen").get_data(as_text=True)  # nor ranked
    with app.app_context():
        assert ("declared", "arsip") not in evidence_of(me_id)


def test_nobody_removes_another_persons_declaration(app, client, world, people, login_as):
    with app.app_context():
        db.session.add(DeclaredExpertise(user_id=people.archivist, name="arsip"))
        db.session.commit()
        declared_id = db.session.scalar(select(DeclaredExpertise.id))
    login_as("employee")
    client.post("/people/me/expertise/remove", data={"declared_id": str(declared_id)})
    with app.app_context():
        assert db.session.get(DeclaredExpertise, declared_id) is not None


def test_search_results_show_up_to_three_people_after_the_assets(app, client, world, people, login_as):
    with app.app_context():
        for index in range(4):  # more people on the topic than the panel shows
            db.session.add(DeclaredExpertise(user_id=db.session.scalar(select(User.id).where(
                User.username.in_(["admin", "lead.a", "lead.b", "juri"])).order_by(User.id).offset(index)),
                name="kearsipan"))
        db.session.commit()
    login_as("lead_b")
    page = client.get("/search?q=pengarsipan").get_data(as_text=True)
    panel = BeautifulSoup(page, "html.parser").find(class_="people-panel")
    links = [a["href"] for a in panel.select("li a")]
    assert len(links) == 3 and links[0] == f"/people/{people.archivist}"
    assert "memimpin 3 pertemuan dan menulis 2 aset" in panel.get_text()
    fragment = client.get("/search?q=pengarsipan", headers=HX)
    assert is_fragment(fragment) and b"people-panel" in fragment.data
    assert b"people-panel" not in client.get("/search?q=pengarsipan&page=2").data
    assert b"people-panel" not in client.get("/search?q=zzzqqq").data
