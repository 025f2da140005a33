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
from ..models import Agency, Role, User

USERNAME_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{2,63}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CSV_COLUMNS = ("nip_or_username", "name", "email", "agency_code", "roles")


class AccountError(ValueError):
    """Why an account cannot be created, in Bahasa Indonesia."""


@dataclass(frozen=True)
class AccountSpec:
    login: str
    name: str
    email: str | None = None
    agency_code: str | None = None
    roles: tuple[str, ...] = (Role.EMPLOYEE.value,)


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
    wanted = (spec.name.strip(), (spec.email or None), agency.id if agency else None, frozenset(roles))
    if outcome == "updated" and wanted == (user.name, user.email, user.agency_id, user.roles) and password is None:
        return user, "unchanged"
    user.name, user.email, user.agency_id = wanted[0], wanted[1], wanted[2]
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
        seen: set[str] = set()
        for row in reader:
            _import_row(row, reader.line_num, seen, report)
    db.session.commit()
    return report


def _import_row(row: dict, line: int, seen: set[str], report: ImportReport) -> None:
    login = (row.get("nip_or_username") or "").strip().lower()
    if login in seen:
        report.errors.append((line, f"{login} muncul lebih dari sekali dalam berkas"))
        return
    seen.add(login)
    roles = tuple(re.split(r"[;|,\s]+", row.get("roles") or "employee"))
    spec = AccountSpec(login, row.get("name") or "", (row.get("email") or "").strip() or None,
                       (row.get("agency_code") or "").strip() or None, roles)
    try:
        with db.session.begin_nested():  # a SAVEPOINT: a refused row undoes only itself
            _, outcome = upsert_account(spec)
    except AccountError as error:
        report.errors.append((line, str(error)))
        return
    except (IntegrityError, DataError) as error:  # a constraint or column size the checks above do not know
        report.errors.append((line, f"ditolak oleh basis data: {_first_line(error.orig)}"))
        return
    setattr(report, outcome, getattr(report, outcome) + 1)


def _first_line(error) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _sniff_delimiter(handle) -> str:
    sample = handle.read(4096)
    handle.seek(0)
    return ";" if sample.count(";") > sample.count(",") else ","
