"""The embedded backend: today's Whoosh index, its outbox and its rebuild, unchanged."""
from ...extensions import db
from ...jobs.triggers import note_work_queued
from ...models import SearchOutbox


class WhooshBackend:
    name = "whoosh"

    def search(self, query_text, *, visible_to, filters=None, page=1, pagelen=10, sort="relevance"):
        from ..searching import search
        from ..store import current_searcher
        return search(current_searcher(), query_text, visible_to=visible_to, filters=filters, page=page,
                      pagelen=pagelen, sort=sort)

    def count_matches(self, query_text, *, visible_to, filters=None):
        from ..searching import count_matches
        from ..store import current_searcher
        return count_matches(current_searcher(), query_text, visible_to=visible_to, filters=filters)

    def mark_stale(self, asset_id, urgent=False):
        """An outbox row, committed or rolled back with the change (see :mod:`kmapp.search.queue`)."""
        db.session.add(SearchOutbox(asset_id=asset_id, urgent=urgent))
        note_work_queued()

    def reindex(self, processes=None):
        from ..rebuild import reindex
        return reindex(processes=processes)

    def compare(self):
        from ..rebuild import compare
        return compare()

    def state(self):
        from ...main.health import whoosh_index_state
        return whoosh_index_state()
