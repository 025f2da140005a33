"""The search backend interface: what the rest of the portal asks of a search engine.

Two backends, chosen by the SEARCH_BACKEND setting:

* ``whoosh`` (default): the embedded index in SEARCH_INDEX_DIR, kept in step through the
  outbox that the background worker drains (one app server, SQLite or PostgreSQL);
* ``postgres``: the ``search_document`` table in the portal's PostgreSQL database, written in
  the transaction of each change, for several app servers sharing one database.

Everything else (the search page, the recheck against the database, presenting facets) is
shared, and both backends return the same :class:`~kmapp.search.searching.SearchPage`.
"""
from typing import Protocol

from flask import current_app

BACKENDS = ("whoosh", "postgres")


class SearchBackend(Protocol):
    name: str

    def search(self, query_text: str, *, visible_to, filters=None, page: int = 1, pagelen: int = 10,
               sort: str = "relevance"):
        """A :class:`~kmapp.search.searching.SearchPage` of what ``visible_to`` may see."""

    def count_matches(self, query_text: str, *, visible_to, filters=None) -> int:
        """How many assets ``visible_to`` may see match ``query_text`` (no ranking)."""

    def mark_stale(self, asset_id: int, urgent: bool = False) -> None:
        """Note, in the caller's transaction, that the asset's document must follow the database."""

    def reindex(self):
        """Rebuild every document from the database (searches keep answering meanwhile)."""

    def compare(self):
        """The database against the index: a :class:`~kmapp.search.rebuild.Differences`."""

    def state(self) -> dict:
        """What /healthz reports about the index."""


class SearchBackendUnavailable(RuntimeError):
    """SEARCH_BACKEND names a backend this deployment cannot run."""


def check_backend_setting(config, dialect: str) -> None:
    """Refuse to start with an unknown backend, or with "postgres" on another database."""
    name = config.get("SEARCH_BACKEND", "whoosh")
    if name not in BACKENDS:
        raise SearchBackendUnavailable(f"SEARCH_BACKEND={name!r} is not a search backend: use one of {BACKENDS}.")
    if name == "postgres" and dialect != "postgresql":
        raise SearchBackendUnavailable(
            f"SEARCH_BACKEND='postgres' needs the portal's database on PostgreSQL, but this one is {dialect}. "
            "Set DATABASE_URL to a PostgreSQL database, or SEARCH_BACKEND='whoosh'.")


def init_app(app) -> None:
    from ...extensions import db

    with app.app_context():
        check_backend_setting(app.config, db.engine.dialect.name)
    if app.config.get("SEARCH_BACKEND", "whoosh") == "postgres":
        from ..postgres.syncing import listen_for_commits
        listen_for_commits()


def current_backend() -> SearchBackend:
    """The backend of the current app (one instance per app)."""
    backend = current_app.extensions.get("search_backend")
    if backend is None:
        if current_app.config.get("SEARCH_BACKEND", "whoosh") == "postgres":
            from .postgres import PostgresBackend
            backend = PostgresBackend()
        else:
            from .whoosh import WhooshBackend
            backend = WhooshBackend()
        current_app.extensions["search_backend"] = backend
    return backend
