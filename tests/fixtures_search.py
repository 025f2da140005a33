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


def form_fields(html: str, form: str = "#content form[role=search]") -> list[tuple[str, str]]:
    """What a browser sends for the form matching the CSS selector `form`: its own inputs and
    those joined to it by `form="<its id>"` anywhere in the page (buttons left out)."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "html.parser")
    found = soup.select_one(form)
    inputs = [] if found is None else [i for i in found.find_all("input") if not i.get("form")]
    if found is not None and found.get("id"):
        inputs += soup.find_all("input", attrs={"form": found["id"]})
    elif found is None:  # a fragment: only the inputs joined to the page's form
        inputs = soup.find_all("input", attrs={"form": True})
    return [(i["name"], i.get("value", "")) for i in inputs
            if i.get("name") and i.get("type") not in ("submit", "button", "reset")]


def submit_search_form(client, html: str, q: str, htmx: bool = False):
    """Type `q` into the results page's own box and send its form, as the browser (or htmx,
    with hx-include="closest form") would."""
    fields = [(name, q if name == "q" else value) for name, value in form_fields(html)]
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get("/search", query_string=fields, headers=headers)
    assert response.status_code == 200
    return response


def add_communities(app, count: int, prefix: str = "AG") -> list[int]:
    """`count` more agencies, each with one CoP; returns the CoP ids."""
    from kmapp.models import Agency, Community
    with app.app_context():
        cops = [Community(agency=Agency(code=f"{prefix}{n:02d}", name=f"Badan Uji {prefix} {n:02d}", kind="badan",
                                        headcount=10), name=f"CoP Uji {prefix} {n:02d}", theme="Uji")
                for n in range(1, count + 1)]
        db.session.add_all(cops)
        db.session.commit()
        return [cop.id for cop in cops]


def upload_to(client, cop_id: int, title: str, content: bytes, **fields) -> int:
    """Upload an asset to CoP `cop_id` (as whoever the client is: an admin may upload anywhere)."""
    from .fixtures_assets import asset_form, upload
    response = upload(client, asset_form(cop_id, None, title=title, **fields), (content, "berkas.pdf"))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return int(response.headers["Location"].rsplit("/", 1)[1])
