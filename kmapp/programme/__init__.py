"""The programme office's view: quarterly targets, utilisation, reports."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav
from ..policy import can_view_programme

bp = Blueprint("programme", __name__)

register_nav(_l("Dasbor Program"), "programme.dashboard", visible=can_view_programme, order=60)
register_nav(_l("Capaian Perangkat Daerah"), "programme.my_agency",
             visible=lambda user: not can_view_programme(user) and user.agency_id is not None, order=61)

from . import routes  # noqa: E402,F401
