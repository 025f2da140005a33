"""Structured discussion: threads per CoP and a programme-wide space, on a meeting's agenda,
open for a set period, moderated, searchable, and concluded as a knowledge asset."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav

bp = Blueprint("discussions", __name__)

register_nav(_l("Diskusi"), "discussions.index", visible=lambda user: user.is_authenticated, order=25,
             section=("discussions.space", "discussions.cop_space", "discussions.thread_page",
                      "discussions.new_thread", "discussions.publish", "discussions.search"))

from . import notify, routes, search_tab  # noqa: E402,F401
