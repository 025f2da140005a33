"""`flask --app kmapp reindex | check | search-drain`: thin wrappers for operators."""
import sys

import click
from flask.cli import with_appcontext


@click.command("reindex")
@with_appcontext
def reindex_command():
    """Rebuild the search index from the database and switch to it atomically."""
    from .rebuild import reindex

    report = reindex()
    click.echo(f"Indeks baru {report.generation}: {report.documents} aset. "
               f"Generasi lama dihapus: {len(report.removed_generations)}.")


@click.command("check")
@with_appcontext
def check_command():
    """Compare database and search index; exit status 1 when they differ."""
    from .rebuild import compare

    differences = compare()
    for asset_id, title in differences.missing:
        click.echo(f"hilang dari indeks: #{asset_id} {title}")
    for asset_id in differences.extra:
        click.echo(f"tidak ada di basis data: #{asset_id}")
    for asset_id in differences.stale:
        click.echo(f"usang: #{asset_id}")
    if differences.missing_fields:
        click.echo(f"indeks dibuat sebelum kolom: {', '.join(differences.missing_fields)}")
    click.echo(f"antrean indeks: {differences.backlog} baris")
    if differences.in_step:
        click.echo("Indeks sesuai dengan basis data.")
    else:
        click.echo("Indeks berbeda dari basis data: jalankan `flask --app kmapp reindex`.")
        sys.exit(1)


@click.command("search-drain")
@with_appcontext
def drain_command():
    """Index every asset waiting in the search outbox now."""
    from .indexing import drain_outbox

    report = drain_outbox()
    if report.busy:
        click.echo("Proses lain sedang memperbarui indeks; antrean dikerjakan olehnya.")
    click.echo(f"Diindeks {report.indexed}, dihapus dari indeks {report.removed}.")

COMMANDS = (reindex_command, check_command, drain_command)
