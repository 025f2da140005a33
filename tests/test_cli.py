"""The `flask --app kmapp` commands, run as an operator would."""
import os
import sqlite3
import subprocess
import sys

import sqlalchemy as sa
from sqlalchemy import func, select

from kmapp.extensions import db
from kmapp.models import Agency, User

CSV = """nip_or_username,name,email,agency_code,roles
198503152010012003,Siti Rahma,siti@jakarta.go.id,DINKES,employee
konsultan.andi,Andi Konsultan,andi@madep.co.id,,facilitator
198502302010012003,Tanggal Salah,,DINKES,employee
tanpa.nama,,,DINKES,employee
pegawai.x,Pegawai X,,NOPE,employee
pegawai.y,Pegawai Y,,DINKES,superuser
12345,Angka Pendek,,DINKES,employee
konsultan.andi,Andi Dua Kali,,,facilitator
"""


def test_import_users_reports_bad_rows_and_imports_good_ones(app, runner, tmp_path):
    with app.app_context():
        db.session.add(Agency(code="DINKES", name="Dinas Kesehatan", kind="dinas", headcount=10))
        db.session.commit()
    path = tmp_path / "users.csv"
    path.write_text(CSV, encoding="utf-8")
    result = runner.invoke(args=["import-users", str(path)])
    assert "dibuat 2, diperbarui 0, tidak berubah 0, ditolak 6" in result.output
    for line, reason in [(4, "Tanggal lahir"), (5, "Nama wajib"), (6, "NOPE"), (7, "superuser"),
                         (8, "18 angka"), (9, "lebih dari sekali")]:
        assert f"baris {line}: " in result.output and reason in result.output, (line, result.output)
    again = runner.invoke(args=["import-users", str(path)])
    assert "dibuat 0, diperbarui 0, tidak berubah 2" in again.output
    with app.app_context():
        siti = db.session.scalar(select(User).where(User.nip == "198503152010012003"))
        assert siti.agency.code == "DINKES" and siti.roles == {"employee"}
        assert db.session.scalar(select(func.count()).select_from(User)) == 2


def test_create_user_then_sign_in(app, runner, client):
    result = runner.invoke(args=["create-user", "--login", "admin.baru", "--name", "Admin Baru",
                                 "--role", "admin", "--password", "kuat-sekali-1"])
    assert result.exit_code == 0, result.output
    response = client.post("/login", data={"login": "admin.baru", "password": "kuat-sekali-1"})
    assert response.status_code == 302
    assert client.get("/admin/users").status_code == 200


def test_create_user_rejects_bad_nip_with_reason(runner):
    result = runner.invoke(args=["create-user", "--login", "198513152010012003", "--name", "X",
                                 "--password", "kuat-sekali-1"])
    assert result.exit_code != 0 and "Tanggal lahir" in result.output


def _flask(instance, *args, env_extra=None):
    env = {**os.environ, "KMAPP_INSTANCE_PATH": str(instance), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "flask", "--app", "kmapp", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_init_db_on_an_empty_sqlite_file_runs_the_migrations(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "kmapp.db").touch()
    result = _flask(instance, "init-db")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(instance / "kmapp.db") as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"agency", "user", "meeting", "asset", "asset_access", "audit_log", "alembic_version"} <= tables
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert _flask(instance, "init-db").returncode == 0  # running it twice is harmless


def test_seed_demo_refuses_in_production(tmp_path):
    instance = tmp_path / "instance"
    result = _flask(instance, "seed-demo", env_extra={"KMAPP_ENV_MODE": "production", "SECRET_KEY": "s" * 40})
    assert result.returncode != 0 and "produksi" in result.stderr


# Stands in for any constraint the database holds and the CSV checks do not (here: one account
# per e-mail address, as a deployment might add): a row the database refuses.
UNIQUE_EMAIL = 'CREATE UNIQUE INDEX test_only_unique_email ON "user" (email)'

CSV_WITH_A_ROW_THE_DATABASE_REFUSES = """nip_or_username,name,email,agency_code,roles
pertama.satu,Pertama Satu,sama@jakarta.go.id,,employee
kedua.dua,Kedua Dua,sama@jakarta.go.id,,employee
ketiga.tiga,Ketiga Tiga,ketiga@jakarta.go.id,,employee
"""


def import_with_a_refused_row(app, runner, tmp_path, csv_text=CSV_WITH_A_ROW_THE_DATABASE_REFUSES):
    """Run import-users twice over a CSV whose line 3 the database refuses; return both outputs."""
    with app.app_context():
        db.session.execute(sa.text(UNIQUE_EMAIL))
        db.session.commit()
    path = tmp_path / "users.csv"
    path.write_text(csv_text, encoding="utf-8")
    first = runner.invoke(args=["import-users", str(path)])
    again = runner.invoke(args=["import-users", str(path)])
    with app.app_context():
        logins = set(db.session.scalars(select(User.username)))
    return first, again, logins


def test_import_users_keeps_the_good_rows_when_the_database_refuses_one(app, runner, tmp_path):
    first, again, logins = import_with_a_refused_row(app, runner, tmp_path)
    assert first.exit_code == 0, first.output
    assert "dibuat 2, diperbarui 0, tidak berubah 0, ditolak 1" in first.output
    assert "baris 3: ditolak oleh basis data" in first.output
    assert "dibuat 0, diperbarui 0, tidak berubah 2, ditolak 1" in again.output
    assert logins == {"pertama.satu", "ketiga.tiga"}
