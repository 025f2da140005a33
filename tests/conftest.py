"""Shared fixtures: a real app over a temporary instance folder with a real SQLite file."""
import functools
import re
from datetime import date

import pytest

from kmapp import create_app
from kmapp.accounts.provisioning import set_password
from kmapp.auth.passwords import hash_password
from kmapp.extensions import db
from kmapp.models import Agency, Community, CommunityMember, Meeting, MemberRole, Role, User
from kmapp.quarters import quarter_of

PASSWORD = "rahasia-123"


def make_test_app(tmp_path, **config):
    """The app the tests run, on a fresh schema (SQLite in the instance folder unless ``config``
    names another database)."""
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "LANGUAGES": ("id", "en"),
        # Background work runs in the committing thread: tests see one order of events
        # (tests/test_jobs.py proves the embedded thread and the external worker).
        "JOBS_WORKER": "inline",
        # Tesseract only where a test asks for it (tests/test_ocr*.py): other uploads stay quick.
        "OCR_ENABLED": False,
        # No background warm-up thread reading an index a test is about to close (test_warming.py).
        "SEARCH_WARM_UP": False,
        **config,
    }, instance_path=str(tmp_path / "instance"))
    with app.app_context():
        db.create_all()
        from kmapp.search.postgres.tables import create_search_tables
        with db.engine.begin() as connection:
            create_search_tables(connection)  # nothing on SQLite
    return app


@pytest.fixture
def app(tmp_path):
    app = make_test_app(tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo seeded once per run (tests/demo_instance.py); modules open copies of it."""
    from .demo_instance import seed_template
    return seed_template(tmp_path_factory.mktemp("demo-template"))


@pytest.fixture(scope="session")
def operator_demo(tmp_path_factory):
    """An instance folder filled once per run by `flask init-db` and `flask seed-demo` (today's
    date, the migrations), as an operator would; the live server of the browser tests, the short
    load run and the fault rounds each start from a copy of it (tests/browser/liveserver.py)."""
    from .browser.liveserver import app_environment, prepare_demo_instance
    instance = tmp_path_factory.mktemp("operator-demo") / "instance"
    prepare_demo_instance(instance, app_environment(instance))
    return instance


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist (scripts/test.sh runs `-n 2`)
def pytest_xdist_make_scheduler(config, log):
    from .xdist_scheduling import SeededDemoScheduling
    if config.getvalue("dist") == "load":
        return SeededDemoScheduling(config, log)
    return None


@pytest.fixture
def demo_app(demo_template, tmp_path):
    """A fresh copy of the seeded demo for one test."""
    from .demo_instance import close, open_copy
    app = open_copy(demo_template, tmp_path / "demo")
    yield app
    close(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class World:
    """Two agencies, each with a CoP, and one person in every role that matters."""

    def __init__(self):
        self.agency_a = Agency(code="DINKES", name="Dinas Kesehatan", kind="dinas", headcount=100)
        self.agency_b = Agency(code="DISDIK", name="Dinas Pendidikan", kind="dinas", headcount=200)
        self.cop_a = Community(agency=self.agency_a, name="JAK-HIGH", theme="Kesehatan ASN")
        self.cop_b = Community(agency=self.agency_b, name="Guru Berbagi", theme="Pembelajaran")
        self.admin = user("admin", self.agency_a, Role.ADMIN)
        self.lead_a = user("lead.a", self.agency_a, Role.COP_LEAD, Role.EMPLOYEE)
        self.lead_b = user("lead.b", self.agency_b, Role.COP_LEAD, Role.EMPLOYEE)
        self.facilitator = user("fasilitator", None, Role.FACILITATOR)
        self.employee = user("pegawai", self.agency_b, Role.EMPLOYEE)
        self.assessor = user("juri", None, Role.ASSESSOR)
        self.cop_a.members += [CommunityMember(user=self.lead_a, role=MemberRole.LEAD),
                               CommunityMember(user=self.facilitator, role=MemberRole.FACILITATOR)]
        self.cop_b.members += [CommunityMember(user=self.lead_b, role=MemberRole.LEAD)]
        self.meeting_a = meeting(self.cop_a, date(2025, 8, 14), "Berbagi praktik baik")
        self.meeting_b = meeting(self.cop_b, date(2025, 9, 2), "Kurikulum merdeka")
        db.session.add_all([self.agency_a, self.agency_b, self.cop_a, self.cop_b, self.meeting_a,
                            self.meeting_b, self.admin, self.lead_a, self.lead_b, self.facilitator,
                            self.employee, self.assessor])
        db.session.commit()


@functools.cache
def _hash_of_default_password() -> str:
    return hash_password(PASSWORD)  # argon2 is slow on purpose: hash once per test run


def user(username: str, agency, *roles, password: str = PASSWORD, nip: str | None = None) -> User:
    person = User(username=None if nip else username, nip=nip, name=username.title(), agency=agency)
    person.set_roles(roles)
    if password == PASSWORD:
        person.password_hash = _hash_of_default_password()
    else:
        set_password(person, password)
    db.session.add(person)
    return person


def meeting(community, held_on: date, topic: str) -> Meeting:
    year, quarter = quarter_of(held_on)
    return Meeting(community=community, held_on=held_on, year=year, quarter=quarter, topic=topic)


@pytest.fixture
def world(app):
    with app.app_context():
        built = World()
        ids = {name: getattr(value, "id") for name, value in vars(built).items()}
    return type("WorldIds", (), ids)


def sign_in(client, login: str, password: str = PASSWORD, environ_base=None, **fields):
    return client.post("/login", data={"login": login, "password": password, **fields},
                       environ_base=environ_base or {})


@pytest.fixture
def login_as(client, world):
    """Sign the test client in as one of the world's people, by attribute name."""
    names = {"admin": "admin", "lead_a": "lead.a", "lead_b": "lead.b", "facilitator": "fasilitator",
             "employee": "pegawai", "assessor": "juri"}

    def _login(who: str):
        response = sign_in(client, names[who])
        assert response.status_code == 302, response.get_data(as_text=True)
        return client
    return _login


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in page"
    return match.group(1)
