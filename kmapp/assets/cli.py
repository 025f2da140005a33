"""`flask --app kmapp import-assets DIR --cop COP [--meeting ID]`: bulk import of old documents."""
from collections import Counter
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from ..extensions import db
from ..models import Community, Meeting, Visibility


def find_community(id_or_name: str) -> Community | None:
    """A CoP by id, or by name (case-insensitive)."""
    if id_or_name.isdigit():
        found = db.session.get(Community, int(id_or_name))
        if found is not None:
            return found
    return db.session.scalar(select(Community).where(func.lower(Community.name) == id_or_name.strip().lower()))


@click.command("import-assets")
@with_appcontext
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--cop", "cop", required=True, help="Id atau nama CoP pemilik aset")
@click.option("--meeting", "meeting_id", type=int, help="Id pertemuan asal (opsional)")
@click.option("--visibility", type=click.Choice([v.value for v in Visibility]), default=Visibility.AGENCY.value,
              show_default=True, help="Siapa yang dapat melihat aset hasil impor")
def import_assets(folder, cop, meeting_id, visibility):
    """Import every supported file under FOLDER as an asset of a CoP (duplicates skipped)."""
    from .importer import import_folder

    community = find_community(cop)
    if community is None:
        raise click.ClickException(f"CoP tidak ditemukan: {cop}")
    meeting = None
    if meeting_id is not None:
        meeting = db.session.get(Meeting, meeting_id)
        if meeting is None or meeting.community_id != community.id:
            raise click.ClickException(f"Pertemuan #{meeting_id} bukan milik CoP {community.name}.")
    counts = Counter()
    # The file checks speak through Flask-Babel, which takes its locale from a request.
    with current_app.test_request_context():
        for line in import_folder(folder, community, meeting, visibility):
            counts[line.outcome] += 1
            click.echo(str(line))
    click.echo(f"Selesai: {counts['imported']} diimpor, {counts['duplicate']} duplikat, "
               f"{counts['unsupported']} tidak didukung, {counts['rejected']} ditolak.")


@click.command("purge-uploads")
@with_appcontext
def purge_uploads():
    """Remove files kept from forms with errors once they expire (PENDING_UPLOAD_MINUTES), and any
    file of the pending area without a record. The worker also does this when each one expires."""
    from .pending import purge_pending_uploads

    report = purge_pending_uploads()
    click.echo(f"Selesai: {report.rows} unggahan tertunda kedaluwarsa, {report.files} berkas dihapus.")
