"""'Perlu tindakan Anda' for knowledge at risk: a CoP lead reads, for each agency whose CoP he
leads, how many leaving people take knowledge nobody captured (kmapp/main/tasks.py)."""
from datetime import date

from flask import url_for
from flask_babel import gettext, ngettext
from sqlalchemy import select

from ..extensions import db
from ..models import Agency, MemberRole, Role, User


def at_risk_agencies(user: User) -> list[Agency]:
    """The agencies whose knowledge-at-risk list `user` reads as a CoP lead, by name."""
    if not (user.is_authenticated and user.has_role(Role.COP_LEAD)):
        return []
    ids = {m.community.agency_id for m in user.memberships if m.role == MemberRole.LEAD}
    return list(db.session.scalars(select(Agency).where(Agency.id.in_(ids)).order_by(Agency.name))) if ids else []


def knowledge_at_risk_tasks(user: User, today: date) -> list:
    from ..main.tasks import Task
    from .at_risk import knowledge_at_risk
    agencies = at_risk_agencies(user)
    tasks = []
    for agency in agencies:
        found = knowledge_at_risk(user, agency.id, today)
        if not found:
            continue
        text = ngettext("%(num)s pegawai yang akan pergi membawa pengetahuan berisiko hilang (belum ada serah terima)",
                        "%(num)s pegawai yang akan pergi membawa pengetahuan berisiko hilang (belum ada serah terima)",
                        len(found))
        if len(agencies) > 1:
            text = gettext("%(agency)s: %(text)s", agency=agency.name, text=text)
        tasks.append(Task(text, gettext("Lihat pengetahuan berisiko"),
                          url_for("people.at_risk", agency=agency.id), "warn"))
    return tasks
