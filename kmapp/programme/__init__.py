"""The programme office's view: quarterly targets, utilisation, reports."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav
from ..policy import can_view_programme

bp = Blueprint("programme", __name__)

register_nav(_l("Dasbor program"), "programme.dashboard", visible=can_view_programme, order=60,
             section=("programme.report", "programme.targets", "programme.agency"))
# Those who may not see the dashboard see only their own agency's page.
register_nav(_l("Capaian perangkat daerah"), "programme.my_agency",
             visible=lambda user: not can_view_programme(user) and user.agency_id is not None, order=61,
             section=("programme.agency",))

from . import routes  # noqa: E402,F401
