"""The CoP list and pages, the attendee look-up, and the quarter locks."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..htmx import is_htmx_request, render_page
from ..integers import db_int
from ..labels import triwulan
from ..models import Community, MemberRole, WatchTarget
from ..notifications.watching import is_watching
from ..policy import can_lock_quarters, can_look_up_people, get_or_404, require
from . import bp
from ..clock import local_today
from .forms import QuarterLockForm
from .queries import (LOOKUP_LIMIT, LOOKUP_MIN_LENGTH, community_assets, cops_by_agency, find_people,
                      meeting_timeline, meetings_per_community, quarter_standing)
from .quarter_locks import QuarterNotFinished, is_plausible_year, lock_quarter, quarter_rows, unlock_quarter


@bp.get("/cops")
def cop_list():
    query = request.args.get("q", "").strip()[:100]
    groups = cops_by_agency(query)
    year = local_today().year
    return render_page("communities/cop_list.html", "cop_list", groups=groups, q=query, year=year,
                       cop_count=sum(len(group.communities) for group in groups),
                       meeting_counts=meetings_per_community(year), my_ids=current_user.community_ids())


def timeline_context(community: Community) -> dict:
    """What the timeline and the quarter figures need (also used after a meeting is saved)."""
    today = local_today()
    groups, asset_counts = meeting_timeline(community, current_user, today)
    return {"community": community, "groups": groups, "asset_counts": asset_counts,
            "standing": quarter_standing(community, today)}


def _cop_page(community: Community, block: str):
    assets, asset_total = community_assets(community, current_user)
    return render_page("communities/cop.html", block, **timeline_context(community),
                       leads=community.people(MemberRole.LEAD), facilitators=community.people(MemberRole.FACILITATOR),
                       members=community.people(MemberRole.MEMBER), assets=assets, asset_total=asset_total,
                       today=local_today(), watching=is_watching(current_user.id, WatchTarget.COMMUNITY.value, community.id))


@bp.get("/cops/<int:cop_id>")
def cop_page(cop_id: int):
    return _cop_page(get_or_404(Community, cop_id), "meeting_timeline")


@bp.get("/cops/<int:cop_id>/assets")
def cop_assets(cop_id: int):
    """The CoP's asset list; htmx reloads it after an upload made on the CoP page."""
    return _cop_page(get_or_404(Community, cop_id), "cop_assets_list")


@bp.get("/people/lookup")
def people_lookup():
    """Attendee autocomplete: a few active employees by NIP prefix or name."""
    require(can_look_up_people(current_user))
    query = " ".join(request.args.get("q", "").split())[:100]
    community = db.session.get(Community, request.args.get("cop", 0, type=db_int))
    matches = find_people(query, agency_id=community.agency_id if community else None)
    return render_page("communities/people_lookup.html", "people_matches", q=query, matches=matches,
                       limit=LOOKUP_LIMIT, min_length=LOOKUP_MIN_LENGTH, picker=is_htmx_request())


@bp.get("/quarters")
def quarters():
    require(can_lock_quarters(current_user))
    return render_page("communities/quarters.html", rows=quarter_rows(local_today()), form=QuarterLockForm())


@bp.post("/quarters/<int:year>/<int:quarter>/lock")
def quarter_lock(year: int, quarter: int):
    require(can_lock_quarters(current_user))
    _check_quarter_in_range(year, quarter)
    if QuarterLockForm().validate_on_submit():
        try:
            if lock_quarter(year, quarter, current_user, local_today()):
                db.session.commit()
                flash(_("%(quarter)s dikunci.", quarter=triwulan(year, quarter)), "success")
        except QuarterNotFinished as refused:
            flash(str(refused), "error")
    return redirect(url_for("communities.quarters"))


@bp.post("/quarters/<int:year>/<int:quarter>/unlock")
def quarter_unlock(year: int, quarter: int):
    require(can_lock_quarters(current_user))
    _check_quarter_in_range(year, quarter)
    if QuarterLockForm().validate_on_submit() and unlock_quarter(year, quarter, current_user):
        db.session.commit()
        flash(_("Kunci %(quarter)s dibuka.", quarter=triwulan(year, quarter)), "success")
    return redirect(url_for("communities.quarters"))


def _check_quarter_in_range(year: int, quarter: int) -> None:
    if not 1 <= quarter <= 4:
        abort(404)
    if not is_plausible_year(year, local_today()):
        abort(400)
