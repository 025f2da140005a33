"""Discussions on PostgreSQL: migration 0017 (its tables, and a watched thread passing the widened
CHECK on watch.target), a reply reaching followers and mentions in one statement each, and the
search tab with its visibility."""
import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from kmapp import create_app

from kmapp.discussions.finding import count_discussions, find_discussions
from kmapp.discussions.periods import period_from_days
from kmapp.discussions.threads import ThreadInput, reply, start_thread
from kmapp.extensions import db
from kmapp.models import Agency, Community, CommunityMember, MemberRole, Notification, Role, Watch

from .conftest import user
from .postgres_schema import URL, fresh_schema

pytestmark = pytest.mark.skipif(not URL, reason="TEST_DATABASE_URL is not set")


@pytest.fixture
def pg_app(tmp_path):
    """A schema of its own, with pg_trgm on the search path (migration 0015 needs it)."""
    with fresh_schema() as url:
        app = create_app({"TESTING": True, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False, "JOBS_WORKER": "inline",
                          "SQLALCHEMY_DATABASE_URI": url}, instance_path=str(tmp_path / "instance"))
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_discussions_on_postgresql(pg_app):
    with pg_app.test_request_context():
        upgrade()
        home = Agency(code="A", name="Dinas A", kind="dinas", headcount=10)
        cop = Community(agency=home, name="CoP A")
        lead, member = user("lead", home, Role.COP_LEAD), user("anggota", home, Role.EMPLOYEE)
        outsider = user("orang.luar", home, Role.EMPLOYEE)
        cop.members += [CommunityMember(user=lead, role=MemberRole.LEAD.value),
                        CommunityMember(user=member, role=MemberRole.MEMBER.value)]
        db.session.add_all([home, cop])
        db.session.commit()
        period = period_from_days(None, None)
        thread = start_thread(cop, ThreadInput("Pengarsipan 100% digital", "Usul: arsip_digital", "question",
                                               period.opens_at, period.closes_at), member)
        db.session.commit()
        reply(thread, lead, "Setuju; @orang.luar dan @anggota lihat ini.")
        db.session.commit()
        kinds = db.session.execute(select(Notification.user_id, Notification.kind)).all()
        assert kinds == [(member.id, "thread.mention")]  # a mention wins over the reply; the outsider may not read
        assert db.session.scalar(select(Watch.target).where(Watch.user_id == lead.id)) == "thread"
        assert [hit.thread.id for hit in find_discussions(member, "arsip")] == [thread.id]
        assert count_discussions(member, "100%") == 1 and count_discussions(outsider, "arsip") == 0
