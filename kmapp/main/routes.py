from flask import jsonify, redirect, request, session, url_for
from flask_login import current_user

from ..auth.forms import LanguageForm
from ..auth.routes import safe_next
from ..clock import local_today
from ..extensions import db
from ..htmx import render_page
from . import bp
from . import home as home_queries
from .tasks import tasks_for
from .health import database_state, jobs_state, ocr_state, search_cache_state, search_index_state


@bp.get("/")
def home():
    memberships = sorted(current_user.memberships, key=lambda m: m.community.name)
    return render_page("main/home.html", tasks=tasks_for(current_user, local_today()),
                       recent=home_queries.recent_assets(current_user),
                       popular=home_queries.popular_assets(current_user), memberships=memberships,
                       types=home_queries.assets_by_type(current_user),
                       agencies=home_queries.agencies_with_assets(current_user),
                       tags=home_queries.popular_tags(current_user))


@bp.get("/healthz")
def healthz():
    state = {"database": database_state(), "search_index": search_index_state(), "jobs": jobs_state(),
             "ocr": ocr_state(), "search_caches": search_cache_state()}
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
