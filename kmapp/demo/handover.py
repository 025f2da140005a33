"""Demo departures and handovers (kmapp/handover/): who leaves the agencies in the coming months, some
handovers done, one overdue, people whose position class gives them 60 or 65 years, and the named demo
departing employee of Dinas Kesehatan with his supervisor and the agency's HR officer (README).

Runs after the roster (kmapp/demo/roster.py), whose NIPs already foretell ~1,700 retirements at 58.
"""
import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..accounts.provisioning import set_password
from ..extensions import db
from ..handover.handovers import publish_note
from ..models import (Agency, Community, Departure, DepartureKind, Handover, HandoverState, Meeting, PositionClass,
                      Role, User, Visibility)
from .people import person_name

# (username, name, role): the departing employee, his supervisor, the agency's HR officer; all in DINKES.
DEPARTING, SUPERVISOR, HR_OFFICER = "pensiun.dinkes", "atasan.dinkes", "kepegawaian.dinkes"
HANDOVER_LOGINS = (
    (DEPARTING, "Bambang Sutrisno", (Role.EMPLOYEE,)),
    (SUPERVISOR, "Dewi Anggraini", (Role.EMPLOYEE,)),
    (HR_OFFICER, "Rina Marlina", (Role.HR_OFFICER, Role.EMPLOYEE)),
)
# (agency code, kind, days from today, to agency code, state): recorded departures across agencies.
COMING = (
    ("DINKES", "transfer", 75, "DISDIK", HandoverState.CONFIRMED),
    ("DISDIK", "retirement", 40, None, HandoverState.SUBMITTED),
    ("DISDIK", "transfer", 150, "BPSDM", HandoverState.IN_PROGRESS),
    ("BPSDM", "retirement", 200, None, HandoverState.NOT_STARTED),
    ("DINKES", "retirement", 18, None, HandoverState.IN_PROGRESS),   # the overdue one (30-day window)
    ("DISDIK", "retirement", 110, None, HandoverState.CONFIRMED),
)
PAST_DAYS = (20, 45, 90, 130, 170, 220, 260, 300, 340)  # departures of the last 12 months
CAPTURE = {
    "duties": "Mengelola {topic}: menerima permohonan, memeriksa kelengkapan, meneruskan ke kepala seksi, "
              "mengarsipkan salinan di aplikasi.",
    "deadlines": "Laporan bulanan setiap tanggal 5; rekap triwulan minggu pertama bulan berikutnya.",
    "contacts": "Kepala seksi (persetujuan), operator aplikasi di Diskominfotik, mitra puskesmas kecamatan.",
    "pending_matters": "Dua permohonan menunggu tanda tangan; revisi SOP {topic} belum disahkan.",
    "document_locations": "Folder bersama bidang, subfolder per tahun; berkas fisik di lemari arsip ruang 3.",
    "lessons_learned": "Catat setiap pengecualian di buku kendali; tanpa itu penerus mengulang kesalahan yang sama.",
}
TOPICS = ("layanan rujukan", "pengadaan obat", "data kepegawaian", "kurikulum muatan lokal", "arsip dinamis")


def seed_handover(today: date, agencies: dict[str, Agency], rng: random.Random) -> str:
    """Add the demo departures; returns a line for seed-demo's summary."""
    logins = _logins(agencies, today)
    departures = [_departing_employee(logins, today, agencies["DINKES"])]
    for index, (code, kind, days, to_code, state) in enumerate(COMING):
        person = _colleague(agencies[code], rng, index)
        departures.append(_departure(person, kind, today + timedelta(days=days),
                                     agencies[to_code] if to_code else None, state, index, today))
    for index, days in enumerate(PAST_DAYS):
        code = ("DINKES", "DISDIK", "BPSDM")[index % 3]
        person = _colleague(agencies[code], rng, 10 + index)
        departures.append(_departure(person, "retirement", today - timedelta(days=days), None,
                                     HandoverState.CONFIRMED if index % 2 == 0 else HandoverState.IN_PROGRESS,
                                     index, today))
    db.session.flush()
    _older_position_classes(agencies, today)
    _without_birth_date(agencies["DINKES"])
    notes = _publish_confirmed_notes([d for d in departures if d.leaving_on >= today])
    return f"{len(departures)} kepergian, {notes} catatan serah terima"


def _logins(agencies: dict[str, Agency], today: date) -> dict[str, User]:
    from .seed import DEMO_PASSWORD
    logins = {}
    for username, name, roles in HANDOVER_LOGINS:
        person = User(username=username, name=name, email=f"{username}@jakarta.go.id", agency=agencies["DINKES"])
        person.set_roles(roles)
        set_password(person, DEMO_PASSWORD)
        db.session.add(person)
        logins[username] = person
    # The departing employee retires at 58 on the first of the month ~2 months ahead: his NIP says so.
    leaving = _first_of_month_after(today + timedelta(days=45))
    born = date(leaving.year - 58, leaving.month - 1 if leaving.month > 1 else 12, 14)
    if leaving.month == 1:
        born = born.replace(year=born.year - 1)
    logins[DEPARTING].nip = f"{born:%Y%m%d}{born.year + 24:04d}031950"
    logins[DEPARTING].position_class = PositionClass.ADMINISTRATIVE.value
    logins[DEPARTING].supervisor = logins[SUPERVISOR]
    db.session.flush()
    return logins


def _first_of_month_after(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def _departing_employee(logins: dict[str, User], today: date, dinkes: Agency) -> Departure:
    """Bambang retires; his handover is not started, and JAK-HIGH's latest meeting is his capture interview."""
    person = logins[DEPARTING]
    meeting = _latest_meeting(dinkes)
    departure = Departure(user=person, kind=DepartureKind.RETIREMENT.value, leaving_on=_first_of_month_after(
        today + timedelta(days=45)), created_by=logins[HR_OFFICER], handover=Handover(
        supervisor=logins[SUPERVISOR], meeting_id=meeting.id if meeting else None,
        visibility=Visibility.AGENCY.value))
    db.session.add(departure)
    return departure


def _latest_meeting(agency: Agency) -> Meeting | None:
    return db.session.scalar(select(Meeting).join(Community).where(Community.agency_id == agency.id)
                             .order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(1))


def _colleague(agency: Agency, rng: random.Random, index: int) -> User:
    """A roster employee of the agency (without a departure yet), with a supervisor from the same roster."""
    people = db.session.scalars(select(User).where(User.agency_id == agency.id, User.nip.is_not(None),
                                                   User.password_hash.is_(None))
                                .order_by(User.id).offset(20 + index * 5).limit(2)).all()
    person, supervisor = people[0], people[1]
    person.supervisor = supervisor
    return person


def _departure(person: User, kind: str, leaving_on: date, to_agency: Agency | None, state: HandoverState,
               index: int, today: date) -> Departure:
    handover = Handover(supervisor=person.supervisor, state=state.value, visibility=Visibility.ALL.value)
    if state != HandoverState.NOT_STARTED:
        topic = TOPICS[index % len(TOPICS)]
        for name, text in CAPTURE.items():
            setattr(handover, name, text.format(topic=topic))
    moment = datetime.combine(min(today, leaving_on) - timedelta(days=5), time(3, 0))
    if state in (HandoverState.SUBMITTED, HandoverState.CONFIRMED):
        handover.submitted_at = moment
    if state == HandoverState.CONFIRMED:
        handover.confirmed_at, handover.confirmed_by = moment + timedelta(days=1), person.supervisor
    departure = Departure(user=person, kind=kind, leaving_on=leaving_on, to_agency=to_agency, handover=handover)
    db.session.add(departure)
    return departure


def _older_position_classes(agencies: dict[str, Agency], today: date) -> None:
    """People past 57 whose class keeps them on: retiring at 60 and 65 within the year, and one at 65 later."""
    cases = (("DINKES", PositionClass.FUNCTIONAL_MIDDLE, 60, 4), ("BPSDM", PositionClass.SENIOR_EXECUTIVE, 60, 9),
             ("DISDIK", PositionClass.FUNCTIONAL_TOP, 65, 6), ("DINKES", PositionClass.FUNCTIONAL_TOP, 65, 30))
    rng = random.Random(11)
    for serial, (code, position_class, age, months_ahead) in enumerate(cases, start=1):
        retires = today.replace(day=1)
        for _ in range(months_ahead):
            retires = _first_of_month_after(retires)
        birth_month = retires.month - 1 or 12
        birth_year = retires.year - age - (1 if retires.month == 1 else 0)
        nip = f"{birth_year:04d}{birth_month:02d}10{birth_year + 26:04d}011{900 + serial:03d}"
        person = User(nip=nip, name=person_name(rng, "1"), agency=agencies[code], position_class=position_class.value)
        person.set_roles([Role.EMPLOYEE])
        db.session.add(person)


def _without_birth_date(agency: Agency) -> None:
    """An old record whose NIP carries 30 February: listed apart, with the reason."""
    person = User(nip="196802302000031001", name="Sutarno (NIP salah ketik)", agency=agency)
    person.set_roles([Role.EMPLOYEE])
    db.session.add(person)


def _publish_confirmed_notes(departures: list[Departure]) -> int:
    """Confirmed coming handovers are published as handover notes from their agency's latest meeting."""
    published = 0
    for departure in departures:
        handover = departure.handover
        meeting = _latest_meeting(departure.user.agency)
        if handover.state == HandoverState.CONFIRMED and meeting is not None:
            handover.meeting_id = meeting.id
            publish_note(handover, handover.confirmed_by)
            published += 1
    return published
