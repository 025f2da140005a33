"""The portal's data sheet of an agency for the award, and the agency's award history."""
from datetime import date

from kmapp.award.datasheet import data_sheet, maturity_score_and_level
from kmapp.award.history import award_history
from kmapp.award.rounds import finalise
from kmapp.award.scoring import Entry
from kmapp.award.sheets import save_sheet, sheet_of
from kmapp.extensions import db
from kmapp.models import Agency, Asset, Community, Meeting, User

from .fixtures_award import make_round
from .fixtures_programme import access, meeting_with_asset, published_asset, reader


def test_data_sheet_counts_the_award_year_and_the_year_before(app, world):
    with app.app_context():
        agency = db.session.get(Agency, world.agency_a)
        cop = db.session.get(Community, world.cop_a)
        # 2026: two meetings in Triwulan I (one accompanied), one in III; their assets plus one without a meeting.
        m1 = meeting_with_asset(cop, date(2026, 2, 3), accompanied=True, seci=("socialization",))
        meeting_with_asset(cop, date(2026, 3, 10), seci=("combination", "externalization"))
        meeting_with_asset(cop, date(2026, 8, 5))
        published_asset(cop, None, date(2026, 9, 1), km_stage="sharing", title="Tanpa pertemuan")
        # An asset reviewed in 2026 and one whose review is overdue since 2025.
        published_asset(cop, m1, date(2026, 2, 3), title="Ditinjau", last_reviewed_on=date(2026, 5, 1),
                        next_review_on=date(2027, 5, 1))
        published_asset(cop, None, date(2024, 6, 1), title="Terlambat", next_review_on=date(2025, 6, 1))
        readers = [reader(f"baca{i}", agency) for i in range(60)]  # headcount 100
        asset = db.session.query(Asset).filter_by(title="Tanpa pertemuan").one()
        for person in readers:
            access(asset, person, date(2026, 9, 2))
        for person in readers[:30]:
            access(asset, person, date(2025, 11, 2))
        db.session.commit()
        sheet = data_sheet(agency, 2026, today=date(2026, 11, 20))
        this, prev = sheet.years
        assert (this.year, prev.year) == (2026, 2025)
        assert [q.meetings for q in this.quarters] == [2, 0, 1, 0]
        assert [q.accompanied for q in this.quarters] == [1, 0, 0, 0]
        assert this.accompaniment_rate == 1 / 3
        assert this.assets_published == 5 and this.assets_from_meetings == 4
        assert this.asset_types == {"sop": 5}
        assert this.km_stages["sharing"] == 1 and this.km_stages["creation"] == 4
        assert this.seci_stages["socialization"] == 2 and this.seci_stages["combination"] == 1
        assert this.seci_stages[None] == 1
        assert (this.utilisation.readers, this.utilisation.ratio, this.utilisation.meets_target) == (60, 0.6, True)
        assert (prev.utilisation.readers, prev.utilisation.meets_target) == (30, False)
        assert (this.reviewed, this.overdue) == (1, 1) and (prev.reviewed, prev.overdue) == (0, 1)
        # 2025: the world's meeting of August 2025.
        assert prev.meetings == 1 and prev.accompaniment_rate == 0
        assert sheet.maturity == (None, None) and maturity_score_and_level(agency.id, 2026) is None


def test_agency_page_shows_the_award_history(app, client, world, login_as):
    with app.test_request_context():
        for year, value in ((2025, 3), (2026, 5)):
            award = make_round(year=year, winners=1)
            assessor = db.session.get(User, world.assessor)
            from kmapp.models import AssessorAssignment
            for agency_id in (world.agency_a, world.agency_b):
                db.session.add(AssessorAssignment(round_id=award.id, agency_id=agency_id, assessor_id=assessor.id))
                sheet = sheet_of(award, agency_id, assessor, create=True)
                score = value if agency_id == world.agency_a else 4
                save_sheet(award, sheet, {c.id: Entry(score, "alasan") for c in award.criteria}, submitting=True)
            finalise(award, None)
            db.session.commit()
        history = award_history(world.agency_a)
        assert [(h.year, h.rank, h.total, h.winner, h.ranked) for h in history] == [
            (2025, 2, 50.0, False, 2), (2026, 1, 100.0, True, 2)]
    login_as("lead_a")
    page = client.get(f"/programme/agencies/{world.agency_a}").get_data(as_text=True)
    assert "Riwayat KM Award" in page and "2 dari 2" in page and "1 dari 2" in page
    assert '<svg' in page and "Nilai KM Award per tahun" in page


def test_data_sheet_shows_the_published_maturity_of_each_year(app, world):
    from decimal import Decimal

    from kmapp.models import AssessmentState

    from .fixtures_maturity import assessment_of, open_test_round
    with app.test_request_context():
        published = assessment_of(open_test_round(world, year=2025, assign=False), world.agency_a)
        published.state, published.total, published.level = AssessmentState.PUBLISHED.value, Decimal("94.0"), 5
        draft = assessment_of(open_test_round(world, year=2026, assign=False), world.agency_a)
        draft.total, draft.level = Decimal("80.0"), 4  # not published: not shown
        db.session.commit()
        sheet = data_sheet(db.session.get(Agency, world.agency_a), 2026, today=date(2026, 11, 20))
        assert sheet.maturity == (None, "94/100, level 5 (Inovasi)")
