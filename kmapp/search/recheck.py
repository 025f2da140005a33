"""The last word on visibility belongs to the database, not to the index.

The index follows the database through the outbox, so for a moment after a change (a
narrowed visibility, a withdrawal) it may still hold the old state. Before a page of
hits is shown, its assets are checked against the database with the same rule as the
asset page (one query for at most one page): a hit the viewer can no longer open is
dropped, and the total shown is lowered by the hits dropped.
"""
from dataclasses import replace

from sqlalchemy import select

from ..extensions import db
from ..models import Asset
from ..policy import asset_visibility_clause
from .searching import SearchPage


def only_openable(found: SearchPage, user) -> SearchPage:
    """`found` without the hits `user` may not open according to the database."""
    if not found.hits:
        return found
    wanted = {int(hit.asset_id) for hit in found.hits}
    openable = set(db.session.scalars(select(Asset.id).where(Asset.id.in_(wanted), asset_visibility_clause(user))))
    if openable == wanted:
        return found
    hits = [hit for hit in found.hits if int(hit.asset_id) in openable]
    return replace(found, hits=hits, total=max(len(hits), found.total - (len(found.hits) - len(hits))))
