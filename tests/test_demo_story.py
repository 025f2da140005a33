"""The demo's story as a plan (no database): it holds for any day the demo is seeded on."""
import random
import re
from datetime import date
from pathlib import Path

import pytest

from kmapp.auth.nip import parse_nip
from kmapp.demo import catalogue as cat
from kmapp.demo.pdfgen import text_to_pdf
from kmapp.demo.people import NipAllocator, new_person
from kmapp.demo.seed import DEMO_LOGINS
from kmapp.demo.showcase import SHOWCASE_2026
from kmapp.demo.story import NAMED_COPS, not_before, quarters_until, review_dates, tell
from kmapp.demo.subjects import SUBJECTS, title_case
from kmapp.quarters import quarter_of

RULE_STARTS = date(2025, 10, 1)
DAYS = [date(2025, 8, 1), date(2026, 1, 1), date(2026, 1, 10), date(2026, 4, 4), date(2026, 11, 30),
        date(2027, 2, 15)]


def _counted(story, community, quarter):
    return [a for a in story.assets if a.community == community and quarter_of(a.published_on) == quarter
            and (a.meeting or a.published_on < RULE_STARTS)]


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_story_holds_on_any_day(today):
    story = tell(random.Random(2025), today, RULE_STARTS)
    assert max(a.published_on for a in story.assets) <= today and max(m.held_on for m in story.meetings) <= today
    for quarter in quarters_until(today):
        held = {m.community for m in story.meetings if quarter_of(m.held_on) == quarter}
        assert set(NAMED_COPS) <= held, quarter  # the showcase CoPs meet in every quarter to date
        for name in NAMED_COPS:
            assert _counted(story, name, quarter), (name, quarter)
        if quarter in story.output_quarters:
            assert all(_counted(story, c.name, quarter) for c in cat.COMMUNITIES), quarter
    assert all(a.meeting for a in story.assets if a.published_on >= RULE_STARTS)
    titles = [a.title for a in story.assets]
    assert len(titles) == len(set(titles))


def test_triwulan_iii_2025_as_reported():
    story = tell(random.Random(2025), date(2026, 1, 10), RULE_STARTS)
    q3 = [m for m in story.meetings if quarter_of(m.held_on) == (2025, 3)]
    assert (len({m.community for m in q3}), len(q3), sum(m.accompanied for m in q3)) == (42, 45, 33)
    assert story.output_quarters == [(2025, 1), (2025, 2), (2025, 3)]


def test_the_story_is_deterministic():
    first = tell(random.Random(2025), date(2026, 11, 30), RULE_STARTS)
    second = tell(random.Random(2025), date(2026, 11, 30), RULE_STARTS)
    assert [(a.title, a.published_on) for a in first.assets] == [(a.title, a.published_on) for a in second.assets]


def test_a_title_naming_a_period_comes_after_it():
    assert not_before("Laporan Analisis Pengaduan Warga Berulang Triwulan III 2025") == date(2025, 10, 1)
    assert not_before("Laporan Pembelajaran Penanganan Banjir Awal Tahun 2025") == date(2025, 2, 1)
    assert not_before("Panduan Mengenali Pohon Rawan Tumbang") is None


def test_reviews_happen_around_their_due_dates():
    rng = random.Random(1)
    today = date(2026, 11, 30)
    results = [review_dates(rng, date(2025, 1, 1 + i % 28), today, 12) for i in range(400)]
    assert all(last is None or date(2025, 1, 1) < last <= today for last, _ in results)
    overdue = sum(due < today for _, due in results)
    assert 0 < overdue < 40  # a few skipped their review, most did it
    assert sum(last is not None for last, _ in results) > 300


def test_subjects_cover_every_agency_and_read_as_titles():
    assert set(SUBJECTS) == {a.code for a in cat.AGENCIES}
    for code, subjects in SUBJECTS.items():
        assert len(subjects) >= 5 and len(set(subjects)) == len(subjects), code
    assert title_case("verifikasi usulan DTKS di kelurahan") == "Verifikasi Usulan DTKS di Kelurahan"


def test_showcase_meetings_of_2026_cover_every_quarter_on_working_days():
    assert set(SHOWCASE_2026) == set(NAMED_COPS)
    for name, meetings in SHOWCASE_2026.items():
        assert {quarter_of(m.held_on) for m in meetings} == {(2026, q) for q in (1, 2, 3, 4)}, name
        assert all(m.held_on.weekday() < 5 and m.minutes_md.startswith("## ") for m in meetings), name


def test_people_have_valid_unique_nips_and_no_role_in_their_names():
    rng = random.Random(3)
    nips = NipAllocator(rng, date(2026, 11, 30))
    people = [new_person(rng, nips) for _ in range(5000)]
    assert len({nip for nip, _ in people}) == 5000
    for nip, name in people:
        info = parse_nip(nip, today=date(2026, 11, 30))
        born = info.birth_date
        assert 20 <= 2026 - born.year - ((11, 30) < (born.month, born.day)) <= 57  # below the retirement age
        assert "(" not in name
    assert all("(" not in name for _, name, *_ in DEMO_LOGINS)


def test_long_pdfs_have_numbered_pages():
    pdf = text_to_pdf("\n\n".join(f"Paragraf {i} " + "kata " * 80 for i in range(60)), "Judul")
    assert pdf.count(b"/Type /Page ") >= 3 and b"(1 / " in pdf and b"/Helvetica-Bold" in pdf


def test_the_readme_lists_the_demo_logins():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([^`]+)` \| ([^|]+?) \|", readme, re.MULTILINE))
    assert {(login, name) for login, name, *_ in DEMO_LOGINS} <= rows


def test_only_one_demo_asset_says_diarsipkan():
    """The search demo finds "pengarsipan" through the body of one asset only (see
    tests/search/test_indexing.py): generated texts must not say it too."""
    story = tell(random.Random(2025), date(2026, 11, 30), RULE_STARTS)
    holders = [a.title for a in story.assets if "diarsipkan" in (a.title + a.summary + a.body).lower()]
    assert holders == [cat.BODY_ONLY_ASSET_TITLE]
    # ... and few assets speak of archives at all, so that it shows on the first page of ten.
    assert len([a for a in story.assets if "arsip" in (a.title + a.summary + a.body).lower()]) <= 8
