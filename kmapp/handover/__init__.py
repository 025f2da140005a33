"""Knowledge handover (serah terima pengetahuan): departures by transfer or retirement, the retirement
forecast from NIPs, the handover record each departure needs, and the agency and programme views."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav
from ..policy import can_open_departures

bp = Blueprint("handover", __name__)

register_nav(_l("Serah terima"), "handover.index", visible=can_open_departures, order=70,
             section=("handover.agency_page", "handover.person_page", "handover.import_page",
                      "handover.programme_page"))

from . import departure_routes, exports, handover_routes  # noqa: E402,F401
