"""Notifications on PostgreSQL: migration 0016's tables, the fan-out as one INSERT ... SELECT with
visibility, the unread count, and the mail queued for immediate delivery."""
from datetime import date

from flask_migrate import upgrade
from sqlalchemy import delete, select

from kmapp.extensions import db
from kmapp.jobs.worker import run_until_idle
from kmapp.models import (Agency, Asset, Community, CommunityMember, Job, MemberRole, Notification,
                          NotificationPreference, Role, User, Visibility, Watch)
from kmapp.notifications.events import announce_new_asset, fan_out, unread_count

from .conftest import user
from .test_notification_mail import free_port
from .test_postgres import pg_app, pytestmark  # noqa: F401  (the schema-per-test fixture, skip rule)


def test_fan_out_on_postgresql(pg_app):  # noqa: F811
    pg_app.config.update(JOBS_WORKER="external", MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    with pg_app.test_request_context():
        upgrade()
        home, other = (Agency(code=c, name=f"Dinas {c}", kind="dinas", headcount=10) for c in ("A", "B"))
        cop = Community(agency=home, name="CoP A")
        lead = user("lead", home, Role.COP_LEAD)
        insider = user("orang.dalam", home, Role.EMPLOYEE)
        insider.email = "dalam@jakarta.go.id"
        outsider = user("orang.luar", other, Role.EMPLOYEE)
        cop.members += [CommunityMember(user=lead, role=MemberRole.LEAD.value),
                        CommunityMember(user=insider, role=MemberRole.MEMBER.value)]
        db.session.add_all([home, other, cop])
        db.session.flush()
        db.session.add_all([Watch(user_id=outsider.id, target="community", target_id=cop.id),
                            NotificationPreference(user_id=insider.id, delivery="immediate")])
        asset = Asset(community=cop, title="Internal", asset_type="sop", km_stage="creation",
                      visibility=Visibility.AGENCY.value, created_by=lead, published_on=date(2026, 11, 2))
        db.session.add(asset)
        db.session.flush()
        assert fan_out("asset.new", {"title": "uji"}, select(User.id).where(User.id == outsider.id)) == 1
        db.session.execute(delete(Notification))
        announce_new_asset(asset, lead)
        db.session.commit()
        pg_app.config["JOBS_WORKER"] = "inline"
        run_until_idle()  # the mail job fails (no server) and waits for its retry
        rows = db.session.execute(select(Notification.user_id, Notification.kind)).all()
        assert rows == [(insider.id, "asset.new")]  # the outsider may not open an agency-only asset
        assert unread_count(insider.id) == 1 and unread_count(outsider.id) == 0
        assert db.session.scalar(select(Job.kind).where(Job.key == f"notify.mail:{insider.id}")) == "notify.mail"
