"""Hostile input on a real PostgreSQL server: its INTEGER and text types are stricter than SQLite's.

Each test works in a schema of its own (the `pg_app` fixture of test_postgres.py).
"""
import pytest
from flask_migrate import upgrade

from kmapp.extensions import db

from .conftest import World, sign_in
from .test_cli import CSV_WITH_A_ROW_THE_DATABASE_REFUSES, import_with_a_refused_row
from .test_request_input import add_failing_flush_route
from .test_postgres import pg_app, pytestmark  # noqa: F401  (the schema-per-test fixture, skip rule)

BEYOND_POSTGRES = str(2**31)


@pytest.fixture
def pg_world(pg_app):  # noqa: F811
    """The usual world (tests/conftest.py) on the migrated PostgreSQL schema; 500s become pages."""
    pg_app.config["PROPAGATE_EXCEPTIONS"] = False
    with pg_app.app_context():
        upgrade()
        built = World()
        ids = {name: getattr(value, "id") for name, value in vars(built).items()}
    return type("WorldIds", (), ids)


def test_ids_beyond_postgresql_integer_are_not_found(pg_app, pg_world):  # noqa: F811
    client = pg_app.test_client()
    assert sign_in(client, "admin").status_code == 302
    for path in (f"/assets/{BEYOND_POSTGRES}", f"/cops/{BEYOND_POSTGRES}", f"/meetings/{BEYOND_POSTGRES}",
                 f"/programme/agencies/{BEYOND_POSTGRES}"):
        assert client.get(path).status_code == 404, path
    for url in (f"/people/lookup?q=pegawai&cop={BEYOND_POSTGRES}", f"/assets/new?cop={BEYOND_POSTGRES}",
                f"/assets/new?meeting={BEYOND_POSTGRES}", f"/admin/users?page={BEYOND_POSTGRES}"):
        assert client.get(url).status_code == 200, url
    assert client.post(f"/quarters/{BEYOND_POSTGRES}/4/unlock").status_code == 404


def test_a_nul_character_is_a_clear_400_on_postgresql(pg_app, pg_world):  # noqa: F811
    client = pg_app.test_client()
    refused = sign_in(client, "peg\x00awai")  # anonymous: PostgreSQL used to fail the look-up
    assert refused.status_code == 400 and "karakter NUL" in refused.get_data(as_text=True)
    assert sign_in(client, "lead.a").status_code == 302
    fields = {"held_on": "2025-08-20", "topic": "Rapat\x00", "format": "offline", "head_count": "3",
              "seci_stages": ["socialization"]}
    assert client.post(f"/cops/{pg_world.cop_a}/meetings/new", data=fields).status_code == 400
    assert client.get("/people/lookup", query_string={"q": "peg\x00"}).status_code == 400


def test_the_error_page_renders_after_a_failed_flush_on_postgresql(pg_app, pg_world):  # noqa: F811
    add_failing_flush_route(pg_app)  # PostgreSQL aborts the whole transaction after the failed INSERT
    client = pg_app.test_client()
    assert sign_in(client, "lead.a").status_code == 302
    response = client.post("/test-only/failing-flush")
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.get_data(as_text=True)
    assert client.get("/").status_code == 200


def test_import_users_keeps_the_good_rows_on_postgresql(pg_app, tmp_path):  # noqa: F811
    with pg_app.app_context():
        upgrade()
    too_long = "pemanjang.nama," + "N" * 250 + ",,,employee\n"  # name is VARCHAR(200): PostgreSQL refuses
    with_nul = "nul.name,Na\x00ma,,,employee\n"  # refused by the import's own checks
    csv_text = CSV_WITH_A_ROW_THE_DATABASE_REFUSES + too_long + with_nul
    first, again, logins = import_with_a_refused_row(pg_app, pg_app.test_cli_runner(), tmp_path, csv_text)
    assert first.exit_code == 0, first.output
    assert "dibuat 2, diperbarui 0, tidak berubah 0, ditolak 3" in first.output
    assert "baris 3: ditolak oleh basis data" in first.output and "baris 5: ditolak oleh basis data" in first.output
    assert "baris 6: Isian berisi karakter NUL" in first.output
    assert "dibuat 0, diperbarui 0, tidak berubah 2, ditolak 3" in again.output
    assert logins == {"pertama.satu", "ketiga.tiga"}
