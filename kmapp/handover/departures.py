"""Who is leaving: recorded departures and the retirements the NIPs foretell.

The NIP's first eight digits are the birth date; the retirement age (batas usia pensiun) depends on
the position class (a setting, kmapp/models/handover.py); retirement takes effect on the first day
of the month after the birthday on which that age is reached. Other features (the people pages,
"knowledge at risk") code against the functions here: keep their names and signatures.
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import and_, or_, select

from ..clock import local_today
from ..extensions import db
from ..models import Departure, Handover, HandoverSettings, HandoverState, User
from ..models.handover import DEFAULT_RETIREMENT_AGE, DEFAULT_RETIREMENT_AGES

EARLIEST_BIRTH_YEAR = 1900


class NipProblem(StrEnum):
    """Why no retirement date can be derived from a person's NIP (labels in handover/labels.py)."""
    MISSING = "missing"                    # no NIP recorded (non-ASN staff, or not imported)
    MALFORMED = "malformed"                # not 18 digits
    INVALID_BIRTH_DATE = "invalid_birth_date"  # digits 1-8 are not a real date


@dataclass(frozen=True)
class DepartureFact:
    """One person leaving: recorded (forecast=False) or a retirement foretold by the NIP (forecast=True,
    handover_state None: nobody has recorded the departure yet, so there is no handover)."""
    user_id: int
    kind: str                       # DepartureKind value
    leaving_on: date
    to_agency_id: int | None
    handover_state: str | None      # HandoverState value; None for a forecast
    forecast: bool
    agency_id: int | None = None    # the agency the person leaves
    departure_id: int | None = None


def nip_birth_date_problem(nip: str | None) -> NipProblem | None:
    """The reason no birth date can be read from `nip`, or None when it can."""
    nip = (nip or "").strip()
    if not nip:
        return NipProblem.MISSING
    if len(nip) != 18 or not nip.isdigit():
        return NipProblem.MALFORMED
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return NipProblem.INVALID_BIRTH_DATE
    return NipProblem.INVALID_BIRTH_DATE if birth.year < EARLIEST_BIRTH_YEAR else None


def nip_birth_date(nip: str | None) -> date | None:
    """The birth date the NIP carries, or None (see nip_birth_date_problem for why)."""
    if nip_birth_date_problem(nip) is not None:
        return None
    nip = nip.strip()
    return date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))


def retirement_age(position_class: str | None, ages: dict[str, int]) -> int:
    return ages.get(position_class, DEFAULT_RETIREMENT_AGE) if position_class else DEFAULT_RETIREMENT_AGE


def retirement_date(nip: str | None, position_class: str | None, ages: dict[str, int]) -> date | None:
    """The first day of the month after the birthday on which the class's retirement age is reached.

    A leap-day birthday falls in February in every year, so it needs no special case.
    """
    birth = nip_birth_date(nip)
    if birth is None:
        return None
    year, month = birth.year + retirement_age(position_class, ages), birth.month
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def handover_settings() -> HandoverSettings:
    """The stored settings, or the defaults (an unsaved row) when never set."""
    return db.session.get(HandoverSettings, 1) or HandoverSettings(
        id=1, overdue_days=30, **{f"age_{cls.value}": age for cls, age in DEFAULT_RETIREMENT_AGES.items()})


def retirement_ages() -> dict[str, int]:
    """Position class -> retirement age, as the programme office set them."""
    return handover_settings().retirement_ages()


def recorded_departures_within(start: date, end: date, agency_id: int | None = None) -> list[DepartureFact]:
    """Live (not cancelled) departures leaving between `start` and `end`, both included."""
    query = (select(Departure.id, Departure.user_id, Departure.kind, Departure.leaving_on, Departure.to_agency_id,
                    Handover.state, User.agency_id)
             .join(User, User.id == Departure.user_id)
             .outerjoin(Handover, Handover.departure_id == Departure.id)
             .where(Departure.cancelled_at.is_(None), Departure.leaving_on.between(start, end)))
    if agency_id is not None:
        query = query.where(User.agency_id == agency_id)
    return [DepartureFact(row.user_id, row.kind, row.leaving_on, row.to_agency_id,
                          row.state or HandoverState.NOT_STARTED.value, False, row.agency_id, row.id)
            for row in db.session.execute(query)]


def _birth_month_bounds(start: date, end: date, age: int) -> tuple[str, str]:
    """NIP prefixes (YYYYMM) of the people of `age` whose retirement falls between start and end:
    retiring on the 1st of month M means being born in month M-1, `age` years earlier."""
    def born(month_start: date) -> str:
        previous = month_start - timedelta(days=1)
        return f"{previous.year - age:04d}{previous.month:02d}"
    first = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return born(first), born(end.replace(day=1))


def forecast_retirements_within(start: date, end: date, agency_id: int | None = None,
                                ages: dict[str, int] | None = None) -> list[DepartureFact]:
    """Active people whose NIP says they retire between `start` and `end` and whose departure nobody
    has recorded. The NIP range per age keeps this on the NIP's unique index (65,000 employees)."""
    ages = retirement_ages() if ages is None else ages
    classes_by_age: dict[int, list[str]] = defaultdict(list)
    for position_class, age in ages.items():
        classes_by_age[age].append(position_class)
    classes_by_age.setdefault(DEFAULT_RETIREMENT_AGE, [])
    live = select(Departure.id).where(Departure.user_id == User.id, Departure.cancelled_at.is_(None))
    facts = []
    for age, classes in classes_by_age.items():
        low, high = _birth_month_bounds(start, end, age)
        if low > high:
            continue
        of_class = User.position_class.in_(classes)
        if age == DEFAULT_RETIREMENT_AGE:
            of_class = or_(of_class, User.position_class.is_(None))
        query = (select(User.id, User.nip, User.position_class, User.agency_id)
                 .where(User.active.is_(True), and_(User.nip >= low, User.nip < f"{high}99"), of_class,
                        ~live.exists()))
        if agency_id is not None:
            query = query.where(User.agency_id == agency_id)
        for row in db.session.execute(query):
            leaving_on = retirement_date(row.nip, row.position_class, ages)
            if leaving_on is not None and start <= leaving_on <= end:
                facts.append(DepartureFact(row.id, "retirement", leaving_on, None, None, True, row.agency_id))
    return facts


def departures_within(days: int = 365, agency_id: int | None = None, today: date | None = None) -> list[DepartureFact]:
    """Everyone leaving in the next `days` days (today included): recorded departures that are not
    cancelled, and retirements forecast from NIPs for people without a recorded departure. By date."""
    start = today or local_today()
    end = start + timedelta(days=days)
    facts = recorded_departures_within(start, end, agency_id) + forecast_retirements_within(start, end, agency_id)
    return sorted(facts, key=lambda fact: (fact.leaving_on, fact.user_id))


def confirmed_handover_user_ids() -> set[int]:
    """People whose (live) departure left a handover confirmed by the supervisor."""
    return set(db.session.scalars(
        select(Departure.user_id).join(Handover, Handover.departure_id == Departure.id)
        .where(Departure.cancelled_at.is_(None), Handover.state == HandoverState.CONFIRMED.value)))
