"""Search: the Whoosh index of knowledge assets, kept in step through an outbox that the
background worker drains (see kmapp/jobs); also the search page blueprint.

Core modules (analysis, schema, searching, ...) have no Flask side effects.
"""
from flask import Blueprint

bp = Blueprint("search", __name__)

from . import routes  # noqa: E402,F401  (registers the routes on bp)
