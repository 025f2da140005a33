"""`flask --app kmapp reindex | search-drain`: thin wrappers for operators (`check` compares
the index too: kmapp/maintenance/check.py)."""
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


@click.command("search-drain")
@with_appcontext
def drain_command():
    """Index every asset waiting in the search outbox now."""
    from .indexing import drain_outbox

    report = drain_outbox()
    if report.busy:
        click.echo("Proses lain sedang memperbarui indeks; antrean dikerjakan olehnya.")
    click.echo(f"Diindeks {report.indexed}, dihapus dari indeks {report.removed}.")

COMMANDS = (reindex_command, drain_command)
