"""Maturity instrument: score -> total -> level on hand-computed examples, frozen versions and
new versions, and comparison across versions by the indicators' stable codes."""
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from kmapp.clock import local_today
from kmapp.extensions import db
from kmapp.maturity.comparison import compare_assessments
from kmapp.maturity.instruments import (InstrumentFrozen, add_indicator, new_version, remove_indicator,
                                        seed_default_instrument, update_indicator)
from kmapp.maturity.rounds import open_round
from kmapp.maturity.scoring import ScoreOutOfRange, level_for, weighted_total
from kmapp.models import AssessmentState, MaturityInstrument, User

from .fixtures_maturity import assessment_of, fill, open_test_round

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
