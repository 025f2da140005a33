"""`flask --app kmapp <command>`: thin wrappers over service functions."""
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from .extensions import db


def init_app(app: Flask) -> None:
    from .assets.cli import import_assets, purge_uploads
    from .jobs.cli import COMMANDS as job_commands
    from .maintenance.check import check_command
    from .search.cli import COMMANDS as search_commands
    for command in (init_db, seed_demo_command, create_user, set_password_command, import_users,
                    backup_command, restore_command, import_assets, purge_uploads, *search_commands,
                    *job_commands, check_command):
        app.cli.add_command(command)
    from .communities.cli import render_minutes_command
    app.cli.add_command(render_minutes_command)
    from .handover.cli import import_departures_command
    app.cli.add_command(import_departures_command)
    from .ocr.cli import ocr_queue_command
    app.cli.add_command(ocr_queue_command)
    from .people.cli import people_reindex_command
    app.cli.add_command(people_reindex_command)
    from .moving.cli import move_to_postgres_command
    app.cli.add_command(move_to_postgres_command)


def refuse_in_production(what: str) -> None:
    if current_app.config.get("ENV_MODE") == "production":
        raise click.ClickException(f"{what} tidak boleh dijalankan dalam mode produksi.")


@click.command("init-db")
@with_appcontext
def init_db():
    """Create or upgrade the database schema (runs the migrations)."""
    upgrade()
    click.echo("Basis data siap (migrasi terbaru diterapkan).")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (exit 0) if the database already has data.")
@with_appcontext
def seed_demo_command(if_empty):
    """Fill an empty database with the demo programme (refused in production)."""
    from .demo.seed import AlreadySeeded, seed_demo

    refuse_in_production("seed-demo")
    try:
        click.echo(seed_demo())
    except AlreadySeeded as error:
        if not if_empty:
            raise click.ClickException(str(error)) from None
        click.echo("Basis data sudah berisi data; seed-demo dilewati.")


@click.command("create-user")
@with_appcontext
@click.option("--login", "login", required=True, help="NIP (18 angka) atau nama pengguna")
@click.option("--name", required=True)
@click.option("--email")
@click.option("--agency", "agency_code", help="Kode perangkat daerah")
@click.option("--role", "roles", multiple=True, default=["employee"], show_default=True)
@click.password_option(help="Kata sandi (ditanyakan bila tidak diberikan)")
def create_user(login, name, email, agency_code, roles, password):
    """Create an account, or update it if it exists."""
    from .accounts.provisioning import AccountError, AccountSpec, upsert_account

    try:
        user, outcome = upsert_account(AccountSpec(login, name, email, agency_code, tuple(roles)), password)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"{outcome}: {user.login_name} ({', '.join(sorted(user.roles))})")


@click.command("set-password")
@with_appcontext
@click.argument("login")
@click.password_option()
def set_password_command(login, password):
    """Set the password of an existing account."""
    from .accounts.provisioning import AccountError, set_password
    from .auth.services import find_account
    from .auth.sessions import end_all_sessions

    user = find_account(login)
    if user is None:
        raise click.ClickException(f"Akun tidak ditemukan: {login}")
    try:
        set_password(user, password)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    end_all_sessions(user)
    db.session.commit()
    click.echo(f"Kata sandi {user.login_name} diganti.")


@click.command("import-users")
@with_appcontext
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_users(csv_file):
    """Import accounts from CSV: nip_or_username,name,email,agency_code,roles[,position_class,supervisor]."""
    from .accounts.provisioning import import_users_csv

    report = import_users_csv(csv_file)
    for line, reason in report.errors:
        click.echo(f"baris {line}: {reason}", err=True)
    click.echo(f"dibuat {report.created}, diperbarui {report.updated}, tidak berubah {report.unchanged}, "
               f"ditolak {len(report.errors)}")


@click.command("backup")
@with_appcontext
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
def backup_command(destination):
    """Copy database, uploads and search index into DESTINATION (an empty folder)."""
    from .maintenance.backup import BackupError, backup

    try:
        result = backup(destination)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup selesai di {result.destination}: basis data {result.database_bytes} bita "
               f"(integrity_check ok), {result.upload_files} berkas unggahan, {result.index_files} berkas indeks.")


@click.command("restore")
@with_appcontext
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Konfirmasi: data saat ini akan ditimpa.")
def restore_command(source, yes):
    """Replace database, uploads and search index with a backup (stop the app first)."""
    from .maintenance.backup import BackupError, restore

    if not yes:
        raise click.ClickException("Restore menimpa data saat ini. Hentikan aplikasi, lalu ulangi dengan --yes.")
    try:
        restore(source)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Data dipulihkan dari {source}.")
