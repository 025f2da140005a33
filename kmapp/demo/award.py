"""The KM Award in the demo: KMA 2025 finished (first held 10 December 2025, 51 agencies, 15
winners) and, from 2026, the running year's round in progress: some nominations sent, some still
drafts, assessors part-way through their sheets, and the `juri` login assigned to several agencies.

Scores follow each agency's record in the demo (the showcase CoPs and agencies that met more
targets score higher), with the assessors' own spread, so the ranking reads as believable.
"""
import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from ..award.rounds import create_round, finalise
from ..award.scoring import Entry, check_entries
from ..extensions import db
from ..policy import belongs_to_agency
from ..models import (Agency, Asset, AssessorAssignment, AspectScore, Community, Meeting, Nomination,
                      NominationEvidence, NominationNarrative, Role, ScoreSheet, SheetStatus, User)

FIRST_CEREMONY = date(2025, 12, 10)
FIRST_DEADLINE = date(2025, 11, 14)
WINNERS = 15
SHOWCASE_CODES = ("DINKES", "DISPUSIP", "KOMINFOTIK")
COMMENTS = {1: "Belum tampak kegiatan yang mendukung aspek ini.", 2: "Ada upaya awal, belum konsisten.",
            3: "Cukup, sesuai harapan minimal.", 4: "Baik, didukung bukti dari portal.",
            5: "Sangat baik dan terdokumentasi lengkap; layak dicontoh perangkat daerah lain."}
NARRATIVE = {
    "relevance": "Tema CoP {cop} menjawab kebutuhan layanan {agency} tahun {year}.",
    "participation": "Pertemuan rutin tiap triwulan melibatkan anggota lintas bidang; {meetings} pertemuan tercatat.",
    "documentation": "Hasil pertemuan dituangkan menjadi {assets} aset pengetahuan di portal.",
    "accessibility": "Aset dibuka untuk semua pegawai dan disebarkan lewat apel pagi dan grup kerja.",
    "impact": "Praktik yang dibagikan dipakai dalam pekerjaan sehari-hari dan mempercepat layanan.",
    "sustainability": "Jadwal pertemuan dan tinjauan aset tahunan sudah ditetapkan oleh ketua CoP.",
    "leadership": "Kepala perangkat daerah membuka pertemuan dan menetapkan CoP dengan keputusan.",
    "external": "CoP mengundang narasumber dari perangkat daerah lain dan perguruan tinggi.",
}


def seed_award(today: date, admin: User, juri: User) -> str:
    """Both rounds, as of `today` (called once from seed_demo, after meetings and assets).

    A random generator of its own: the rest of the demo (rosters, accesses) stays as it was."""
    rng = random.Random(20251210)
    if today < FIRST_CEREMONY:
        return ""
    agencies = list(db.session.scalars(select(Agency).order_by(Agency.code)))
    quality = _quality(agencies, rng)
    assessors = [juri] + _panel_assessors()
    first = _finished_round(agencies, quality, assessors, admin, rng)
    summary = f"KMA 2025 final ({first} pemenang)"
    if today.year >= 2026:
        summary += "; " + _running_round(today, agencies, quality, assessors, juri, rng)
    return summary


def _quality(agencies: list[Agency], rng: random.Random) -> dict[int, float]:
    """A mean score per agency (1-5): its meetings in the demo, a showcase bonus, and chance."""
    meetings = dict(db.session.execute(select(Community.agency_id, func.count(Meeting.id))
                                       .join(Meeting, Meeting.community_id == Community.id)
                                       .group_by(Community.agency_id)).all())
    most = max(meetings.values(), default=1) or 1
    return {a.id: min(4.8, 2.2 + 1.6 * meetings.get(a.id, 0) / most + rng.uniform(0, 1.0)
                      + (0.9 if a.code in SHOWCASE_CODES else 0.0)) for a in agencies}


def _panel_assessors() -> list[User]:
    """Two of BPSDM's widyaiswara (trainers) and two auditors of the Inspektorat (members of its
    CoP) also sit on the jury: no extra accounts, and every agency has assessors who do not
    belong to it (BPSDM's own nomination goes to the auditors)."""
    from ..models import CommunityMember, UserRole
    trainers = list(db.session.scalars(
        select(User).join(UserRole).join(Agency, Agency.id == User.agency_id)
        .where(UserRole.role == Role.FACILITATOR, Agency.code == "BPSDM", User.nip.is_not(None))
        .order_by(User.id).limit(2)))
    auditors = list(db.session.scalars(
        select(User).join(CommunityMember, CommunityMember.user_id == User.id).join(Agency, Agency.id == User.agency_id)
        .where(Agency.code == "INSPEKTORAT", CommunityMember.role == "member").order_by(User.id).limit(2)))
    for person in trainers + auditors:
        person.set_roles([*person.roles, Role.ASSESSOR])
    db.session.flush()
    return trainers + auditors


def _eligible(assessors: list[User], agency: Agency) -> list[User]:
    return [a for a in assessors if not belongs_to_agency(a, agency.id)]


def _finished_round(agencies, quality, assessors, admin, rng) -> int:
    award = create_round(2025, "KMA 2025", WINNERS, FIRST_DEADLINE, FIRST_CEREMONY, admin)
    for agency in agencies:
        _nomination(award, agency, rng, submitted=True, at=FIRST_DEADLINE - timedelta(days=rng.randint(1, 20)))
        eligible = _eligible(assessors, agency)
        for assessor in rng.sample(eligible, min(3, len(eligible))):
            _assign(award, agency, assessor)
            _sheet(award, agency, assessor, quality[agency.id], rng, submitted=True,
                   at=FIRST_DEADLINE + timedelta(days=rng.randint(2, 18)))
    db.session.flush()
    results = finalise(award, admin)
    award.finalised_at = datetime.combine(FIRST_CEREMONY - timedelta(days=3), time(10))
    return sum(1 for r in results if r.winner)


def _running_round(today, agencies, quality, assessors, juri, rng) -> str:
    year = today.year
    deadline = min(today + timedelta(days=14), date(year, 12, 31))
    ceremony = max(date(year, 12, 10), deadline + timedelta(days=7))
    award = create_round(year, f"KMA {year}", WINNERS, deadline, ceremony if ceremony.year == year else None, None)
    order = sorted(agencies, key=lambda a: (a.code != "DINKES", rng.random()))
    drafts = order[:10]                 # DINKES first: lead.dinkes has a nomination to finish
    sent = order[10:40]
    for agency in drafts:
        _nomination(award, agency, rng, submitted=False)
    for agency in sent:
        _nomination(award, agency, rng, submitted=True, at=datetime.combine(today - timedelta(days=rng.randint(1, 25)),
                                                                             time(9)))
    juri_agencies = [a for a in sent if a.id != juri.agency_id][:6]
    done = 0
    for agency in sent:
        others = [a for a in _eligible(assessors, agency) if a is not juri]
        panel = ([juri] if agency in juri_agencies else []) + rng.sample(
            others, min(len(others), 2 if agency in juri_agencies else 3))
        for assessor in panel:
            _assign(award, agency, assessor)
        for assessor in panel:
            if assessor is juri:
                continue
            if rng.random() < 0.45:
                _sheet(award, agency, assessor, quality[agency.id], rng, submitted=True,
                       at=today - timedelta(days=rng.randint(0, 5)))
                done += 1
    # juri: two sheets sent, one draft half-way, three not opened yet.
    for index, agency in enumerate(juri_agencies):
        if index < 2:
            _sheet(award, agency, juri, quality[agency.id], rng, submitted=True, at=today - timedelta(days=1))
            done += 1
        elif index == 2:
            _sheet(award, agency, juri, quality[agency.id], rng, submitted=False, partial=True)
    return (f"KMA {year} berjalan: {len(sent)} nominasi terkirim, {len(drafts)} draf, {done} lembar nilai terkirim, "
            f"juri menilai {len(juri_agencies)} perangkat daerah")


def _nomination(award, agency, rng, submitted: bool, at=None) -> Nomination:
    communities = agency.communities
    cop = communities[0].name if communities else agency.name
    meetings = list(db.session.scalars(select(Meeting).join(Community).where(
        Community.agency_id == agency.id, Meeting.year.in_((award.year - 1, award.year))).order_by(Meeting.held_on)))
    assets = list(db.session.scalars(select(Asset).join(Community).where(
        Community.agency_id == agency.id, Asset.status == "published", Asset.published_on >= date(award.year - 1, 1, 1),
        Asset.published_on <= date(award.year, 12, 31)).order_by(Asset.published_on)))
    nomination = Nomination(round_id=award.id, agency_id=agency.id)
    texts = {"cop": cop, "agency": agency.name, "year": award.year, "meetings": len(meetings), "assets": len(assets)}
    written = award.criteria if submitted else award.criteria[:rng.randint(2, 5)]
    nomination.narratives = [NominationNarrative(criterion_id=c.id, text=NARRATIVE[c.code].format(**texts))
                             for c in written]
    nomination.evidence = ([NominationEvidence(meeting_id=m.id) for m in meetings[-3:]]
                           + [NominationEvidence(asset_id=a.id) for a in assets[-3:]])
    if submitted:
        nomination.status = SheetStatus.SUBMITTED.value
        nomination.submitted_at = at if isinstance(at, datetime) else datetime.combine(at, time(14))
    db.session.add(nomination)
    return nomination


def _assign(award, agency, assessor) -> None:
    db.session.add(AssessorAssignment(round_id=award.id, agency_id=agency.id, assessor_id=assessor.id))


def _sheet(award, agency, assessor, quality: float, rng, submitted: bool, at=None, partial: bool = False) -> None:
    entries = {}
    criteria = award.criteria[:4] if partial else award.criteria
    for criterion in criteria:
        value = max(criterion.scale_min, min(criterion.scale_max, round(rng.gauss(quality, 0.55))))
        entries[criterion.id] = Entry(value, COMMENTS[value])
    broken = check_entries(award.criteria, entries, submitting=submitted)
    if broken:  # the demo keeps the rules it shows
        raise ValueError(f"demo sheet breaks the rubric: {broken}")
    sheet = ScoreSheet(round_id=award.id, agency_id=agency.id, assessor_id=assessor.id,
                       scores=[AspectScore(criterion_id=c, value=e.value, comment=e.comment) for c, e in entries.items()])
    if submitted:
        sheet.status = SheetStatus.SUBMITTED.value
        sheet.submitted_at = at if isinstance(at, datetime) else datetime.combine(at, time(15))
    db.session.add(sheet)
