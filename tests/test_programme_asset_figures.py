"""The dashboard's asset figures (per agency and Triwulan, per KM and SECI stage) against a
straightforward count of the asset rows in Python, on a generated programme: the Triwulan IV
rule, drafts, assets without a meeting, meetings with two SECI stages, quarter edges, a kind filter."""
import random
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import Agency, Asset, Community, Meeting, MeetingSeciStage
from kmapp.programme import figures
from kmapp.programme.targets import counts_towards_target, figures_by_agency
from kmapp.quarters import quarter_of

from .conftest import meeting

RULE_FROM = date(2025, 10, 1)


def _programme(seed=5):
    rng = random.Random(seed)
    agencies = [Agency(code=f"A{i}", name=f"Badan {i}", kind="dinas" if i % 2 else "badan", headcount=10)
                for i in range(5)]
    cops = [Community(agency=agency, name=f"CoP {agency.code}") for agency in agencies]
    db.session.add_all(agencies + cops)
    days = [date(2025, 1, 1) + timedelta(days=rng.randrange(365)) for _ in range(60)]
    days += [date(2025, 9, 30), RULE_FROM, date(2025, 12, 31), date(2024, 12, 31), date(2026, 1, 1)]
    meetings = []
    for index, day in enumerate(days[:40]):
        held = meeting(rng.choice(cops), day, f"Pertemuan {index}")
        held.set_seci_stages(rng.sample(["socialization", "externalization", "combination", "internalization"],
                                        rng.randint(0, 2)))
        meetings.append(held)
    db.session.add_all(meetings)
    for index, day in enumerate(days * 2):
        db.session.add(Asset(community=rng.choice(cops), meeting=rng.choice(meetings) if rng.random() < 0.6 else None,
                             title=f"Aset {index}", asset_type="sop", km_stage=rng.choice(["creation", "sharing"]),
                             status="published" if rng.random() < 0.85 else "draft", published_on=day))
    db.session.commit()


def _assets():
    return db.session.execute(select(Asset.id, Community.agency_id, Asset.published_on, Asset.meeting_id, Asset.km_stage,
                                     Asset.status).join(Community)).all()


def test_asset_figures_equal_a_count_of_the_asset_rows(app):
    with app.app_context():
        _programme()
        stages = {}
        for meeting_id, stage in db.session.execute(select(MeetingSeciStage.meeting_id, MeetingSeciStage.stage)):
            stages.setdefault(meeting_id, set()).add(stage)
        dinas = list(db.session.scalars(select(Agency.id).where(Agency.kind == "dinas")))
        achieved = figures_by_agency(2025, required_from=RULE_FROM)
        counted = Counter((agency_id, quarter_of(day)[1]) for _, agency_id, day, meeting_id, _, status in _assets()
                          if status == "published" and day.year == 2025
                          and counts_towards_target(day, meeting_id, RULE_FROM))
        assert {key: value.assets for key, value in achieved.items() if value.assets} == dict(counted)
        assert sum(counted.values()) > 40
        for quarter in (None, 1, 2, 3, 4):
            period = figures.period_of(2025, quarter)
            for scope in (None, dinas):
                rows = [row for row in _assets() if row.status == "published"
                        and period.first <= row.published_on <= period.last and (scope is None or row.agency_id in scope)]
                km = Counter(row.km_stage for row in rows)
                assert {k: v for k, v in figures.assets_by_km_stage(period, scope).items() if v} == dict(km)
                seci = Counter(stage for row in rows for stage in stages.get(row.meeting_id, ()))
                seci[None] = sum(row.meeting_id is None for row in rows)
                found = figures.assets_by_seci_stage(period, scope)
                assert {k: v for k, v in found.items() if v} == {k: v for k, v in seci.items() if v}, (quarter, scope)
