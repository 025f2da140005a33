"""Reminders written once a day by the worker, to CoP leads: an asset's review falls due within
30 days; a CoP's Triwulan target is unmet with 30 days or less left; the agency's award
nomination or maturity self-assessment is not sent two weeks before its deadline; and to a
departing employee and his supervisor, a handover not yet sent within 30 days of the leaving date. Each is said once per subject (the notification's topic_key), however often the
sweep runs and on however many servers."""
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from ..assets import rules
from ..clock import local_today
from ..extensions import db
from ..jobs import sweep
from ..models import (Agency, AssessmentState, Asset, AssetStatus, AwardRound, Community, Departure, Handover,
                      HandoverState, MaturityAssessment, MaturityRound, Nomination, RoundStatus, SheetStatus, User)
from ..programme.standing import running_standings
from .events import fan_out
from .recipients import leads_of

REVIEW_AHEAD_DAYS = rules.DUE_SOON_DAYS  # the due list's horizon (30 days)
DEADLINE_AHEAD_DAYS = 14  # award nominations and maturity self-assessments (as the task list warns)
_last_run = {"day": None}


def remind_reviews(today: date) -> int:
    until = today + timedelta(days=REVIEW_AHEAD_DAYS)
    written = 0
    due = db.session.execute(
        select(Asset.id, Asset.title, Asset.next_review_on, Asset.community_id, Community.name)
        .join(Community, Asset.community_id == Community.id)
        .where(Asset.status == AssetStatus.PUBLISHED, Asset.next_review_on.is_not(None),
               Asset.next_review_on <= until)).all()
    for asset_id, title, due_on, community_id, community in due:
        written += fan_out("asset.review_due", {"asset_id": asset_id, "title": title, "community": community,
                                                "due": due_on.isoformat()},
                           leads_of([community_id]), topic_key=f"review:{asset_id}:{due_on.isoformat()}")
    return written


def remind_targets(today: date) -> int:
    communities = db.session.execute(select(Community.id, Community.name, Community.agency_id, Agency.name)
                                     .join(Agency, Community.agency_id == Agency.id)).all()
    agency_ids = sorted({row[2] for row in communities})
    standings = running_standings(agency_ids, today)
    written = 0
    for community_id, name, agency_id, agency in communities:
        standing = standings[agency_id]
        if not standing.near_deadline:
            continue
        written += fan_out("target.behind", {"community_id": community_id, "community": name, "agency": agency,
                                             "year": standing.year, "quarter": standing.quarter,
                                             "ends_on": standing.ends_on.isoformat()},
                           leads_of([community_id]),
                           topic_key=f"target:{community_id}:{standing.year}-{standing.quarter}")
    return written


def _agency_cops() -> dict[int, list[int]]:
    cops: dict[int, list[int]] = {}
    for community_id, agency_id in db.session.execute(select(Community.id, Community.agency_id)):
        cops.setdefault(agency_id, []).append(community_id)
    return cops


def remind_nominations(today: date) -> int:
    """An open award round whose deadline is within DEADLINE_AHEAD_DAYS: agencies not yet sent."""
    rounds = db.session.scalars(select(AwardRound).where(
        AwardRound.status == RoundStatus.OPEN, AwardRound.submission_deadline >= today,
        AwardRound.submission_deadline <= today + timedelta(days=DEADLINE_AHEAD_DAYS))).all()
    cops, written = _agency_cops(), 0
    for award in rounds:
        sent = set(db.session.scalars(select(Nomination.agency_id).where(
            Nomination.round_id == award.id, Nomination.status == SheetStatus.SUBMITTED)))
        for agency_id, agency in db.session.execute(select(Agency.id, Agency.name)):
            if agency_id in sent or agency_id not in cops:
                continue
            written += fan_out("award.nomination_due", {"year": award.year, "title": award.title, "agency": agency,
                                                        "agency_id": agency_id,
                                                        "due": award.submission_deadline.isoformat()},
                               leads_of(cops[agency_id]), topic_key=f"nomination:{award.id}:{agency_id}")
    return written


def remind_self_assessments(today: date) -> int:
    """A maturity round whose deadline is within DEADLINE_AHEAD_DAYS: self-assessments still drafts."""
    drafts = db.session.execute(
        select(MaturityAssessment.id, MaturityAssessment.agency_id, Agency.name, MaturityRound.year,
               MaturityRound.deadline)
        .join(MaturityRound, MaturityAssessment.round_id == MaturityRound.id)
        .join(Agency, MaturityAssessment.agency_id == Agency.id)
        .where(MaturityAssessment.state == AssessmentState.DRAFT.value, MaturityRound.deadline >= today,
               MaturityRound.deadline <= today + timedelta(days=DEADLINE_AHEAD_DAYS))).all()
    cops, written = _agency_cops(), 0
    for assessment_id, agency_id, agency, year, deadline in drafts:
        if agency_id in cops:
            written += fan_out("maturity.self_assessment_due",
                               {"assessment_id": assessment_id, "agency": agency, "year": year,
                                "due": deadline.isoformat()},
                               leads_of(cops[agency_id]), topic_key=f"maturity:{assessment_id}")
    return written


def remind_handovers(today: date) -> int:
    """A handover not yet sent while its leaving date is within the overdue window (handover
    settings, 30 days by default): to the departing employee and his supervisor."""
    from ..handover.departures import handover_settings
    until = today + timedelta(days=handover_settings().overdue_days)
    late = db.session.execute(
        select(Handover.id, Handover.supervisor_id, Departure.user_id, Departure.leaving_on, User.name)
        .join(Departure, Handover.departure_id == Departure.id).join(User, Departure.user_id == User.id)
        .where(Departure.cancelled_at.is_(None), Departure.leaving_on >= today, Departure.leaving_on <= until,
               Handover.state.in_([HandoverState.NOT_STARTED.value, HandoverState.IN_PROGRESS.value]))).all()
    written = 0
    for handover_id, supervisor_id, user_id, leaving_on, name in late:
        people = [user_id] + ([supervisor_id] if supervisor_id else [])
        written += fan_out("handover.overdue", {"handover_id": handover_id, "person": name,
                                                "leaving_on": leaving_on.isoformat()},
                           select(User.id).where(User.id.in_(people), User.active.is_(True)),
                           topic_key=f"handover_overdue:{handover_id}")
    return written


def send_reminders(today: date | None = None) -> int:
    today = today or local_today()
    written = (remind_reviews(today) + remind_targets(today) + remind_nominations(today)
               + remind_self_assessments(today) + remind_handovers(today))
    db.session.commit()
    return written


@sweep("notify.reminders")
def reminders_sweep() -> int:
    """Once a day per process (the topic keys make a second run, or another server's, harmless).
    Not in the "inline" mode of tests and one-shot tools: what they see must not depend on the
    day they run (tests call `send_reminders` with a date)."""
    today = local_today()
    if _last_run["day"] == today or current_app.config["JOBS_WORKER"] == "inline":
        return 0
    _last_run["day"] = today
    return send_reminders(today)
