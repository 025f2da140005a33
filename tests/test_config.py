import pytest

from kmapp import create_app
from kmapp.config import UnsafeConfiguration


def test_layers_apply_in_order_defaults_instance_environment_test(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        "MAX_UPLOAD_MB = 10\nLOGIN_WINDOW_MINUTES = 30\nBABEL_DEFAULT_TIMEZONE = 'UTC'\n")
    monkeypatch.setenv("KMAPP_LOGIN_WINDOW_MINUTES", "45")
    monkeypatch.setenv("KMAPP_BABEL_DEFAULT_TIMEZONE", "Asia/Makassar")
    app = create_app({"BABEL_DEFAULT_TIMEZONE": "Asia/Jayapura"}, instance_path=str(instance))
    assert app.config["SQLITE_BUSY_TIMEOUT_MS"] == 15000          # default
    assert app.config["MAX_UPLOAD_MB"] == 10                       # instance/config.py
    assert app.config["LOGIN_WINDOW_MINUTES"] == 45                # environment beats instance
    assert app.config["BABEL_DEFAULT_TIMEZONE"] == "Asia/Jayapura"  # test mapping beats all


def test_database_url_and_secret_key_come_from_plain_environment_names(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@localhost/km")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    app = create_app(instance_path=str(tmp_path))
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@localhost/km"
    assert app.config["SECRET_KEY"] == "x" * 40


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path):
    app = create_app(instance_path=str(tmp_path / "inst"))
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'inst' / 'kmapp.db'}"
    assert app.config["UPLOAD_DIR"] == str(tmp_path / "inst" / "uploads")


@pytest.mark.parametrize("secret", [None, "dev-only-not-secret", "short"])
def test_production_refuses_missing_default_or_weak_secret_key(tmp_path, monkeypatch, secret):
    monkeypatch.setenv("KMAPP_ENV_MODE", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    overrides = {"SECRET_KEY": secret} if secret else {"SECRET_KEY": None}
    with pytest.raises(UnsafeConfiguration, match="SECRET_KEY"):
        create_app(overrides, instance_path=str(tmp_path))


def test_production_starts_with_a_strong_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("KMAPP_ENV_MODE", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    app = create_app(instance_path=str(tmp_path))
    assert app.config["ENV_MODE"] == "production"
