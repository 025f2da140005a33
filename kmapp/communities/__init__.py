"""Communities of practice: the CoP pages, meeting logs, accompaniment and quarter locks."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav
from ..policy import can_lock_quarters

bp = Blueprint("communities", __name__)

register_nav(_l("Komunitas"), "communities.cop_list", visible=lambda user: user.is_authenticated, order=20,
             section=("communities.cop_page", "communities.meeting_page", "communities.meeting_new",
                      "communities.meeting_edit", "communities.people_lookup"))
register_nav(_l("Kunci triwulan"), "communities.quarters", visible=can_lock_quarters, order=80)

from . import meeting_routes, routes  # noqa: E402,F401
