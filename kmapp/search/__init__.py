"""Search: the Whoosh index of knowledge assets, kept in step through an outbox.

Core modules (analysis, schema, searching, ...) have no Flask side effects; this package
also holds the search page blueprint and installs the drain-after-commit hook.
"""
from flask import Blueprint

bp = Blueprint("search", __name__)


@bp.record_once
def _install_hooks(_state) -> None:
    from .hooks import install
    install()


from . import routes  # noqa: E402,F401  (registers the routes on bp)
