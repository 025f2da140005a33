from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav
from ..policy import is_admin

bp = Blueprint("admin", __name__)

register_nav(_l("Pengguna"), "admin.users", visible=is_admin, order=90)
register_nav(_l("Pengaturan program"), "admin.settings", visible=is_admin, order=85)

from . import routes, settings  # noqa: E402,F401
