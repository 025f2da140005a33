"""Notifications by e-mail, through the job queue: one mail per person per job (all his unread,
not yet mailed notifications), so a mail server that is down loses nothing: the job waits,
is retried with back-off and parked after MAIL_MAX_ATTEMPTS (`flask jobs --retry-all`)."""
import smtplib
import time
from datetime import datetime, timedelta
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale, gettext as _, ngettext
from sqlalchemy import exists, or_, select, update

from ..clock import local_now
from ..extensions import db
from ..jobs import handler, sweep
from ..jobs.queue import enqueue
from ..models import Delivery, Notification, NotificationPreference, User, utcnow
from .messages import describe

MAIL_JOB = "notify.mail"
MAX_ITEMS_PER_MAIL = 50
DIGEST_CHECK_SECONDS = 600  # the digest sweep looks this often (every worker round would be waste)
_digest_checked_at = {"at": float("-inf")}


def mail_enabled() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def queue_mail(user_id: int) -> None:
    """Queue the mail of `user_id` (at most one waiting per person: it takes all that is new)."""
    enqueue(MAIL_JOB, {"user_id": user_id}, key=f"{MAIL_JOB}:{user_id}", priority=150)


def _pending_for(user_id: int) -> list[Notification]:
    return list(db.session.scalars(
        select(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None),
                                   Notification.emailed_at.is_(None))
        .order_by(Notification.id).limit(MAX_ITEMS_PER_MAIL)))


def compose(user: User, items: list[Notification], digest: bool) -> EmailMessage:
    """A plain-text mail in the person's language, links absolute to PORTAL_BASE_URL."""
    config = current_app.config
    with current_app.test_request_context(base_url=config["PORTAL_BASE_URL"]), force_locale(user.locale or "id"):
        lines = []
        for item in items:
            message = describe(item)
            if message is not None:
                url = config["PORTAL_BASE_URL"].rstrip("/") + message.url
                place = f" ({message.place})" if message.place else ""
                lines.append(f"- {message.lead}: {message.subject}{place}\n  {url}")
        count = len(items)
        subject = (_("Ringkasan harian Portal KM: %(n)d pemberitahuan", n=count) if digest
                   else ngettext("Portal KM: %(num)d pemberitahuan baru", "Portal KM: %(num)d pemberitahuan baru",
                                 count))
        footer = _("Atur cara Anda menerima pemberitahuan di %(url)s",
                   url=config["PORTAL_BASE_URL"].rstrip("/") + "/notifications/preferences")
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = config["MAIL_FROM"], user.email, subject
    mail.set_content("\n".join(lines) + "\n\n" + footer + "\n")
    return mail


def send(mail: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]),
                      timeout=float(config["MAIL_TIMEOUT_SECONDS"])) as smtp:
        if config["MAIL_USE_STARTTLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(mail)


@handler(MAIL_JOB, retry_settings=("MAIL_MAX_ATTEMPTS", "MAIL_RETRY_SECONDS"))
def send_mail(payload: dict, job) -> None:
    """Raises while the server is unreachable: the queue retries later, nothing is marked sent."""
    user = db.session.get(User, payload["user_id"])
    if user is None or not user.active or not user.email or not mail_enabled():
        return
    items = _pending_for(user.id)
    if not items:
        return
    preference = db.session.get(NotificationPreference, user.id)
    digest = preference is not None and preference.delivery == Delivery.DIGEST.value
    send(compose(user, items, digest))
    now = utcnow()
    db.session.execute(update(Notification).where(Notification.id.in_([n.id for n in items]))
                       .values(emailed_at=now))
    if digest:
        preference.digest_sent_at = now


def queue_due_digests(now_local: datetime | None = None) -> int:
    """Queue today's digest of everyone who asked for one and has news; returns how many."""
    now_local = now_local or local_now()
    if not mail_enabled() or now_local.hour < int(current_app.config["NOTIFY_DIGEST_HOUR"]):
        return 0
    # Sent less than 20 hours ago means today's is done (a late worker still sends one a day).
    recent = utcnow() - timedelta(hours=20)
    has_news = exists().where(Notification.user_id == NotificationPreference.user_id,
                              Notification.read_at.is_(None), Notification.emailed_at.is_(None))
    due = list(db.session.scalars(
        select(NotificationPreference.user_id).where(
            NotificationPreference.delivery == Delivery.DIGEST.value,
            or_(NotificationPreference.digest_sent_at.is_(None), NotificationPreference.digest_sent_at < recent),
            has_news)))
    for user_id in due:
        queue_mail(user_id)
    db.session.commit()
    return len(due)


@sweep("notify.digest")
def digest_sweep() -> int:
    if time.monotonic() - _digest_checked_at["at"] < DIGEST_CHECK_SECONDS:
        return 0
    _digest_checked_at["at"] = time.monotonic()
    return queue_due_digests()
