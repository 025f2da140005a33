"""Asset pages: upload, edit, the asset page, votes, reviews, the due list, tag suggestions."""
import json

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select
from werkzeug.datastructures import MultiDict

from ..auth.routes import safe_next
from ..dates import list_date
from ..extensions import db
from ..htmx import is_htmx_request, render_page
from ..integers import db_int
from ..models import AccessKind, Asset, Community, Meeting, MemberRole, Role, Tag, WatchTarget, asset_tag
from ..notifications.watching import watched_ids
from ..policy import (asset_editable_clause, asset_for_view, asset_visibility_clause, can_edit_asset,
                      can_manage_community, get_or_404, is_admin, require)
from ..web import error_page
from . import UPLOAD_ENDPOINTS, bp, rules
from .forms import AssetForm, AssetUploadForm, ReviewForm, VoteForm
from .receiving import receive_with_form, still_kept
from .services import (AssetRuleError, last_review_note, mark_reviewed, meeting_required_on_edit, publish_asset,
                       update_asset)
from .uploads import describe_limit, max_file_bytes
from .usage import assets_due_for_review, record_access, related_assets, vote, vote_summary

DUE_PAGE_SIZE = 50
TAG_SUGGESTIONS = 10


def communities_managed_by(user) -> list[Community]:
    """The CoPs this user may upload to (every CoP for an admin)."""
    if is_admin(user):
        candidates = db.session.scalars(select(Community).order_by(Community.name)).all()
    else:
        candidates = sorted((m.community for m in user.memberships if m.role == MemberRole.LEAD),
                            key=lambda c: c.name)
    return [c for c in candidates if can_manage_community(user, c)]


def render_partial(template: str, **context):
    """An htmx-only widget answer (the no-JS path redirects instead)."""
    response = make_response(render_template(template, **context))
    response.vary.add("HX-Request")
    return response


def _chosen_community(form: AssetUploadForm, communities: list[Community]) -> Community | None:
    """The CoP from the form (or the `cop`/`meeting` link parameters); 403 for someone else's CoP."""
    community_id = form.cop.data
    if community_id is None and form.meeting.data is not None:
        meeting = db.session.get(Meeting, form.meeting.data)
        community_id = meeting.community_id if meeting else None
    if community_id is None:
        return communities[0] if len(communities) == 1 else None
    community = get_or_404(Community, community_id)
    require(can_manage_community(current_user, community))
    return community


def _upload_form(formdata=None) -> tuple[AssetUploadForm, Community | None]:
    communities = communities_managed_by(current_user)
    require(bool(communities))
    form = AssetUploadForm(formdata=formdata) if formdata is not None else AssetUploadForm()
    community = _chosen_community(form, communities)
    form.cop.data = community.id if community else None
    form.set_community_choices(communities)
    form.set_meeting_choices(community, rules.meeting_required(rules.today()))
    return form, community


def _upload_page(form, community, created=None, status=200):
    # htmx swaps only 2xx answers: a form with errors goes back as 200 to be shown.
    status = 200 if is_htmx_request() else status
    return render_page("assets/new.html", "asset_form", status=status, form=form, community=community,
                       created=created, limit=describe_limit(), max_bytes=max_file_bytes())


@bp.route("/new", methods=["GET", "POST"])
def new():
    if request.method == "GET":
        form, community = _upload_form(request.args if request.args else None)
        if form.meeting.data not in {c.value for c in form.meeting.choices}:
            form.meeting.data = None  # a meeting of another CoP is not preselected
        still_kept(form, current_user)  # a file kept from a try with errors stays when the CoP changes
        return _upload_page(form, community)
    form, community = _upload_form()
    uploads = receive_with_form(form, form.files, current_user)
    if uploads is None:
        return _upload_page(form, community, status=422)
    try:
        asset = publish_asset(community, form.to_fields(), uploads, current_user)
    except AssetRuleError as error:
        getattr(form, error.field).errors.append(str(error))
        still_kept(form, current_user)
        return _upload_page(form, community, status=422)
    if not is_htmx_request():
        flash(_("Aset “%(title)s” tersimpan.", title=asset.title), "success")
        return redirect(url_for(".show", asset_id=asset.id))
    # Next upload from the same meeting: a fresh form that keeps the CoP and the meeting.
    fresh, _community = _upload_form(MultiDict({"cop": str(community.id), "meeting": str(asset.meeting_id or "")}))
    response = _upload_page(fresh, community, created=asset)
    response.headers["HX-Trigger"] = json.dumps({"assetCreated": {
        "id": asset.id, "community_id": community.id, "meeting_id": asset.meeting_id}})
    return response


def _form_data(asset: Asset) -> dict:
    return {"title": asset.title, "summary": asset.summary, "asset_type": asset.asset_type,
            "km_stage": asset.km_stage, "visibility": asset.visibility, "meeting": asset.meeting_id,
            "tags": ", ".join(tag.name for tag in asset.tags)}


@bp.route("/<int:asset_id>/edit", methods=["GET", "POST"])
def edit(asset_id: int):
    asset = asset_for_view(asset_id)
    require(can_edit_asset(current_user, asset))
    form = AssetForm(data=_form_data(asset))
    form.set_meeting_choices(asset.community, meeting_required_on_edit(asset))
    if form.validate_on_submit():
        try:
            update_asset(asset, form.to_fields(), current_user)
        except AssetRuleError as error:
            getattr(form, error.field).errors.append(str(error))
        else:
            flash(_("Perubahan aset disimpan."), "success")
            return redirect(url_for(".show", asset_id=asset.id))
    return render_page("assets/edit.html", status=422 if form.errors else 200, form=form, asset=asset)


@bp.get("/<int:asset_id>")
def show(asset_id: int):
    asset = asset_for_view(asset_id)
    record_access(asset, current_user, AccessKind.OPEN)
    return render_page("assets/show.html", asset=asset, votes=vote_summary(asset, current_user),
                       related=related_assets(asset, current_user), vote_form=VoteForm(),
                       review_form=ReviewForm(formdata=None), review_note=last_review_note(asset),
                       watched_tags=watched_ids(current_user.id, WatchTarget.TAG.value, [t.id for t in asset.tags]))


@bp.post("/<int:asset_id>/vote")
def vote_on(asset_id: int):
    asset = asset_for_view(asset_id)
    form = VoteForm()
    if form.validate_on_submit():
        vote(asset, current_user, form.useful.data == "1")
    if is_htmx_request():
        return render_partial("assets/_vote.html", asset=asset, votes=vote_summary(asset, current_user),
                              vote_form=form)
    if form.errors:
        flash(_("Jawaban tidak tersimpan. Silakan coba lagi."), "error")
    return redirect(url_for(".show", asset_id=asset.id) + "#asset_vote")


@bp.route("/<int:asset_id>/review", methods=["GET", "POST"])
def review(asset_id: int):
    """Mark reviewed without a new file: a one-line note is required. The due list posts here
    with htmx and gets its row back (with the error, if any); without JavaScript, or from the
    asset page, a missing note shows this form as a page."""
    asset = asset_for_view(asset_id)
    require(can_edit_asset(current_user, asset))
    form = ReviewForm()
    back = safe_next(request.values.get("next") or url_for(".show", asset_id=asset.id))
    if request.method == "POST" and form.validate_on_submit():
        mark_reviewed(asset, current_user, form.note.data)
        if is_htmx_request():
            return render_partial("assets/_due_row.html", asset=asset, review_form=form, reviewed=True)
        flash(_("Aset ditandai sudah ditinjau. Tinjauan berikutnya: %(day)s.",
                day=list_date(asset.next_review_on)), "success")
        return redirect(back)
    if request.method == "POST" and is_htmx_request():
        return render_partial("assets/_due_row.html", asset=asset, review_form=form, reviewed=False)
    return render_page("assets/review.html", status=422 if form.errors else 200, asset=asset, form=form,
                       back=back)


@bp.get("/due")
def due():
    require(is_admin(current_user) or current_user.has_role(Role.COP_LEAD))
    page = request.args.get("page", 1, type=db_int)
    found = db.paginate(assets_due_for_review(current_user), page=page, per_page=DUE_PAGE_SIZE, error_out=False)
    return render_page("assets/due.html", "due_list", found=found, review_form=ReviewForm(formdata=None),
                       today=rules.today())


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def tag_suggestions(typed: str, user) -> list[str]:
    """Completions for a comma-separated tag field: earlier tags kept, the last one completed.

    Only tags of assets `user` may see, or may edit (drafts, withdrawn ones), are offered and
    counted: a tag can give away what a restricted asset is about.
    """
    *earlier, last = [part.strip() for part in typed.split(",")] if typed else [""]
    earlier = [t.lower() for t in earlier if t]
    usage = func.count(asset_tag.c.asset_id)
    statement = (select(Tag.name).join(asset_tag, asset_tag.c.tag_id == Tag.id)
                 .join(Asset, Asset.id == asset_tag.c.asset_id)
                 .where(or_(asset_visibility_clause(user), asset_editable_clause(user)))
                 .group_by(Tag.id, Tag.name).order_by(usage.desc(), Tag.name).limit(TAG_SUGGESTIONS + len(earlier)))
    if last:
        statement = statement.where(Tag.name.like(_escape_like(last.lower()) + "%", escape="\\"))
    names = [name for name in db.session.scalars(statement) if name not in earlier][:TAG_SUGGESTIONS]
    return [", ".join(earlier + [name]) for name in names]


@bp.get("/tags")
def tags():
    typed = request.args.get("q", request.args.get("tags", ""))[:600]
    return render_page("assets/tags.html", "tag_options", suggestions=tag_suggestions(typed, current_user), q=typed)


@bp.errorhandler(413)
def upload_too_large(error):
    if request.endpoint not in UPLOAD_ENDPOINTS:
        return error_page(error)  # a form of this area, held to the general limit
    message = _("Kiriman terlalu besar: setiap berkas paling besar %(limit)s. Kembali ke formulir, lalu pilih "
                "berkas yang lebih kecil.", limit=describe_limit())
    return render_page("errors/error.html", "content", status=413, code=413, title=_("Berkas terlalu besar"),
                       message=message, error=error)
