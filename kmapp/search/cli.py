"""`flask --app kmapp reindex | search-drain | search-merge | search-cache-stats`: thin wrappers
for operators (`check` compares the index too: kmapp/maintenance/check.py)."""
import click
from flask.cli import with_appcontext


@click.command("reindex")
@click.option("--processes", type=click.IntRange(1, 64), default=None,
              help="Processes that analyse documents (default: SEARCH_REINDEX_PROCESSES, "
                   "or one per core up to 4).")
@with_appcontext
def reindex_command(processes):
    """Rebuild the search index from the database and switch to it atomically."""
    from .backends import current_backend

    report = current_backend().reindex(processes=processes)
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

@click.command("search-merge")
@click.option("--all", "optimize", is_flag=True, help="Merge every segment into one (slow; best search speed).")
@with_appcontext
def merge_command(optimize):
    """Merge the index's small segments now (the worker does it when idle)."""
    from .indexing import merge_segments, segment_count

    before = segment_count()
    if not merge_segments(optimize=optimize):
        raise click.ClickException("Indeks sedang dipakai proses lain; coba lagi sebentar lagi.")
    click.echo(f"Segmen indeks: {before} -> {segment_count()}.")


@click.command("search-cache-stats")
@click.option("--url", default=None,
              help="Alamat portal yang berjalan (bawaan: PORTAL_BASE_URL); angka dibaca dari /healthz-nya.")
@with_appcontext
def cache_stats_command(url):
    """Show a running app server's search caches: memory budget, use and hit rates."""
    from flask import current_app

    from .cache_report import fetch_cache_stats, format_cache_stats

    address = url or current_app.config["PORTAL_BASE_URL"]
    try:
        stats = fetch_cache_stats(address)
    except (OSError, ValueError, KeyError) as error:
        raise click.ClickException(f"Tidak dapat membaca {address}/healthz: {error}") from error
    click.echo(format_cache_stats(stats))


COMMANDS = (reindex_command, drain_command, merge_command, cache_stats_command)
