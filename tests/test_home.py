"""The home page: something to read for everyone, and each role's next task."""
from datetime import date, timedelta

from kmapp.clock import local_today
from kmapp.extensions import db
from kmapp.models import Asset, AssetAccess, Meeting

from .fixtures_assets import act_as  # noqa: F401  (fixture)


def _asset(app, world, title, **fields):
    with app.app_context():
        asset = Asset(community_id=world.cop_a, title=title, asset_type="sop", km_stage="sharing",
                      published_on=local_today(), **fields)
        db.session.add(asset)
        db.session.commit()
        return asset.id


def test_employee_sees_recent_and_most_used_assets_he_may_read(app, client, act_as, world):
    public = _asset(app, world, "SOP untuk semua")
    _asset(app, world, "Khusus Dinkes", visibility="agency")
    with app.app_context():
        db.session.add_all([AssetAccess(asset_id=public, user_id=uid, agency_id=None, accessed_on=local_today())
                            for uid in (world.lead_a, world.employee, world.admin)])
        db.session.commit()
    act_as("employee")
    page = client.get("/").get_data(as_text=True)
    assert "SOP untuk semua" in page and "Khusus Dinkes" not in page
    assert "3 pembaca" in page


def test_facilitator_sees_meetings_awaiting_his_confirmation(app, client, act_as, world):
    with app.app_context():
        meeting = db.session.get(Meeting, world.meeting_a)
        meeting.held_on = local_today() - timedelta(days=3)
        db.session.commit()
    act_as("facilitator")
    page = client.get("/").get_data(as_text=True)
    assert "Perlu tindakan Anda" in page and "Berbagi praktik baik" in page
    assert "menunggu konfirmasi pendampingan" in page
    act_as("lead_a")
    assert "menunggu konfirmasi pendampingan" not in client.get("/").get_data(as_text=True)


def test_lead_is_told_how_many_assets_need_review(app, client, act_as, world):
    _asset(app, world, "SOP lama", next_review_on=date(2024, 1, 1))
    act_as("lead_a")
    page = client.get("/").get_data(as_text=True)
    assert "1 aset perlu ditinjau dalam 30 hari" in page and "/assets/due" in page
    act_as("employee")
    assert "perlu ditinjau" not in client.get("/").get_data(as_text=True)
