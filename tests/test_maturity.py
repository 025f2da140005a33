"""Maturity: the instrument and its versions, the scoring, and the yearly round's workflow
through the real app (permissions on every route, states, deadline, drafts, audit)."""
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from kmapp.clock import local_today
from kmapp.extensions import db
from kmapp.maturity.assessments import SelfInput, save_self_assessment
from kmapp.maturity.comparison import compare_assessments
from kmapp.maturity.instruments import (InstrumentFrozen, add_indicator, new_version, remove_indicator,
                                        seed_default_instrument, update_indicator)
from kmapp.maturity.rounds import RoundRefused, assign_assessor, open_round
from kmapp.maturity.scoring import ScoreOutOfRange, level_for, weighted_total
from kmapp.models import (Agency, AssessmentState, AuditLog, MaturityAssessment, MaturityInstrument, MaturityRound,
                          User)

from .fixtures_maturity import assessment_of, fill, open_test_round, self_form

HX = {"HX-Request": "true"}
THRESHOLDS = (Decimal(40), Decimal(55), Decimal(70), Decimal(85))


# --- scoring: score -> total -> level --------------------------------------------------------------

def test_hand_computed_total_and_level():
    # weights 10, 5, 5: 100 × (10·5 + 5·4 + 5·3) / (5 × 20) = 100 × 85 / 100 = 85.0 -> level 5 (from 85)
    assert weighted_total([(10, 5), (5, 4), (5, 3)]) == Decimal("85.0")
    assert level_for(Decimal("85.0"), THRESHOLDS) == 5
    # 100 × (10·4 + 5·4 + 5·3) / 100 = 75.0 -> level 4; one step below a threshold stays below it
    assert weighted_total([(10, 4), (5, 4), (5, 3)]) == Decimal("75.0")
    assert level_for(Decimal("75.0"), THRESHOLDS) == 4
    assert level_for(Decimal("84.9"), THRESHOLDS) == 4
    assert level_for(Decimal("39.9"), THRESHOLDS) == 1 and level_for(Decimal("40"), THRESHOLDS) == 2
    # rounding half up to one decimal: 100 × 14 / 15 = 93.333… -> 93.3; 100 × 2 / 3 = 66.67 -> 66.7
    assert weighted_total([(1, 5), (1, 5), (1, 4)]) == Decimal("93.3")
    assert weighted_total([(3, 2), (3, 3), (3, 5)]) == Decimal("66.7")


def test_all_fives_give_100_and_all_ones_20_and_the_reported_scores_are_reachable(app):
    with app.test_request_context():
        instrument = seed_default_instrument()
        weights = [i.weight for i in instrument.indicators]
        assert sum(weights) == 200 and len(instrument.dimensions) == 6 and len(weights) == 22
        assert weighted_total([(w, 5) for w in weights]) == 100
        assert weighted_total([(w, 1) for w in weights]) == 20
        # 94/100: a deficit of 60 weighted points (six weight-10 indicators at 4); 95.5/100: 45 points.
        scores_94 = [4 if i < 6 and w == 10 else 5 for i, w in enumerate(weights)]
        assert weighted_total(zip(weights, scores_94)) == Decimal("94.0")
        fives = [i for i, w in enumerate(weights) if w == 5]
        tens = [i for i, w in enumerate(weights) if w == 10]
        scores_955 = [4 if i in tens[:4] or i in fives[:1] else 5 for i in range(len(weights))]
        assert weighted_total(zip(weights, scores_955)) == Decimal("95.5")
        assert level_for(Decimal("94.0"), instrument.thresholds) == 5


def test_a_score_outside_1_to_5_is_refused():
    for bad in (0, 6, -1):
        with pytest.raises(ScoreOutOfRange):
            weighted_total([(10, bad)])


# --- instrument versions -----------------------------------------------------------------------

def test_a_used_version_is_frozen_and_editing_makes_a_new_version(app, world):
    with app.test_request_context():
        round_ = open_test_round(world)
        admin = db.session.get(User, world.admin)
        used = round_.instrument
        assert used.frozen
        indicator = used.indicators[0]
        with pytest.raises(InstrumentFrozen):
            update_indicator(indicator, {"name": "Baru", "weight": 5, "level_1": "a", "level_2": "b", "level_3": "c",
                                         "level_4": "d", "level_5": "e"}, admin)
        copy = new_version(used, admin)
        db.session.commit()
        assert copy.version == used.version + 1 and not copy.frozen
        assert [i.code for i in copy.indicators] == [i.code for i in used.indicators]
        update_indicator(copy.indicators[0], {"name": "Nama baru", "weight": 15, **{
            f"level_{n}": f"Level {n}" for n in range(1, 6)}}, admin)
        db.session.commit()
        assert used.indicators[0].name != "Nama baru" and copy.indicators[0].weight == 15


def test_admin_makes_a_new_version_through_the_pages_and_the_used_one_refuses_edits(client, login_as, app, world):
    with app.test_request_context():
        used_id = open_test_round(world).instrument_id
        indicator_id = db.session.get(MaturityInstrument, used_id).indicators[0].id
    login_as("admin")
    page = client.get(f"/maturity/instruments/{used_id}").get_data(as_text=True)
    assert "tidak dapat diubah" in page and "Buat versi baru" in page
    refused = client.post(f"/maturity/indicators/{indicator_id}/edit", data={
        "code": "X", "name": "Ubah", "weight": "5", **{f"level_{n}": "x" for n in range(1, 6)}})
    assert refused.status_code == 200 and "Buat versi baru untuk mengubahnya" in refused.get_data(as_text=True)
    made = client.post(f"/maturity/instruments/{used_id}/versions")
    assert made.status_code == 302
    with app.test_request_context():
        copy = db.session.scalar(select(MaturityInstrument).where(MaturityInstrument.version == 2))
        dimension_id, first = copy.dimensions[0].id, copy.indicators[0].id
    saved = client.post(f"/maturity/indicators/{first}/edit", data={
        "name": "Strategi baru", "weight": "20", **{f"level_{n}": f"deskripsi {n}" for n in range(1, 6)}})
    assert saved.status_code == 302
    added = client.post(f"/maturity/dimensions/{dimension_id}/indicators/new", data={
        "code": "SK-9", "name": "Indikator baru", "weight": "5", **{f"level_{n}": f"d{n}" for n in range(1, 6)}})
    assert added.status_code == 302
    bad = client.post(f"/maturity/instruments/{copy.id}/thresholds", data={
        "level_2_from": "60", "level_3_from": "50", "level_4_from": "70", "level_5_from": "85"})
    assert bad.status_code == 422 and "harus naik" in bad.get_data(as_text=True)
    with app.test_request_context():
        copy = db.session.get(MaturityInstrument, copy.id)
        assert copy.indicators[0].weight == 20 and "SK-9" in [i.code for i in copy.indicators]
        assert db.session.get(MaturityInstrument, used_id).indicators[0].weight == 10
    changes = client.get(f"/maturity/instruments/{copy.id}").get_data(as_text=True)
    changes = changes[changes.index("Perubahan dari versi 1"):changes.index("SK · ")]
    assert "baru; tanpa padanan di versi 1" in changes and ">SK-9<" in changes
    assert "diubah (bobot 10 → 20)" in changes and changes.count("<tr>") == 3  # header + two changes


def test_comparison_across_versions_goes_by_code_and_shows_unmatched_indicators(app, world, client, login_as):
    with app.test_request_context():
        admin = db.session.get(User, world.admin)
        lead = db.session.get(User, world.lead_a)
        first_round = open_test_round(world, year=2025)
        earlier = assessment_of(first_round, world.agency_a)
        fill(earlier, lead, score=3)
        copy = new_version(first_round.instrument, admin)
        dropped = copy.indicators[-1].code
        remove_indicator(copy.indicators[-1], admin)
        add_indicator(copy.dimensions[0], {"code": "SK-9", "name": "Baru", "weight": 5,
                                           **{f"level_{n}": "x" for n in range(1, 6)}}, admin)
        second = open_round(2026, copy, local_today() + timedelta(days=5), admin)
        db.session.commit()
        later = assessment_of(second, world.agency_a)
        fill(later, lead, score=4)
        rows = {row.code: row for row in compare_assessments(earlier, later)}
        assert rows["SK-1"].matched and (rows["SK-1"].earlier_score, rows["SK-1"].later_score) == (3, 4)
        assert rows["SK-1"].change == 1
        assert not rows["SK-9"].matched and rows["SK-9"].earlier is None and rows["SK-9"].later_score == 4
        assert not rows[dropped].matched and rows[dropped].later is None and rows[dropped].earlier_score == 3
        assert len(rows) == 23  # 21 shared + one new + one dropped: nothing silently left out
        earlier.state = AssessmentState.PUBLISHED.value
        db.session.commit()
        later_id = later.id
    login_as("lead_a")
    page = client.get(f"/maturity/assessments/{later_id}").get_data(as_text=True)
    comparison = page[page.index("Dibanding 2025"):]
    assert "tanpa padanan di versi 1" in comparison and "tanpa padanan di versi 2" in comparison
    assert comparison.count("<tr>") == 1 + 23 and f">{dropped}<" in comparison and ">SK-9<" in comparison


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
        from kmapp.maturity.assessments import AssessmentRefused
        with pytest.raises(AssessmentRefused):
            save_self_assessment(assessment, [SelfInput(round_ids.indicator, 5, "x")], db.session.get(User, world.lead_a))


def test_evidence_from_the_portal_and_an_uploaded_file(client, login_as, app, world, round_ids):
    from .fixtures_assets import exe_bytes, pdf_bytes
    import io
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
