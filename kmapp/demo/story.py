"""The programme's story as a plan: who met in which Triwulan, who was accompanied, what
each CoP published and when. Pure Python over the catalogue (no database), deterministic
for a given random generator, so that tests can read the story without seeding.

The story follows the programme's public reporting:
- Before the meeting rule (ASSET_MEETING_REQUIRED_FROM, Triwulan IV 2025) a quarter's
  target was an output target: every agency published at least one asset, whether or not
  it met. All 51 agencies met Triwulan I-III 2025; in Triwulan III 42 agencies held 45
  meetings, 33 of them accompanied.
- From the rule on, assets come out of meetings. A few agencies miss each quarter (no
  meeting, or a meeting that produced nothing yet); the three showcase CoPs never do.
- The current quarter is in progress: meetings planned after `today` have not happened.
"""
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..assets.rules import add_months
from ..quarters import quarter_bounds, quarter_of
from . import catalogue as cat
from .showcase import SHOWCASE_2026
from .subjects import SUBJECTS
from .writing import KINDS, LONG_TYPES, Kind, appendices, body_for, numbered, summary_for, title_for, topic_for

FIRST_QUARTER = (2025, 1)
NAMED_COPS = (cat.JIKA, cat.JAKSEL_ARCHIVES, cat.JAK_HIGH)
# Agencies that met before the rule (Triwulan III as reported; I and II grew towards it).
MEETING_AGENCIES = {(2025, 1): 24, (2025, 2): 33, (2025, 3): 42}
REPORTED_Q3_2025 = {"meetings": 45, "accompanied": 33}
ACCOMPANIED_SHARE = {(2025, 1): 0.25, (2025, 2): 0.45}  # later quarters: RULE_ACCOMPANIED_SHARE
RULE_ACCOMPANIED_SHARE = 0.72
MISSED_COMPLETED = (4, 8)  # agencies missing a completed quarter under the meeting rule
MISSED_CURRENT = (1, 3)    # ... and those who will not meet in the quarter under way
LONG_SHARE = 0.15          # generated guides, modules and reports that carry appendices


@dataclass
class PlannedMeeting:
    community: str
    held_on: date
    accompanied: bool
    topic: str
    agenda: str
    format: str
    head_count: int
    seci_stages: tuple[str, ...]
    minutes_md: str
    place: str = ""


@dataclass
class PlannedAsset:
    community: str
    published_on: date
    meeting: PlannedMeeting | None
    title: str
    summary: str
    asset_type: str
    km_stage: str
    tags: tuple[str, ...]
    body: str
    long: bool = False
    from_catalogue: bool = False
    last_reviewed_on: date | None = None
    next_review_on: date | None = None


@dataclass
class Story:
    meetings: list[PlannedMeeting] = field(default_factory=list)
    assets: list[PlannedAsset] = field(default_factory=list)
    output_quarters: list[tuple[int, int]] = field(default_factory=list)  # targets met by output alone


def quarters_until(today: date) -> list[tuple[int, int]]:
    """Every Triwulan from Triwulan I 2025 to the one `today` falls in."""
    year, quarter = FIRST_QUARTER
    found = []
    while (year, quarter) <= quarter_of(today):
        found.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found


@dataclass
class _Writer:
    """Picks subjects and title forms so that no title repeats."""
    rng: random.Random
    used_titles: set[str] = field(default_factory=set)
    subject_turn: dict[str, int] = field(default_factory=dict)

    def pick(self, community: cat.Community, kinds: tuple[Kind, ...] = KINDS) -> tuple[Kind, str, str]:
        subjects = SUBJECTS[community.agency_code]
        for _ in range(200):
            turn = self.subject_turn.get(community.name, self.rng.randrange(len(subjects)))
            self.subject_turn[community.name] = turn + 1
            subject, kind = subjects[turn % len(subjects)], self.rng.choice(kinds)
            for form in kind.titles:
                title = title_for(kind, form, subject)
                if title not in self.used_titles:
                    self.used_titles.add(title)
                    return kind, subject, title
        raise RuntimeError(f"no unused title left for {community.name}")


def tell(rng: random.Random, today: date, required_from: date,
         review_months: Callable[[str], int] = lambda asset_type: 12) -> Story:
    """The whole plan, from Triwulan I 2025 to `today`; `required_from` is the first day of
    the meeting rule, `review_months` the months between reviews of an asset type."""
    story = Story()
    writer = _Writer(rng, used_titles={seed.title for seed in cat.ASSETS})
    for year, quarter in quarters_until(today):
        last = quarter_bounds(year, quarter)[1]
        if last < required_from:
            story.output_quarters.append((year, quarter))
            _output_quarter(story, writer, rng, year, quarter, min(last, today), today)
        else:
            _rule_quarter(story, writer, rng, year, quarter, today)
    _place_catalogue_assets(story, rng)
    for asset in story.assets:
        asset.last_reviewed_on, asset.next_review_on = review_dates(
            rng, asset.published_on, today, review_months(asset.asset_type))
        if asset.long:
            asset.body += "\n\n" + _appendices(story, asset)
    story.assets.sort(key=lambda a: (a.published_on, a.title))
    return story


def _others() -> list[cat.Community]:
    return [c for c in cat.COMMUNITIES if c.name not in NAMED_COPS]


def _named_meetings(year: int, quarter: int, today: date) -> list[PlannedMeeting]:
    """The showcase CoPs' catalogued meetings of the quarter; in the quarter under way a
    meeting planned after today is moved to the last working day up to today, so that the
    three stay active in every quarter."""
    found = []
    for name in NAMED_COPS:
        seeds = [*cat.MEETING_TOPICS[name], *SHOWCASE_2026.get(name, ())]
        for seed in (s for s in seeds if quarter_of(s.held_on) == (year, quarter)):
            held_on = seed.held_on if seed.held_on <= today else _last_working_day(today, year, quarter)
            found.append(PlannedMeeting(name, held_on, seed.accompanied, seed.topic, seed.agenda, seed.format,
                                        seed.head_count, seed.seci_stages, seed.minutes_md, seed.place))
    return found


def _last_working_day(today: date, year: int, quarter: int) -> date:
    first, _ = quarter_bounds(year, quarter)
    day = today
    while day.weekday() >= 5 and day > first:
        day -= timedelta(days=1)
    return day


def _day_in(rng: random.Random, first: date, last: date) -> date:
    """A working day between first and last (inclusive) when there is one."""
    for _ in range(10):
        day = first + timedelta(days=rng.randrange((last - first).days + 1))
        if day.weekday() < 5:
            return day
    return first


# --- the two kinds of quarter ----------------------------------------------------------

def _output_quarter(story: Story, writer: _Writer, rng: random.Random, year: int, quarter: int,
                    last_output_day: date, today: date) -> None:
    """Before the rule: some agencies meet (as reported for Triwulan III 2025), every
    agency publishes at least one asset, with or without a meeting."""
    first, last = quarter_bounds(year, quarter)
    named = _add_named(story, writer, rng, year, quarter, today)
    others = _others()
    meeters = rng.sample(others, MEETING_AGENCIES.get((year, quarter), 45) - len({m.community for m in named}))
    reported = (year, quarter) == (2025, 3)
    if reported:
        slots = meeters + meeters[:REPORTED_Q3_2025["meetings"] - len(named) - len(meeters)]
        wanted = REPORTED_Q3_2025["accompanied"] - sum(m.accompanied for m in named)
        accompanied = set(rng.sample(range(len(slots)), wanted))
    else:
        slots = meeters + [c for c in meeters if rng.random() < 0.1]
        share = ACCOMPANIED_SHARE.get((year, quarter), RULE_ACCOMPANIED_SHARE)
        accompanied = {index for index in range(len(slots)) if rng.random() < share}
    for index, community in enumerate(slots):
        day = _day_in(rng, first, last)
        if day <= today:
            _add_generated(story, writer, rng, community, day, index in accompanied,
                           publishes=rng.random() < 0.6, last=min(last, today))
    _fill_outputs(story, writer, rng, first, last_output_day)


def _rule_quarter(story: Story, writer: _Writer, rng: random.Random, year: int, quarter: int,
                  today: date) -> None:
    """From the rule on: assets only from meetings; a few agencies miss the quarter."""
    first, last = quarter_bounds(year, quarter)
    _add_named(story, writer, rng, year, quarter, today)
    others = _others()
    missed = set(c.name for c in rng.sample(others, rng.randint(*(MISSED_CURRENT if today <= last
                                                                    else MISSED_COMPLETED))))
    for community in others:
        if community.name in missed and rng.random() < 0.65:
            continue  # no meeting at all this quarter
        for number in range(2 if rng.random() < 0.15 else 1):
            day = _day_in(rng, first, last)
            if day > today:
                continue  # still to come
            publishes = community.name not in missed and (number == 0 or rng.random() < 0.4)
            _add_generated(story, writer, rng, community, day, rng.random() < RULE_ACCOMPANIED_SHARE,
                           publishes=publishes, last=min(last, today))


def _fill_outputs(story: Story, writer: _Writer, rng: random.Random, first: date, last_output_day: date) -> None:
    """Every agency reaches the output target: an asset without a meeting where none came
    out of a meeting, and now and then one more."""
    if first > last_output_day:
        return
    published = {a.community for a in story.assets if first <= a.published_on <= last_output_day}
    for community in cat.COMMUNITIES:
        if community.name not in published or rng.random() < 0.06:
            kind, subject, title = writer.pick(community)
            day = _day_in(rng, first, last_output_day)
            story.assets.append(_planned_asset(rng, community, kind, subject, title, day, None))


# --- meetings and assets ---------------------------------------------------------------

def _add_named(story: Story, writer: _Writer, rng: random.Random, year: int, quarter: int,
               today: date) -> list[PlannedMeeting]:
    """The showcase meetings of the quarter, each with its catalogued asset(s) or, when the
    catalogue has none, an asset written from the CoP's subjects; a quarter the catalogue
    does not cover (after 2026) gets a written meeting."""
    meetings = _named_meetings(year, quarter, today)
    first, last = quarter_bounds(year, quarter)
    last = min(last, today)
    for name in sorted(set(NAMED_COPS) - {m.community for m in meetings}):
        _add_generated(story, writer, rng, cat.community_by_name(name), _day_in(rng, first, last),
                       rng.random() < RULE_ACCOMPANIED_SHARE, publishes=True, last=last)
    for meeting in meetings:
        story.meetings.append(meeting)
        seeds = [a for a in cat.ASSETS if a.community_name == meeting.community and a.meeting_topic == meeting.topic]
        for seed in seeds:
            story.assets.append(PlannedAsset(
                meeting.community, _publication_day(rng, meeting.held_on, last), meeting, seed.title, seed.summary,
                seed.asset_type, seed.km_stage, seed.tags, seed.body, long=True, from_catalogue=True))
        if not seeds:
            community = cat.community_by_name(meeting.community)
            kind, subject, title = writer.pick(community)
            story.assets.append(_planned_asset(rng, community, kind, subject, title,
                                               _publication_day(rng, meeting.held_on, last), meeting))
    return meetings


def _add_generated(story: Story, writer: _Writer, rng: random.Random, community: cat.Community, day: date,
                   accompanied: bool, publishes: bool, last: date) -> None:
    kind, subject, title = writer.pick(community)
    fmt = rng.choice(cat.MEETING_FORMATS)
    meeting = PlannedMeeting(
        community.name, day, accompanied, topic_for(kind, subject), numbered(kind.agenda), fmt,
        rng.randrange(12, 60), tuple(rng.sample(cat.SECI_STAGES, rng.randrange(1, 3))),
        _minutes(community.name, subject, title if publishes else None),
        "Rapat daring" if fmt == "online" else f"Ruang rapat {cat.agency_by_code(community.agency_code).name}")
    story.meetings.append(meeting)
    if publishes:
        story.assets.append(_planned_asset(rng, community, kind, subject, title,
                                           _publication_day(rng, day, last), meeting))
        if rng.random() < 0.05:  # a meeting that produced two assets
            kind, subject, title = writer.pick(community)
            story.assets.append(_planned_asset(rng, community, kind, subject, title,
                                               _publication_day(rng, day, last), meeting))


def _minutes(community: str, subject: str, title: str | None) -> str:
    follow_up = (f"- Draf \"{title}\" dirapikan dan diunggah ke Portal KM." if title
                 else "- Bahan pembahasan dilengkapi sebelum dituliskan menjadi aset pengetahuan.")
    return (f"## Ringkasan\n\nAnggota {community} membahas {subject}: langkah yang sudah berjalan, "
            f"kendala di lapangan, dan pengalaman pegawai senior.\n\n## Tindak lanjut\n\n{follow_up}\n"
            f"- Pertemuan berikutnya dijadwalkan triwulan depan.")


def _planned_asset(rng: random.Random, community: cat.Community, kind: Kind, subject: str, title: str,
                   day: date, meeting: PlannedMeeting | None) -> PlannedAsset:
    note = (f"Bahan dokumen ini dibahas dalam pertemuan {community.name} tanggal {_tanggal(meeting.held_on)}."
            if meeting else None)
    tags = tuple(dict.fromkeys((*kind.tags, subject.split()[0].lower())))
    return PlannedAsset(community.name, day, meeting, title, summary_for(kind, subject, community.name),
                        kind.asset_type, kind.km_stage, tags, body_for(kind, subject, community.name, note, rng),
                        long=kind.asset_type in LONG_TYPES and rng.random() < LONG_SHARE)


def _publication_day(rng: random.Random, held_on: date, last: date) -> date:
    """A working day a few days after the meeting, within its quarter and not after today."""
    day = max(held_on, min(held_on + timedelta(days=rng.randrange(1, 15)), last))
    while day.weekday() >= 5 and day > held_on:
        day -= timedelta(days=1)
    return day


MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")


def _tanggal(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- catalogue assets, reviews, appendices ----------------------------------------------

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def not_before(title: str) -> date | None:
    """A title naming a period ("... Triwulan III 2025", "... Awal Tahun 2025") cannot be
    published before that period is over (a quarter) or under way (a year)."""
    quarter = re.search(r"Triwulan (IV|III|II|I) (\d{4})", title)
    if quarter:
        return quarter_bounds(int(quarter.group(2)), ROMAN[quarter.group(1)])[1] + timedelta(days=1)
    year = re.search(r"\b(20\d\d)\b", title)
    return date(int(year.group(1)), 2, 1) if year else None


DRAFT_AGENDA = ("Paparan rancangan oleh penulis", "Masukan dan koreksi anggota", "Perbaikan dan jadwal terbit")


def _place_catalogue_assets(story: Story, rng: random.Random) -> None:
    """The catalogue's hand-written assets of the other CoPs take the place of generated
    ones of the same CoP (keeping its date and source meeting)."""
    for seed in (a for a in cat.ASSETS if a.community_name not in NAMED_COPS):
        slots = [a for a in story.assets if a.community == seed.community_name and not a.from_catalogue]
        earliest = not_before(seed.title)
        if earliest:
            slots = sorted((a for a in slots if a.published_on >= earliest), key=lambda a: a.published_on)[:1]
        if not slots:
            continue  # the period it reports on is not over yet
        slot = rng.choice(slots)
        slot.title, slot.summary, slot.tags, slot.body = seed.title, seed.summary, seed.tags, seed.body
        slot.asset_type, slot.km_stage, slot.from_catalogue = seed.asset_type, seed.km_stage, True
        if slot.meeting:
            slot.meeting.topic = f"Membahas rancangan {seed.title}"
            slot.meeting.agenda = numbered(DRAFT_AGENDA)
            slot.meeting.minutes_md = _minutes(seed.community_name, f"rancangan {seed.title}", seed.title)


REVIEW_SKIPPED = 0.02   # a review that nobody did: the asset is overdue
REVIEW_EARLY = 0.6      # a review due within the next month that was already done


def review_dates(rng: random.Random, published: date, today: date, months: int) -> tuple[date | None, date]:
    """(last review, next review) after a year or two of reviews done around their due dates:
    most on time, a few skipped (overdue), some due next month already done."""
    last, due = None, add_months(published, months)
    while due <= today + timedelta(days=30):
        if due <= today and rng.random() < REVIEW_SKIPPED:
            break
        if due > today and rng.random() >= REVIEW_EARLY:
            break  # due soon, not yet done
        day = min(due - timedelta(days=rng.randrange(0, 45)), today)
        last = max(day, (last or published) + timedelta(days=30))
        if last > today:
            break
        due = add_months(last, months)
    return last, due


def _appendices(story: Story, asset: PlannedAsset) -> str:
    meetings = sorted((m for m in story.meetings if m.community == asset.community and m.held_on <= asset.published_on),
                      key=lambda m: m.held_on)
    notes = [(_tanggal(m.held_on), m.topic, m.agenda, m.minutes_md) for m in meetings]
    revisions = [(_tanggal(asset.published_on), "Versi pertama diterbitkan di Portal KM.")]
    if asset.last_reviewed_on:
        revisions.append((_tanggal(asset.last_reviewed_on), "Ditinjau dalam tinjauan tahunan; isi masih sesuai."))
    return appendices(asset.community, notes, revisions)
