from flask import jsonify, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import select

from ..auth.forms import LanguageForm
from ..auth.routes import safe_next
from ..extensions import db
from ..htmx import render_page
from ..models import Asset, MemberRole
from ..policy import asset_visibility_clause
from . import bp
from .health import database_state, search_index_state


@bp.get("/")
def home():
    recent = db.session.execute(
        select(Asset).where(asset_visibility_clause(current_user))
        .order_by(Asset.published_on.desc(), Asset.id.desc()).limit(10)).scalars().all()
    my_communities = sorted((m.community for m in current_user.memberships), key=lambda c: c.name)
    leading = [m.community for m in current_user.memberships if m.role == MemberRole.LEAD]
    return render_page("main/home.html", recent=recent, my_communities=my_communities, leading=leading)


@bp.get("/healthz")
def healthz():
    state = {"database": database_state(), "search_index": search_index_state()}
    state["ok"] = state["database"]["ok"]
    return jsonify(state), 200 if state["ok"] else 503


@bp.post("/language")
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            current_user.locale = form.lang.data
            db.session.commit()
        session["lang"] = form.lang.data
    return redirect(safe_next(request.form.get("back") or url_for("main.home")))
