"""Believable demo people: Indonesian names and valid, unique NIPs, deterministic per seed.

Standard library only. A name's given names match the gender digit of its NIP; some people
carry an academic degree, as HR exports write them ("Sri Wahyuni, S.E."), never a role.
"""
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

MALE_NAMES = (
    "Agus", "Ahmad", "Andi", "Arief", "Bambang", "Bayu", "Budi", "Dedi", "Denny", "Dimas", "Eko",
    "Fajar", "Fauzan", "Ferry", "Gilang", "Hadi", "Hendra", "Heru", "Ilham", "Imam", "Indra",
    "Irfan", "Iwan", "Joko", "Kurniawan", "Lukman", "Muhammad", "Nanang", "Novri", "Oki", "Prasetyo",
    "Rahmat", "Reza", "Ridwan", "Rizky", "Rudi", "Sandi", "Setyo", "Slamet", "Sugeng", "Suparman",
    "Syahrul", "Taufik", "Teguh", "Tri", "Wahyu", "Wawan", "Yoga", "Yudhi", "Yusuf", "Zainal",
    "Adi", "Aditya", "Anton", "Bagus", "Darmawan", "Edi", "Fikri", "Guntur", "Haris", "Jefri",
    "Krisna", "Mulyadi", "Nugraha", "Purnama", "Robert", "Samuel", "Surya", "Umar", "Victor",
)
FEMALE_NAMES = (
    "Aisyah", "Anisa", "Ayu", "Citra", "Dewi", "Diah", "Dian", "Dini", "Eka", "Endang", "Erna",
    "Evi", "Fitri", "Hana", "Herlina", "Ida", "Indah", "Intan", "Kartika", "Lestari", "Lina",
    "Maya", "Mega", "Nadia", "Nia", "Novi", "Nur", "Nurul", "Puspita", "Putri", "Ratna", "Rina",
    "Rini", "Risma", "Rosa", "Sari", "Sekar", "Siti", "Sri", "Tari", "Tuti", "Umi", "Vina",
    "Wulan", "Yanti", "Yuliana", "Yuni", "Zahra", "Ani", "Astuti", "Bunga", "Desi", "Elisabeth",
    "Fransiska", "Galuh", "Hesti", "Irma", "Juwita", "Kurnia", "Larasati", "Melati", "Octavia",
    "Pratiwi", "Rahayu", "Retno", "Safitri", "Theresia", "Wahyuni", "Widya",
)
FAMILY_NAMES = (
    "Santoso", "Wijaya", "Saputra", "Hidayat", "Pratama", "Kusuma", "Nugroho", "Siregar",
    "Simanjuntak", "Harahap", "Setiawan", "Purnomo", "Gunawan", "Hakim", "Situmorang", "Wibowo",
    "Hasibuan", "Nasution", "Lubis", "Panjaitan", "Sihombing", "Tambunan", "Sinaga", "Pardede",
    "Rangkuti", "Daulay", "Pohan", "Tanjung", "Chaniago", "Piliang", "Koto", "Sikumbang",
    "Hutapea", "Manurung", "Silalahi", "Pangaribuan", "Marpaung", "Napitupulu", "Sembiring",
    "Ginting", "Tarigan", "Rumondor", "Lumban Gaol", "Wenas", "Pangemanan", "Tumbelaka",
    "Kairupan", "Mokoginta", "Rahman", "Syahputra", "Firmansyah", "Kurniawan", "Permana",
    "Suryadi", "Hartono", "Susilo", "Sutrisno", "Prabowo", "Wahyudi", "Haryanto", "Kartono",
    "Subagyo", "Suharto", "Mulyono", "Sudrajat", "Hermawan", "Rusdi", "Fauzi", "Ramadhan",
    "Maulana", "Hamzah", "Alatas", "Assegaf", "Baswedan", "Tanoto", "Halim", "Salim",
    "Tanuwijaya", "Sutanto", "Lim", "Daeng", "Pattiradjawane", "Latuconsina", "Matulessy",
    "Rumbiak", "Iskandar", "Sanjaya", "Anggraini", "Rahmawati", "Maharani", "Susanti", "Utami",
)
# The female-sounding family names above are given names used as surnames (common in Java);
# they are only paired with women.
FEMININE_FAMILY = frozenset({"Anggraini", "Rahmawati", "Maharani", "Susanti", "Utami"})
MALE_FAMILY_NAMES = tuple(name for name in FAMILY_NAMES if name not in FEMININE_FAMILY)
DEGREES = (", S.E.", ", S.H.", ", S.Kom.", ", S.Sos.", ", S.T.", ", S.Pd.", ", S.AP.", ", M.M.",
           ", S.Kep.", ", A.Md.", ", S.Si.", ", M.Si.", ", S.IP.", ", S.Ak.")
DEGREE_SHARE = 0.25

# Civil servants retire at 58 in most posts: the roster is aged 20 to 57.
YOUNGEST, OLDEST = 20, 57


def person_name(rng: random.Random, gender: str | None = None, degree: bool = False) -> str:
    """'Given [Middle] Family', gender "1" (male) or "2" (female); a random gender if None."""
    gender = gender or rng.choice("12")
    given = MALE_NAMES if gender == "1" else FEMALE_NAMES
    families = FAMILY_NAMES if gender == "2" else MALE_FAMILY_NAMES
    roll = rng.random()
    if roll < 0.08:
        name = rng.choice(given)  # a single name, as many Javanese have
    elif roll < 0.68:
        name = f"{rng.choice(given)} {rng.choice(families)}"
    else:
        first, middle = rng.sample(given, 2)
        name = f"{first} {middle} {rng.choice(families)}"
    return name + rng.choice(DEGREES) if degree else name


@dataclass
class NipAllocator:
    """Hands out NIPs that are valid (kmapp.auth.nip) and unique within one seed: the
    three-digit serial counts up per (birth date, appointment month, gender) prefix."""
    rng: random.Random
    today: date
    serials: dict[str, int] = field(default_factory=dict)

    def next(self, gender: str | None = None) -> str:
        gender = gender or self.rng.choice("12")
        while True:
            prefix = self._prefix(gender)
            # A prefix's first serial is drawn: the roster holds only some of those appointed that month.
            serial = self.serials[prefix] + 1 if prefix in self.serials else self.rng.randrange(1, 300)
            if serial <= 999:
                self.serials[prefix] = serial
                return f"{prefix}{serial:03d}"

    def __post_init__(self):
        # Born after the day one turns OLDEST + 1, and at least YOUNGEST years ago.
        self.oldest_birth = date(self.today.year - OLDEST - 1, self.today.month, 1) + timedelta(days=40)
        self.birth_span = (date(self.today.year - YOUNGEST, 1, 1) - self.oldest_birth).days

    def _prefix(self, gender: str) -> str:
        rng, today = self.rng, self.today
        birth = self.oldest_birth + timedelta(days=rng.randrange(self.birth_span))
        appointed = birth.year + rng.randrange(19, 36)
        if appointed > today.year - 1:
            appointed = today.year - 1  # appointed at least a year ago
        return f"{birth:%Y%m%d}{appointed:04d}{rng.randrange(1, 13):02d}{gender}"


def new_person(rng: random.Random, nips: NipAllocator) -> tuple[str, str]:
    """(nip, name) of one employee, gender consistent between the two."""
    gender = rng.choice("12")
    return nips.next(gender), person_name(rng, gender, degree=rng.random() < DEGREE_SHARE)
