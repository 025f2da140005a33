"""Demo maturity rounds: last year's published for every agency, this year's under way.

Last year (2025 in the demo): every agency at level 4 or 5, as the articles report ("51 CoP
... Level 4-5"), a few at level 5 with JAK-HIGH's 95.5/100 and Jaksel Archives' 94/100.
This year: drafts (JAK-HIGH's half filled, for `lead.dinkes`), submissions waiting for
`juri` and other assessors, verified results waiting for the admin to publish, and a
facilitator's comment. Scores are built to reach an exact total (kmapp/maturity/scoring.py:
with weights of 5 and 10 adding to 200, every 0.5 is reachable). Its own random generator, so
the rest of the demo stays as it was.
"""
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select

from ..extensions import db
from ..maturity.instruments import seed_default_instrument
from ..maturity.scoring import instrument_total, level_for
from ..models import (Agency, AssessmentState, Asset, Community, EvidenceKind, MaturityAssessment,
                      MaturityAssessorAssignment, MaturityComment, MaturityEvidence, MaturityRound, MaturityScore,
                      Meeting, Role, User)

# Last year's level-5 agencies and their totals (the three showcase CoPs from the articles first).
LEVEL_FIVE = {"DINKES": Decimal("95.5"), "KOTA-JAKSEL": Decimal("94"), "BIRO-PLH": Decimal("93.5")}
OTHER_LEVEL_FIVE = 4          # more agencies between 85 and 91
JURI_TO_VERIFY = ("KOTA-JAKSEL", "BIRO-PLH", "DISDIK", "DISHUB")
JURI_VERIFIED = ("DINSOS", "DPRKP")
EXTRA_ASSESSORS = (("BPSDM", 1), ("INSPEKTORAT", 1))  # roster employees who also judge
JUSTIFICATIONS = (
    "Didukung notulen pertemuan dan aset yang terbit di portal.",
    "Sudah berjalan rutin; bukti terlampir dari pertemuan triwulan ini.",
    "Belum merata di semua bidang; rencana perbaikan disusun.",
    "Tercantum dalam dokumen perencanaan dan dipantau tiap triwulan.",
)


def scores_for_total(rng: random.Random, weights: list[int], total: Decimal) -> list[int]:
    """Scores 1-5 whose weighted total (out of 100) is exactly `total` (a multiple of 0.5)."""
    deficit = int((Decimal(100) - total) * sum(weights) * 5 / 100)
    scores = [5] * len(weights)
    while deficit > 0:
        options = [i for i, w in enumerate(weights) if w <= deficit and scores[i] > 2]
        index = rng.choice(options)
        scores[index] -= 1
        deficit -= weights[index]
    return scores


def seed_maturity(rng_seed: int, today: date, logins: dict[str, User], facilitators: dict[int, User]) -> None:
    """Both rounds over the agencies already in the database (called by seed_demo)."""
    rng = random.Random(rng_seed)
    instrument = seed_default_instrument()
    agencies = list(db.session.scalars(select(Agency).order_by(Agency.code)))
    assessors = _assessors(logins["juri"])
    evidence = _evidence_sources([a.id for a in agencies])
    last, this = today.year - 1, today.year
    weights = [i.weight for i in instrument.indicators]
    last_totals = _last_year_totals(rng, agencies)
    admin = logins["admin"]
    old = _round(last, instrument, date(last, 10, 31), admin, datetime(last, 9, 1, 2))
    for agency in agencies:
        scores = scores_for_total(rng, weights, last_totals[agency.code])
        _assessment(rng, old, agency, instrument, scores, AssessmentState.PUBLISHED, _verifier(assessors, agency),
                    datetime(last, 11, 10, 3), evidence)
    new = _round(this, instrument, today + timedelta(days=21), admin, datetime.combine(today - timedelta(days=40),
                                                                                         time(2)))
    plan = _this_year_plan(agencies)
    for agency in agencies:
        state = plan[agency.code]
        target = max(Decimal(60), min(Decimal(100), last_totals[agency.code] + Decimal(rng.choice(range(-8, 5))) / 2))
        scores = scores_for_total(rng, weights, target)
        verifier = logins["juri"] if agency.code in JURI_TO_VERIFY + JURI_VERIFIED else _verifier(assessors, agency)
        db.session.add(MaturityAssessorAssignment(round_id=new.id, agency_id=agency.id, assessor_id=verifier.id))
        assessment = _assessment(rng, new, agency, instrument, scores, state, verifier,
                                 datetime.combine(today - timedelta(days=rng.randrange(2, 12)), time(3)), evidence,
                                 partial=agency.code == "DINKES" or state == "partial")
        if agency.code in ("DINKES", "KOTA-JAKSEL", "BIRO-PLH"):
            community = agency.communities[0]
            assessment.comments.append(MaturityComment(
                author=facilitators[community.id], created_at=datetime.combine(today - timedelta(days=3), time(4)),
                body="Bukti untuk PR-1 sudah kuat. Untuk UK-2, lampirkan data sebelum dan sesudah program."))
    db.session.flush()


def _assessors(juri: User) -> list[User]:
    """`juri` and a roster employee of each of EXTRA_ASSESSORS' agencies, given the assessor role."""
    found = [juri]
    for code, count in EXTRA_ASSESSORS:
        people = db.session.scalars(select(User).join(Agency).where(Agency.code == code, User.nip.is_not(None))
                                    .order_by(User.id).limit(count))
        for person in people:
            person.set_roles(person.roles | {Role.ASSESSOR.value})
            found.append(person)
    return found


def _verifier(assessors: list[User], agency: Agency) -> User:
    """An assessor from another agency, spread evenly."""
    eligible = [a for a in assessors if a.agency_id != agency.id]
    return eligible[agency.id % len(eligible)]


def _last_year_totals(rng: random.Random, agencies: list[Agency]) -> dict[str, Decimal]:
    totals = dict(LEVEL_FIVE)
    others = [a.code for a in agencies if a.code not in totals]
    for code in rng.sample(others, OTHER_LEVEL_FIVE):
        totals[code] = Decimal(rng.randrange(170, 182)) / 2       # 85 to 90.5
    for code in others:
        totals.setdefault(code, Decimal(rng.randrange(140, 170)) / 2)  # 70 to 84.5: level 4
    return totals


def _this_year_plan(agencies: list[Agency]) -> dict[str, str]:
    """Which state each agency's assessment is in this year (by code order: deterministic)."""
    plan = {}
    rest = [a.code for a in agencies if a.code not in JURI_TO_VERIFY + JURI_VERIFIED + ("DINKES",)]
    for index, code in enumerate(rest):
        plan[code] = ("verified", "submitted", "submitted", "partial", "draft")[index % 5]
    plan.update({code: "submitted" for code in JURI_TO_VERIFY})
    plan.update({code: "verified" for code in JURI_VERIFIED})
    plan["DINKES"] = "draft"
    return plan


def _round(year: int, instrument, deadline: date, admin: User, opened: datetime) -> MaturityRound:
    instrument.frozen_at = instrument.frozen_at or opened
    round_ = MaturityRound(year=year, instrument=instrument, deadline=deadline, opened_by_id=admin.id, opened_at=opened)
    db.session.add(round_)
    db.session.flush()
    return round_


def _evidence_sources(agency_ids: list[int]) -> dict[int, tuple[list[int], list[int]]]:
    """{agency id: (its latest meeting ids, its latest asset ids)}."""
    sources: dict[int, tuple[list[int], list[int]]] = {agency_id: ([], []) for agency_id in agency_ids}
    for agency_id, meeting_id in db.session.execute(select(Community.agency_id, Meeting.id).join(Community)
                                                    .order_by(Meeting.held_on.desc())):
        if len(sources[agency_id][0]) < 3:
            sources[agency_id][0].append(meeting_id)
    for agency_id, asset_id in db.session.execute(select(Community.agency_id, Asset.id).join(Community)
                                                  .where(Asset.status == "published")
                                                  .order_by(Asset.published_on.desc())):
        if len(sources[agency_id][1]) < 3:
            sources[agency_id][1].append(asset_id)
    return sources


def _assessment(rng, round_, agency, instrument, scores, state, verifier, when, evidence, partial=False):
    state = "draft" if state in ("draft", "partial") else state
    assessment = MaturityAssessment(round=round_, agency_id=agency.id, state=state)
    db.session.add(assessment)
    indicators = instrument.indicators
    filled = len(indicators) // 2 if partial else (len(indicators) if state != "draft" else 0)
    lead = next((m.user for c in agency.communities for m in c.members if m.role == "lead"), None)
    meetings, assets = evidence[agency.id]
    for index, (indicator, score) in enumerate(zip(indicators, scores)):
        if index >= filled:
            break
        raised = state != "draft" and rng.random() < 0.12 and score < 5  # the lead claimed one level more
        row = MaturityScore(indicator_id=indicator.id, self_score=score + 1 if raised else score,
                            justification=rng.choice(JUSTIFICATIONS))
        if state in ("verified", "published"):
            row.verified_score = score
            row.verifier_reason = "Bukti belum menunjukkan tingkat ini." if raised else ""
        if indicator.code == "PR-1" and meetings:
            row.evidence.append(MaturityEvidence(kind=EvidenceKind.MEETING.value, meeting_id=meetings[0],
                                                 added_by_id=lead.id if lead else None, added_at=when))
        if indicator.code == "KT-1" and assets:
            row.evidence.append(MaturityEvidence(kind=EvidenceKind.ASSET.value, asset_id=assets[0],
                                                 added_by_id=lead.id if lead else None, added_at=when))
        assessment.scores.append(row)
    db.session.flush()
    if state == "draft":
        return assessment
    self_scores = {row.indicator_id: row.self_score for row in assessment.scores}
    assessment.self_total = instrument_total(instrument, self_scores)
    assessment.self_level = level_for(assessment.self_total, instrument.thresholds)
    assessment.submitted_at, assessment.submitted_by = when - timedelta(days=14), lead
    if state in ("verified", "published"):
        verified = {row.indicator_id: row.verified_score for row in assessment.scores}
        assessment.total = instrument_total(instrument, verified)
        assessment.level = level_for(assessment.total, instrument.thresholds)
        assessment.verified_at, assessment.verified_by = when - timedelta(days=3), verifier
    if state == "published":
        assessment.published_at = when
    return assessment
