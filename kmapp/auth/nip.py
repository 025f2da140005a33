"""The 18-digit NIP (Nomor Induk Pegawai) of a civil servant.

Layout: YYYYMMDD birth date, YYYYMM month of appointment (TMT CPNS), one gender digit
(1 male, 2 female), three-digit serial. The embedded dates must be real and plausible.
"""
import re
from dataclasses import dataclass
from datetime import date

NIP_PATTERN = re.compile(r"^\d{18}$")
MIN_APPOINTMENT_AGE = 17  # the youngest age at which ASN are appointed, with a year's slack
MAX_APPOINTMENT_AGE = 60


class InvalidNip(ValueError):
    """The reason (in Bahasa Indonesia, shown to users) is the message."""


@dataclass(frozen=True)
class NipInfo:
    birth_date: date
    appointment_year: int
    appointment_month: int
    gender: str  # "L" laki-laki, "P" perempuan
    serial: int


def parse_nip(nip: str, today: date | None = None) -> NipInfo:
    """Validate a NIP and return what it encodes; raise InvalidNip with the reason."""
    today = today or date.today()
    nip = (nip or "").strip().replace(" ", "")
    if not NIP_PATTERN.match(nip):
        raise InvalidNip("NIP harus terdiri dari 18 angka.")
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise InvalidNip("Tanggal lahir pada NIP (angka 1-8) tidak valid.") from None
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise InvalidNip("Bulan pengangkatan pada NIP (angka 13-14) tidak valid.")
    if birth > today:
        raise InvalidNip("Tanggal lahir pada NIP berada di masa depan.")
    if (year, month) > (today.year, today.month):
        raise InvalidNip("Tanggal pengangkatan pada NIP berada di masa depan.")
    if not MIN_APPOINTMENT_AGE <= year - birth.year <= MAX_APPOINTMENT_AGE:
        raise InvalidNip("Usia saat pengangkatan menurut NIP tidak masuk akal.")
    if nip[14] not in "12":
        raise InvalidNip("Digit jenis kelamin pada NIP (angka 15) harus 1 atau 2.")
    serial = int(nip[15:18])
    if serial == 0:
        raise InvalidNip("Nomor urut pada NIP (angka 16-18) tidak boleh 000.")
    return NipInfo(birth, year, month, "L" if nip[14] == "1" else "P", serial)


def is_nip_shaped(login: str) -> bool:
    """Eighteen digits: the user typed a NIP, not a username."""
    return bool(NIP_PATTERN.match((login or "").strip()))
