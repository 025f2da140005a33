"""The last word on visibility belongs to the database, not to the index.

The index follows the database through the outbox, so for a moment after a change (a
narrowed visibility, a withdrawal) it may still hold the old state. Before a page of
hits is shown, its assets -- the similar ones listed under a hit included -- are checked
against the database with the same rule as the asset page (one query for at most one
page): an asset the viewer can no longer open is dropped (a hit whose similar assets
remain is replaced by the first of them), and the total shown is lowered by the assets
dropped.
"""
from dataclasses import replace

from sqlalchemy import select

from ..extensions import db
from ..models import Asset
from ..policy import asset_visibility_clause
from .searching import SearchHit, SearchPage


def only_openable(found: SearchPage, user) -> SearchPage:
    """`found` without the hits `user` may not open according to the database."""
    if not found.hits:
        return found
    wanted = {int(hit.asset_id) for top in found.hits for hit in (top, *top.similar)}
    openable = set(db.session.scalars(select(Asset.id).where(Asset.id.in_(wanted), asset_visibility_clause(user))))
    if openable == wanted:
        return found
    hits = [kept for kept in (_openable_part(hit, openable) for hit in found.hits) if kept is not None]
    dropped = len(wanted) - len(openable)
    rows_dropped = len(found.hits) - len(hits)
    shown = sum(1 + len(hit.similar) for hit in hits)
    group_count = None if found.group_count is None else max(len(hits), found.group_count - rows_dropped)
    return replace(found, hits=hits, total=max(shown, found.total - dropped), group_count=group_count)


def _openable_part(hit: SearchHit, openable: set) -> SearchHit | None:
    """The hit with only its openable similar assets; if it cannot be opened, the first of those."""
    similar = [other for other in hit.similar if int(other.asset_id) in openable]
    total = hit.similar_total - (len(hit.similar) - len(similar))
    if int(hit.asset_id) in openable:
        return replace(hit, similar=tuple(similar), similar_total=total)
    if not similar:
        return None
    first, rest = similar[0], similar[1:]
    return replace(first, similar=tuple(rest), similar_total=total - 1,
                   similar_from_other_cops=all(other.cop != first.cop for other in rest))
