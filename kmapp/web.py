"""Request-wide behaviour: the sign-in wall, safe headers, error pages, template helpers."""
from itertools import chain

from flask import Flask, Response, current_app, jsonify, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError

from . import dates, labels, policy
from .database import write_intent
from .extensions import db, login_manager
from .htmx import is_htmx_request, render_page
from .navigation import nav_links
from .static_files import cache_versioned_static, static_url

# Everything else needs a signed-in user.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "main.healthz", "main.set_language", "static"})

PERSONAL_MIMETYPES = frozenset({"text/html", "application/json", "text/csv",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)


def init_app(app: Flask) -> None:
    app.before_request(_refuse_nul_characters)
    app.before_request(_require_login)
    app.after_request(_safe_headers)
    app.after_request(cache_versioned_static)
    login_manager.unauthorized_handler(_unauthorized)
    login_manager.login_view = "auth.login"
    for code in (400, 403, 404, 405, 413, 500):
        app.register_error_handler(code, error_page)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    dates.init_app(app)
    app.jinja_env.globals.update(static_url=static_url, policy=policy, labels=labels, nav_links=nav_links,
                                  get_locale=get_locale, unread_notifications=_unread_notifications)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def _unread_notifications() -> int:
    """The header's count, rendered with the page: no timer polls over a slow link."""
    from .notifications.events import unread_count
    return unread_count(current_user.id) if current_user.is_authenticated else 0


def _refuse_nul_characters():
    """400 for a NUL character anywhere in what a request may hand to the database.

    PostgreSQL refuses NUL in text (a 500 even on the sign-in page) and no field needs one;
    refusing it here covers every route, form and query string at once.
    """
    if not _carries_nul():
        return None
    return render_page("errors/error.html", "content", status=400, code=400, title=ERROR_TITLES[400],
                       message=_("Permintaan berisi karakter NUL yang tidak diizinkan. Periksa isian Anda, lalu "
                                 "kirim lagi."))


def _carries_nul() -> bool:
    pairs = chain(request.args.items(multi=True), request.form.items(multi=True), request.cookies.items(multi=True),
                  ((name, upload.filename or "") for name, upload in request.files.items(multi=True)))
    texts = chain.from_iterable(pairs)
    return any("\0" in text for text in chain(texts, (request.path, request.user_agent.string or "")))


def _require_login():
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    return _unauthorized()


def _unauthorized() -> Response:
    """Send anonymous users to sign in; htmx gets HX-Redirect so the page, not a fragment, changes."""
    target = url_for("auth.login", next=request.full_path if request.method == "GET" else None)
    if is_htmx_request():
        response = Response(status=401)
        response.headers["HX-Redirect"] = target
        return response
    if request.accept_mimetypes.best == "application/json":
        return jsonify(error="authentication required"), 401
    return redirect(target)


def _safe_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_user and current_user.is_authenticated and response.mimetype in PERSONAL_MIMETYPES:
        # Pages with personal data must not be kept by shared caches or the back-forward cache.
        # Stored files set their own private caching, so a video is not fetched again each visit.
        response.cache_control.private = True
        response.cache_control.no_store = True
    return response


ERROR_TITLES = {
    400: _l("Permintaan tidak valid"),
    403: _l("Akses ditolak"),
    404: _l("Halaman tidak ditemukan"),
    405: _l("Metode tidak diizinkan"),
    413: _l("Kiriman terlalu besar"),
    500: _l("Terjadi kesalahan pada server"),
    503: _l("Basis data sedang sibuk"),
}
# SQLite's words for "another process holds the write lock" and "the file cannot be written".
UNAVAILABLE_SIGNS = ("database is locked", "database table is locked", "readonly database",
                     "unable to open database", "disk i/o error", "database or disk is full")
RETRY_AFTER_SECONDS = 30


def error_page(error):
    code = getattr(error, "code", 500) or 500
    # The failure may have left the session unusable (a failed flush) and the page itself reads
    # the database (the signed-in user, the menu); an error page never writes anything anyway.
    db.session.rollback()
    with write_intent(False):  # a reader: never queues behind (or fails on) the write lock
        return render_page("errors/error.html", "content", status=code, code=code,
                           title=ERROR_TITLES.get(code, ERROR_TITLES[500]), error=error,
                           message=_form_too_large_message() if code == 413 else None)


def _form_too_large_message() -> str:
    limit = int(current_app.config["MAX_FORM_BYTES"])
    size = f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{max(1, limit // 1024)} KB"
    return _("Kiriman melebihi batas %(limit)s untuk isian formulir. Persingkat isian, lalu kirim lagi.",
             limit=size)


def _csrf_error(error):
    return render_page("errors/error.html", "content", status=400, code=400,
                       title=_("Sesi formulir kedaluwarsa"),
                       message=_("Muat ulang halaman lalu kirim formulir sekali lagi."), error=error)


def _database_unavailable(error: OperationalError):
    """A writer that waited out the busy timeout, or a database that cannot be written: say so
    and ask to try again (nothing was saved); any other database failure is a 500."""
    current_app.log_exception(error)
    if not any(sign in str(error.orig).lower() for sign in UNAVAILABLE_SIGNS):
        return error_page(error)
    db.session.rollback()
    with write_intent(False):
        response = render_page("errors/error.html", "content", status=503, code=503, title=ERROR_TITLES[503],
                               message=_("Perubahan Anda belum tersimpan karena basis data sedang dipakai proses "
                                         "lain atau tidak dapat ditulis. Coba kirim lagi dalam beberapa saat."),
                               error=error)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
