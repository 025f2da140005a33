"""Maturity assessment: the versioned instrument, the yearly round (self-assessment by the CoP
lead, verification by an assigned assessor, publication), history and the early warning."""
from flask import Blueprint, request
from flask_babel import lazy_gettext as _l

from ..navigation import register_nav
from ..policy import can_view_maturity

bp = Blueprint("maturity", __name__)
UPLOAD_ENDPOINTS = frozenset({"maturity.upload_evidence"})


@bp.url_value_preprocessor
def _limit_upload_request(endpoint, values):
    """The evidence upload takes a file (same per-file limit as assets); the rest stay small."""
    if request.method == "POST" and endpoint in UPLOAD_ENDPOINTS:
        from ..assets.uploads import max_request_bytes
        request.max_content_length = max_request_bytes()


register_nav(_l("Maturitas"), "maturity.index", visible=can_view_maturity, order=65,
             section=("maturity.instrument", "maturity.indicator_edit", "maturity.indicator_new",
                      "maturity.round_new", "maturity.round_page", "maturity.assessment_page",
                      "maturity.watch", "maturity.warning_settings_page"))

from . import assessment_routes, routes, watch  # noqa: E402,F401
