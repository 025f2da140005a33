"""Portal KM: the knowledge-management portal of Pemprov DKI Jakarta."""
import os
from pathlib import Path

from flask import Flask

from .config import DefaultConfig, check_production_safety, load_environment

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Build the application: configuration layers, extensions, blueprints, CLI."""
    app = Flask(
        __name__,
        instance_path=instance_path or os.environ.get("KMAPP_INSTANCE_PATH") or str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    load_environment(app.config)
    if test_config:
        app.config.from_mapping(test_config)
    check_production_safety(app.config)
    _derive_runtime_paths(app)

    _init_extensions(app)
    _register_blueprints(app)

    from . import cli, web
    from .jobs import triggers
    from .search import backends, caches, stem_store
    backends.init_app(app)
    # One memory budget for the search caches of this process (the last app created sets it).
    caches.set_memory_budget(app.config["SEARCH_CACHE_MEMORY_MB"])
    # Stems are shared by the processes of one machine (and one index folder).
    stem_store.use_folder(app.config["SEARCH_INDEX_DIR"])
    web.init_app(app)
    cli.init_app(app)
    triggers.init_app(app)
    from .people import evidence
    evidence.init_app(app)
    _trust_proxies(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Take the client's address and scheme from the configured number of proxies in front."""
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops < 0:
        raise ValueError("PROXY_HOPS must be 0 or more")
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def _derive_runtime_paths(app: Flask) -> None:
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'kmapp.db'}"
    app.config["UPLOAD_DIR"] = str(app.config.get("UPLOAD_DIR") or instance / "uploads")
    app.config["SEARCH_INDEX_DIR"] = str(app.config.get("SEARCH_INDEX_DIR") or instance / "search-index")
    # Flask defines MAX_CONTENT_LENGTH as None (no limit), so it is set here, not defaulted:
    # every request is small; the upload endpoints raise their own limit per request.
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_FORM_BYTES"])


def _init_extensions(app: Flask) -> None:
    from .database import configure_engine
    from .extensions import babel, compress, csrf, db, login_manager, migrate
    from .i18n import select_locale

    from . import models  # noqa: F401  (register every table on the metadata)

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    compress.init_app(app)
    login_manager.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from .integers import DatabaseIntConverter
    # Before any route is added: every `<int:...>` is bounded to what the database can store.
    app.url_map.converters["int"] = DatabaseIntConverter

    from .admin import bp as admin_bp
    from .assets import bp as assets_bp
    from .award import bp as award_bp
    from .auth import bp as auth_bp
    from .communities import bp as communities_bp
    from .discussions import bp as discussions_bp
    from .main import bp as main_bp
    from .guide import bp as guide_bp
    from .handover import bp as handover_bp
    from .maturity import bp as maturity_bp
    from .notifications import bp as notifications_bp
    from .people import bp as people_bp
    from .search import bp as search_bp
    from .programme import bp as programme_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(communities_bp)
    app.register_blueprint(assets_bp, url_prefix="/assets")
    app.register_blueprint(search_bp)
    app.register_blueprint(programme_bp, url_prefix="/programme")
    app.register_blueprint(maturity_bp, url_prefix="/maturity")
    app.register_blueprint(award_bp, url_prefix="/award")
    app.register_blueprint(notifications_bp)
    app.register_blueprint(guide_bp)
    app.register_blueprint(handover_bp, url_prefix="/handover")
    app.register_blueprint(discussions_bp)
    app.register_blueprint(people_bp)
