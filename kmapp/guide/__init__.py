"""Panduan Program: the programme guide (work plan, roles and authority, step-by-step modules)."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav

bp = Blueprint("guide", __name__)

register_nav(_l("Panduan"), "guide.index", visible=lambda user: user.is_authenticated, order=45,
             section=("guide.page", "guide.history", "guide.version", "guide.edit", "guide.new", "guide.print_all"))



@bp.app_template_filter("guide_body")
def guide_body(page):
    """A page's stored HTML, cleaned again on the way out (as meeting minutes are)."""
    from ..communities.minutes import stored_minutes
    return stored_minutes(page.body_html, page.body_md)


from . import routes  # noqa: E402,F401
