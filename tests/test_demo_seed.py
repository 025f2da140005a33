"""The seeded demo tells the programme's true story (issue 12, point 11).

One demo is seeded per module (a full roster of ~65,000 employees makes a seed cost tens of
seconds) and only read by the tests here; each test uses its own client.
"""
import collections
import gzip
import io
import re
import statistics
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from kmapp.auth.nip import parse_nip
from kmapp.demo import catalogue as cat
from kmapp.demo.agencies import AGENCIES
from kmapp.demo.handover import HANDOVER_LOGINS, IMPOSSIBLE_NIP
from kmapp.demo.seed import DEMO_LOGINS, DEMO_PASSWORD
from kmapp.demo.shared_copies import SHARED_TITLE
from kmapp.extensions import db
from kmapp.files.storage import path_of
from kmapp.models import Agency, Asset, AssetAccess, AssetFileVersion, Community, Meeting, QuarterTarget, User
from kmapp.programme.dashboard import Filters, build_dashboard
from kmapp.programme.targets import Status

from .conftest import sign_in
from .demo_instance import DEMO_TODAY, close, open_copy

TODAY = DEMO_TODAY
RULE_STARTS = date(2025, 10, 1)
SHOWCASE = (cat.JIKA, cat.JAKSEL_ARCHIVES, cat.JAK_HIGH)


@pytest.fixture(scope="module")
def demo(demo_template, tmp_path_factory):
    app = open_copy(demo_template, tmp_path_factory.mktemp("demo"))
    yield app
    close(app)


@pytest.fixture
def admin(demo):
    client = demo.test_client()
    assert sign_in(client, "admin", DEMO_PASSWORD).status_code == 302
    return client


def _board(demo, year, quarter=None):
    with demo.app_context():
        return build_dashboard(Filters(year, quarter), TODAY)


# --- targets -------------------------------------------------------------------------

def test_2025_all_51_met_triwulan_i_to_iii_while_42_held_meetings_in_triwulan_iii(demo, admin):
    totals = _board(demo, 2025).totals
    assert [t.agencies_met for t in totals[:3]] == [51, 51, 51]
    q3 = totals[2]
    assert (q3.agencies_with_meetings, q3.meetings, q3.accompanied) == (42, 45, 33)
    assert 40 <= totals[3].agencies_met < 51  # Triwulan IV: assets must come from meetings
    page = admin.get("/programme/?year=2025").get_data(as_text=True)
    table = page[page.index("Jumlah per triwulan"):]
    assert table.count("<td class=\"num\">51 / 51</td>") == 3
    report = admin.get("/programme/report?year=2025&quarter=3").get_data(as_text=True)
    assert "Triwulan III 2025: 42 perangkat daerah mengadakan 45 pertemuan, 33 didampingi" in report
    assert "51 dari 51 perangkat daerah memenuhi target triwulan." in report


def test_before_the_rule_some_agencies_met_by_output_alone_and_after_it_every_asset_has_a_meeting(demo):
    q3 = _board(demo, 2025, 3)
    output_only = [row for row in q3.rows if row.cell(3).figures.meetings == 0]
    assert len(output_only) == 51 - 42
    assert all(row.cell(3).status == Status.MET and row.cell(3).figures.assets >= 1 for row in output_only)
    with demo.app_context():
        without_meeting = db.session.scalars(select(Asset.published_on).where(Asset.meeting_id.is_(None))).all()
        targets = {(t.year, t.quarter): (t.min_meetings, t.min_assets)
                   for t in db.session.scalars(select(QuarterTarget)).all()}
    assert without_meeting and max(without_meeting) < RULE_STARTS
    assert targets[(2025, 3)] == (0, 1) and targets[(2025, 4)] == (1, 1) and targets[(2026, 1)] == (1, 1)


def test_2026_showcase_cops_meet_every_quarter_and_a_realistic_few_miss(demo):
    board = _board(demo, 2026)
    with demo.app_context():
        rows = db.session.execute(select(Community.name, Meeting.quarter, func.count(Meeting.id))
                                  .join(Meeting).where(Meeting.year == 2026, Community.name.in_(SHOWCASE))
                                  .group_by(Community.name, Meeting.quarter)).all()
        showcase_agencies = set(db.session.scalars(select(Community.agency_id).where(Community.name.in_(SHOWCASE))))
    every_quarter = {(name, quarter) for name in SHOWCASE for quarter in (1, 2, 3, 4)}
    assert {(name, quarter) for name, quarter, count in rows if count} == every_quarter
    for row in board.rows:
        if row.id in showcase_agencies:
            assert [cell.status for cell in row.cells] == [Status.MET] * 4, row.name
    for total in board.totals[:3]:  # the completed quarters
        assert 41 <= total.agencies_met <= 48, total
    assert board.total(4).agencies_met < board.total(3).agencies_met  # the quarter under way
    assert any(cell.status == Status.IN_PROGRESS for row in board.rows for cell in row.cells)


# --- people and utilisation ----------------------------------------------------------

def test_every_agency_has_its_full_roster_as_after_an_hr_import(demo):
    with demo.app_context():
        per_agency = dict(db.session.execute(select(Agency.code, func.count(User.id)).join(User)
                                             .where(User.nip.is_not(None)).group_by(Agency.code)).all())
        total = db.session.scalar(select(func.count(User.id)))
        with_password = db.session.scalar(select(func.count(User.id)).where(User.password_hash.is_not(None)))
        nips = db.session.scalars(select(User.nip).where(User.nip.is_not(None))).all()
        names = db.session.scalars(select(User.name)).all()
        logins = dict(db.session.execute(select(User.username, User.name).where(User.username.is_not(None))).all())
    assert per_agency == {agency.code: agency.headcount for agency in AGENCIES}
    # The handover's demo logins: the departing employee is one of the roster, given a login.
    assert total == sum(agency.headcount for agency in AGENCIES) + len(DEMO_LOGINS) + len(HANDOVER_LOGINS) - 1
    assert with_password == len(DEMO_LOGINS) + len(HANDOVER_LOGINS)  # the others set theirs when they first sign in
    for nip in nips:
        if nip != IMPOSSIBLE_NIP:  # kept on purpose: the handover lists it apart, with the reason
            parse_nip(nip, today=TODAY)
    assert not [name for name in names if re.search(r"[()]|widyaiswara|ketua|juri|admin", name, re.IGNORECASE)]
    assert logins == {login: name for login, name, *_ in DEMO_LOGINS + HANDOVER_LOGINS}
    assert len(set(names)) > 20_000  # many different people, not a handful of names repeated


def test_utilisation_spreads_around_the_50_percent_target(demo):
    """2026 to date: a few agencies above the target, most below it, none near zero
    (between 15% and 70%); 2025, the portal's first year, lower but never under 10%."""
    this_year = _board(demo, 2026)
    ratios = sorted(row.utilisation.ratio for row in this_year.rows)
    assert 0.15 <= ratios[0] and ratios[-1] <= 0.70
    assert 0.30 <= statistics.median(ratios) <= 0.48
    assert 5 <= sum(ratio >= 0.5 for ratio in ratios) <= 16
    assert 0.25 <= this_year.utilisation.ratio <= 0.45
    first_year = sorted(row.utilisation.ratio for row in _board(demo, 2025).rows)
    assert 0.10 <= first_year[0] and statistics.median(first_year) < statistics.median(ratios)


def test_access_records_are_consistent_with_the_assets_and_the_readers(demo):
    with demo.app_context():
        wrong = db.session.scalar(
            select(func.count(AssetAccess.id)).join(Asset).join(User, AssetAccess.user_id == User.id)
            .where((AssetAccess.accessed_on < Asset.published_on) | (AssetAccess.accessed_on > TODAY)
                   | (AssetAccess.agency_id != User.agency_id) | (Asset.visibility == "community")))
        foreign_agency_only = db.session.scalar(
            select(func.count(AssetAccess.id)).join(Asset).join(Community)
            .where(Asset.visibility == "agency", Community.agency_id != AssetAccess.agency_id))
    assert wrong == 0 and foreign_agency_only == 0


# --- assets ----------------------------------------------------------------------------

def test_asset_titles_are_distinct_and_specific(demo):
    with demo.app_context():
        titles = db.session.scalars(select(Asset.title)).all()
    repeated = [title for title, count in collections.Counter(titles).items() if count > 1]
    assert repeated == [SHARED_TITLE] and len(set(titles)) > 300  # one file shared by four CoPs, on purpose
    assert not [t for t in titles if t.lower().startswith(("rangkuman", "hasil pertemuan"))]
    first_words = collections.Counter(title.split()[0] for title in titles)
    assert first_words.most_common(1)[0][1] <= 0.2 * len(titles)
    prefixes = collections.Counter(title.split(":")[0] for title in titles if ":" in title)
    assert not prefixes or prefixes.most_common(1)[0][1] <= 0.1 * len(titles)


def test_reviews_are_spread_over_the_year_and_only_a_handful_are_due(demo):
    with demo.app_context():
        published = db.session.scalar(select(func.count(Asset.id)))
        due = db.session.scalar(select(func.count(Asset.id)).where(Asset.next_review_on <= TODAY + timedelta(days=30)))
        overdue = db.session.scalar(select(func.count(Asset.id)).where(Asset.next_review_on < TODAY))
        reviewed = db.session.scalar(select(func.count(Asset.id)).where(Asset.last_reviewed_on.is_not(None)))
        months = set(db.session.scalars(select(func.strftime("%m", Asset.next_review_on))))
    assert 1 <= overdue <= due <= 25 and due < 0.08 * published
    assert reviewed > 50  # last year's assets went through their yearly review
    assert len(months) == 12


def test_some_demo_files_run_to_several_pages(demo):
    with demo.app_context():
        stored = db.session.scalars(select(AssetFileVersion.storage_name)).all()
        pages = [len(PdfReader(io.BytesIO(path_of(name).read_bytes())).pages) for name in stored]
    assert sum(count >= 3 for count in pages) >= 10 and max(pages) >= 4


# --- the admin's journey (moved here from tests/test_programme_pages.py) -----------------

def test_admin_finds_who_missed_triwulan_iv_2025_and_exports_it(demo, admin):
    dashboard = admin.get("/programme/", headers={"Accept-Encoding": "gzip"})
    assert dashboard.headers["Content-Encoding"] == "gzip" and len(dashboard.data) < 50 * 1024
    assert b"<html" in gzip.decompress(dashboard.data)
    q3 = admin.get("/programme/?year=2025&quarter=3&behind=y").get_data(as_text=True)
    assert "Triwulan III 2025: 42 perangkat daerah mengadakan 45 pertemuan, 33 didampingi" in q3
    assert "belum memenuhi target Triwulan III 2025" not in q3  # nobody: an output target
    page = admin.get("/programme/?year=2025&quarter=4&behind=y").get_data(as_text=True)
    missed = int(re.search(r"(\d+) perangkat daerah belum memenuhi target Triwulan IV 2025", page).group(1))
    assert 1 <= missed <= 10
    matrix = page[page.index("matrix-h"):page.index("trend-h")]
    assert matrix.count("<tr><th scope=\"row\">") == missed  # only those are listed
    book = load_workbook(io.BytesIO(admin.get("/programme/export.xlsx?year=2025&quarter=4").data))
    statuses = [row[16] for row in book["Matriks"].iter_rows(min_row=2, values_only=True)]
    assert len(statuses) == 51
    assert statuses == ["Tidak tercapai"] * missed + ["Tercapai"] * (51 - missed)  # behind first, as on screen


def test_one_regulation_is_shared_by_four_cops_as_the_same_file_in_the_running_quarter(demo):
    from kmapp.models import AssetFile
    from kmapp.quarters import quarter_of
    with demo.app_context():
        rows = db.session.execute(select(Community.name, AssetFileVersion.sha256, Asset.published_on, Asset.meeting_id)
                                  .join(Asset, Asset.community_id == Community.id)
                                  .join(AssetFile, AssetFile.asset_id == Asset.id)
                                  .join(AssetFileVersion, AssetFileVersion.file_id == AssetFile.id)
                                  .where(Asset.title == SHARED_TITLE)).all()
    assert len({name for name, *_ in rows}) == 4 and len({sha for _, sha, *_ in rows}) == 1
    assert all(quarter_of(day) == quarter_of(TODAY) and meeting for *_, day, meeting in rows)


# --- KM Award (kmapp/demo/award.py) ------------------------------------------------------

def test_kma_2025_is_final_with_15_winners_of_51_and_kma_2026_is_under_way(demo, admin):
    from kmapp.models import AwardResult, AwardRound, Nomination, ScoreSheet
    with demo.app_context():
        first, running = db.session.scalars(select(AwardRound).order_by(AwardRound.year)).all()
        assert (first.year, first.finalised, first.ceremony_on) == (2025, True, date(2025, 12, 10))
        results = db.session.scalars(select(AwardResult).where(AwardResult.round_id == first.id)
                                     .order_by(AwardResult.rank)).all()
        assert len(results) == 51 and sum(r.winner for r in results) == 15
        assert [r.rank for r in results] == list(range(1, 52))
        assert 40 < results[-1].total < results[0].total <= 100
        assert (running.year, running.finalised) == (2026, False) and running.submission_deadline > TODAY
        sent = db.session.scalar(select(func.count()).select_from(Nomination).where(
            Nomination.round_id == running.id, Nomination.status == "submitted"))
        drafts = db.session.scalar(select(func.count()).select_from(Nomination).where(
            Nomination.round_id == running.id, Nomination.status == "draft"))
        sheets = dict(db.session.execute(select(ScoreSheet.status, func.count()).where(ScoreSheet.round_id == running.id)
                                         .group_by(ScoreSheet.status)).all())
        assert 0 < sent < 51 and drafts > 0 and sheets["submitted"] > 0 and sheets["draft"] > 0
    page = admin.get("/award/2025/results")
    assert page.status_code == 200 and page.get_data(as_text=True).count("pemenang</span>") == 15


def test_juri_has_sheets_to_score_and_lead_dinkes_a_nomination_to_send(demo):
    juri = demo.test_client()
    assert sign_in(juri, "juri", DEMO_PASSWORD).status_code == 302
    home = juri.get("/").get_data(as_text=True)
    assert "KMA 2026: 4 lembar nilai menunggu Anda" in home
    mine = juri.get("/award/2026").get_data(as_text=True)
    assert mine.count("Buka lembar nilai") == 6 and mine.count(">terkirim<") == 2
    lead = demo.test_client()
    assert sign_in(lead, "lead.dinkes", DEMO_PASSWORD).status_code == 302
    assert "nominasi Dinas Kesehatan belum dikirim" in lead.get("/").get_data(as_text=True)
    agency = lead.get("/programme/agencies/mine", follow_redirects=True).get_data(as_text=True)
    assert "Riwayat KM Award" in agency and "pemenang" in agency


def test_the_demo_has_departures_handovers_and_60_and_65_year_retirements(demo):
    from kmapp.handover.departures import departures_within
    from kmapp.handover.figures import agency_handover_figures
    from kmapp.models import HandoverState
    with demo.app_context():
        facts = departures_within(365, today=TODAY)
        classes = {db.session.get(User, f.user_id).position_class for f in facts if f.forecast}
        assert {"functional_middle", "senior_executive", "functional_top"} <= classes
        recorded = [f for f in facts if not f.forecast]
        assert len({db.session.get(User, f.user_id).agency_id for f in recorded}) >= 3
        assert any(f.handover_state == HandoverState.CONFIRMED for f in recorded)
        dinkes = db.session.scalar(select(Agency).where(Agency.code == "DINKES"))
        assert agency_handover_figures(dinkes.id, TODAY).overdue == 1
    client = demo.test_client()
    assert sign_in(client, "pensiun.dinkes", DEMO_PASSWORD).status_code == 302
    assert "tuliskan serah terima pengetahuan" in client.get("/").get_data(as_text=True)
    hr = demo.test_client()
    assert sign_in(hr, "kepegawaian.dinkes", DEMO_PASSWORD).status_code == 302
    page = hr.get("/handover/", follow_redirects=True).get_data(as_text=True)
    assert "tanggal lahir pada NIP tidak valid" in page and "perkiraan dari NIP" in page
