"""The demo's maturity rounds: last year published for every agency, this year under way, so
that the lead, the facilitator, the assessor (`juri`) and the admin all have work after seed-demo."""
import gzip
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from kmapp.demo.seed import DEMO_PASSWORD
from kmapp.extensions import db
from kmapp.maturity.scoring import instrument_total, level_for
from kmapp.models import Agency, MaturityAssessment, MaturityAssessorAssignment, MaturityRound, User

from .conftest import sign_in
from .demo_instance import DEMO_TODAY, close, open_copy

TODAY = DEMO_TODAY


@pytest.fixture(scope="module")
def demo(demo_template, tmp_path_factory):
    # The external worker: what the tests here do queues no text extraction.
    app = open_copy(demo_template, tmp_path_factory.mktemp("demo-maturity"), JOBS_WORKER="external")
    yield app
    close(app)


def _round(year: int) -> MaturityRound:
    return db.session.scalar(select(MaturityRound).where(MaturityRound.year == year))


def _client(demo, login):
    client = demo.test_client()
    assert sign_in(client, login, DEMO_PASSWORD).status_code == 302
    return client


def test_last_year_is_published_for_all_51_at_level_4_or_5_with_the_reported_scores(demo):
    with demo.app_context():
        last = _round(2025)
        assert len(last.assessments) == 51 and {a.state for a in last.assessments} == {"published"}
        by_code = {a.agency.code: a for a in last.assessments}
        assert by_code["DINKES"].total == Decimal("95.5") and by_code["KOTA-JAKSEL"].total == Decimal("94.0")
        levels = [a.level for a in last.assessments]
        assert set(levels) == {4, 5} and 4 <= levels.count(5) <= 10
        totals = [a.total for a in last.assessments]
        assert min(totals) >= 70 and max(totals) == Decimal("95.5") and len(set(totals)) > 15
        for assessment in last.assessments:  # every stored total is what its verified scores give
            scores = {row.indicator_id: row.verified_score for row in assessment.scores}
            assert instrument_total(last.instrument, scores) == assessment.total
            assert level_for(assessment.total, last.instrument.thresholds) == assessment.level


def test_this_year_is_under_way_in_every_state_and_the_juri_never_judges_his_own_agency(demo):
    with demo.app_context():
        current = _round(2026)
        states = [a.state for a in current.assessments]
        assert states.count("draft") >= 5 and states.count("submitted") >= 5 and states.count("verified") >= 5
        assert current.instrument_id == _round(2025).instrument_id and current.instrument.frozen
        juri = db.session.scalar(select(User).where(User.username == "juri"))
        mine = db.session.scalars(select(MaturityAssessorAssignment.agency_id).where(
            MaturityAssessorAssignment.assessor_id == juri.id, MaturityAssessorAssignment.round_id == current.id)).all()
        assert len(mine) >= 4 and juri.agency_id not in mine
        dinkes = next(a for a in current.assessments if a.agency.code == "DINKES")
        assert dinkes.state == "draft" and 0 < len(dinkes.scores) < 22 and dinkes.comments


def test_every_role_has_something_to_do(demo):
    lead = _client(demo, "lead.dinkes").get("/").get_data(as_text=True)
    assert "Penilaian mandiri maturitas 2026 (Dinas Kesehatan)" in lead
    juri = _client(demo, "juri")
    assert "menunggu verifikasi Anda" in juri.get("/").get_data(as_text=True)
    assert "Menunggu verifikasi" in juri.get("/maturity/").get_data(as_text=True)
    assert "menunggu diterbitkan" in _client(demo, "admin").get("/").get_data(as_text=True)
    facilitator = _client(demo, "fasilitator").get("/maturity/").get_data(as_text=True)
    assert "Dinas Kesehatan" in facilitator


def _gzip_size(client, path: str) -> int:
    response = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200, path
    body = response.data if response.headers.get("Content-Encoding") == "gzip" else gzip.compress(response.data)
    return len(body)


def test_the_self_assessment_and_verification_pages_stay_light(demo, capsys):
    with demo.app_context():
        current = _round(2026)
        dinkes = next(a.id for a in current.assessments if a.agency.code == "DINKES")
        juri = db.session.scalar(select(User).where(User.username == "juri"))
        to_verify = db.session.scalar(
            select(MaturityAssessment.id).join(MaturityAssessorAssignment,
                                               (MaturityAssessorAssignment.agency_id == MaturityAssessment.agency_id)
                                               & (MaturityAssessorAssignment.round_id == MaturityAssessment.round_id))
            .where(MaturityAssessorAssignment.assessor_id == juri.id, MaturityAssessment.state == "submitted")
            .limit(1))
        agency = db.session.scalar(select(Agency.id).where(Agency.code == "DINKES"))
    sizes = {
        "self-assessment (lead.dinkes)": _gzip_size(_client(demo, "lead.dinkes"), f"/maturity/assessments/{dinkes}"),
        "verification (juri)": _gzip_size(_client(demo, "juri"), f"/maturity/assessments/{to_verify}"),
        "round page (admin)": _gzip_size(_client(demo, "admin"), f"/maturity/rounds/{current.id}"),
        "agency page with history": _gzip_size(_client(demo, "lead.dinkes"), f"/programme/agencies/{agency}"),
        "early-warning partial": _gzip_size(_client(demo, "admin"), "/maturity/watch"),
    }
    with capsys.disabled():
        print("\n" + "\n".join(f"  {name}: {size / 1024:.1f} KB (gzip)" for name, size in sizes.items()))
    assert all(size < 35 * 1024 for size in sizes.values()), sizes  # the HTML; CSS and htmx are cached
