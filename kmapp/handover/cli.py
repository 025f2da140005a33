"""`flask --app kmapp import-departures FILE.csv`: the CSV import of departures, from the command line."""
from pathlib import Path

import click
from flask.cli import with_appcontext


@click.command("import-departures")
@with_appcontext
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_departures_command(csv_file):
    """Import departures from CSV: nip_or_username,kind(mutasi|pensiun),leaving_on(YYYY-MM-DD),to_agency_code."""
    from .recording import import_departures_csv

    report = import_departures_csv(csv_file.read_text(encoding="utf-8-sig"), actor=None)
    for line, reason in report.errors:
        click.echo(f"baris {line}: {reason}", err=True)
    click.echo(f"dibuat {report.created}, diperbarui {report.updated}, tidak berubah {report.unchanged}, "
               f"ditolak {len(report.errors)}")
