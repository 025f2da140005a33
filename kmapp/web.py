"""Request-wide behaviour: the sign-in wall, safe headers, error pages, template helpers."""
from flask import Flask, Response, jsonify, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from . import dates, labels, policy
from .extensions import login_manager
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
    app.before_request(_require_login)
    app.after_request(_safe_headers)
    app.after_request(cache_versioned_static)
    login_manager.unauthorized_handler(_unauthorized)
    login_manager.login_view = "auth.login"
    for code in (400, 403, 404, 405, 413, 500):
        app.register_error_handler(code, _error_page)
    app.register_error_handler(CSRFError, _csrf_error)
    dates.init_app(app)
    app.jinja_env.globals.update(static_url=static_url, policy=policy, labels=labels, nav_links=nav_links,
                                  get_locale=get_locale)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


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
    413: _l("Berkas terlalu besar"),
    500: _l("Terjadi kesalahan pada server"),
}


def _error_page(error):
    code = getattr(error, "code", 500) or 500
    return render_page("errors/error.html", "content", status=code, code=code,
                       title=ERROR_TITLES.get(code, ERROR_TITLES[500]), error=error)


def _csrf_error(error):
    return render_page("errors/error.html", "content", status=400, code=400,
                       title=_("Sesi formulir kedaluwarsa"),
                       message=_("Muat ulang halaman lalu kirim formulir sekali lagi."), error=error)
