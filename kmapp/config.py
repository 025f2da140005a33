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
    # The cookie is sent again only when the session changes (sign-in, a flash message, the
    # language): re-sending it with every response let a late htmx autosave response put back
    # a cookie without the flash its parallel form submit had just set ("... dikirim." lost).
    # Nothing slides: the session row expires PERMANENT_SESSION_LIFETIME after sign-in anyway.
    SESSION_REFRESH_EACH_REQUEST = False
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    LANGUAGES = ("id", "en")

    # argon2id cost (kmapp/auth/passwords.py): OWASP's recommended minimum, chosen by measurement.
    PASSWORD_TIME_COST = 2
    PASSWORD_MEMORY_KIB = 19456
    PASSWORD_PARALLELISM = 1

    # Login throttling with device cookies (see kmapp/auth/throttle.py and devices.py); failures
    # per window. A trusted browser may mistype 5 times, as one address always could, so a copied
    # device cookie buys only 5 guesses. Unknown devices share 5 per account and address and 20 per
    # account (at most ~1,900 guesses a day at one account; reaching it pauses only new devices, the
    # owner's browser still signs in), and 50 per address to stop one machine spraying accounts.
    # A device cookie lasts a year: people sign in from the same office PC for years, and a shorter
    # life would just make the owner "unknown" exactly when an attack pauses new devices.
    LOGIN_WINDOW_MINUTES = 15
    LOGIN_MAX_FAILURES_PER_DEVICE = 5
    LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS = 5
    LOGIN_MAX_FAILURES_UNKNOWN_DEVICES_PER_ACCOUNT = 20
    LOGIN_MAX_FAILURES_PER_ADDRESS = 50
    DEVICE_COOKIE_DAYS = 365

    # Runtime data lives in the instance folder unless configured otherwise.
    UPLOAD_DIR = None
    SEARCH_INDEX_DIR = None
    # "whoosh": the embedded index in SEARCH_INDEX_DIR (one app server). "postgres": the index in
    # the portal's PostgreSQL database, written in each change's transaction, for several app
    # servers sharing one database (refused at start-up on SQLite). See kmapp/search/backends.
    SEARCH_BACKEND = "whoosh"
    # Drains commit without merging; the worker merges once the outbox is empty and the index
    # has this many segments (or run `flask --app kmapp search-merge`).
    SEARCH_MERGE_AT_SEGMENTS = 10
    # Segments with at least this many documents get a forward file (each body as a string of
    # term hashes) so phrases are found without decoding positions (kmapp/search/forward.py);
    # built by reindex and, after merges, by the worker. 0 turns them off.
    SEARCH_FORWARD_MIN_DOCS = 2000
    # Processes a rebuild (`flask reindex`) analyses documents in; None: one per core, up to 4.
    SEARCH_REINDEX_PROCESSES = None
    # Memory the search caches of one process may hold, split among them by documented shares
    # (kmapp/search/caches.py); hit rates in /healthz and `flask search-cache-stats`. A ceiling,
    # not a reservation: at 100,000 assets 300 distinct queries keep ~170 MB (no evictions).
    SEARCH_CACHE_MEMORY_MB = 384
    # Read the most common terms' postings into the caches in a background thread when a
    # process opens an index generation, so the first searches are not the slow ones.
    SEARCH_WARM_UP = True
    # Reverse proxies / load balancers in front of the app that set X-Forwarded-For and
    # X-Forwarded-Proto (nginx before gunicorn, a balancer before several servers): how many to
    # trust. 0 ignores the headers, since a client could forge them; sign-in throttling and the
    # audit log need the real client address (see README, "Several app servers").
    PROXY_HOPS = 0
    # Background work (kmapp/jobs/worker.py): "embedded" (a worker thread in each app process),
    # "external" (run `flask --app kmapp worker` beside the app servers) or "inline" (tests).
    JOBS_WORKER = "embedded"
    JOBS_THREADS = 1  # jobs run at once by one worker (each may start a child process)
    JOBS_POLL_SECONDS = 2.0  # an idle worker looks for work queued by other processes this often
    JOBS_MAX_ATTEMPTS = 3  # a job that raised this many times is parked with its error
    JOBS_RETRY_SECONDS = 30  # first retry after a failure; doubles each time
    JOBS_MAX_CRASHES = 2  # a job whose worker died this many times is parked
    JOBS_LEASE_SECONDS = 900  # a claim older than this is abandoned (workers on other hosts)
    JOBS_RECOVER_SECONDS = 60  # how often a worker looks for jobs of dead workers
    # Reading text out of files, in a child process per file (kmapp/extraction).
    EXTRACT_TIMEOUT_SECONDS = 60
    EXTRACT_CPU_SECONDS = 60
    EXTRACT_MEMORY_MB = 2048
    EXTRACT_MAX_PAGES = 2000
    # Recognising scans (kmapp/ocr): Tesseract with these languages, page by page in the worker.
    OCR_ENABLED = True
    OCR_TESSERACT = "tesseract"  # the command, or its full path (Windows: C:\\Program Files\\...)
    OCR_LANGUAGES = "ind+eng"
    OCR_MAX_PAGES = 200  # pages recognised per document; the rest are named in a note
    OCR_SECONDS_PER_PAGE = 120
    OCR_MEMORY_MB = 1024  # address space of one Tesseract process
    OCR_DETECT_ROTATION = True  # turn pages scanned sideways or upside down first
    OCR_ROTATION_MIN_CONFIDENCE = 5.0
    OCR_MIN_PAGE_CHARS = 50  # a PDF page with less text of its own is read from its image
    OCR_MIN_CHARS_PER_100KB = 100  # a PDF with less text than this for its size is a scan
    MAX_UPLOAD_MB = 50
    # A file sent with a form that had errors elsewhere is kept this long for the next try
    # (kmapp/assets/pending.py); then it is removed with its row.
    PENDING_UPLOAD_MINUTES = 60
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
    # KM Award: assessors' totals for one agency further apart than this (points of 100) are
    # flagged for moderation.
    AWARD_DISAGREEMENT_MARGIN = 15.0

    # E-mail for notifications (kmapp/notifications/mail.py): none while MAIL_SERVER is empty.
    # Mails go through the job queue: while the server is down they wait and are retried,
    # backing off from MAIL_RETRY_SECONDS (doubling), and are parked after MAIL_MAX_ATTEMPTS.
    MAIL_SERVER = ""
    MAIL_PORT = 25
    MAIL_USE_STARTTLS = False
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_FROM = "Portal KM <portal-km@localhost>"
    MAIL_TIMEOUT_SECONDS = 20
    MAIL_MAX_ATTEMPTS = 10  # with 60 s doubling: about 17 hours of retries before parking
    MAIL_RETRY_SECONDS = 60
    # Links in e-mails point here (the portal's address on the intranet).
    PORTAL_BASE_URL = "http://localhost:8000"
    # Daily digests go out at the first worker round after this local hour.
    NOTIFY_DIGEST_HOUR = 7

    # Discussions (kmapp/discussions): posts (threads and replies) one person may write per window.
    DISCUSSION_MAX_POSTS = 6
    DISCUSSION_RATE_MINUTES = 10

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
