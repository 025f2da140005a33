from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..audit import record_change
from ..extensions import db, login_manager
from . import bp
from .devices import remember_device, trusted_devices
from .forms import LoginForm, PasswordChangeForm
from .passwords import hash_password
from .services import check_current_password, sign_in
from .sessions import end_all_sessions, end_session, load_user_by_token, start_session
from .throttle import Lock, ThrottleDecision


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


def _address() -> str:
    return request.remote_addr or "unknown"


def _sign_in_refusal(decision: ThrottleDecision) -> str:
    """Why a sign-in was refused; the same for an unknown account and a wrong password."""
    minutes = decision.retry_after_minutes
    if decision.lock == Lock.NEW_DEVICES:
        return _("Terlalu banyak percobaan masuk yang gagal. Masuk ke akun ini dari perangkat baru dijeda "
                 "selama %(n)s menit. Peramban yang pernah dipakai untuk masuk ke akun ini tetap bisa "
                 "digunakan; bila perlu, hubungi admin.", n=minutes)
    if decision.lock == Lock.DEVICE:
        return _("Terlalu banyak percobaan masuk yang gagal dari peramban ini. Coba lagi dalam %(n)s menit.",
                 n=minutes)
    if decision.blocked:
        return _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(n)s menit.", n=minutes)
    return _("NIP/nama pengguna atau kata sandi salah.")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    if form.validate_on_submit():
        result = sign_in(form.login.data, form.password.data, _address(), trusted_devices())
        if result.ok:
            return _complete_sign_in(result.user, form.next.data)
        db.session.commit()  # keep the failed attempt for throttling
        status = 429 if result.throttle.blocked else 200
        flash(_sign_in_refusal(result.throttle), "error")
    return render_template("auth/login.html", form=form), status


def _complete_sign_in(user, next_url: str | None):
    session.clear()  # a fresh session at sign-in: nothing planted before survives
    start_session(user)
    login_user(user)
    session.permanent = True
    db.session.commit()
    response = redirect(safe_next(next_url))
    remember_device(response, user.id)  # this browser is now trusted for this account
    return response


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
    status = 200
    if form.validate_on_submit():
        check = check_current_password(current_user, form.current.data, _address(), trusted_devices())
        db.session.commit()  # keep the attempt for throttling
        if check.throttle.blocked:
            status = 429
            form.current.errors.append(_("Terlalu banyak kata sandi salah. Kata sandi tidak dapat diganti "
                                         "dari sini selama %(n)s menit.", n=check.throttle.retry_after_minutes))
        elif not check.ok:
            form.current.errors.append(_("Kata sandi saat ini salah."))
        else:
            current_user.password_hash = hash_password(form.new.data)
            end_all_sessions(current_user, keep_token=current_user.get_id())
            record_change("user.password_changed", current_user, before=None, after=None)
            db.session.commit()
            flash(_("Kata sandi diganti. Sesi di perangkat lain telah diakhiri."), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/password.html", form=form), status
