"""Helpers for the search integration tests: searching as someone, reading the index."""
import re

from kmapp.extensions import db
from kmapp.search import store

TOTAL = re.compile(r"(\d+) aset ditemukan")


def total_of(html: str) -> int:
    match = TOTAL.search(html)
    assert match, html[:2000]
    return int(match.group(1))


def search_page(client, q="", htmx=False, **params):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get("/search", query_string={"q": q, **params}, headers=headers)
    assert response.status_code == 200
    return response


def indexed_documents(app) -> dict[str, dict]:
    """asset_id -> stored fields of the current generation."""
    with app.app_context():
        with store.current_index().searcher() as searcher:
            return {fields["asset_id"]: fields for fields in searcher.all_stored_fields()}


def outbox_rows(app) -> int:
    from sqlalchemy import func, select
    from kmapp.models import SearchOutbox
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(SearchOutbox))
