"""Every route, as every role, with hostile path values, query strings and form fields: no 500.

Routes come from `app.url_map`, so a new route is crawled without anyone adding it here.
CSRF is off in this app so that random fields reach the forms' own validation.
"""
import tempfile
from urllib.parse import quote

import pytest
from flask_wtf import FlaskForm
from hypothesis import given, settings, strategies as st
from wtforms.fields.core import UnboundField

from kmapp import create_app
from kmapp.auth.sessions import start_session
from kmapp.extensions import db
from kmapp.models import User

from ..conftest import World
from ..fixtures_assets import asset_form, pdf_bytes, with_files
from .conftest import SERVER_ERRORS, TRIED
from .strategies import EDGE_NUMBERS, hostile_text

ROLES = ("admin", "lead_a", "facilitator", "employee", "assessor", None)  # None: signed out
QUERY_NAMES = ["q", "page", "year", "quarter", "sort", "agency", "type", "stage", "cop", "meeting", "file", "next",
               "tags", "kind", "lang", "back", "seci", "tag"]
SKIPPED = {"static"}
EXAMPLES_PER_ROUTE = settings().max_examples // 12 or 1  # 5 per route and role in the suite, 50 in the long run


def _rules(app, method):
    return sorted((rule for rule in app.url_map.iter_rules() if method in rule.methods and rule.endpoint not in SKIPPED),
                  key=lambda rule: rule.rule)


def _form_field_names() -> list[str]:
    """Every field name of every form class in the app (a POST gets any of them)."""
    names, pending = set(), list(FlaskForm.__subclasses__())
    while pending:
        form_class = pending.pop()
        pending += form_class.__subclasses__()
        for klass in form_class.__mro__:
            names.update(name for name, value in vars(klass).items() if isinstance(value, UnboundField))
    return sorted(names)


class Site:
    """One app and world for the whole module; each example signs in afresh (logout or
    deactivation by an earlier example must not turn later ones anonymous)."""

    def __init__(self, tmp_path):
        self.app = create_app({"TESTING": True, "SECRET_KEY": "fuzz", "WTF_CSRF_ENABLED": False,
                               "JOBS_WORKER": "inline", "ASSET_MEETING_REQUIRED_FROM": "2999-01-01"},
                              instance_path=str(tmp_path / "instance"))
        with self.app.app_context():
            db.create_all()
            world = World()
            self.ids = {name: value.id for name, value in vars(world).items()}
        client = self.signed_in("lead_a")
        response = client.post("/assets/new", data=with_files(asset_form(self.ids["cop_a"], self.ids["meeting_a"]),
                                                              (pdf_bytes("isi uji"), "uji.pdf")),
                               content_type="multipart/form-data")
        assert response.status_code == 302, response.get_data(as_text=True)
        self.ids["asset"] = int(response.headers["Location"].rsplit("/", 1)[1])
        with self.app.app_context():
            from kmapp.models import Asset
            self.ids["version"] = db.session.get(Asset, self.ids["asset"]).files[0].current.id
        self.field_names = _form_field_names()

    def signed_in(self, role):
        client = self.app.test_client()
        if role is None:
            return client
        with self.app.test_request_context(method="POST"):
            db.session.execute(db.update(User).values(active=True))
            token = start_session(db.session.get(User, self.ids[role]))
            db.session.commit()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = token, True
        return client

    def real_value(self, argument: str) -> str:
        return str({"asset_id": self.ids["asset"], "version_id": self.ids["version"], "cop_id": self.ids["cop_a"],
                    "meeting_id": self.ids["meeting_a"], "user_id": self.ids["employee"],
                    "agency_id": self.ids["agency_a"], "target_id": 1, "year": 2025, "quarter": 3}.get(argument, 1))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    built = Site(tmp_path_factory.mktemp("fuzz-site"))
    yield built
    with built.app.app_context():
        db.session.remove()
        db.engine.dispose()


def _path(site, rule, data) -> str:
    path = rule.rule
    for argument in sorted(rule.arguments):
        value = data.draw(st.one_of(st.just(site.real_value(argument)), st.sampled_from(EDGE_NUMBERS),
                                    st.text(max_size=30)), label=argument)
        path = path.replace(f"<int:{argument}>", quote(value, safe="") or "0")
    return path


def _query(data) -> dict:
    names = st.one_of(st.sampled_from(QUERY_NAMES), st.text(min_size=1, max_size=12))
    return data.draw(st.dictionaries(names, hostile_text, max_size=5), label="query")


def _check(response, what: str) -> None:
    TRIED[what] += 1
    if response.status_code >= 500:
        SERVER_ERRORS[what] += 1
    response.close()
    assert response.status_code < 500, response.get_data(as_text=True)[:2000]


def _endpoint_ids(method):
    """The routes to parametrize over, read from a throwaway app at collection time."""
    app = create_app({"SECRET_KEY": "ids", "JOBS_WORKER": "inline"}, instance_path=tempfile.mkdtemp())
    return [rule.endpoint + ":" + rule.rule for rule in _rules(app, method)]


GET_ROUTES = _endpoint_ids("GET")
POST_ROUTES = _endpoint_ids("POST")


def _rule(site, route_id, method):
    endpoint, rule_text = route_id.split(":", 1)
    return next(rule for rule in _rules(site.app, method) if rule.endpoint == endpoint and rule.rule == rule_text)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", GET_ROUTES)
@settings(max_examples=EXAMPLES_PER_ROUTE)
@given(data=st.data(), htmx=st.booleans())
def test_every_get_route_with_hostile_path_and_query_values(site, route, role, data, htmx):
    rule = _rule(site, route, "GET")
    client = site.signed_in(role)
    response = client.get(_path(site, rule, data), query_string=_query(data),
                          headers={"HX-Request": "true"} if htmx else {})
    _check(response, "GET route")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", POST_ROUTES)
@settings(max_examples=EXAMPLES_PER_ROUTE)
@given(data=st.data(), htmx=st.booleans())
def test_every_form_with_any_strings_in_any_field(site, route, role, data, htmx):
    rule = _rule(site, route, "POST")
    client = site.signed_in(role)
    names = data.draw(st.lists(st.sampled_from(site.field_names), max_size=12, unique=True), label="fields")
    form = {name: data.draw(st.one_of(hostile_text, st.lists(hostile_text, max_size=3)), label=name)
            for name in names}
    response = client.post(_path(site, rule, data), query_string=_query(data), data=form,
                           headers={"HX-Request": "true"} if htmx else {})
    _check(response, "POST form")


@pytest.mark.parametrize("route", GET_ROUTES + POST_ROUTES)
def test_every_route_with_every_edge_number_in_its_path_and_query(site, route):
    """The values random drawing may miss: integers at and past the database's limits."""
    method = "GET" if route in GET_ROUTES else "POST"
    rule = _rule(site, route, method)
    for role in ("admin", "employee"):
        client = site.signed_in(role)
        for value in EDGE_NUMBERS:
            path = rule.rule
            for argument in rule.arguments:
                path = path.replace(f"<int:{argument}>", quote(value, safe=""))
            query = {name: value for name in QUERY_NAMES}
            _check(client.open(path, method=method, query_string=query, data=query), f"{method} edge number")
