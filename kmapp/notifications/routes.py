"""The notification list, marking as read, delivery preferences, and one-click watching."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select, update

from ..auth.routes import safe_next
from ..extensions import db
from ..htmx import is_htmx_request, render_page
from ..models import Community, Delivery, Notification, NotificationPreference, Tag, Watch, WatchTarget, utcnow
from ..policy import get_or_404
from . import bp
from .forms import PreferenceForm
from .mail import mail_enabled
from .messages import describe
from .watching import toggle

LIST_LIMIT = 50
WATCHABLE = {WatchTarget.COMMUNITY.value: Community, WatchTarget.TAG.value: Tag}


def _mine(notification_id: int) -> Notification:
    """404 for another person's notification: ids reveal nothing."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    return notification


@bp.get("/notifications")
def inbox():
    rows = db.session.scalars(select(Notification).where(Notification.user_id == current_user.id)
                              .order_by(Notification.id.desc()).limit(LIST_LIMIT)).all()
    items = [(row, message) for row in rows if (message := describe(row)) is not None]
    return render_page("notifications/inbox.html", items=items)


@bp.get("/notifications/<int:notification_id>/open")
def open_one(notification_id: int):
    """Following a notification marks it read, then leads to what it is about."""
    notification = _mine(notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    message = describe(notification)
    return redirect(message.url if message else url_for("notifications.inbox"))


@bp.post("/notifications/<int:notification_id>/read")
def mark_read(notification_id: int):
    notification = _mine(notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    if is_htmx_request():
        return render_page("notifications/_item.html", row=notification, message=describe(notification))
    return redirect(url_for("notifications.inbox"))


@bp.post("/notifications/read-all")
def mark_all_read():
    db.session.execute(update(Notification).where(Notification.user_id == current_user.id,
                                                  Notification.read_at.is_(None)).values(read_at=utcnow()))
    db.session.commit()
    flash(_("Semua pemberitahuan ditandai sudah dibaca."), "success")
    return redirect(url_for("notifications.inbox"))


@bp.route("/notifications/preferences", methods=["GET", "POST"])
def preferences():
    preference = db.session.get(NotificationPreference, current_user.id)
    form = PreferenceForm(delivery=preference.delivery if preference else Delivery.IN_APP.value)
    if form.validate_on_submit():
        if preference is None:
            preference = NotificationPreference(user_id=current_user.id)
            db.session.add(preference)
        preference.delivery = form.delivery.data
        db.session.commit()
        flash(_("Pilihan pemberitahuan disimpan."), "success")
        return redirect(url_for("notifications.preferences"))
    watches = _watch_list()
    return render_page("notifications/preferences.html", form=form, watches=watches,
                       mail_enabled=mail_enabled(), has_email=bool(current_user.email))


def _watch_list() -> list[tuple[str, object]]:
    # Followed threads are left to their own pages (one click there): they come and go by the dozen.
    rows = db.session.execute(select(Watch.target, Watch.target_id).where(
        Watch.user_id == current_user.id, Watch.target.in_(list(WATCHABLE))).order_by(Watch.created_at)).all()
    found = []
    for target, target_id in rows:
        thing = db.session.get(WATCHABLE[target], target_id)
        if thing is not None:
            found.append((target, thing))
    return found


@bp.post("/watch/<target>/<int:target_id>")
def toggle_watch(target: str, target_id: int):
    """One click follows a CoP or a tag (or stops following it)."""
    if target not in WATCHABLE:
        abort(404)
    thing = get_or_404(WATCHABLE[target], target_id)
    watching = toggle(current_user.id, target, target_id)
    db.session.commit()
    if is_htmx_request():
        return render_page("notifications/_watch.html", target=target, thing=thing, watching=watching)
    flash(_("Anda tidak lagi mengikuti ini.") if not watching else
          _("Anda mengikuti ini: pemberitahuan akan muncul saat ada aset baru."), "success")
    return redirect(safe_next(request.form.get("next")))
