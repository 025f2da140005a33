from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..audit import record_change
from ..extensions import db, login_manager
from . import bp
from .forms import LoginForm, PasswordChangeForm
from .passwords import hash_password, verify_password
from .services import sign_in
from .sessions import end_all_sessions, end_session, load_user_by_token, start_session


@login_manager.user_loader
def _load_user(token: str):
    return load_user_by_token(token)


def safe_next(target: str | None) -> str:
    """Only a local path: never another host, scheme-relative URL or backslash trick."""
    if not target:
        return url_for("main.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")) \
            or "\\" in target:
        return url_for("main.home")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    if form.validate_on_submit():
        result = sign_in(form.login.data, form.password.data, request.remote_addr or "unknown")
        if result.ok:
            return _complete_sign_in(result.user, form.next.data)
        db.session.commit()  # keep the failed attempt for throttling
        status = 429 if result.throttled_minutes else 200
        if result.throttled_minutes:
            flash(_("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(n)s menit.",
                    n=result.throttled_minutes), "error")
        else:
            flash(_("NIP/nama pengguna atau kata sandi salah."), "error")
    return render_template("auth/login.html", form=form), status


def _complete_sign_in(user, next_url: str | None):
    session.clear()  # a fresh session at sign-in: nothing planted before survives
    start_session(user)
    login_user(user)
    session.permanent = True
    db.session.commit()
    return redirect(safe_next(next_url))


@bp.post("/logout")
def logout():
    end_session(current_user.get_id())
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("Anda telah keluar."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append(_("Kata sandi saat ini salah."))
        else:
            current_user.password_hash = hash_password(form.new.data)
            end_all_sessions(current_user, keep_token=current_user.get_id())
            record_change("user.password_changed", current_user, before=None, after=None)
            db.session.commit()
            flash(_("Kata sandi diganti. Sesi di perangkat lain telah diakhiri."), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/password.html", form=form)
