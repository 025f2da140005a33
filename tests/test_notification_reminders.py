"""Reminders: an asset's review within 30 days and an unmet Triwulan target with 30 days left
reach the CoP's leads once, however often the daily sweep runs."""
from datetime import date

from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import Asset, Notification, User
from kmapp.notifications.reminders import send_reminders

from .fixtures_assets import act_as, make_asset  # noqa: F401  (fixture)


def kinds_of(app, user_id: int) -> list[str]:
    with app.app_context():
        return sorted(db.session.scalars(select(Notification.kind).where(Notification.user_id == user_id)))


def test_a_review_due_within_30_days_reminds_the_leads_once(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world, title="SOP lama")
    with app.app_context():
        db.session.get(Asset, asset_id).next_review_on = date(2026, 3, 20)
        db.session.commit()
        assert send_reminders(date(2026, 2, 1)) == 0  # 47 days ahead: not yet
        assert send_reminders(date(2026, 2, 20)) >= 1
        send_reminders(date(2026, 2, 21))  # the next day's sweep, or another server's
    assert kinds_of(app, world.lead_a).count("asset.review_due") == 1
    assert "asset.review_due" not in kinds_of(app, world.lead_b)  # another CoP's lead
    act_as("lead_a")
    inbox = client.get("/notifications").get_data(as_text=True)
    assert "Aset perlu ditinjau paling lambat 20 Mar 2026" in inbox
    with app.app_context():
        reminder = db.session.scalar(select(Notification.id).where(Notification.kind == "asset.review_due"))
    assert client.get(f"/notifications/{reminder}/open").headers["Location"].endswith(f"/assets/{asset_id}/review")
    with app.app_context():  # reviewed: the next review date brings a new reminder in its time
        db.session.get(Asset, asset_id).next_review_on = date(2027, 3, 20)
        db.session.commit()
        send_reminders(date(2027, 3, 1))
    assert kinds_of(app, world.lead_a).count("asset.review_due") == 2


def test_an_unmet_target_with_30_days_left_reminds_the_leads(app, client, world):
    with app.app_context():
        send_reminders(date(2026, 11, 20))  # Triwulan IV ends 31 Dec: 41 days left
        assert "target.behind" not in kinds_of(app, world.lead_a)
        send_reminders(date(2026, 12, 5))
        send_reminders(date(2026, 12, 6))
    assert kinds_of(app, world.lead_a).count("target.behind") == 1
    assert kinds_of(app, world.lead_b).count("target.behind") == 1
    assert kinds_of(app, world.employee) == []
    with app.app_context():
        lead = db.session.get(User, world.lead_a)
        params = db.session.scalar(select(Notification.params).where(Notification.user_id == lead.id))
    assert '"quarter": 4' in params and '"year": 2026' in params


def test_assessors_hear_of_their_assignments(app, client, act_as, world):
    from kmapp.award.rounds import assign, create_round
    from kmapp.maturity.instruments import seed_default_instrument
    from kmapp.maturity.rounds import assign_assessor, open_round
    from kmapp.models import Agency
    with app.test_request_context():
        admin, assessor = db.session.get(User, world.admin), db.session.get(User, world.assessor)
        agency_b = db.session.get(Agency, world.agency_b)
        award = create_round(2026, "KMA 2026", 15, date(2099, 10, 31), None, admin)
        assign(award, agency_b, assessor, admin)
        assign_assessor(open_round(2026, seed_default_instrument(), date(2099, 12, 31), admin), agency_b, assessor,
                        admin)
        db.session.commit()
    assert kinds_of(app, world.assessor) == ["award.assigned", "maturity.assigned"]
    act_as("assessor")
    inbox = client.get("/notifications").get_data(as_text=True)
    assert "Anda ditugaskan menilai nominasi" in inbox and "Dinas Pendidikan" in inbox


def test_nomination_and_self_assessment_deadlines_remind_the_leads_two_weeks_ahead(app, world):
    from kmapp.award.rounds import create_round
    from kmapp.maturity.instruments import seed_default_instrument
    from kmapp.maturity.rounds import open_round
    from kmapp.models import MaturityAssessment, Nomination, SheetStatus
    with app.test_request_context():
        admin = db.session.get(User, world.admin)
        award = create_round(2026, "KMA 2026", 15, date(2026, 10, 31), None, admin)
        db.session.add(Nomination(round_id=award.id, agency_id=world.agency_b, status=SheetStatus.SUBMITTED.value))
        maturity = open_round(2026, seed_default_instrument(), date(2026, 10, 31), admin)
        sent = db.session.scalar(select(MaturityAssessment).where(MaturityAssessment.round_id == maturity.id,
                                                                  MaturityAssessment.agency_id == world.agency_b))
        sent.state = "submitted"
        db.session.commit()
        send_reminders(date(2026, 10, 1))  # a month ahead: not yet
        assert kinds_of(app, world.lead_a) == []
        send_reminders(date(2026, 10, 20))
        send_reminders(date(2026, 10, 21))
    assert kinds_of(app, world.lead_a) == ["award.nomination_due", "maturity.self_assessment_due"]
    assert kinds_of(app, world.lead_b) == []  # agency B sent both
