"""Who knows what: people pages built from the portal's own records, the people search by
topic (the asset search's Indonesian analyser), and knowledge at risk when people leave."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav

bp = Blueprint("people", __name__)

register_nav(_l("Cari orang"), "people.search", visible=lambda user: user.is_authenticated, order=25,
             section=("people.person_page",))

from . import routes  # noqa: E402,F401
