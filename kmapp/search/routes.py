"""GET /search: one URL, a full page or (for htmx search-as-you-type) the results block."""
from flask import current_app
from flask_login import current_user
from flask import request

from .. import policy
from ..htmx import render_page
from ..ocr.marking import found_only_in_scans
from .params import SearchRequest
from .presenting import present
from .recheck import only_openable
from .backends import current_backend
from .visibility import Viewer
from . import bp

PAGE_SIZE = 10
PEOPLE_SHOWN = 3  # beside the assets, never instead of them (issue 11)


def viewer_for(user) -> Viewer:
    """What the index needs to know about ``user`` to apply visibility."""
    return Viewer(is_admin=policy.is_admin(user), agency_code=user.agency.code if user.agency else None,
                  community_ids=user.community_ids())


@bp.get("/search")
def results():
    wanted = SearchRequest.from_args(request.args)
    viewer = viewer_for(current_user)
    backend = current_backend()
    found = backend.search(wanted.q, visible_to=viewer, filters=wanted.index_filters(), page=wanted.page,
                           pagelen=PAGE_SIZE, sort=wanted.sort)
    found = only_openable(found, current_user)
    # Nothing within the filters: one more count says what the same words find without them.
    unfiltered = backend.count_matches(wanted.q, visible_to=viewer) if wanted.filters and not found.total else None
    current_app.logger.debug("search %r: %d hits", wanted.q, found.total)
    chrome = present(found.facets, wanted, own_agency=viewer.agency_code)
    return render_page("search/results.html", "search_results", wanted=wanted, found=found,
                       facets=chrome.facets, chips=chrome.chips, unfiltered=unfiltered,
                       from_scans=found_only_in_scans(found.hits, wanted.q), experts=_people_who_know(wanted))


def _people_who_know(wanted: SearchRequest) -> list:
    """Up to PEOPLE_SHOWN people who know about the words, on the first page only."""
    from ..people.ranking import find_experts
    if not wanted.q or wanted.page != 1:
        return []
    return find_experts(current_user, wanted.q, limit=PEOPLE_SHOWN)
