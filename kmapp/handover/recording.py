"""Marking people as leaving (one by one or from a CSV), and their position class and supervisor.

Every departure gets its handover record at once (state "not started"), with the person's
supervisor as the one who confirms it. Rules live here so the form, the CSV import and the
tests share them: the leaving date may not be in the past nor before the appointment the NIP
records; a transfer names another agency; a retirement names none.
"""
import csv
import io
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError

from ..audit import record_change
from ..auth.nip import is_nip_shaped
from ..clock import local_today
from ..extensions import db
from ..models import Agency, Departure, DepartureKind, Handover, PositionClass, User
from ..models.base import utcnow
from ..notifications.handover_events import handover_requested
from ..policy import can_manage_departures

DEPARTURE_CSV_COLUMNS = ("nip_or_username", "kind", "leaving_on", "to_agency_code")
KIND_WORDS = {"transfer": DepartureKind.TRANSFER, "mutasi": DepartureKind.TRANSFER,
              "retirement": DepartureKind.RETIREMENT, "pensiun": DepartureKind.RETIREMENT}


class DepartureError(ValueError):
    """A rule refused the departure; `field` names the form field to show the reason on."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


def appointment_date(person: User) -> date | None:
    """The first day of the month of appointment (TMT CPNS) the NIP records, when it is readable."""
    nip = person.nip or ""
    if len(nip) != 18 or not nip.isdigit():
        return None
    year, month = int(nip[8:12]), int(nip[12:14])
    return date(year, month, 1) if 1 <= month <= 12 and year >= 1900 else None


def check_departure(person: User, kind: str, leaving_on: date | None, to_agency: Agency | None,
                    today: date | None = None) -> None:
    """Raise DepartureError with the reason when this departure cannot be recorded."""
    today = today or local_today()
    if kind not in {k.value for k in DepartureKind}:
        raise DepartureError("kind", _("Pilih mutasi atau pensiun."))
    if leaving_on is None:
        raise DepartureError("leaving_on", _("Isi tanggal keluar."))
    if leaving_on < today:
        raise DepartureError("leaving_on", _("Tanggal keluar %(day)s sudah lewat: catat kepergian sebelum terjadi.",
                                             day=leaving_on.isoformat()))
    appointed = appointment_date(person)
    if appointed is not None and leaving_on < appointed:
        raise DepartureError("leaving_on", _("Tanggal keluar %(day)s sebelum tanggal pengangkatan menurut NIP "
                                             "(%(appointed)s).", day=leaving_on.isoformat(),
                                             appointed=appointed.isoformat()))
    if kind == DepartureKind.TRANSFER:
        if to_agency is None:
            raise DepartureError("to_agency", _("Mutasi ke perangkat daerah mana? Pilih tujuannya."))
        if to_agency.id == person.agency_id:
            raise DepartureError("to_agency", _("Tujuan mutasi sama dengan perangkat daerah asal."))
    elif to_agency is not None:
        raise DepartureError("to_agency", _("Pensiun tidak punya perangkat daerah tujuan."))


def live_departure(person: User) -> Departure | None:
    return db.session.scalar(select(Departure).where(Departure.user_id == person.id,
                                                     Departure.cancelled_at.is_(None)))


def record_departure(person: User, kind: str, leaving_on: date, to_agency: Agency | None, actor: User | None,
                     today: date | None = None) -> tuple[Departure, str]:
    """Record (or correct) the person's live departure; returns (departure, "created"|"updated"|"unchanged").

    The caller commits. A correction keeps the handover already under way.
    """
    check_departure(person, kind, leaving_on, to_agency, today)
    to_agency_id = to_agency.id if to_agency else None
    departure = live_departure(person)
    if departure is not None:
        before = {"kind": departure.kind, "leaving_on": departure.leaving_on, "to_agency_id": departure.to_agency_id}
        after = {"kind": kind, "leaving_on": leaving_on, "to_agency_id": to_agency_id}
        if before == after:
            return departure, "unchanged"
        departure.kind, departure.leaving_on, departure.to_agency_id = kind, leaving_on, to_agency_id
        record_change("departure.changed", departure, before, after, actor=actor)
        return departure, "updated"
    departure = Departure(user=person, kind=kind, leaving_on=leaving_on, to_agency_id=to_agency_id,
                          created_by=actor, handover=Handover(supervisor_id=person.supervisor_id))
    db.session.add(departure)
    db.session.flush()
    record_change("departure.created", departure, None,
                  {"user_id": person.id, "kind": kind, "leaving_on": leaving_on, "to_agency_id": to_agency_id},
                  actor=actor)
    handover_requested(departure.handover)
    return departure, "created"


def cancel_departure(departure: Departure, actor: User) -> None:
    """The person stays after all; the handover stays on record, frozen. The caller commits."""
    departure.cancelled_at, departure.cancelled_by = utcnow(), actor
    record_change("departure.cancelled", departure, {"cancelled": False}, {"cancelled": True}, actor=actor)


def set_position(person: User, position_class: str | None, supervisor: User | None, actor: User | None) -> bool:
    """Change the person's position class and supervisor; False when nothing changed. The caller commits."""
    if position_class and position_class not in {c.value for c in PositionClass}:
        raise DepartureError("position_class", _("Kelas jabatan tidak dikenal."))
    if supervisor is not None and supervisor.id == person.id:
        raise DepartureError("supervisor", _("Seseorang tidak bisa menjadi atasannya sendiri."))
    before = {"position_class": person.position_class, "supervisor_id": person.supervisor_id}
    after = {"position_class": position_class or None, "supervisor_id": supervisor.id if supervisor else None}
    if before == after:
        return False
    person.position_class, person.supervisor_id = after["position_class"], after["supervisor_id"]
    record_change("user.position_changed", person, before, after, actor=actor)
    return True


def person_by_login(login: str) -> User | None:
    login = (login or "").strip().lower()
    if not login:
        return None
    column = User.nip if is_nip_shaped(login) else User.username
    return db.session.scalar(select(User).where(column == login))


@dataclass
class DepartureImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def import_departures_csv(text: str, actor: User | None, today: date | None = None) -> DepartureImportReport:
    """Departures from CSV text (header row; columns DEPARTURE_CSV_COLUMNS, `,` or `;`). Good rows are
    saved, bad ones reported with their line number; running it again changes nothing. An actor who is
    an HR officer may only touch his own agency's staff (None: the command line, admin rights)."""
    report = DepartureImportReport()
    sample = text[:4096]
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")),
                            delimiter=";" if sample.count(";") > sample.count(",") else ",")
    missing = set(DEPARTURE_CSV_COLUMNS[:3]) - {(name or "").strip() for name in reader.fieldnames or []}
    if missing:
        report.errors.append((1, _("Kolom wajib tidak ada: %(columns)s", columns=", ".join(sorted(missing)))))
        return report
    seen: set[str] = set()
    for row in reader:
        row = {(key or "").strip(): (value or "").strip() for key, value in row.items() if isinstance(value, str)}
        _import_departure_row(row, reader.line_num, seen, actor, today, report)
    db.session.commit()
    return report


def _import_departure_row(row: dict, line: int, seen: set[str], actor: User | None, today: date | None,
                          report: DepartureImportReport) -> None:
    login = row.get("nip_or_username", "").lower()
    if login in seen:
        report.errors.append((line, _("%(login)s muncul lebih dari sekali dalam berkas", login=login)))
        return
    seen.add(login)
    try:
        person = person_by_login(login)
        if person is None:
            raise DepartureError("login", _("Pegawai tidak ditemukan: %(login)s", login=login))
        if actor is not None and not can_manage_departures(actor, person.agency_id):
            raise DepartureError("login", _("%(login)s bukan pegawai perangkat daerah Anda.", login=login))
        kind = KIND_WORDS.get(row.get("kind", "").lower())
        if kind is None:
            raise DepartureError("kind", _("Jenis harus mutasi/transfer atau pensiun/retirement: %(kind)s",
                                           kind=row.get("kind", "")))
        try:
            leaving_on = date.fromisoformat(row.get("leaving_on", ""))
        except ValueError:
            raise DepartureError("leaving_on", _("Tanggal keluar harus berformat TTTT-BB-HH: %(value)s",
                                                 value=row.get("leaving_on", ""))) from None
        to_agency = None
        if row.get("to_agency_code"):
            to_agency = db.session.scalar(select(Agency).where(Agency.code == row["to_agency_code"].upper()))
            if to_agency is None:
                raise DepartureError("to_agency", _("Kode perangkat daerah tidak dikenal: %(code)s",
                                                    code=row["to_agency_code"]))
        with db.session.begin_nested():  # a SAVEPOINT: a refused row undoes only itself
            outcome = record_departure(person, kind.value, leaving_on, to_agency, actor, today)[1]
    except DepartureError as error:
        report.errors.append((line, str(error)))
        return
    except (IntegrityError, DataError) as error:
        report.errors.append((line, _("ditolak oleh basis data: %(reason)s",
                                      reason=str(error.orig).strip().splitlines()[0])))
        return
    setattr(report, outcome, getattr(report, outcome) + 1)
