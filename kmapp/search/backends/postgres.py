"""The scale-out backend: ``search_document`` in the portal's PostgreSQL database."""
from ...extensions import db
from ..postgres.searching import PostgresSearch


class PostgresBackend:
    name = "postgres"

    def __init__(self):
        # The request's own connection: a search sees what its transaction wrote.
        self.searching = PostgresSearch(lambda: db.session.connection())

    def search(self, query_text, *, visible_to, filters=None, page=1, pagelen=10, sort="relevance"):
        return self.searching.search(query_text, visible_to=visible_to, filters=filters, page=page,
                                     pagelen=pagelen, sort=sort)

    def count_matches(self, query_text, *, visible_to, filters=None):
        return self.searching.count_matches(query_text, visible_to=visible_to, filters=filters)

    def mark_stale(self, asset_id, urgent=False):
        """Written before this transaction commits (urgency is moot: nothing waits)."""
        from ..postgres.syncing import note_stale
        note_stale(db.session, asset_id)

    def reindex(self, processes=None):
        from ..postgres.syncing import reindex
        return reindex()

    def compare(self):
        from ..postgres.syncing import compare
        return compare()

    def state(self):
        from ..postgres.syncing import index_state
        return index_state()
