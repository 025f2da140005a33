"""Versioned static URLs: the content hash in the URL lets browsers cache for a year."""
import hashlib
from functools import lru_cache
from pathlib import Path

from flask import current_app, request, url_for

ONE_YEAR = 365 * 24 * 3600


@lru_cache(maxsize=256)
def _content_hash(path: str, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def static_url(filename: str) -> str:
    """`url_for('static')` with `?v=<hash of the content>` appended."""
    path = Path(current_app.static_folder) / filename
    version = _content_hash(str(path), path.stat().st_mtime_ns)
    return url_for("static", filename=filename, v=version)


def cache_versioned_static(response):
    """Long, immutable caching for versioned static files; revalidation otherwise."""
    if request.endpoint == "static" and request.args.get("v") and response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.immutable = True
    return response
