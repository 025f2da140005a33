"""Discussion pages: the spaces, a thread with its replies (in place through htmx, or as plain
forms), moderation, and publishing a conclusion as a knowledge asset."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..assets.services import AssetFields, AssetRuleError, publish_asset
from ..audit import record_change
from ..clock import local_today
from ..communities.minutes import stored_minutes
from ..extensions import db
from ..htmx import is_htmx_request, render_page
from ..integers import optional_db_int
from ..models import Community, Meeting, Post, Thread, WatchTarget
from ..notifications.watching import is_watching, toggle
from ..policy import (can_accept_answer, can_moderate_discussions, can_publish_conclusion, can_take_part,
                      get_or_404, in_programme_space, require, thread_for_view, thread_readable_clause)
from . import bp
from .forms import HideForm, MeetingLinkForm, OutcomeForm, PublishForm, ReplyForm, ThreadForm
from .moderation import accept_answer, hide_post, link_meeting, set_locked, show_post, write_outcome
from .periods import OPEN, period_from_days, state_of
from .threads import PostRefused, ThreadInput, reply, start_thread
from .spaces import (agenda_items, default_days, first_post_id, meeting_choices, phase, post_counts, recent_threads,
                     thread_posts)

LIST_LIMIT = 50


@bp.get("/discussions")
def index():
    communities = sorted((m.community for m in current_user.memberships), key=lambda c: c.name)
    threads = recent_threads(thread_readable_clause(current_user), 20)
    return render_page("discussions/index.html", threads=threads, counts=post_counts(threads),
                       communities=communities, programme=in_programme_space(current_user))


@bp.get("/discussions/programme")
def space():
    """The programme-wide space: BPSDM, all CoP leads and the facilitators."""
    require(can_take_part(current_user, None))
    return _space_page(None)


@bp.get("/cops/<int:cop_id>/discussions")
def cop_space(cop_id: int):
    community = get_or_404(Community, cop_id)
    if not can_take_part(current_user, community):
        abort(404)
    return _space_page(community)


def _space_page(community: Community | None):
    where = Thread.community_id.is_(None) if community is None else Thread.community_id == community.id
    threads = recent_threads(where, LIST_LIMIT)
    return render_page("discussions/space.html", community=community, threads=threads, counts=post_counts(threads))


@bp.route("/discussions/new", methods=["GET", "POST"])
def new_thread():
    community = None
    cop_id = optional_db_int(request.args.get("cop"))
    if cop_id is not None:
        community = get_or_404(Community, cop_id)
    if not can_take_part(current_user, community):
        abort(404 if community is not None else 403)
    meeting = _meeting_of(community, request.args.get("meeting"))
    form = ThreadForm()
    form.agenda_item.choices = [("", _("— tidak ada butir tertentu —"))] + [(i, i) for i in agenda_items(meeting)]
    if request.method == "GET":
        form.opens_on.data, form.closes_on.data = default_days(meeting, local_today())
    if form.validate_on_submit():
        period = period_from_days(form.opens_on.data, form.closes_on.data)
        fields = ThreadInput(title=form.title.data, body=form.body.data, kind=form.kind.data, meeting=meeting,
                             agenda_item=form.agenda_item.data or "", opens_at=period.opens_at,
                             closes_at=period.closes_at)
        try:
            thread = start_thread(community, fields, current_user)
        except PostRefused as refused:
            form.body.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Diskusi dibuka."), "success")
            return redirect(url_for("discussions.thread_page", thread_id=thread.id))
    return render_page("discussions/new.html", form=form, community=community, meeting=meeting,
                       status=422 if form.errors else 200)


def _meeting_of(community: Community | None, raw_id) -> Meeting | None:
    """A thread hangs only on a meeting of its own CoP."""
    meeting_id = optional_db_int(raw_id)
    if meeting_id is None:
        return None
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or community is None or meeting.community_id != community.id:
        abort(404)
    return meeting


def _thread_page(thread: Thread, reply_form: ReplyForm, refusal: str | None = None, status: int = 200,
                 block: str | None = None, outcome_form: OutcomeForm | None = None,
                 meeting_form: MeetingLinkForm | None = None):
    moderator = can_moderate_discussions(current_user, thread.community)
    state = state_of(thread)
    if outcome_form is None and moderator:
        outcome_form = OutcomeForm(data={"outcome": thread.outcome_md})
    if meeting_form is None and moderator and thread.community_id is not None:
        meeting_form = _meeting_form(thread, formdata=None, data={
            "meeting_id": str(thread.meeting_id or ""), "agenda_item": thread.agenda_item})
    posts = thread_posts(thread)
    return render_page("discussions/thread.html", block, status=status, thread=thread, posts=posts,
                       first_post_id=posts[0].id if posts else None,
                       state=state, open=state == OPEN, moderator=moderator, reply_form=reply_form, refusal=refusal,
                       outcome=stored_minutes(thread.outcome_html, thread.outcome_md) if thread.outcome_md else None,
                       outcome_form=outcome_form, meeting_form=meeting_form, body_of=_body_of, hide_form=HideForm() if moderator else None,
                       can_accept=can_accept_answer(current_user, thread),
                       following=is_watching(current_user.id, WatchTarget.THREAD.value, thread.id))


def _body_of(post: Post):
    return stored_minutes(post.body_html, post.body_md)


@bp.get("/discussions/<int:thread_id>")
def thread_page(thread_id: int):
    return _thread_page(thread_for_view(thread_id), ReplyForm())


@bp.post("/discussions/<int:thread_id>/reply")
def reply_to(thread_id: int):
    """htmx: the new post is appended to the list and the form comes back empty; on refusal
    (closed while typing, too many posts, invalid) the form comes back with the text kept."""
    thread = thread_for_view(thread_id)
    form = ReplyForm()
    refusal = None
    if form.validate_on_submit():
        try:
            post = reply(thread, current_user, form.body.data)
        except PostRefused as refused:
            refusal = str(refused)
        else:
            db.session.commit()
            if is_htmx_request():
                return render_page("discussions/_replied.html", thread=thread, post=post, reply_form=ReplyForm(formdata=None),
                                   state=state_of(thread), open=True, refusal=None, body_of=_body_of,
                                   first_post_id=first_post_id(thread),
                                   moderator=can_moderate_discussions(current_user, thread.community),
                                   hide_form=None, can_accept=can_accept_answer(current_user, thread))
            return redirect(url_for("discussions.thread_page", thread_id=thread.id, _anchor=f"post-{post.id}"))
    status = 200 if is_htmx_request() else 422
    return _thread_page(thread, form, refusal=refusal, status=status, block="reply_area")


def _post_of(thread: Thread, post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None or post.thread_id != thread.id:
        abort(404)
    return post


@bp.post("/discussions/<int:thread_id>/posts/<int:post_id>/hide")
def hide(thread_id: int, post_id: int):
    thread = thread_for_view(thread_id)
    require(can_moderate_discussions(current_user, thread.community))
    post = _post_of(thread, post_id)
    form = HideForm()
    if post.hidden:
        show_post(post, current_user)
        db.session.commit()
        flash(_("Tanggapan ditampilkan kembali."), "success")
    elif form.validate_on_submit():
        hide_post(post, form.reason.data, current_user)
        db.session.commit()
        flash(_("Tanggapan disembunyikan. Penulisnya melihat alasan Anda."), "success")
    else:
        flash(" ".join(map(str, form.reason.errors)), "error")
    return redirect(url_for("discussions.thread_page", thread_id=thread.id, _anchor=f"post-{post.id}"))


@bp.post("/discussions/<int:thread_id>/lock")
def lock(thread_id: int):
    thread = thread_for_view(thread_id)
    require(can_moderate_discussions(current_user, thread.community))
    set_locked(thread, not thread.locked, current_user)  # CSRFProtect checks every POST
    db.session.commit()
    flash(_("Diskusi dikunci: tidak ada tanggapan baru.") if thread.locked else _("Kunci diskusi dibuka."), "success")
    return redirect(url_for("discussions.thread_page", thread_id=thread.id))


@bp.post("/discussions/<int:thread_id>/accept/<int:post_id>")
def accept(thread_id: int, post_id: int):
    thread = thread_for_view(thread_id)
    require(can_accept_answer(current_user, thread))
    post = _post_of(thread, post_id)
    if post.hidden or post.id == first_post_id(thread):
        abort(400)
    accept_answer(thread, None if thread.accepted_post_id == post.id else post, current_user)
    db.session.commit()
    flash(_("Jawaban yang diterima ditandai.") if thread.accepted_post_id else _("Tanda jawaban dicabut."), "success")
    return redirect(url_for("discussions.thread_page", thread_id=thread.id, _anchor=f"post-{post.id}"))


@bp.post("/discussions/<int:thread_id>/outcome")
def outcome(thread_id: int):
    thread = thread_for_view(thread_id)
    require(can_moderate_discussions(current_user, thread.community))
    form = OutcomeForm()
    if not form.validate_on_submit():
        return _thread_page(thread, ReplyForm(), status=422, outcome_form=form)
    write_outcome(thread, form.outcome.data, form.close_now.data, current_user)
    db.session.commit()
    flash(_("Hasil diskusi disimpan."), "success")
    return redirect(url_for("discussions.thread_page", thread_id=thread.id))


def _meeting_form(thread: Thread, **kwargs) -> MeetingLinkForm:
    form = MeetingLinkForm(**kwargs)
    form.meeting_id.choices = [("", _("— tidak dikaitkan —"))] + meeting_choices(thread)
    return form


@bp.post("/discussions/<int:thread_id>/meeting")
def hang_on_meeting(thread_id: int):
    """Moderators hang a CoP thread on a meeting of its CoP (e.g. once the meeting it prepared is logged)."""
    thread = thread_for_view(thread_id)
    require(thread.community_id is not None and can_moderate_discussions(current_user, thread.community))
    form = _meeting_form(thread)
    if not form.validate_on_submit():
        return _thread_page(thread, ReplyForm(), status=422, meeting_form=form)
    meeting = db.session.get(Meeting, int(form.meeting_id.data)) if form.meeting_id.data else None
    link_meeting(thread, meeting, form.agenda_item.data or "", current_user)
    db.session.commit()
    flash(_("Kaitan dengan pertemuan disimpan."), "success")
    return redirect(url_for("discussions.thread_page", thread_id=thread.id))


@bp.post("/discussions/<int:thread_id>/follow")
def follow_thread(thread_id: int):
    thread = thread_for_view(thread_id)
    following = toggle(current_user.id, WatchTarget.THREAD.value, thread.id)
    db.session.commit()
    if is_htmx_request():
        return render_page("discussions/_follow.html", thread=thread, following=following)
    return redirect(url_for("discussions.thread_page", thread_id=thread.id))


@bp.route("/discussions/<int:thread_id>/publish", methods=["GET", "POST"])
def publish(thread_id: int):
    """The conclusion becomes a knowledge asset of the thread's meeting (the meeting rule holds)."""
    thread = thread_for_view(thread_id)
    require(can_publish_conclusion(current_user, thread))
    form = PublishForm(data=None if request.method == "POST" else {"title": thread.title})
    if form.validate_on_submit():
        fields = AssetFields(title=form.title.data, summary=thread.outcome_md, asset_type=form.asset_type.data,
                             km_stage=form.km_stage.data, visibility=form.visibility.data,
                             meeting_id=thread.meeting_id)
        try:
            asset = publish_asset(thread.community, fields, [], current_user)
        except AssetRuleError as refused:
            form.title.errors.append(str(refused))
        else:
            thread.asset_id = asset.id
            record_change("thread.published", thread, None, {"asset_id": asset.id})
            db.session.commit()
            flash(_("Hasil diskusi terbit sebagai aset pengetahuan."), "success")
            return redirect(url_for("assets.show", asset_id=asset.id))
    return render_page("discussions/publish.html", form=form, thread=thread, status=422 if form.errors else 200,
                       outcome=stored_minutes(thread.outcome_html, thread.outcome_md))


bp.add_app_template_global(phase, "thread_phase")
bp.add_app_template_global(state_of, "thread_state")
