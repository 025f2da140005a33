"""Builders for the award tests: a round over the `world`, extra assessors, filled sheets."""
from datetime import date, timedelta

from kmapp.award.rounds import create_round
from kmapp.extensions import db
from kmapp.models import AwardRound, Role, User

from .conftest import sign_in, user

YEAR = 2026


def make_round(deadline: date | None = None, year: int = YEAR, winners: int = 15) -> AwardRound:
    award = create_round(year, f"KMA {year}", winners, deadline or date.today() + timedelta(days=30),
                         date.today() + timedelta(days=60), None)
    db.session.commit()
    return award


def extra_assessors(world) -> dict[str, int]:
    """juri2 (no agency) and juri3 (works at agency A): both assessors."""
    from kmapp.models import Agency
    juri2 = user("juri2", None, Role.ASSESSOR)
    juri3 = user("juri3", db.session.get(Agency, world.agency_a), Role.ASSESSOR)
    db.session.commit()
    return {"juri2": juri2.id, "juri3": juri3.id}


def criteria_ids(year: int = YEAR) -> dict[str, int]:
    from sqlalchemy import select
    award = db.session.scalar(select(AwardRound).where(AwardRound.year == year))
    return {c.code: c.id for c in award.criteria}


def sheet_fields(ids: dict[str, int], values: dict[str, int], comments: dict[str, str] | None = None,
                 send: bool = True) -> dict:
    """Form fields of a score sheet; every end-of-scale score gets a comment unless told otherwise."""
    comments = comments if comments is not None else {code: "Alasan nilai ini." for code in values}
    fields = {f"score_{ids[code]}": str(value) for code, value in values.items()}
    fields |= {f"comment_{ids[code]}": comments.get(code, "") for code in values}
    fields["send" if send else "save"] = "1"
    return fields


def all_scores(value: int, **overrides) -> dict[str, int]:
    codes = ("relevance", "participation", "documentation", "accessibility", "impact", "sustainability",
             "leadership", "external")
    return {code: overrides.get(code, value) for code in codes}


def as_user(client, login: str):
    response = sign_in(client, login)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def person(login: str) -> User:
    from sqlalchemy import select
    return db.session.scalar(select(User).where(User.username == login))
