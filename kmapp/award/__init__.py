"""The Knowledge Management Award: rounds, nominations, blind scoring, ranking, results."""
from flask import Blueprint, request
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav

bp = Blueprint("award", __name__)
UPLOAD_ENDPOINTS = frozenset({"award.add_attachments"})


@bp.url_value_preprocessor
def _limit_upload_request(endpoint, values):
    """Attachments may be as large as asset files; every other request keeps MAX_FORM_BYTES."""
    if request.method == "POST" and endpoint in UPLOAD_ENDPOINTS:
        from ..assets.uploads import max_request_bytes
        request.max_content_length = max_request_bytes()


register_nav(_l("Penghargaan KMA"), "award.index", visible=lambda user: user.is_authenticated, order=65,
             section=("award.round_page", "award.new_round", "award.edit_round", "award.nomination", "award.score",
                      "award.data_sheet_page", "award.results", "award.other_scores", "award.certificate"))

from . import routes  # noqa: E402,F401
