"""Who knows what in the demo: a second pengurus of JAK-HIGH who ran its body-weight meetings and
wrote their assets, retiring within months with no handover (the "pengetahuan berisiko hilang"
case `lead.dinkes` finds in his task list), and a few declared expertises.

Every CoP's first lead already leads its meetings and writes its assets (kmapp/demo/seed.py),
so each is the clear expert of his CoP's topics; this step only adds the case above.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from ..extensions import db
from ..handover.departures import retirement_date
from ..models import (Asset, CommunityMember, DeclaredExpertise, Departure, Meeting, MemberRole, Role, Tag, User,
                      asset_tag)

AT_RISK_TOPIC = "berat badan"
AT_RISK_MEMBER = 3  # JAK-HIGH's fourth member (the first is lead.dinkes)
RETIRES_IN_DAYS = 150
DECLARED = {"lead.dinkes": ("diabetes melitus", "gizi"), "fasilitator": ("pendampingan komunitas",)}


@dataclass(frozen=True)
class ExpertDemo:
    at_risk: User
    leaving_on: date


def _nip_retiring_around(target: date, nips) -> str:
    """A NIP whose holder (age 58, the default class) retires on the 1st of the month after `target`'s."""
    retire = (target.replace(day=1) + timedelta(days=32)).replace(day=1)
    birth_month = retire - timedelta(days=1)
    prefix = f"{birth_month.year - 58:04d}{birth_month.month:02d}14{birth_month.year - 58 + 24:04d}031"
    serial = nips.serials.get(prefix, 0) + 1
    nips.serials[prefix] = serial  # the roster's allocator carries on after it: no duplicate NIP
    return f"{prefix}{serial:03d}"


def seed_experts(today: date, jak_high, members: list[User], nips, logins: dict[str, User]) -> ExpertDemo:
    """The JAK-HIGH case and the declarations; call after meetings and assets exist."""
    person = members[AT_RISK_MEMBER]
    person.nip = _nip_retiring_around(today + timedelta(days=RETIRES_IN_DAYS), nips)
    person.set_roles(person.roles | {Role.COP_LEAD})
    membership = next(m for m in jak_high.members if m.user is person)
    membership.role = MemberRole.LEAD  # pengurus beside lead.dinkes: he ran the body-weight programme
    for meeting in db.session.scalars(select(Meeting).where(Meeting.community_id == jak_high.id)):
        if AT_RISK_TOPIC in meeting.topic.lower():
            meeting.created_by = person
    tagged = select(asset_tag.c.asset_id).join(Tag, Tag.id == asset_tag.c.tag_id).where(Tag.name == AT_RISK_TOPIC)
    for asset in db.session.scalars(select(Asset).where(Asset.community_id == jak_high.id, Asset.id.in_(tagged))):
        asset.created_by = person
    leaving_on = retirement_date(person.nip, None, {})
    db.session.add(Departure(user=person, kind="retirement", leaving_on=leaving_on))
    for login, topics in DECLARED.items():
        for topic in topics:
            db.session.add(DeclaredExpertise(user_id=logins[login].id, name=topic))
    db.session.flush()
    return ExpertDemo(person, leaving_on)
