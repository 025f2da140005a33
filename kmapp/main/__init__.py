from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav

bp = Blueprint("main", __name__)

register_nav(_l("Beranda"), "main.home", visible=lambda user: user.is_authenticated, order=10)

from . import routes  # noqa: E402,F401
