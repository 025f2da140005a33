"""The award's arithmetic: sheet totals, the mean across assessors, disagreement and the tie-break,
on a hand-computed example (kmapp/award/scoring.py states the rules)."""
from types import SimpleNamespace

import pytest

from kmapp.award.scoring import Entry, check_entries, rank, weighted_total

RELEVANCE = SimpleNamespace(id=1, code="relevance", weight=50, scale_min=1, scale_max=5)
IMPACT = SimpleNamespace(id=2, code="impact", weight=30, scale_min=1, scale_max=5)
SUSTAINABILITY = SimpleNamespace(id=3, code="sustainability", weight=20, scale_min=0, scale_max=10)
CRITERIA = [RELEVANCE, IMPACT, SUSTAINABILITY]


def values(relevance, impact, sustainability):
    return {1: relevance, 2: impact, 3: sustainability}


def test_a_sheet_total_weighs_each_score_by_its_place_on_its_scale():
    # 50 x 4/4 + 30 x 2/4 + 20 x 10/10 = 50 + 15 + 20
    assert weighted_total(CRITERIA, values(5, 3, 10)) == pytest.approx(85)
    # 50 x 3/4 + 30 x 3/4 + 20 x 5/10 = 37.5 + 22.5 + 10
    assert weighted_total(CRITERIA, values(4, 4, 5)) == pytest.approx(70)
    assert weighted_total(CRITERIA, values(1, 1, 0)) == 0


def test_ranking_means_disagreement_and_the_documented_tie_break():
    sheets = [
        ("x", "X", "Agency X", values(5, 3, 10)),  # 85
        ("x", "X", "Agency X", values(3, 3, 5)),   # 25 + 15 + 10 = 50 -> mean 67.5, spread 35
        ("y", "Y", "Agency Y", values(4, 4, 5)),   # 70, impact 4
        ("z", "Z", "Agency Z", values(5, 1, 10)),  # 50 + 0 + 20 = 70, impact 1
        ("w", "A", "Agency W", values(4, 4, 5)),   # 70, impact 4, sustainability 5: equal to Y but code A < Y
    ]
    ranking = rank(CRITERIA, sheets, margin=15)
    assert [(s.agency_id, s.rank) for s in ranking] == [("w", 1), ("y", 2), ("z", 3), ("x", 4)]
    assert [s.total for s in ranking] == pytest.approx([70, 70, 70, 67.5])
    x = ranking[3]
    assert x.spread == pytest.approx(35) and x.disagreement
    assert x.aspect_means == {1: 4, 2: 3, 3: 7.5}
    assert not any(s.disagreement for s in ranking[:3])  # one sheet each
    assert not rank(CRITERIA, sheets, margin=40)[3].disagreement


def test_the_ranking_does_not_depend_on_the_order_of_the_sheets():
    sheets = [("a", "B", "b", values(4, 4, 5)), ("b", "A", "a", values(4, 4, 5)), ("c", "C", "c", values(2, 2, 2))]
    assert [s.agency_id for s in rank(CRITERIA, sheets, 15)] == [s.agency_id for s in rank(CRITERIA, sheets[::-1], 15)]


def test_rules_of_a_sheet(app):
    with app.test_request_context():
        assert check_entries(CRITERIA, {1: Entry(6), 2: Entry(3), 3: Entry(5)}, submitting=False) == {
            1: "Nilai 6 di luar skala 1–5."}
        # A draft may leave scores empty and end-of-scale scores without a comment.
        assert check_entries(CRITERIA, {1: Entry(5)}, submitting=False) == {}
        errors = check_entries(CRITERIA, {1: Entry(5), 2: Entry(3, ""), 3: Entry(0, "lemah")}, submitting=True)
        assert errors == {1: "Nilai 5 ada di ujung skala: tuliskan alasannya di komentar."}
        assert check_entries(CRITERIA, {1: Entry(4)}, submitting=True) == {
            2: "Nilai wajib diisi sebelum lembar dikirim.", 3: "Nilai wajib diisi sebelum lembar dikirim."}
