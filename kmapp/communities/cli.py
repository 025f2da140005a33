"""`flask --app kmapp render-minutes`: store every meeting's minutes as HTML again."""
import click
from flask.cli import with_appcontext

from .meetings import rerender_all_minutes


@click.command("render-minutes")
@with_appcontext
def render_minutes_command():
    """Re-render all minutes after a renderer or sanitiser change (pages only show stored HTML)."""
    changed = rerender_all_minutes()
    click.echo(f"Notulen dirender ulang: {changed} pertemuan berubah.")
