"""Believable demo people: Indonesian names and valid NIPs, deterministic per seed."""
import random
from datetime import date, timedelta

FIRST_NAMES = (
    "Ahmad", "Siti", "Budi", "Dewi", "Rina", "Agus", "Sri", "Hendra", "Nur", "Yuliana", "Eko",
    "Fitri", "Rudi", "Indah", "Bambang", "Lestari", "Dimas", "Ratna", "Fajar", "Wulan", "Teguh",
    "Maya", "Yusuf", "Anisa", "Rizky", "Putri", "Andi", "Nadia", "Irfan", "Kartika",
)
LAST_NAMES = (
    "Santoso", "Wijaya", "Saputra", "Lestari", "Hidayat", "Pratama", "Kusuma", "Nugroho",
    "Rahmawati", "Siregar", "Simanjuntak", "Harahap", "Setiawan", "Purnomo", "Maharani",
    "Susanti", "Gunawan", "Hakim", "Permata", "Utami", "Situmorang", "Wibowo", "Hasibuan",
)


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def make_nip(rng: random.Random, serial: int) -> str:
    """A NIP whose embedded birth date, appointment month and gender digit are valid."""
    birth = date(1968, 1, 1) + timedelta(days=rng.randrange(0, 30 * 365))
    appointed_year = min(birth.year + rng.randrange(21, 32), 2024)
    return (f"{birth:%Y%m%d}{appointed_year:04d}{rng.randrange(1, 13):02d}"
            f"{rng.choice('12')}{serial % 999 + 1:03d}")
