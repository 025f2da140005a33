"""Creating accounts one by one or from the agencies' CSV exports."""
import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError

from ..auth.nip import InvalidNip, is_nip_shaped, parse_nip
from ..auth.passwords import MIN_PASSWORD_LENGTH, hash_password
from ..extensions import db
from ..models import Agency, PositionClass, Role, User

USERNAME_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{2,63}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CSV_COLUMNS = ("nip_or_username", "name", "email", "agency_code", "roles")
# Optional columns: when a file has them they are applied (an empty cell clears the value).
POSITION_COLUMNS = ("position_class", "supervisor")


class AccountError(ValueError):
    """Why an account cannot be created, in Bahasa Indonesia."""


@dataclass(frozen=True)
class AccountSpec:
    login: str
    name: str
    email: str | None = None
    agency_code: str | None = None
    roles: tuple[str, ...] = (Role.EMPLOYEE.value,)
    position_class: str | None = None
    set_position_class: bool = False  # only files with the position_class column touch it


def validate_login(login: str) -> tuple[str | None, str | None]:
    """Return (nip, username) for a login name, or raise AccountError."""
    login = (login or "").strip().lower()
    if is_nip_shaped(login):
        try:
            parse_nip(login)
        except InvalidNip as error:
            raise AccountError(str(error)) from None
        return login, None
    if login.isdigit():
        raise AccountError("NIP harus terdiri dari 18 angka.")
    if not USERNAME_PATTERN.match(login):
        raise AccountError("Nama pengguna harus 3-64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf.")
    return None, login


def _resolve(spec: AccountSpec) -> tuple[str | None, str | None, Agency | None, set[str]]:
    if any("\0" in (text or "") for text in (spec.login, spec.name, spec.email, spec.agency_code, *spec.roles)):
        raise AccountError("Isian berisi karakter NUL.")  # PostgreSQL cannot store it
    nip, username = validate_login(spec.login)
    if not spec.name.strip():
        raise AccountError("Nama wajib diisi.")
    if spec.email and not EMAIL_PATTERN.match(spec.email):
        raise AccountError(f"Alamat email tidak valid: {spec.email}")
    agency = None
    if spec.agency_code:
        agency = db.session.execute(select(Agency).where(Agency.code == spec.agency_code.strip().upper())).scalar_one_or_none()
        if agency is None:
            raise AccountError(f"Kode perangkat daerah tidak dikenal: {spec.agency_code}")
    if spec.set_position_class and spec.position_class \
            and spec.position_class not in {c.value for c in PositionClass}:
        raise AccountError(f"Kelas jabatan tidak dikenal: {spec.position_class} "
                           f"(pilihan: {', '.join(c.value for c in PositionClass)})")
    return nip, username, agency, known_roles(spec.roles)


def known_roles(roles) -> set[str]:
    """The role names, cleaned; AccountError for a name that is not a Role. None given: employee."""
    wanted = {str(r).strip().lower() for r in roles if str(r).strip()} or {Role.EMPLOYEE.value}
    unknown = wanted - {r.value for r in Role}
    if unknown:
        raise AccountError(f"Peran tidak dikenal: {', '.join(sorted(unknown))}")
    return wanted


def upsert_account(spec: AccountSpec, password: str | None = None) -> tuple[User, str]:
    """Create the account or bring it in line with `spec`; returns (user, "created"|"updated"|"unchanged")."""
    nip, username, agency, roles = _resolve(spec)
    column, value = (User.nip, nip) if nip else (User.username, username)
    user = db.session.execute(select(User).where(column == value)).scalar_one_or_none()
    outcome = "updated"
    if user is None:
        user = User(nip=nip, username=username, name="", active=True)
        db.session.add(user)
        outcome = "created"
    position_class = (spec.position_class or None) if spec.set_position_class else user.position_class
    wanted = (spec.name.strip(), (spec.email or None), agency.id if agency else None, frozenset(roles),
              position_class)
    if outcome == "updated" and password is None \
            and wanted == (user.name, user.email, user.agency_id, user.roles, user.position_class):
        return user, "unchanged"
    user.name, user.email, user.agency_id, user.position_class = wanted[0], wanted[1], wanted[2], wanted[4]
    user.set_roles(roles)
    if password is not None:
        set_password(user, password)
    return user, outcome


def set_password(user: User, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter.")
    user.password_hash = hash_password(password)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    unchanged_ids: set[int] = field(default_factory=set)


def import_users_csv(path: Path) -> ImportReport:
    """Import a CSV (header row; columns CSV_COLUMNS). Good rows are saved, bad rows
    reported with their line number; running it again changes nothing."""
    report = ImportReport()
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle, delimiter=_sniff_delimiter(handle))
        missing = set(CSV_COLUMNS[:2]) - set(reader.fieldnames or [])
        if missing:
            report.errors.append((1, f"Kolom wajib tidak ada: {', '.join(sorted(missing))}"))
            return report
        columns = set(reader.fieldnames or [])
        seen: set[str] = set()
        supervisors: list[tuple[int, str, str]] = []  # (line, login, supervisor login): after every row exists
        for row in reader:
            if _import_row(row, reader.line_num, seen, report, "position_class" in columns) \
                    and "supervisor" in columns:
                supervisors.append((reader.line_num, (row.get("nip_or_username") or "").strip().lower(),
                                    (row.get("supervisor") or "").strip().lower()))
    for line, login, supervisor_login in supervisors:
        _link_supervisor(line, login, supervisor_login, report)
    db.session.commit()
    return report


def _account(login: str) -> User | None:
    column = User.nip if is_nip_shaped(login) else User.username
    return db.session.execute(select(User).where(column == login)).scalar_one_or_none()


def _link_supervisor(line: int, login: str, supervisor_login: str, report: ImportReport) -> None:
    """Set the row's supervisor (the `supervisor` column names his NIP or username; empty clears it)."""
    person = _account(login)
    supervisor = _account(supervisor_login) if supervisor_login else None
    if supervisor_login and supervisor is None:
        report.errors.append((line, f"Atasan tidak ditemukan: {supervisor_login}"))
        return
    if supervisor is not None and supervisor.id == person.id:
        report.errors.append((line, "Seseorang tidak bisa menjadi atasannya sendiri."))
        return
    wanted = supervisor.id if supervisor else None
    if person.supervisor_id != wanted:
        person.supervisor_id = wanted
        if report.unchanged and person.id in report.unchanged_ids:
            report.unchanged, report.updated = report.unchanged - 1, report.updated + 1


def _import_row(row: dict, line: int, seen: set[str], report: ImportReport, with_position: bool = False) -> bool:
    """Import one row; True when it was saved (or already so)."""
    login = (row.get("nip_or_username") or "").strip().lower()
    if login in seen:
        report.errors.append((line, f"{login} muncul lebih dari sekali dalam berkas"))
        return False
    seen.add(login)
    roles = tuple(re.split(r"[;|,\s]+", row.get("roles") or "employee"))
    spec = AccountSpec(login, row.get("name") or "", (row.get("email") or "").strip() or None,
                       (row.get("agency_code") or "").strip() or None, roles,
                       (row.get("position_class") or "").strip().lower() or None, with_position)
    try:
        with db.session.begin_nested():  # a SAVEPOINT: a refused row undoes only itself
            user, outcome = upsert_account(spec)
    except AccountError as error:
        report.errors.append((line, str(error)))
        return False
    except (IntegrityError, DataError) as error:  # a constraint or column size the checks above do not know
        report.errors.append((line, f"ditolak oleh basis data: {_first_line(error.orig)}"))
        return False
    setattr(report, outcome, getattr(report, outcome) + 1)
    if outcome == "unchanged":
        report.unchanged_ids.add(user.id)
    return True


def _first_line(error) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _sniff_delimiter(handle) -> str:
    sample = handle.read(4096)
    handle.seek(0)
    return ";" if sample.count(";") > sample.count(",") else ","
