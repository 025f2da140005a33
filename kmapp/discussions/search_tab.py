"""The "Diskusi" tab beside the asset search (assets stay the first tab): GET /search/discussions."""
from flask import request
from flask_login import current_user

from ..htmx import render_page
from . import bp
from .finding import count_discussions, excerpt, find_discussions

MAX_QUERY_CHARS = 200


def _query() -> str:
    return " ".join(request.args.get("q", "").split())[:MAX_QUERY_CHARS]


@bp.get("/search/discussions")
def search():
    q = _query()
    hits = find_discussions(current_user, q) if q else []
    return render_page("discussions/search.html", "discussion_results", q=q, hits=hits, excerpt=excerpt,
                       total=count_discussions(current_user, q) if q else 0)


@bp.app_template_global()
def discussion_hit_count(q: str) -> int:
    """The count on the asset search page's "Diskusi" tab."""
    q = " ".join((q or "").split())[:MAX_QUERY_CHARS]
    return count_discussions(current_user, q) if q and current_user.is_authenticated else 0
