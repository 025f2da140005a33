"""`flask --app kmapp ocr-queue`: recognise the scans received while OCR was not installed."""
import click
from flask.cli import with_appcontext


@click.command("ocr-queue")
@with_appcontext
def ocr_queue_command():
    """Queue text recognition of every scan that was kept waiting because OCR was not available."""
    from .jobs import queue_unavailable
    from .tesseract import availability

    ready, reason = availability()
    if not ready:
        raise click.ClickException(f"OCR belum tersedia: {reason}.")
    click.echo(f"{queue_unavailable()} berkas pindaian diantrekan untuk dikenali.")
