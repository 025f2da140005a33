"""Knowledge assets: upload, the asset page, files and versions, votes, renewal, bulk import."""
from flask import Blueprint, request
from flask_babel import lazy_gettext as _l

from ..models import Role
from ..navigation import register_nav
from ..policy import is_admin

bp = Blueprint("assets", __name__)
# The only endpoints that take files; every other request is held to MAX_FORM_BYTES.
UPLOAD_ENDPOINTS = frozenset({"assets.new", "assets.new_file", "assets.add_file"})


def _leads_or_admin(user) -> bool:
    return is_admin(user) or user.has_role(Role.COP_LEAD)


@bp.url_value_preprocessor
def _limit_upload_request(endpoint, values):
    """Cap upload requests from the configured per-file limit, read now (not at app start).

    This hook runs before every before_request function, so the cap is in place before
    the CSRF check parses the multipart body.
    """
    if request.method == "POST" and endpoint in UPLOAD_ENDPOINTS:
        from .uploads import max_request_bytes
        request.max_content_length = max_request_bytes()


register_nav(_l("Unggah aset"), "assets.new", visible=_leads_or_admin, order=30, section=("assets.new_file",))
register_nav(_l("Aset jatuh tempo"), "assets.due", visible=_leads_or_admin, order=31)

from . import files, readers, routes, templating  # noqa: E402,F401
