"""`flask seed-demo`: the KM programme from Triwulan I 2025 to today on an empty database.

The story (kmapp/demo/story.py) follows the programme's public reporting: all 51 agencies
met their (output) targets in Triwulan I-III 2025, 42 of them held 45 meetings in
Triwulan III (33 accompanied); from Triwulan IV 2025 assets come out of meetings and a few
agencies miss a quarter; the three showcase CoPs meet every quarter. Every agency has its
full roster of employees and access records that put utilisation around the 50% target
(kmapp/demo/roster.py). Everything is deterministic (fixed random seed) for a given day.
"""
import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from ..accounts.provisioning import set_password
from ..assets.rules import meeting_required_from, review_months
from ..clock import local_today
from ..extensions import db
from ..extraction.jobs import queue_unread_versions
from ..files.storage import store_stream
from ..models import (Agency, Asset, AssetFile, AssetFileVersion, Attendance, Community, CommunityMember, Meeting,
                      MemberRole, QuarterTarget, Role, Tag, User)
from ..quarters import quarter_bounds, quarter_of
from . import catalogue as cat
from .award import seed_award
from .discussions import seed_discussions
from .handover import HANDOVER_LOGINS, seed_handover
from .experts import seed_experts
from .pdfgen import text_to_pdf
from .guide import seed_guide
from .maturity import seed_maturity
from .people import NipAllocator, new_person, person_name
from .roster import add_accesses, add_roster
from .shared_copies import (SHARED_BODY, SHARED_BY, SHARED_COPIES, SHARED_SUMMARY, SHARED_TAGS, SHARED_TITLE,
                            shared_copy_days)
from .story import NAMED_COPS, PlannedAsset, PlannedMeeting, Story, quarters_until, tell

DEMO_PASSWORD = "demo12345"
MEMBERS_PER_COP = 8
WIDYAISWARA = 6
# The demo logins: (username, name, agency code or None for JAK-HIGH's, roles). Names are
# people's names; what they do is in their roles and memberships, not in their names.
DEMO_LOGINS = (
    ("admin", "Sekar Ayu Larasati", "BPSDM", (Role.ADMIN, Role.EMPLOYEE)),
    ("lead.dinkes", "dr. Ratna Kusuma", "DINKES", (Role.COP_LEAD, Role.EMPLOYEE)),
    ("fasilitator", "Widhi Pratama", "BPSDM", (Role.FACILITATOR,)),
    ("pegawai", "Yudhi Saputra", "DISDIK", (Role.EMPLOYEE,)),
    ("juri", "Hartono Wibisono", "BPSDM", (Role.ASSESSOR,)),
    ("anggota.dinkes", "Sri Wahyuni", "DINKES", (Role.EMPLOYEE,)),
)


class AlreadySeeded(RuntimeError):
    pass


@dataclass
class Seeder:
    today: date
    rng: random.Random = field(default_factory=lambda: random.Random(2025))
    agencies: dict[str, Agency] = field(default_factory=dict)
    communities: dict[str, Community] = field(default_factory=dict)
    members: dict[int, list[User]] = field(default_factory=dict)
    facilitators: dict[int, User] = field(default_factory=dict)
    logins: dict[str, User] = field(default_factory=dict)
    nips: NipAllocator | None = None

    def __post_init__(self):
        self.nips = self.nips or NipAllocator(self.rng, self.today)


def seed_demo(today: date | None = None) -> str:
    """Build the demo programme as of `today` (default: today in Jakarta); refuse if the
    database already holds agencies."""
    if db.session.scalar(select(func.count()).select_from(Agency)):
        raise AlreadySeeded("Basis data sudah berisi data; seed-demo hanya untuk basis data kosong.")
    s = Seeder(today=today or local_today())
    _agencies_and_communities(s)
    _demo_logins(s)
    _members_and_facilitators(s)
    story = tell(s.rng, s.today, meeting_required_from(), review_months)
    meetings = _meetings(s, story)
    assets = _assets(s, story, meetings) + _shared_copies(s, meetings)
    jak_high = s.communities[cat.JAK_HIGH]
    seed_experts(s.today, jak_high, s.members[jak_high.id], s.nips, s.logins)
    _targets(s)
    award = seed_award(s.today, s.logins["admin"], s.logins["juri"])
    employees = add_roster(s.rng, s.nips, s.agencies.values())
    accesses = add_accesses(s.rng, s.today, assets, s.agencies.values())
    handovers = seed_handover(s.today, s.agencies, random.Random(1311))
    seed_maturity(2611, s.today, s.logins, s.facilitators)
    seed_guide(s.logins["admin"], s.today)
    seed_discussions(s.today, s.communities, s.logins, s.members)
    queue_unread_versions()
    # Unless an external worker is configured, the commit reads the files and indexes
    # them before it returns: the demo is searchable at once.
    db.session.commit()
    return (f"Demo siap per {s.today:%d-%m-%Y}: {len(s.agencies)} perangkat daerah, {len(s.communities)} CoP, "
            f"{len(meetings)} pertemuan, {len(assets)} aset, {employees} pegawai, {accesses} catatan akses. "
            + (f"{award}. " if award else "") + f"{handovers}. " +
            f"Login demo: {', '.join(login for login, *_ in DEMO_LOGINS + HANDOVER_LOGINS)} "
            f"(kata sandi {DEMO_PASSWORD}).")


def _agencies_and_communities(s: Seeder) -> None:
    for seed in cat.AGENCIES:
        s.agencies[seed.code] = Agency(code=seed.code, name=seed.name, kind=seed.kind, headcount=seed.headcount)
    db.session.add_all(s.agencies.values())
    for seed in cat.COMMUNITIES:
        s.communities[seed.name] = Community(agency=s.agencies[seed.agency_code], name=seed.name, theme=seed.theme,
                                             description=seed.description)
    db.session.add_all(s.communities.values())
    db.session.flush()


def _demo_logins(s: Seeder) -> None:
    for username, name, agency_code, roles in DEMO_LOGINS:
        user = User(username=username, name=name, email=f"{username}@jakarta.go.id", agency=s.agencies[agency_code])
        user.set_roles(roles)
        set_password(user, DEMO_PASSWORD)
        db.session.add(user)
        s.logins[username] = user
    db.session.flush()
    jak_high = s.communities[cat.JAK_HIGH]
    jak_high.members.append(CommunityMember(user=s.logins["lead.dinkes"], role=MemberRole.LEAD))
    s.members[jak_high.id] = [s.logins["lead.dinkes"]]
    # A member who hears of JAK-HIGH's new assets and threads (not an attendee of the story's meetings).
    jak_high.members.append(CommunityMember(user=s.logins["anggota.dinkes"], role=MemberRole.MEMBER))
    for name in NAMED_COPS:
        community = s.communities[name]
        community.members.append(CommunityMember(user=s.logins["fasilitator"], role=MemberRole.FACILITATOR))
        s.facilitators[community.id] = s.logins["fasilitator"]


def _employee(s: Seeder, agency: Agency, roles: tuple[Role, ...]) -> User:
    nip, name = new_person(s.rng, s.nips)
    user = User(nip=nip, name=name, agency=agency)
    user.set_roles(roles)
    return user


def _members_and_facilitators(s: Seeder) -> None:
    widyaiswara = [_employee(s, s.agencies["BPSDM"], (Role.FACILITATOR,)) for _ in range(WIDYAISWARA)]
    db.session.add_all(widyaiswara)
    for community in s.communities.values():
        people = s.members.setdefault(community.id, [])
        for index in range(MEMBERS_PER_COP):
            is_lead = index == 0 and community.name != cat.JAK_HIGH
            user = _employee(s, community.agency, (Role.EMPLOYEE, Role.COP_LEAD) if is_lead else (Role.EMPLOYEE,))
            community.members.append(CommunityMember(user=user, role=MemberRole.LEAD if is_lead else MemberRole.MEMBER))
            people.append(user)
        if community.id not in s.facilitators:
            helper = widyaiswara[community.id % len(widyaiswara)]
            community.members.append(CommunityMember(user=helper, role=MemberRole.FACILITATOR))
            s.facilitators[community.id] = helper
    db.session.flush()


def _meetings(s: Seeder, story: Story) -> dict[int, Meeting]:
    """{id(planned meeting): Meeting row} for every meeting of the story."""
    rows = {}
    for planned in story.meetings:
        rows[id(planned)] = _add_meeting(s, planned)
    db.session.flush()
    return rows


def _add_meeting(s: Seeder, planned: PlannedMeeting) -> Meeting:
    community = s.communities[planned.community]
    year, quarter = quarter_of(planned.held_on)
    logged = datetime.combine(planned.held_on, time(9, 0))  # logged at 16:00 WIB the same day
    meeting = Meeting(community=community, held_on=planned.held_on, year=year, quarter=quarter, topic=planned.topic,
                      agenda=planned.agenda, format=planned.format, place=planned.place,
                      head_count=planned.head_count, minutes_md=planned.minutes_md,
                      created_by=s.members[community.id][0], created_at=logged, updated_at=logged)
    meeting.set_seci_stages(planned.seci_stages)
    if planned.accompanied:
        meeting.accompanied_by = s.facilitators[community.id]
        meeting.accompanied_at = datetime.combine(planned.held_on, time(5, 0))  # 12:00 WIB, stored as UTC
        meeting.facilitator_feedback = "Diskusi berjalan baik; dokumentasikan keputusan dalam aset pengetahuan."
    people = s.members[community.id]
    for person in s.rng.sample(people, min(len(people), s.rng.randrange(3, 8))):
        meeting.attendances.append(Attendance(user=person))
    if s.rng.random() < 0.3:
        meeting.attendances.append(Attendance(guest_name=person_name(s.rng), guest_institution="Tim konsultan"))
    db.session.add(meeting)
    return meeting


def _assets(s: Seeder, story: Story, meetings: dict[int, Meeting]) -> list[Asset]:
    tags: dict[str, Tag] = {}
    assets = []
    for index, planned in enumerate(story.assets):
        visibility = "agency" if index % 13 == 5 else "community" if index % 17 == 7 else "all"
        if planned.title == cat.BODY_ONLY_ASSET_TITLE:
            visibility = "all"  # the search demo finds it as any employee
        meeting = meetings[id(planned.meeting)] if planned.meeting else None
        assets.append(_add_asset(s, planned, meeting, visibility, tags))
    db.session.flush()
    return assets


def _add_asset(s: Seeder, planned: PlannedAsset, meeting: Meeting | None, visibility: str,
               tags: dict[str, Tag], content: bytes | None = None) -> Asset:
    community = s.communities[planned.community]
    author = s.members[community.id][0]
    uploaded = datetime.combine(planned.published_on, time(3, 0))  # 10:00 WIB on the day of publication
    asset = Asset(community=community, meeting=meeting, title=planned.title, summary=planned.summary,
                  asset_type=planned.asset_type, km_stage=planned.km_stage, visibility=visibility, created_by=author,
                  published_on=planned.published_on, last_reviewed_on=planned.last_reviewed_on,
                  next_review_on=planned.next_review_on, created_at=uploaded, updated_at=uploaded)
    for name in planned.tags:
        asset.tags.append(tags.setdefault(name, Tag(name=name)))
    stored = store_stream(io.BytesIO(content or text_to_pdf(planned.body, planned.title)))
    file_name = "".join(ch if ch.isalnum() else "-" for ch in planned.title.lower())[:60].strip("-") + ".pdf"
    asset.files.append(AssetFile(created_at=uploaded, versions=[AssetFileVersion(
        version_no=1, original_name=file_name, storage_name=stored.storage_name, content_type="application/pdf",
        size_bytes=stored.size_bytes, sha256=stored.sha256, uploaded_by=author, uploaded_at=uploaded,
        change_note="Unggahan awal")]))
    db.session.add(asset)
    return asset  # indexed once its text is read (the extraction job marks it stale)


def _shared_copies(s: Seeder, meetings: dict[int, Meeting]) -> list[Asset]:
    """The same regulation file from four CoPs (see shared_copies.py)."""
    body = text_to_pdf(SHARED_BODY, SHARED_TITLE)  # one file's bytes: the same SHA-256 for every copy
    tags: dict[str, Tag] = {tag.name: tag for tag in db.session.scalars(select(Tag))}
    copies = []
    running = quarter_of(s.today)
    latest = {}
    for meeting in meetings.values():
        if meeting.community_id not in latest or meeting.held_on > latest[meeting.community_id].held_on:
            latest[meeting.community_id] = meeting
    in_running_quarter = [name for name in SHARED_BY + tuple(sorted(s.communities))
                          if s.communities[name].id in latest
                          and quarter_of(latest[s.communities[name].id].held_on) == running]
    for name in list(dict.fromkeys(in_running_quarter))[:SHARED_COPIES]:
        community = s.communities[name]
        meeting = latest[community.id]
        published = shared_copy_days(meeting.held_on, s.today)
        planned = PlannedAsset(community=name, published_on=published, meeting=None, title=SHARED_TITLE,
                               summary=SHARED_SUMMARY, asset_type="regulation", km_stage="storage", tags=SHARED_TAGS,
                               body=SHARED_BODY, next_review_on=published + timedelta(days=365))
        copies.append(_add_asset(s, planned, meeting, "all", tags, content=body))
    db.session.flush()
    return copies


def _targets(s: Seeder) -> None:
    """Output targets (an asset, no meeting needed) before the meeting rule; from it on,
    a meeting and an asset from a meeting."""
    required_from = meeting_required_from()
    for year in sorted({year for year, _ in quarters_until(s.today)}):
        for quarter in range(1, 5):
            output = quarter_bounds(year, quarter)[1] < required_from
            db.session.add(QuarterTarget(year=year, quarter=quarter, min_meetings=0 if output else 1, min_assets=1))

