"""Marking assets for (re)indexing: the write side of the search outbox.

Call `mark_stale(asset_id)` in the same transaction as any change to an asset (create,
edit, new file version, delete, visibility change). The row commits or rolls back with
the change itself, so the index can never silently miss a committed change.
"""
from ..extensions import db
from ..models import SearchOutbox


def mark_stale(asset_id: int) -> None:
    db.session.add(SearchOutbox(asset_id=asset_id))
