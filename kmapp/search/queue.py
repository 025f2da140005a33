"""Marking assets for (re)indexing: the write side of the search outbox.

Call `mark_stale(asset_id)` in the same transaction as any change to an asset (create,
edit, new file version, delete, visibility change). The row commits or rolls back with
the change itself, so the index can never silently miss a committed change. `urgent`
(narrower visibility, a withdrawal) puts the row before everything else waiting: what a
reader may no longer open leaves the index first.
"""
from .backends import current_backend


def mark_stale(asset_id: int, urgent: bool = False) -> None:
    """With Whoosh an outbox row; with PostgreSQL the document itself, written just before
    the transaction commits (see :mod:`kmapp.search.postgres.syncing`)."""
    current_backend().mark_stale(asset_id, urgent)
