"""The handover's lines in the home page's task list (kmapp/main/tasks.py): the departing employee's own
handover to fill and send (at the top: it cannot wait), and a supervisor's handovers to confirm."""
from datetime import date

from flask import url_for
from flask_babel import gettext
from sqlalchemy import select

from ..dates import list_date
from ..extensions import db
from ..models import Departure, DepartureKind, Handover, HandoverState, User
from .departures import handover_settings
from .handovers import is_overdue

OPEN_STATES = (HandoverState.NOT_STARTED.value, HandoverState.IN_PROGRESS.value)


def own_handover_tasks(user: User, today: date):
    """For a departing employee: his handover, until he has sent it."""
    from ..main.tasks import Task
    row = db.session.execute(
        select(Handover, Departure).join(Departure, Departure.id == Handover.departure_id)
        .where(Departure.user_id == user.id, Departure.cancelled_at.is_(None), Handover.state.in_(OPEN_STATES))
    ).first()
    if row is None:
        return []
    handover, departure = row
    text = (gettext("Anda tercatat pensiun pada %(day)s: tuliskan serah terima pengetahuan untuk penerus Anda.",
                    day=list_date(departure.leaving_on)) if departure.kind == DepartureKind.RETIREMENT else
            gettext("Anda tercatat mutasi pada %(day)s: tuliskan serah terima pengetahuan untuk penerus Anda.",
                    day=list_date(departure.leaving_on)))
    if is_overdue(handover, departure.leaving_on, today, handover_settings().overdue_days):
        text = gettext("%(text)s Sudah terlambat.", text=text)
    action = gettext("Isi serah terima") if handover.state == HandoverState.NOT_STARTED else \
        gettext("Lanjutkan serah terima")
    return [Task(text, action, url_for("handover.handover_page", handover_id=handover.id), "warn")]


def confirm_handover_tasks(user: User, today: date):
    """For a supervisor: handovers of his staff waiting for his confirmation."""
    from ..main.tasks import Task
    rows = db.session.execute(
        select(Handover.id, User.name).join(Departure, Departure.id == Handover.departure_id)
        .join(User, User.id == Departure.user_id)
        .where(Handover.supervisor_id == user.id, Handover.state == HandoverState.SUBMITTED.value,
               Departure.cancelled_at.is_(None)).order_by(Departure.leaving_on)).all()
    return [Task(gettext("Serah terima pengetahuan %(name)s menunggu konfirmasi Anda.", name=name),
                 gettext("Periksa dan konfirmasi"), url_for("handover.handover_page", handover_id=handover_id))
            for handover_id, name in rows]
