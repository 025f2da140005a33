"""The yearly maturity round through the real app: permissions on every route and partial,
drafts kept, scores out of range refused, the deadline, verification, publication, audited reopening."""
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from kmapp.clock import local_today
from kmapp.extensions import db
from kmapp.maturity.assessments import AssessmentRefused, SelfInput, save_self_assessment
from kmapp.maturity.rounds import RoundRefused, assign_assessor
from kmapp.models import Agency, AssessmentState, AuditLog, MaturityAssessment, MaturityRound, User

from .fixtures_assets import exe_bytes, pdf_bytes
from .fixtures_maturity import assessment_of, fill, open_test_round, self_form

HX = {"HX-Request": "true"}

# --- the round: permissions --------------------------------------------------------------------

@pytest.fixture
def round_ids(app, world):
    with app.test_request_context():
        round_ = open_test_round(world)
        a, b = assessment_of(round_, world.agency_a), assessment_of(round_, world.agency_b)
        first = round_.instrument.indicators[0].id
        return type("Ids", (), {"round": round_.id, "a": a.id, "b": b.id, "indicator": first})


def _post_routes(ids) -> list[str]:
    return [f"/maturity/assessments/{{a}}/self", f"/maturity/assessments/{{a}}/indicators/{ids.indicator}",
            "/maturity/assessments/{a}/evidence", "/maturity/assessments/{a}/verify",
            "/maturity/assessments/{a}/comments", "/maturity/assessments/{a}/publish",
            "/maturity/assessments/{a}/reopen"]


def test_a_lead_edits_only_his_own_agencys_self_assessment(client, login_as, app, world, round_ids):
    login_as("lead_a")
    with app.test_request_context():
        form = self_form(db.session.get(MaturityAssessment, round_ids.a))
    assert client.get(f"/maturity/assessments/{round_ids.a}").status_code == 200
    assert client.get(f"/maturity/assessments/{round_ids.b}").status_code == 404  # another agency's: hidden
    for path in _post_routes(round_ids):
        for headers in ({}, HX):
            assert client.post(path.format(a=round_ids.b), data=form, headers=headers).status_code == 404, path
    assert client.post(f"/maturity/assessments/{round_ids.a}/self", data=form).status_code == 302
    assert client.post(f"/maturity/assessments/{round_ids.a}/verify", data={}).status_code == 403
    assert client.post(f"/maturity/assessments/{round_ids.a}/publish", data={}).status_code == 403
    assert client.get(f"/maturity/rounds/{round_ids.round}").status_code == 403


def test_an_assessor_sees_only_assigned_agencies_and_never_edits_the_self_assessment(client, login_as, app, world,
                                                                                     round_ids):
    with app.test_request_context():
        fill(db.session.get(MaturityAssessment, round_ids.b), db.session.get(User, world.lead_b), do_submit=True)
        form = self_form(db.session.get(MaturityAssessment, round_ids.b))
    login_as("assessor")
    assert client.get(f"/maturity/assessments/{round_ids.a}").status_code == 404  # not assigned
    for path in _post_routes(round_ids):
        assert client.post(path.format(a=round_ids.a), data=form).status_code == 404, path
    page = client.get(f"/maturity/assessments/{round_ids.b}").get_data(as_text=True)
    assert "Selesaikan verifikasi" in page
    assert client.post(f"/maturity/assessments/{round_ids.b}/self", data=form).status_code == 403
    assert client.post(f"/maturity/assessments/{round_ids.b}/indicators/{round_ids.indicator}", data=form,
                       headers=HX).status_code == 403
    assert "Dinas Pendidikan" in client.get("/maturity/").get_data(as_text=True)
    assert 'href="/maturity/"' in client.get("/").get_data(as_text=True)  # the menu entry


def test_an_assessor_is_never_assigned_to_his_own_agency_and_the_reason_is_shown(client, login_as, app, world,
                                                                                 round_ids):
    with app.test_request_context():
        db.session.get(User, world.assessor).agency_id = world.agency_a
        db.session.commit()
        with pytest.raises(RoundRefused, match="perangkat daerahnya sendiri"):
            assign_assessor(db.session.get(MaturityRound, round_ids.round), db.session.get(Agency, world.agency_a),
                            db.session.get(User, world.assessor), db.session.get(User, world.admin))
    login_as("admin")
    response = client.post(f"/maturity/rounds/{round_ids.round}/assignments",
                           data={"agency_id": str(world.agency_a), "assessor_id": str(world.assessor)})
    assert response.status_code == 422 and "perangkat daerahnya sendiri" in response.get_data(as_text=True)


def test_an_assessor_of_the_agency_cannot_verify_even_when_assigned_earlier(app, world, round_ids, client, login_as):
    with app.test_request_context():
        fill(db.session.get(MaturityAssessment, round_ids.b), db.session.get(User, world.lead_b), do_submit=True)
        db.session.get(User, world.assessor).agency_id = world.agency_b  # moved into the agency after assignment
        db.session.commit()
    login_as("assessor")
    assert client.get(f"/maturity/assessments/{round_ids.b}").status_code == 404


def test_the_facilitator_of_the_agency_comments_and_others_may_not(client, login_as, app, world, round_ids):
    login_as("facilitator")
    response = client.post(f"/maturity/assessments/{round_ids.a}/comments", data={"body": "Lengkapi bukti SK-1."})
    assert response.status_code == 302
    assert "Lengkapi bukti SK-1." in client.get(f"/maturity/assessments/{round_ids.a}").get_data(as_text=True)
    assert client.post(f"/maturity/assessments/{round_ids.b}/comments", data={"body": "x"}).status_code == 404
    assert client.post(f"/maturity/assessments/{round_ids.a}/self", data={"action": "save"}).status_code == 403


def test_employees_have_no_maturity_pages(client, login_as, round_ids):
    login_as("employee")
    assert client.get("/maturity/").status_code == 403
    assert client.get(f"/maturity/assessments/{round_ids.b}").status_code == 404
    assert "/maturity/" not in client.get("/").get_data(as_text=True)


def relogin(client, login_as, who: str):
    client.post("/logout")
    return login_as(who)


# --- the round: states, drafts, deadline, verification, publication ----------------------------

def test_a_half_filled_form_is_kept_as_draft_and_an_out_of_range_score_is_refused_with_the_reason(
        client, login_as, app, world, round_ids):
    login_as("lead_a")
    with app.test_request_context():
        assessment = db.session.get(MaturityAssessment, round_ids.a)
        first, second = [i.id for i in assessment.round.instrument.indicators[:2]]
    response = client.post(f"/maturity/assessments/{round_ids.a}/self", data={
        "action": "submit", f"i{first}-score": "4", f"i{first}-justification": "SK terbit",
        f"i{second}-score": "9", f"i{second}-justification": "terlalu tinggi"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Skor harus bilangan bulat 1 sampai 5." in page
    assert "terlalu tinggi</textarea>" in page  # the typed text is kept in the form
    with app.test_request_context():
        assessment = db.session.get(MaturityAssessment, round_ids.a)
        rows = {row.indicator_id: row for row in assessment.scores}
        assert assessment.state == AssessmentState.DRAFT
        assert rows[first].self_score == 4 and rows[first].justification == "SK terbit"
        assert second not in rows or rows[second].self_score is None
    # Submitting the incomplete draft names what is missing and keeps it.
    response = client.post(f"/maturity/assessments/{round_ids.a}/self", data={
        "action": "submit", f"i{first}-score": "4", f"i{first}-justification": "SK terbit"})
    assert response.status_code == 422 and "Belum lengkap" in response.get_data(as_text=True)
    with app.test_request_context():
        assert db.session.get(MaturityAssessment, round_ids.a).state == AssessmentState.DRAFT


def test_autosave_keeps_one_indicator_and_answers_with_a_fragment(client, login_as, app, round_ids):
    login_as("lead_a")
    path = f"/maturity/assessments/{round_ids.a}/indicators/{round_ids.indicator}"
    fields = {f"i{round_ids.indicator}-score": "3", f"i{round_ids.indicator}-justification": "Ada SK"}
    response = client.post(path, data=fields, headers=HX)
    assert response.status_code == 200 and "<html" not in response.get_data(as_text=True)
    assert "HX-Request" in response.headers["Vary"] and "tersimpan" in response.get_data(as_text=True)
    refused = client.post(path, data={f"i{round_ids.indicator}-score": "0"}, headers=HX)
    assert "1 sampai 5" in refused.get_data(as_text=True)
    plain = client.post(path, data=fields)
    assert plain.status_code == 302 and plain.headers["Location"].endswith(f"#ind-{round_ids.indicator}")
    with app.test_request_context():
        row = db.session.get(MaturityAssessment, round_ids.a).scores[0]
        assert (row.self_score, row.justification) == (3, "Ada SK")


def test_submission_after_the_deadline_is_refused_with_the_date(client, login_as, app, world):
    with app.test_request_context():
        round_ = open_test_round(world, deadline=local_today() - timedelta(days=1))
        assessment = assessment_of(round_, world.agency_a)
        assessment_id, deadline = assessment.id, round_.deadline
        form = self_form(assessment, action="submit")
    login_as("lead_a")
    response = client.post(f"/maturity/assessments/{assessment_id}/self", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Batas waktu pengiriman sudah lewat" in page
    assert str(deadline.year) in page and str(deadline.day) in page
    with app.test_request_context():
        assessment = db.session.get(MaturityAssessment, assessment_id)
        assert assessment.state == AssessmentState.DRAFT and len(assessment.scores) == 22  # the draft is kept


def test_the_whole_round_draft_submitted_verified_published_then_read_only_and_an_audited_reopen(
        client, login_as, app, world, round_ids):
    with app.test_request_context():
        form = self_form(db.session.get(MaturityAssessment, round_ids.b), score=4, action="submit")
        indicators = [i.id for i in db.session.get(MaturityAssessment, round_ids.b).round.instrument.indicators]
    login_as("lead_b")
    assert client.post(f"/maturity/assessments/{round_ids.b}/self", data=form).status_code == 302
    with app.test_request_context():
        submitted = db.session.get(MaturityAssessment, round_ids.b)
        assert submitted.state == AssessmentState.SUBMITTED and submitted.self_total == Decimal("80.0")
        assert submitted.self_level == 4
    assert client.post(f"/maturity/assessments/{round_ids.b}/self", data=form).status_code == 403  # no longer a draft
    relogin(client, login_as, "assessor")
    verification = {"action": "complete", **{f"i{i}-score": "4" for i in indicators}}
    verification[f"i{indicators[0]}-score"] = "5"  # raised without a reason: refused
    refused = client.post(f"/maturity/assessments/{round_ids.b}/verify", data=verification)
    assert refused.status_code == 422 and "tulis alasan" in refused.get_data(as_text=True)
    verification[f"i{indicators[0]}-reason"] = "Pergub terbit"
    assert client.post(f"/maturity/assessments/{round_ids.b}/verify", data=verification).status_code == 302
    with app.test_request_context():
        verified = db.session.get(MaturityAssessment, round_ids.b)
        # one weight-10 indicator from 4 to 5: 100 × (200·4 + 10) / 1000 = 81.0
        assert verified.state == AssessmentState.VERIFIED and verified.total == Decimal("81.0")
    relogin(client, login_as, "admin")
    assert client.post(f"/maturity/assessments/{round_ids.b}/publish", data={}).status_code == 302
    relogin(client, login_as, "assessor")
    assert client.post(f"/maturity/assessments/{round_ids.b}/verify", data=verification).status_code == 403
    relogin(client, login_as, "facilitator")  # sees the published result (a programme watcher), comments no more
    assert client.post(f"/maturity/assessments/{round_ids.b}/comments", data={"body": "x"}).status_code == 403
    relogin(client, login_as, "lead_b")
    assert client.post(f"/maturity/assessments/{round_ids.b}/self", data=form).status_code == 403
    page = client.get(f"/maturity/assessments/{round_ids.b}").get_data(as_text=True)
    assert "81/100" in page and "Simpan draf" not in page
    relogin(client, login_as, "admin")
    no_reason = client.post(f"/maturity/assessments/{round_ids.b}/reopen", data={"to_state": "submitted", "reason": ""})
    assert no_reason.status_code == 422
    reopened = client.post(f"/maturity/assessments/{round_ids.b}/reopen",
                           data={"to_state": "submitted", "reason": "Bukti SK-1 keliru"})
    assert reopened.status_code == 302
    with app.test_request_context():
        assert db.session.get(MaturityAssessment, round_ids.b).state == AssessmentState.SUBMITTED
        audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "maturity_assessment.reopened"))
        assert json.loads(audit.after)["reason"] == "Bukti SK-1 keliru" and audit.actor_id == world.admin
        actions = set(db.session.scalars(select(AuditLog.action).where(AuditLog.entity_id == str(round_ids.b))))
        assert {"maturity_assessment.submitted", "maturity_assessment.verified",
                "maturity_assessment.published"} <= actions


def test_a_published_assessment_cannot_be_changed_by_the_services_either(app, world, round_ids):
    with app.test_request_context():
        assessment = db.session.get(MaturityAssessment, round_ids.a)
        assessment.state = AssessmentState.PUBLISHED.value
        db.session.commit()
        with pytest.raises(AssessmentRefused):
            save_self_assessment(assessment, [SelfInput(round_ids.indicator, 5, "x")], db.session.get(User, world.lead_a))


def test_evidence_from_the_portal_and_an_uploaded_file(client, login_as, app, world, round_ids):
    login_as("lead_a")
    page = client.get(f"/maturity/assessments/{round_ids.a}").get_data(as_text=True)
    assert "Berbagi praktik baik" in page  # the agency's meeting is offered as evidence
    ind = round_ids.indicator
    saved = client.post(f"/maturity/assessments/{round_ids.a}/self", data={
        "action": "save", f"i{ind}-score": "3", f"i{ind}-justification": "x", f"i{ind}-evidence": [f"m{world.meeting_a}"]})
    assert saved.status_code == 302
    foreign = client.post(f"/maturity/assessments/{round_ids.a}/self", data={
        "action": "save", f"i{ind}-score": "3", f"i{ind}-justification": "x", f"i{ind}-evidence": [f"m{world.meeting_b}"]})
    assert foreign.status_code == 422 and "pertemuan perangkat daerah ini" in foreign.get_data(as_text=True)
    rejected = client.post(f"/maturity/assessments/{round_ids.a}/evidence", content_type="multipart/form-data",
                           data={"indicator_id": str(ind), "file": (io.BytesIO(exe_bytes()), "bukti.pdf")})
    assert rejected.status_code == 422
    uploaded = client.post(f"/maturity/assessments/{round_ids.a}/evidence", content_type="multipart/form-data",
                           data={"indicator_id": str(ind), "file": (io.BytesIO(pdf_bytes("SK CoP")), "sk-cop.pdf")})
    assert uploaded.status_code == 302
    page = client.get(f"/maturity/assessments/{round_ids.a}").get_data(as_text=True)
    assert f'/meetings/{world.meeting_a}"' in page and "sk-cop.pdf" in page
    with app.test_request_context():
        evidence = [e for row in db.session.get(MaturityAssessment, round_ids.a).scores for e in row.evidence]
        file_id = next(e.id for e in evidence if e.kind == "file")
    download = client.get(f"/maturity/evidence/{file_id}")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.headers["Content-Security-Policy"] == "sandbox"
    download.close()
    relogin(client, login_as, "lead_b")
    assert client.get(f"/maturity/evidence/{file_id}").status_code == 404


def test_reopening_to_the_lead_lets_him_correct_and_submit_again(client, login_as, app, world, round_ids):
    with app.test_request_context():
        assessment = db.session.get(MaturityAssessment, round_ids.a)
        fill(assessment, db.session.get(User, world.lead_a), do_submit=True)
        assessment.state = AssessmentState.PUBLISHED.value
        db.session.commit()
        form = self_form(assessment, score=5, action="submit")
    login_as("admin")
    assert client.post(f"/maturity/assessments/{round_ids.a}/reopen",
                       data={"to_state": "draft", "reason": "Skor SK-2 salah ketik"}).status_code == 302
    relogin(client, login_as, "lead_a")
    assert client.post(f"/maturity/assessments/{round_ids.a}/self", data=form).status_code == 302
    with app.app_context():
        assessment = db.session.get(MaturityAssessment, round_ids.a)
        assert assessment.state == AssessmentState.SUBMITTED and assessment.self_total == Decimal("100.0")
