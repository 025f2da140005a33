"""`flask seed-demo`: a believable year and a half of the KM programme on an empty database.

Named facts follow the programme's public reporting (Triwulan III 2025: 42 agencies,
45 meetings, 33 accompanied; JAK-HIGH's 500-participant hybrid meeting of 10 Nov 2025).
Everything is deterministic (fixed random seed), so demo screenshots stay comparable.
"""
import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from ..accounts.provisioning import set_password
from ..extensions import db
from ..extraction.jobs import queue_unread_versions
from ..files.storage import store_stream
from ..models import (Agency, Asset, AssetAccess, AssetFile, AssetFileVersion, Attendance, Community,
                      CommunityMember, Meeting, MemberRole, QuarterTarget, Role, Tag, User)
from ..quarters import quarter_bounds, quarter_of
from . import catalogue as cat
from .pdfgen import text_to_pdf
from .people import make_nip, person_name

DEMO_PASSWORD = "demo12345"
MEMBERS_PER_COP = 8
# Q3 2025 as reported: 42 agencies held 45 meetings, 33 of them accompanied.
Q3_2025_AGENCIES, Q3_2025_MEETINGS, Q3_2025_ACCOMPANIED = 42, 45, 33
NAMED_COPS = (cat.JIKA, cat.JAKSEL_ARCHIVES, cat.JAK_HIGH)


class AlreadySeeded(RuntimeError):
    pass


@dataclass
class Seeder:
    rng: random.Random = field(default_factory=lambda: random.Random(2025))
    today: date = field(default_factory=date.today)
    agencies: dict[str, Agency] = field(default_factory=dict)
    communities: dict[str, Community] = field(default_factory=dict)
    members: dict[int, list[User]] = field(default_factory=dict)
    facilitators: dict[int, User] = field(default_factory=dict)
    meetings: dict[int, list[Meeting]] = field(default_factory=dict)
    serial: int = 0

    def next_nip(self) -> str:
        self.serial += 1
        return make_nip(self.rng, self.serial)


def seed_demo(today: date | None = None) -> str:
    """Build the demo programme; refuse if the database already holds agencies."""
    if db.session.scalar(select(func.count()).select_from(Agency)):
        raise AlreadySeeded("Basis data sudah berisi data; seed-demo hanya untuk basis data kosong.")
    seeder = Seeder(today=today or date.today())
    _agencies_and_communities(seeder)
    _demo_logins(seeder)
    _members_and_facilitators(seeder)
    _meetings(seeder)
    assets = _assets(seeder)
    _targets(seeder)
    _accesses(seeder, assets)
    queue_unread_versions()
    # Unless an external worker is configured, the commit reads the files and indexes
    # them before it returns: the demo is searchable at once.
    db.session.commit()
    meetings = sum(len(m) for m in seeder.meetings.values())
    return (f"Demo siap: {len(seeder.agencies)} perangkat daerah, {len(seeder.communities)} CoP, "
            f"{meetings} pertemuan, {len(assets)} aset. Login demo: admin, lead.dinkes, fasilitator, "
            f"pegawai, juri (kata sandi {DEMO_PASSWORD}).")


def _agencies_and_communities(s: Seeder) -> None:
    for seed in cat.AGENCIES:
        s.agencies[seed.code] = Agency(code=seed.code, name=seed.name, kind=seed.kind, headcount=seed.headcount)
    db.session.add_all(s.agencies.values())
    for seed in cat.COMMUNITIES:
        community = Community(agency=s.agencies[seed.agency_code], name=seed.name, theme=seed.theme,
                              description=seed.description)
        s.communities[seed.name] = community
    db.session.add_all(s.communities.values())
    db.session.flush()


def _login(s: Seeder, username: str, name: str, agency_code: str, roles: tuple[Role, ...]) -> User:
    user = User(username=username, name=name, email=f"{username}@jakarta.go.id",
                agency=s.agencies[agency_code])
    user.set_roles(roles)
    set_password(user, DEMO_PASSWORD)
    db.session.add(user)
    return user


def _demo_logins(s: Seeder) -> None:
    jak_high = s.communities[cat.JAK_HIGH]
    admin = _login(s, "admin", "Admin Pusdatin BPSDM", "BPSDM", (Role.ADMIN, Role.EMPLOYEE))
    lead = _login(s, "lead.dinkes", "dr. Ratna Kusuma (Ketua JAK-HIGH)", jak_high.agency.code,
                  (Role.COP_LEAD, Role.EMPLOYEE))
    facilitator = _login(s, "fasilitator", "Widhi Pratama (Widyaiswara)", "BPSDM", (Role.FACILITATOR,))
    other_agency = next(code for code in s.agencies if code not in (jak_high.agency.code, "BPSDM"))
    employee = _login(s, "pegawai", "Yudhi Saputra", other_agency, (Role.EMPLOYEE,))
    assessor = _login(s, "juri", "Juri KMA 2025", "BPSDM", (Role.ASSESSOR,))
    db.session.flush()
    jak_high.members.append(CommunityMember(user=lead, role=MemberRole.LEAD))
    for name in NAMED_COPS:
        s.communities[name].members.append(CommunityMember(user=facilitator, role=MemberRole.FACILITATOR))
        s.facilitators[s.communities[name].id] = facilitator
    s.members[jak_high.id] = [lead]
    del admin, employee, assessor  # created for their logins only


def _members_and_facilitators(s: Seeder) -> None:
    widyaiswara = []
    for _ in range(6):
        user = User(nip=s.next_nip(), name=f"{person_name(s.rng)} (Widyaiswara)", agency=s.agencies["BPSDM"])
        user.set_roles((Role.FACILITATOR,))
        widyaiswara.append(user)
    db.session.add_all(widyaiswara)
    for community in s.communities.values():
        people = s.members.setdefault(community.id, [])
        for index in range(MEMBERS_PER_COP):
            user = User(nip=s.next_nip(), name=person_name(s.rng), agency=community.agency)
            is_lead = index == 0 and community.name != cat.JAK_HIGH
            user.set_roles((Role.EMPLOYEE, Role.COP_LEAD) if is_lead else (Role.EMPLOYEE,))
            community.members.append(CommunityMember(user=user, role=MemberRole.LEAD if is_lead else MemberRole.MEMBER))
            people.append(user)
        if community.id not in s.facilitators:
            helper = widyaiswara[community.id % len(widyaiswara)]
            community.members.append(CommunityMember(user=helper, role=MemberRole.FACILITATOR))
            s.facilitators[community.id] = helper
    db.session.flush()


def _meeting_plan(s: Seeder) -> list[tuple[Community, int, int, bool]]:
    """(community, year, quarter, accompanied) for every generated meeting."""
    others = [c for name, c in s.communities.items() if name not in NAMED_COPS]
    named_q3_accompanied = sum(seed.accompanied for name in NAMED_COPS
                               for seed in cat.MEETING_TOPICS[name] if quarter_of(seed.held_on) == (2025, 3))
    plan: list[tuple[Community, int, int, bool]] = []
    for year, quarter in ((2025, 1), (2025, 2), (2025, 4), (2026, 1), (2026, 2), (2026, 3), (2026, 4)):
        for community in others:
            if (year, quarter) == (2026, 4) and s.rng.random() < 0.35:
                continue  # the current quarter is still in progress for some
            plan.append((community, year, quarter, s.rng.random() < 0.72))
    q3 = s.rng.sample(others, Q3_2025_AGENCIES - len(NAMED_COPS))
    q3_slots = q3 + q3[:Q3_2025_MEETINGS - len(NAMED_COPS) - len(q3)]
    accompanied = set(s.rng.sample(range(len(q3_slots)), Q3_2025_ACCOMPANIED - named_q3_accompanied))
    plan += [(community, 2025, 3, index in accompanied) for index, community in enumerate(q3_slots)]
    return plan


def _meetings(s: Seeder) -> None:
    for name in NAMED_COPS:
        community = s.communities[name]
        for seed in cat.MEETING_TOPICS[name]:
            if seed.held_on <= s.today:
                _add_meeting(s, community, seed.held_on, seed.topic, seed.agenda, seed.format, seed.place,
                             seed.head_count, seed.seci_stages, seed.minutes_md, seed.accompanied)
    for community, year, quarter, accompanied in _meeting_plan(s):
        first, last = quarter_bounds(year, quarter)
        held_on = first + timedelta(days=s.rng.randrange((last - first).days + 1))
        if held_on > s.today:
            continue
        topic = s.rng.choice(cat.GENERIC_MEETING_TOPICS)
        stages = tuple(s.rng.sample(cat.SECI_STAGES, s.rng.randrange(1, 3)))
        minutes = (f"## Ringkasan\n\nAnggota {community.name} membahas *{topic.topic.lower()}*.\n\n"
                   f"## Tindak lanjut\n\n- Rangkuman diunggah sebagai aset pengetahuan.\n"
                   f"- Pertemuan berikutnya dijadwalkan triwulan depan.")
        _add_meeting(s, community, held_on, topic.topic, topic.agenda, s.rng.choice(cat.MEETING_FORMATS),
                     "Ruang rapat " + community.agency.name, s.rng.randrange(12, 60), stages, minutes, accompanied)
    db.session.flush()


def _add_meeting(s: Seeder, community, held_on, topic, agenda, fmt, place, head_count, stages, minutes,
                 accompanied) -> Meeting:
    year, quarter = quarter_of(held_on)
    meeting = Meeting(community=community, held_on=held_on, year=year, quarter=quarter, topic=topic,
                      agenda=agenda, format=fmt, place=place, head_count=head_count, minutes_md=minutes,
                      created_by=s.members[community.id][0])
    meeting.set_seci_stages(stages)
    if accompanied:
        meeting.accompanied_by = s.facilitators[community.id]
        meeting.accompanied_at = _noon(held_on)
        meeting.facilitator_feedback = "Diskusi berjalan baik; dokumentasikan keputusan dalam aset pengetahuan."
    people = s.members[community.id]
    for person in s.rng.sample(people, min(len(people), s.rng.randrange(3, 8))):
        meeting.attendances.append(Attendance(user=person))
    if s.rng.random() < 0.3:
        meeting.attendances.append(Attendance(guest_name=person_name(s.rng), guest_institution="Tim konsultan"))
    db.session.add(meeting)
    s.meetings.setdefault(community.id, []).append(meeting)
    return meeting


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(5, 0))  # 12:00 WIB, stored as UTC


def _assets(s: Seeder) -> list[Asset]:
    db.session.flush()
    tags: dict[str, Tag] = {}
    assets = []
    for index, seed in enumerate(cat.ASSETS):
        community = s.communities[seed.community_name]
        meeting = _source_meeting(s, community, seed.meeting_topic)
        visibility = "agency" if index % 13 == 5 else "community" if index % 17 == 7 else "all"
        assets.append(_add_asset(s, community, meeting, seed.title, seed.summary, seed.asset_type,
                                 seed.km_stage, seed.tags, seed.body, visibility, tags))
    named = {s.communities[name].id for name in NAMED_COPS}
    for community_id, meetings in s.meetings.items():
        if community_id in named:
            continue
        for meeting in meetings:
            body = (f"Rangkuman pertemuan {meeting.community.name} tentang {meeting.topic}.\n\n"
                    f"{meeting.agenda}\n\n{meeting.minutes_md}")
            assets.append(_add_asset(s, meeting.community, meeting, f"Rangkuman: {meeting.topic}",
                                     f"Hasil pertemuan {meeting.community.name}, {meeting.held_on:%d-%m-%Y}.",
                                     "report", "sharing", ("rangkuman", "pertemuan"), body, "all", tags))
    return assets


def _source_meeting(s: Seeder, community: Community, topic: str) -> Meeting:
    meetings = s.meetings[community.id]
    return next((m for m in meetings if topic and m.topic == topic), None) or s.rng.choice(meetings)


def _add_asset(s: Seeder, community, meeting, title, summary, asset_type, km_stage, tag_names, body,
               visibility, tags: dict[str, Tag]) -> Asset:
    published = min(meeting.held_on + timedelta(days=s.rng.randrange(1, 15)), s.today)
    author = s.members[community.id][0]
    asset = Asset(community=community, meeting=meeting, title=title, summary=summary, asset_type=asset_type,
                  km_stage=km_stage, visibility=visibility, created_by=author, published_on=published,
                  next_review_on=published + timedelta(days=365))
    for name in tag_names:
        asset.tags.append(tags.setdefault(name, Tag(name=name)))
    stored = store_stream(io.BytesIO(text_to_pdf(body, title)))
    file_name = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60].strip("-") + ".pdf"
    asset.files.append(AssetFile(versions=[AssetFileVersion(
        version_no=1, original_name=file_name, storage_name=stored.storage_name, content_type="application/pdf",
        size_bytes=stored.size_bytes, sha256=stored.sha256, uploaded_by=author, change_note="Unggahan awal")]))
    db.session.add(asset)
    db.session.flush()
    return asset  # indexed once its text is read (the extraction job marks it stale)


def _targets(s: Seeder) -> None:
    for year in (2025, 2026):
        for quarter in range(1, 5):
            db.session.add(QuarterTarget(year=year, quarter=quarter, min_meetings=1, min_assets=1))


def _accesses(s: Seeder, assets: list[Asset]) -> None:
    readers = [person for people in s.members.values() for person in people]
    for asset in assets:
        for reader in s.rng.sample(readers, s.rng.randrange(0, 25)):
            day = asset.published_on + timedelta(days=s.rng.randrange(0, 200))
            if day <= s.today:
                db.session.add(AssetAccess(asset_id=asset.id, user_id=reader.id, agency_id=reader.agency_id,
                                           accessed_on=day, kind=s.rng.choice(("open", "download"))))
