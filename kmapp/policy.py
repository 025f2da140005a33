"""Who may do what, in one place. Views and templates ask these functions; the
`*_or_404/403` helpers fetch an object and refuse in one step."""
from flask import abort
from flask_login import current_user
from sqlalchemy import exists, select

from .extensions import db
from .models import (Asset, AssetStatus, Community, Meeting, MemberRole, MinutesVisibility, QuarterLock, Role, User,
                     Visibility)
from .programme_settings import attendee_visibility, minutes_visibility


def is_admin(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMIN)


def leads(user: User, community: Community) -> bool:
    """A CoP lead of this very community (the role alone is not enough)."""
    return (user.is_authenticated and user.has_role(Role.COP_LEAD)
            and community.id in user.community_ids(MemberRole.LEAD))


def facilitates(user: User, community: Community) -> bool:
    """A facilitator assigned to this community."""
    return (user.is_authenticated and user.has_role(Role.FACILITATOR)
            and community.id in user.community_ids(MemberRole.FACILITATOR))


def quarter_locked(year: int, quarter: int) -> bool:
    return db.session.get(QuarterLock, (year, quarter)) is not None


def can_manage_community(user: User, community: Community) -> bool:
    """Log meetings and upload assets for this CoP."""
    return is_admin(user) or leads(user, community)


def can_edit_meeting(user: User, meeting: Meeting, locked: bool | None = None) -> bool:
    """Admins always; the CoP's leads while the meeting's Triwulan is open. Lists pass `locked`
    (known for the whole group) to save a query per meeting."""
    if is_admin(user):
        return True
    if locked is None:
        locked = quarter_locked(meeting.year, meeting.quarter)
    return leads(user, meeting.community) and not locked


def can_record_meeting_in(user: User, community: Community, year: int, quarter: int) -> bool:
    """Create a meeting in, or move one into, this Triwulan: a locked one is for admins only."""
    if is_admin(user):
        return True
    return leads(user, community) and not quarter_locked(year, quarter)


def can_look_up_people(user: User) -> bool:
    """Search employees by NIP or name (to name meeting attendees): admins and CoP leads."""
    return is_admin(user) or bool(user.is_authenticated and user.has_role(Role.COP_LEAD)
                                  and user.community_ids(MemberRole.LEAD))


def can_lock_quarters(user: User) -> bool:
    return is_admin(user)


def can_confirm_accompaniment(user: User, meeting: Meeting) -> bool:
    """Only an assigned facilitator or an admin; a lead can never mark his own meeting."""
    if quarter_locked(meeting.year, meeting.quarter) and not is_admin(user):
        return False
    return is_admin(user) or facilitates(user, meeting.community)


def can_edit_asset(user: User, asset: Asset) -> bool:
    return is_admin(user) or leads(user, asset.community)


def can_view_asset(user: User, asset: Asset) -> bool:
    """Published assets by visibility; drafts and withdrawn ones only to their editors."""
    if not user.is_authenticated:
        return False
    if can_edit_asset(user, asset) or facilitates(user, asset.community):
        return True
    if asset.status != AssetStatus.PUBLISHED:
        return False
    if asset.visibility == Visibility.ALL:
        return True
    if asset.visibility == Visibility.AGENCY:
        return user.agency_id == asset.community.agency_id
    return asset.community_id in user.community_ids()


def asset_visibility_clause(user: User):
    """The SQL form of `can_view_asset` for lists: published and visible to `user`.

    (Editors see their own drafts on their CoP page, not in general lists.)
    """
    from sqlalchemy import and_, false, or_
    if not user.is_authenticated:
        return false()
    if is_admin(user):
        return Asset.status == AssetStatus.PUBLISHED
    community_ids = list(user.community_ids())
    return and_(Asset.status == AssetStatus.PUBLISHED, or_(
        Asset.visibility == Visibility.ALL,
        and_(Asset.visibility == Visibility.AGENCY,
             Asset.community.has(Community.agency_id == user.agency_id) if user.agency_id else false()),
        and_(Asset.visibility == Visibility.COMMUNITY, Asset.community_id.in_(community_ids))
        if community_ids else false(),
    ))


def asset_editable_clause(user: User):
    """The SQL form of `can_edit_asset`: every asset for an admin, a lead's own CoPs' assets."""
    from sqlalchemy import false, true
    if is_admin(user):
        return true()
    if not (user.is_authenticated and user.has_role(Role.COP_LEAD)):
        return false()
    community_ids = list(user.community_ids(MemberRole.LEAD))
    return Asset.community_id.in_(community_ids) if community_ids else false()


def _meeting_audience(user: User, community: Community, rule: str) -> bool:
    """Members, leads and facilitators of the CoP and admins always; then the rule's wider
    circle: "agency" adds the CoP's agency, "all" every signed-in user."""
    if not user.is_authenticated:
        return False
    if is_admin(user) or community.id in user.community_ids():
        return True
    if rule == "agency":
        return user.agency_id is not None and user.agency_id == community.agency_id
    return rule == "all"


def can_see_attendees(user: User, meeting: Meeting) -> bool:
    """Names on the attendance list, by the programme office's setting (head counts are public)."""
    return _meeting_audience(user, meeting.community, attendee_visibility())


def attendance_visibility_clause(user: User):
    """The SQL form of `can_see_attendees` over Meeting (joined to Community): the meetings
    whose attendee names `user` may read, e.g. to say on a people page who attended what."""
    from sqlalchemy import false, or_, true
    if not user.is_authenticated:
        return false()
    rule = attendee_visibility()
    if is_admin(user) or rule == "all":
        return true()
    allowed = [Meeting.community_id.in_(list(user.community_ids()))] if user.community_ids() else []
    if rule == "agency" and user.agency_id is not None:
        allowed.append(Meeting.community.has(Community.agency_id == user.agency_id))
    return or_(*allowed) if allowed else false()


def can_see_minutes(user: User, meeting: Meeting) -> bool:
    """The minutes, by the programme office's setting. The default, "public_assets", opens them
    to everyone once the meeting produced an asset published for all; until then, members."""
    rule = minutes_visibility()
    if rule != MinutesVisibility.PUBLIC_ASSETS:
        return _meeting_audience(user, meeting.community, rule)
    if _meeting_audience(user, meeting.community, "members"):
        return True
    return user.is_authenticated and _produced_asset_open_to_all(meeting)


def _produced_asset_open_to_all(meeting: Meeting) -> bool:
    return bool(db.session.scalar(select(exists().where(
        Asset.meeting_id == meeting.id, Asset.status == AssetStatus.PUBLISHED, Asset.visibility == Visibility.ALL))))


def can_view_programme(user: User) -> bool:
    """The BPSDM dashboard across all agencies."""
    return user.is_authenticated and (user.has_role(Role.ADMIN) or user.has_role(Role.FACILITATOR)
                                      or user.has_role(Role.ASSESSOR))


def can_edit_targets(user: User) -> bool:
    """Quarterly targets are the programme office's decision: admins only (facilitators read)."""
    return is_admin(user)


def can_view_agency(user: User, agency) -> bool:
    """An agency's programme page: programme viewers see every agency, anyone else their own."""
    return can_view_programme(user) or (user.is_authenticated and user.agency_id == agency.id)


def sees_review_backlog(user: User, agency) -> bool:
    """The agency page's overdue reviews: the programme's watchers and the agency's own CoP leads.

    Other readers do not get the alarm (they cannot act on it; issue 12, point 3).
    """
    if can_view_programme(user):
        return True
    return (user.is_authenticated and user.has_role(Role.COP_LEAD)
            and any(m.role == MemberRole.LEAD and m.community.agency_id == agency.id for m in user.memberships))


def agency_for_view(agency_id: int):
    """The agency, or 404 for one the user may not look at (as for any hidden object)."""
    from .models import Agency
    agency = get_or_404(Agency, agency_id)
    if not can_view_agency(current_user, agency):
        abort(404)
    return agency


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)


def get_or_404(model, object_id):
    obj = db.session.get(model, object_id)
    if obj is None:
        abort(404)
    return obj


def meeting_for_edit(meeting_id: int) -> Meeting:
    meeting = get_or_404(Meeting, meeting_id)
    require(can_edit_meeting(current_user, meeting))
    return meeting


def asset_for_view(asset_id: int) -> Asset:
    asset = get_or_404(Asset, asset_id)
    # Hide existence as well as content: 404, not 403, for an asset you may not read.
    if not can_view_asset(current_user, asset):
        abort(404)
    return asset


# --- Maturity assessment (kmapp/maturity/) ------------------------------------------------------
# Leads fill in their own agency's self-assessment; facilitators of the agency's CoPs comment;
# assessors verify only the agencies an admin assigned them, never their own; admins run rounds.

def leads_in_agency(user: User, agency_id: int) -> bool:
    """A CoP lead of one of the agency's communities."""
    return (user.is_authenticated and user.has_role(Role.COP_LEAD)
            and any(m.role == MemberRole.LEAD and m.community.agency_id == agency_id for m in user.memberships))


def facilitates_in_agency(user: User, agency_id: int) -> bool:
    return (user.is_authenticated and user.has_role(Role.FACILITATOR)
            and any(m.role == MemberRole.FACILITATOR and m.community.agency_id == agency_id
                    for m in user.memberships))


def can_view_maturity(user: User) -> bool:
    """The "Maturitas" menu: admins, assessors, CoP leads and facilitators."""
    return user.is_authenticated and any(user.has_role(role) for role in
                                         (Role.ADMIN, Role.ASSESSOR, Role.COP_LEAD, Role.FACILITATOR))


def can_manage_maturity(user: User) -> bool:
    """Instrument versions, rounds, assessor assignments, publication: the programme office."""
    return is_admin(user)


def assessor_assigned(user: User, assessment) -> bool:
    """An assessor assigned to this agency in this round, and not one of its employees."""
    from .models import MaturityAssessorAssignment
    if not (user.is_authenticated and user.has_role(Role.ASSESSOR)) or user.agency_id == assessment.agency_id:
        return False
    return db.session.get(MaturityAssessorAssignment, (assessment.round_id, assessment.agency_id, user.id)) is not None


def can_view_assessment(user: User, assessment) -> bool:
    """Admins; the agency's leads and facilitators; its assigned assessors; once published, also
    the programme's watchers (who see every agency's figures on the dashboard)."""
    if is_admin(user) or leads_in_agency(user, assessment.agency_id) \
            or facilitates_in_agency(user, assessment.agency_id) or assessor_assigned(user, assessment):
        return True
    return assessment.state == "published" and can_view_programme(user)


def can_edit_self_assessment(user: User, assessment) -> bool:
    """Only the agency's own CoP leads, only while it is a draft."""
    return assessment.state == "draft" and leads_in_agency(user, assessment.agency_id)


def can_comment_assessment(user: User, assessment) -> bool:
    return assessment.state != "published" and (is_admin(user) or facilitates_in_agency(user, assessment.agency_id))


def can_verify_assessment(user: User, assessment) -> bool:
    return assessment.state == "submitted" and assessor_assigned(user, assessment)


def assessment_for_view(assessment_id: int):
    """The assessment, or 404 for one the user may not look at."""
    from .models import MaturityAssessment
    assessment = get_or_404(MaturityAssessment, assessment_id)
    if not can_view_assessment(current_user, assessment):
        abort(404)
    return assessment


# --- KM Award (kmapp/award/) -------------------------------------------------------------------
# Blind scoring is enforced here: every route and partial that shows scores asks
# `can_see_all_scores`, so an assessor reads no other assessor's scores for an agency until his
# own sheet for it is submitted, whatever URL he types.

def can_manage_award(user: User) -> bool:
    """Create rounds, assign assessors, finalise and reopen: the programme office."""
    return is_admin(user)


def leads_agency(user: User, agency_id: int) -> bool:
    """A CoP lead of one of this agency's CoPs."""
    return leads_in_agency(user, agency_id)


def belongs_to_agency(user: User, agency_id: int) -> bool:
    """Works in the agency or takes part in one of its CoPs: he may not judge it."""
    return user.agency_id == agency_id or any(m.community.agency_id == agency_id for m in user.memberships)


def own_agency_reason(user: User, agency_id: int) -> str | None:
    """Why `user` may not assess this agency, or None."""
    from flask_babel import gettext
    if user.agency_id == agency_id:
        return gettext("Penilai bekerja di perangkat daerah ini, jadi tidak boleh menilainya.")
    if any(m.community.agency_id == agency_id for m in user.memberships):
        return gettext("Penilai anggota CoP perangkat daerah ini, jadi tidak boleh menilainya.")
    return None


def is_assigned(user: User, award, agency_id: int) -> bool:
    from .models import AssessorAssignment
    return user.is_authenticated and db.session.get(AssessorAssignment, (award.id, agency_id, user.id)) is not None


def can_score(user: User, award, agency_id: int) -> bool:
    """An assessor assigned to this agency in this round, never one who belongs to it."""
    return (user.is_authenticated and user.has_role(Role.ASSESSOR) and is_assigned(user, award, agency_id)
            and not belongs_to_agency(user, agency_id))


def can_edit_nomination(user: User, award, agency_id: int) -> bool:
    """The agency's CoP leads (and admins) while the round is open."""
    return not award.finalised and (is_admin(user) or leads_agency(user, agency_id))


def can_view_nomination(user: User, award, agency_id: int) -> bool:
    return is_admin(user) or leads_agency(user, agency_id) or can_score(user, award, agency_id)


def can_see_all_scores(user: User, award, agency_id: int) -> bool:
    """Every assessor's scores for this agency: admins; an assessor once his own sheet is submitted;
    everyone (aspect means only, on the results page) once the round is finalised."""
    from .models import ScoreSheet, SheetStatus
    if is_admin(user):
        return True
    if not can_score(user, award, agency_id):
        return False
    return db.session.scalar(select(exists().where(
        ScoreSheet.round_id == award.id, ScoreSheet.agency_id == agency_id, ScoreSheet.assessor_id == user.id,
        ScoreSheet.status == SheetStatus.SUBMITTED))) or False


def can_view_results(user: User, award) -> bool:
    """Published to every signed-in employee once finalised; before that, the programme office only."""
    return user.is_authenticated and (award.finalised or is_admin(user))


def can_view_award_data_sheet(user: User, award, agency_id: int) -> bool:
    """The portal's figures of one agency: the programme's watchers, its assessors and its own leads."""
    return can_view_programme(user) or leads_agency(user, agency_id) or can_score(user, award, agency_id)


# --- Discussions (kmapp/discussions/) ----------------------------------------------------------
# Who reads a CoP's threads: its own people (members, leads, assigned facilitators) and admins,
# whatever the CoP's asset or minutes settings. A discussion is work in progress, said more
# freely than a published asset; what others should read is published as an asset from the
# thread's meeting. The same people post there. The programme-wide space (a thread without a CoP)
# is for the programme office (admins), all CoP leads and the facilitators.
# Leads and facilitators of the CoP (admins and facilitators in the programme space) moderate.

PROGRAMME_SPACE_ROLES = (Role.ADMIN, Role.FACILITATOR, Role.COP_LEAD)


def in_programme_space(user: User) -> bool:
    return user.is_authenticated and any(user.has_role(role) for role in PROGRAMME_SPACE_ROLES)


def can_take_part(user: User, community: Community | None) -> bool:
    """Read and post in the threads of `community` (None: the programme-wide space)."""
    if community is None:
        return in_programme_space(user)
    return user.is_authenticated and (is_admin(user) or community.id in user.community_ids())


def can_moderate_discussions(user: User, community: Community | None) -> bool:
    """Hide posts, lock threads, write the outcome."""
    if community is None:
        return is_admin(user) or (user.is_authenticated and user.has_role(Role.FACILITATOR))
    return is_admin(user) or leads(user, community) or facilitates(user, community)


def can_read_thread(user: User, thread) -> bool:
    return can_take_part(user, thread.community)


def can_accept_answer(user: User, thread) -> bool:
    """A question's author or a moderator marks the accepted answer."""
    return thread.kind == "question" and can_read_thread(user, thread) and (
        (thread.author_id is not None and thread.author_id == user.id)
        or can_moderate_discussions(user, thread.community))


def can_publish_conclusion(user: User, thread) -> bool:
    """A CoP thread on a meeting, with an outcome, not yet published: its CoP's leads and admins."""
    return (thread.community is not None and thread.meeting_id is not None and bool(thread.outcome_md.strip())
            and thread.asset_id is None and can_manage_community(user, thread.community))


def thread_readable_clause(user: User):
    """The SQL form of `can_read_thread` on Thread rows (lists and the search tab)."""
    from sqlalchemy import and_, false, or_, true
    from .models import Thread
    if not user.is_authenticated:
        return false()
    if is_admin(user):
        return true()
    community_ids = list(user.community_ids())
    return or_(Thread.community_id.in_(community_ids) if community_ids else false(),
               and_(Thread.community_id.is_(None), true() if in_programme_space(user) else false()))


def thread_for_view(thread_id: int):
    """The thread, or 404 for one the user may not read (its existence is not revealed)."""
    from .models import Thread
    thread = get_or_404(Thread, thread_id)
    if not can_read_thread(current_user, thread):
        abort(404)
    return thread


def can_edit_guide(user: User) -> bool:
    """The programme guide is the programme office's voice: admins write it, everyone reads it."""
    return is_admin(user)


# --- Knowledge handover (kmapp/handover/) -------------------------------------------------------
# Departures and position data: admins everywhere, an HR officer (kepegawaian) in his own agency only.
# A handover is filled by the departing employee, helped by his agency's CoP leads; only the
# supervisor recorded on it confirms it; its content is seen by those people, the successors,
# the agency's HR officer and admins.

def is_hr_officer_of(user: User, agency_id: int | None) -> bool:
    return (user.is_authenticated and user.has_role(Role.HR_OFFICER) and agency_id is not None
            and user.agency_id == agency_id)


def can_manage_departures(user: User, agency_id: int | None) -> bool:
    """Record, cancel or import departures, and edit position class and supervisor, of this agency's staff."""
    return is_admin(user) or is_hr_officer_of(user, agency_id)


def can_open_departures(user: User) -> bool:
    """The departures pages at all (the menu entry): admins and HR officers."""
    return is_admin(user) or (user.is_authenticated and user.has_role(Role.HR_OFFICER) and user.agency_id is not None)


def _departing_agency_id(handover) -> int | None:
    return handover.departure.user.agency_id


def can_view_handover(user: User, handover) -> bool:
    if not user.is_authenticated:
        return False
    departure = handover.departure
    return (user.id in (departure.user_id, handover.supervisor_id) or any(s.id == user.id for s in handover.successors)
            or can_manage_departures(user, _departing_agency_id(handover))
            or leads_in_agency(user, _departing_agency_id(handover)))


def can_edit_handover(user: User, handover) -> bool:
    """The departing employee (or a CoP lead of his agency helping him, or an admin) until it is submitted;
    a cancelled departure's handover is frozen."""
    from .models import HandoverState
    if handover.departure.cancelled or handover.state not in (HandoverState.NOT_STARTED, HandoverState.IN_PROGRESS):
        return False
    return user.is_authenticated and (user.id == handover.departure.user_id or is_admin(user)
                                      or leads_in_agency(user, _departing_agency_id(handover)))


def can_confirm_handover(user: User, handover) -> bool:
    """Only the supervisor recorded on the handover, once it is submitted: not an admin, not the employee."""
    from .models import HandoverState
    return (user.is_authenticated and handover.state == HandoverState.SUBMITTED and not handover.departure.cancelled
            and handover.supervisor_id is not None and user.id == handover.supervisor_id
            and user.id != handover.departure.user_id)


def handover_for_view(handover_id: int):
    """The handover, or 404 for one the user may not see (existence hidden too)."""
    from .models import Handover
    handover = get_or_404(Handover, handover_id)
    if not can_view_handover(current_user, handover):
        abort(404)
    return handover
# --- Who knows what (kmapp/people/) -------------------------------------------------------------
# A people page shows work facts only (no NIP: it carries the birth date; no contact but the
# official email), and of those only what the viewer may open: assets by asset visibility,
# attendance by the attendee-list rule above. The ranking may count everything.

def can_view_person(user: User, person: User) -> bool:
    """Every signed-in employee may look up who knows what."""
    return user.is_authenticated


def can_edit_declared_expertise(user: User, person: User) -> bool:
    """Declared expertise is the person's own word: only he writes or hides it."""
    return user.is_authenticated and user.id == person.id


def can_view_knowledge_at_risk(user: User, agency_id: int) -> bool:
    """The agency's list of knowledge at risk: admins and the agency's CoP leads."""
    return is_admin(user) or leads_in_agency(user, agency_id)


def person_for_view(user_id: int) -> User:
    person = get_or_404(User, user_id)
    if not can_view_person(current_user, person):
        abort(404)
    return person
