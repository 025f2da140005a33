"""Programme-office administration: people and their access."""
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..audit import record_change
from ..auth.sessions import end_all_sessions
from ..extensions import db
from ..htmx import render_page
from ..integers import db_int
from ..models import User
from ..policy import get_or_404, is_admin, require
from . import bp
from .forms import ToggleActiveForm

PAGE_SIZE = 50


@bp.before_request
def _admins_only():
    require(is_admin(current_user))


@bp.get("/users")
def users():
    query = request.args.get("q", "").strip()
    page = request.args.get("page", 1, type=db_int)
    statement = select(User).options(selectinload(User.role_rows)).order_by(User.name)
    if query:
        like = f"%{query}%"
        statement = statement.where(or_(User.name.ilike(like), User.nip.like(like), User.username.ilike(like)))
    found = db.paginate(statement, page=page, per_page=PAGE_SIZE, error_out=False)
    return render_page("admin/users.html", "user_list", users=found, q=query, toggle_form=ToggleActiveForm())


@bp.post("/users/<int:user_id>/active")
def toggle_active(user_id: int):
    """Activate at once; deactivate only from the confirmation page this answers first."""
    user = get_or_404(User, user_id)
    back = request.args.get("q", "")
    if user.id == current_user.id:
        flash(_("Anda tidak dapat menonaktifkan akun sendiri."), "error")
        return redirect(url_for("admin.users"))
    form = ToggleActiveForm()
    if not form.validate():
        flash(_("Formulir kedaluwarsa; coba lagi."), "error")
        return redirect(url_for("admin.users", q=back))
    if user.active and form.confirm.data != "yes":
        return render_page("admin/confirm_deactivate.html", person=user, form=ToggleActiveForm(formdata=None), q=back)
    before = {"active": user.active}
    user.active = not user.active
    if not user.active:
        end_all_sessions(user)  # a deactivated account is signed out everywhere at once
    record_change("user.active_changed", user, before, {"active": user.active})
    db.session.commit()
    flash(_("Akun %(name)s diaktifkan.", name=user.name) if user.active
          else _("Akun %(name)s dinonaktifkan.", name=user.name), "success")
    return redirect(url_for("admin.users", q=back))
