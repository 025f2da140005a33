"""Who came to a meeting: employees named by id (the picker) or by NIP, and outside guests.

Parsing is strict but explains itself: every rejected line is reported with its number,
so a lead pasting an attendance list of forty names knows exactly what to fix.
"""
import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..extensions import db
from ..models import Attendance, Meeting, User

MAX_NAME = 200
# "Nama — Instansi"; also accepted: en dash, " - ", ";" or "|" between the two.
GUEST_SEPARATOR = re.compile(r"\s*(?:—|–|;|\|)\s*|\s+-\s+")
LOGIN_SEPARATOR = re.compile(r"[\n,;]+")


class AttendeeError(ValueError):
    """Input that cannot be turned into attendees; `messages` are shown to the user."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Guest:
    name: str
    institution: str


def parse_guest_lines(text: str) -> list[Guest]:
    """One guest per line, "Nama — Instansi"; blank lines are skipped, duplicates dropped."""
    guests: list[Guest] = []
    errors = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = GUEST_SEPARATOR.split(line, maxsplit=1)
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            errors.append(_("Baris %(n)s: tulis nama dan instansi dipisah tanda —, misalnya "
                            "\"Budi Santoso — Universitas Indonesia\".", n=number))
            continue
        name, institution = (" ".join(part.split()) for part in parts)
        if len(name) > MAX_NAME or len(institution) > MAX_NAME:
            errors.append(_("Baris %(n)s: nama dan instansi masing-masing paling banyak %(max)s karakter.",
                            n=number, max=MAX_NAME))
            continue
        guest = Guest(name, institution)
        if guest not in guests:
            guests.append(guest)
    if errors:
        raise AttendeeError(errors)
    return guests


def format_guest_lines(guests) -> str:
    return "\n".join(f"{guest.name} — {guest.institution}" for guest in guests)


def parse_login_lines(text: str) -> list[str]:
    """NIPs (spaces inside are allowed, as printed on ID cards) or user names, one per line."""
    logins = []
    for chunk in LOGIN_SEPARATOR.split(text or ""):
        login = "".join(chunk.split())
        if login and login not in logins:
            logins.append(login)
    return logins


def active_users_by_login(logins: list[str]) -> list[User]:
    """The active accounts with these NIPs or user names, in the order given."""
    if not logins:
        return []
    found = db.session.execute(select(User).where(
        User.active.is_(True), or_(User.nip.in_(logins), User.username.in_(logins)))).scalars().all()
    by_login = {user.login_name: user for user in found}
    missing = [login for login in logins if login not in by_login]
    if missing:
        raise AttendeeError([_("Tidak ada pegawai aktif dengan NIP atau nama pengguna: %(list)s.",
                               list=", ".join(missing))])
    return [by_login[login] for login in logins]


def users_by_id(user_ids: list[int], already_attending: frozenset[int] = frozenset()) -> list[User]:
    """The accounts picked by id. New attendees must be active; people already recorded
    stay even if their account was since closed (a retired employee still attended)."""
    if not user_ids:
        return []
    found = {user.id: user for user in db.session.execute(
        select(User).where(User.id.in_(user_ids))).scalars()}
    unusable = [uid for uid in user_ids
                if uid not in found or (not found[uid].active and uid not in already_attending)]
    if unusable:
        raise AttendeeError([_("Sebagian peserta yang dipilih tidak ditemukan atau akunnya tidak aktif; "
                               "pilih ulang peserta.")])
    return [found[uid] for uid in dict.fromkeys(user_ids)]


def apply_attendance(meeting: Meeting, people: list[User], guests: list[Guest]) -> None:
    """Make the meeting's attendance exactly `people` plus `guests`, keeping unchanged rows."""
    wanted_ids = {person.id for person in people}
    kept = [row for row in meeting.attendances
            if (row.user_id is not None and row.user_id in wanted_ids)
            or (row.user_id is None and Guest(row.guest_name or "", row.guest_institution or "") in guests)]
    kept_ids = {row.user_id for row in kept if row.user_id is not None}
    kept_guests = {Guest(row.guest_name or "", row.guest_institution or "") for row in kept if row.user_id is None}
    meeting.attendances = kept + [Attendance(user=person) for person in people if person.id not in kept_ids] + [
        Attendance(guest_name=guest.name, guest_institution=guest.institution)
        for guest in guests if guest not in kept_guests]


def named_attendees(meeting: Meeting) -> tuple[list[User], list[Guest]]:
    """The employees (by name) and the guests recorded for a meeting."""
    people = sorted((row.user for row in meeting.attendances if row.user is not None), key=lambda u: u.name)
    guests = [Guest(row.guest_name or "", row.guest_institution or "")
              for row in sorted(meeting.attendances, key=lambda r: r.id or 0) if row.user is None]
    return people, guests
