"""GET /search: one URL, a full page or (for htmx search-as-you-type) the results block."""
from flask import current_app
from flask_login import current_user
from flask import request

from .. import policy
from ..htmx import render_page
from .params import SearchRequest
from .presenting import facet_groups
from .recheck import only_openable
from .searching import search
from .store import current_searcher
from .visibility import Viewer
from . import bp

PAGE_SIZE = 10


def viewer_for(user) -> Viewer:
    """What the index needs to know about ``user`` to apply visibility."""
    return Viewer(is_admin=policy.is_admin(user), agency_code=user.agency.code if user.agency else None,
                  community_ids=user.community_ids())


@bp.get("/search")
def results():
    wanted = SearchRequest.from_args(request.args)
    found = search(current_searcher(), wanted.q, visible_to=viewer_for(current_user),
                   filters=wanted.index_filters(), page=wanted.page, pagelen=PAGE_SIZE, sort=wanted.sort)
    found = only_openable(found, current_user)
    current_app.logger.debug("search %r: %d hits", wanted.q, found.total)
    return render_page("search/results.html", "search_results", wanted=wanted, found=found,
                       facets=facet_groups(found.facets, wanted))
