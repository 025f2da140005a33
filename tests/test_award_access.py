"""Who may do what in the award: leads edit only their own agency's nomination; assessors score only
the agencies assigned to them and never their own; scoring is blind on every route and partial."""
import pytest
from bs4 import BeautifulSoup

from kmapp.extensions import db
from kmapp.models import AssessorAssignment

from .conftest import sign_in
from .fixtures_award import YEAR, all_scores, as_user, criteria_ids, extra_assessors, make_round, sheet_fields

HX = {"HX-Request": "true"}


@pytest.fixture
def award(app, world, client):
    with app.app_context():
        make_round()
        ids = extra_assessors(world) | criteria_ids()
    as_user(client, "admin")
    for agency in (world.agency_a, world.agency_b):
        for assessor in (world.assessor, ids["juri2"]):
            response = client.post(f"/award/{YEAR}/assignments",
                                   data={"agency_id": str(agency), "assessor_id": str(assessor)})
            assert response.status_code == 302
    client.post("/logout")
    return type("AwardIds", (), ids)


def text(response) -> str:
    return BeautifulSoup(response.data, "html.parser").get_text(" ", strip=True)


def test_a_lead_edits_only_his_own_agencys_nomination(client, world, award, login_as):
    login_as("lead_a")
    own, other = f"/award/{YEAR}/nominations/{world.agency_a}", f"/award/{YEAR}/nominations/{world.agency_b}"
    assert client.get(own).status_code == 200
    assert client.post(own, data={"save": "1"}).status_code == 302
    assert client.get(other).status_code == 404
    assert client.post(other, data={"save": "1"}).status_code == 404
    assert client.post(f"{other}/narratives/{award.impact}", data={}).status_code == 403
    assert client.post(f"{other}/attachments", data={}).status_code == 403
    # Nor can he score, see the live ranking or the unpublished results.
    assert client.get(f"/award/{YEAR}/scores/{world.agency_b}").status_code == 403
    assert client.get(f"/award/{YEAR}/results").status_code == 404
    assert client.get(f"/award/{YEAR}/results.xlsx").status_code == 404
    assert client.post(f"/award/{YEAR}/finalise").status_code == 403


@pytest.mark.parametrize("who", ["employee", "facilitator", "assessor"])
def test_others_cannot_change_a_nomination(client, world, award, login_as, who):
    login_as(who)
    url = f"/award/{YEAR}/nominations/{world.agency_a}"
    expected_read = 200 if who == "assessor" else 404  # an assigned assessor reads it
    assert client.get(url).status_code == expected_read
    assert client.post(url, data={"save": "1"}).status_code in (403, 404)
    for path in ("/award/new", f"/award/{YEAR}/edit"):
        assert client.get(path).status_code == 403
    assert client.post(f"/award/{YEAR}/assignments", data={}).status_code == 403
    assert client.post(f"/award/{YEAR}/reopen", data={"reason": "tanpa hak sama sekali"}).status_code == 403


def test_an_assessor_scores_only_assigned_agencies(app, client, world, award):
    with app.app_context():
        from kmapp.models import Agency
        third = Agency(code="DISHUB", name="Dinas Perhubungan", kind="dinas", headcount=10)
        db.session.add(third)
        db.session.commit()
        third_id = third.id
    as_user(client, "juri")
    assert client.get(f"/award/{YEAR}/scores/{world.agency_a}").status_code == 200
    assert client.get(f"/award/{YEAR}/scores/{third_id}").status_code == 403
    assert client.post(f"/award/{YEAR}/scores/{third_id}",
                       data=sheet_fields(award.__dict__, all_scores(3))).status_code == 403
    assert client.get(f"/award/{YEAR}/nominations/{third_id}").status_code == 404
    listing = text(client.get(f"/award/{YEAR}"))
    assert "Dinas Kesehatan" in listing and "Dinas Perhubungan" not in listing


def test_an_assessor_never_scores_his_own_agency(app, client, world, award):
    as_user(client, "admin")
    refused = client.post(f"/award/{YEAR}/assignments", data={"agency_id": str(world.agency_a),
                                                              "assessor_id": str(award.juri3)})
    assert refused.status_code == 422
    assert "Penilai bekerja di perangkat daerah ini, jadi tidak boleh menilainya." in text(refused)
    # A CoP facilitator of the agency (not working there) is refused too, naming the reason.
    with app.app_context():
        from kmapp.models import Role, User
        facilitator = db.session.get(User, world.facilitator)
        facilitator.set_roles([Role.FACILITATOR, Role.ASSESSOR])
        db.session.commit()
    refused = client.post(f"/award/{YEAR}/assignments", data={"agency_id": str(world.agency_a),
                                                              "assessor_id": str(world.facilitator)})
    assert "Penilai anggota CoP perangkat daerah ini" in text(refused)
    client.post("/logout")
    # Even with an assignment written behind the rules' back, the scoring page refuses with the reason.
    with app.app_context():
        db.session.add(AssessorAssignment(round_id=1, agency_id=world.agency_a, assessor_id=award.juri3))
        db.session.commit()
    as_user(client, "juri3")
    page = client.get(f"/award/{YEAR}/scores/{world.agency_a}")
    assert page.status_code == 403 and "tidak boleh menilainya" in text(page)
    posted = client.post(f"/award/{YEAR}/scores/{world.agency_a}", data=sheet_fields(award.__dict__, all_scores(3)))
    assert posted.status_code == 403


def test_scoring_is_blind_until_the_assessor_submits(app, client, world, award):
    ids = award.__dict__
    as_user(client, "juri2")
    assert client.post(f"/award/{YEAR}/scores/{world.agency_a}",
                       data=sheet_fields(ids, all_scores(2, impact=1), comments={"impact": "ZZRAHASIA"})).status_code == 302
    client.post("/logout")
    as_user(client, "juri")
    score_url = f"/award/{YEAR}/scores/{world.agency_a}"
    others_url = f"{score_url}/others"
    # Every route and partial: the page, its block, the others' partial, the round page, results, export.
    for headers in ({}, HX):
        page = client.get(score_url, headers=headers)
        assert page.status_code == 200
        assert "Juri2" not in text(page) and "ZZRAHASIA" not in text(page) and "Nilai juri lain" not in text(page)
        assert client.get(others_url, headers=headers).status_code == 403
    assert "<html" not in client.get(score_url, headers=HX).get_data(as_text=True)
    assert "Juri2" not in text(client.get(f"/award/{YEAR}"))
    assert client.get(f"/award/{YEAR}/results").status_code == 404
    assert client.get(f"/award/{YEAR}/results.xlsx").status_code == 404
    # A draft is not enough.
    assert client.post(score_url, data=sheet_fields(ids, all_scores(3), send=False)).status_code == 302
    assert client.get(others_url).status_code == 403
    # Once his own sheet is sent, the others' scores open.
    assert client.post(score_url, data=sheet_fields(ids, all_scores(3))).status_code == 302
    for headers in ({}, HX):
        others = client.get(others_url, headers=headers)
        assert others.status_code == 200 and "Juri2" in text(others)
    assert "<html" not in client.get(others_url, headers=HX).get_data(as_text=True)
    assert client.get(others_url, headers=HX).headers["Vary"] == "HX-Request" or \
        "HX-Request" in client.get(others_url, headers=HX).headers["Vary"]
    assert "Juri2" in text(client.get(score_url))
    # Still blind for agency B, which he has not scored.
    assert client.get(f"/award/{YEAR}/scores/{world.agency_b}/others").status_code == 403


def test_data_sheet_is_for_the_programme_assessors_and_the_agencys_leads(client, world, award, login_as):
    url = f"/award/{YEAR}/datasheet/{world.agency_a}"
    login_as("lead_a")
    assert client.get(url).status_code == 200
    assert client.get(f"/award/{YEAR}/datasheet/{world.agency_b}").status_code == 404
    client.post("/logout")
    login_as("employee")
    assert client.get(url).status_code == 404
    client.post("/logout")
    as_user(client, "juri")
    page = client.get(url)
    assert page.status_code == 200 and "belum dinilai" in text(page)
    partial = client.get(url, headers=HX)
    assert "<html" not in partial.get_data(as_text=True) and "HX-Request" in partial.headers["Vary"]


def test_attachments_are_read_only_by_those_who_may_read_the_nomination(app, client, world, award, login_as):
    import io
    from .fixtures_assets import pdf_bytes
    login_as("lead_a")
    url = f"/award/{YEAR}/nominations/{world.agency_a}"
    assert client.post(f"{url}/attachments", data={"files": [(io.BytesIO(pdf_bytes("x")), "bukti.pdf")]},
                       content_type="multipart/form-data").status_code == 302
    with app.app_context():
        from kmapp.models import NominationAttachment
        attachment = db.session.query(NominationAttachment).one().id
    download = f"{url}/attachments/{attachment}"
    response = client.get(download)
    assert response.status_code == 200 and response.headers["Content-Security-Policy"] == "sandbox"
    response.close()
    client.post("/logout")
    for who, status in (("lead_b", 404), ("employee", 404), ("assessor", 200)):
        login_as(who)
        response = client.get(download)
        assert response.status_code == status, who
        response.close()
        # Another agency's URL never serves this agency's file.
        assert client.get(f"/award/{YEAR}/nominations/{world.agency_b}/attachments/{attachment}").status_code == 404
        client.post("/logout")
    login_as("lead_b")
    assert client.post(f"{url}/attachments/{attachment}/delete").status_code == 403
