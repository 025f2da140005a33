"""Configuration defaults and the checks that guard a production start.

Layers, later wins: `DefaultConfig` -> `instance/config.py` -> environment
(`SECRET_KEY`, `DATABASE_URL`, and `KMAPP_*` for everything else) -> the test mapping.
"""
import os
from datetime import date, timedelta

DEV_SECRET_KEY = "dev-only-not-secret"


class DefaultConfig:
    # "development" or "production"; production refuses unsafe settings.
    ENV_MODE = "development"
    SECRET_KEY = DEV_SECRET_KEY
    SQLALCHEMY_DATABASE_URI = None  # derived from the instance folder when unset
    SQLITE_BUSY_TIMEOUT_MS = 15000

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # set KMAPP_SESSION_COOKIE_SECURE=true behind HTTPS
    PERMANENT_SESSION_LIFETIME = timedelta(hours=10)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    LANGUAGES = ("id", "en")

    # Login throttling (see kmapp/auth/throttle.py).
    LOGIN_WINDOW_MINUTES = 15
    LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS = 5
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 20
    LOGIN_MAX_FAILURES_PER_ADDRESS = 50

    # Runtime data lives in the instance folder unless configured otherwise.
    UPLOAD_DIR = None
    SEARCH_INDEX_DIR = None
    # Index new and changed assets right after their commit, in the same process.
    SEARCH_AUTO_INDEX = True
    MAX_UPLOAD_MB = 50
    # Largest request that is not an upload (forms, sign-in); becomes MAX_CONTENT_LENGTH.
    # Upload endpoints get MAX_UPLOAD_MB per file instead (kmapp/assets/__init__.py).
    MAX_FORM_BYTES = 1024 * 1024
    # Multipart bodies (only uploads use them): any text field, and how many fields and files.
    MAX_FORM_MEMORY_SIZE = 500_000
    MAX_FORM_PARTS = 100
    ASSET_MEETING_REQUIRED_FROM = date(2025, 10, 1)
    # Assets: months until the next review, per asset type (e.g. {"regulation": 24}).
    REVIEW_MONTHS_DEFAULT = 12
    REVIEW_MONTHS_BY_TYPE: dict = {}

    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_MIMETYPES = [
        "text/html", "text/css", "application/javascript", "text/javascript",
        "application/json", "text/csv", "image/svg+xml",
    ]
    SEND_FILE_MAX_AGE_DEFAULT = timedelta(hours=1)


def load_environment(config) -> None:
    """Apply the environment layer: bare SECRET_KEY/DATABASE_URL, then KMAPP_*."""
    if os.environ.get("SECRET_KEY"):
        config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if os.environ.get("DATABASE_URL"):
        config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(os.environ["DATABASE_URL"])
    config.from_prefixed_env("KMAPP")


def normalise_database_url(url: str) -> str:
    """Accept the common `postgres://` spelling and pick the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class UnsafeConfiguration(RuntimeError):
    """Raised when production mode is asked for with settings that are not safe."""


def check_production_safety(config) -> None:
    if config.get("ENV_MODE") != "production":
        return
    key = config.get("SECRET_KEY")
    if not key or key == DEV_SECRET_KEY or len(str(key)) < 32:
        raise UnsafeConfiguration(
            "Refusing to start in production: SECRET_KEY is missing, the development "
            "default, or shorter than 32 characters. Set SECRET_KEY in the environment "
            "or in instance/config.py, e.g. python -c 'import secrets; print(secrets.token_hex(32))'."
        )
