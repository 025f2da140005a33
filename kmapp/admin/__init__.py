from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav
from ..policy import is_admin

bp = Blueprint("admin", __name__)

register_nav(_l("Pengguna"), "admin.users", visible=is_admin, order=90, section=("admin.user_page", "admin.toggle_active"))
register_nav(_l("Pengaturan program"), "admin.settings", visible=is_admin, order=85)

from . import people, routes, settings  # noqa: E402,F401
