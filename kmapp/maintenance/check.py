"""`flask --app kmapp check [--repair]`: the database against the search index and the
stored files, the readers per period against the access records, and the background jobs
that need an operator. Exit status 1 on a difference."""
import click
from flask.cli import with_appcontext

ORPHAN_GRACE_MINUTES = 60


@click.command("check")
@click.option("--repair", is_flag=True,
              help="Delete orphan and partial files older than the grace period and bring the readers per "
                   "period in step with the access records (the index is repaired by reindex).")
@click.option("--grace-minutes", type=click.FloatRange(0), default=ORPHAN_GRACE_MINUTES, show_default=True,
              help="Unnamed files younger than this may belong to an upload in flight: left alone.")
@with_appcontext
def check_command(repair, grace_minutes):
    """Compare database, search index and stored files; exit status 1 when they differ."""
    index_ok = _check_index()
    storage_ok = _check_storage(repair, grace_minutes * 60)
    readers_ok = _check_readers(repair)
    parked = _report_parked_jobs()
    if not (index_ok and storage_ok and readers_ok and not parked):
        raise SystemExit(1)


def _check_index() -> bool:
    from ..search.backends import current_backend

    differences = current_backend().compare()
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
    return differences.in_step


def _check_storage(repair: bool, grace_seconds: float) -> bool:
    from .storage import compare_storage, repair_storage

    differences = compare_storage(grace_seconds)
    for version_id, name in differences.missing:
        click.echo(f"berkas hilang: versi #{version_id} ({name}); pulihkan dari cadangan")
    for path in differences.orphans:
        click.echo(f"berkas yatim (tanpa baris di basis data): {path.name}")
    for path in differences.partial:
        click.echo(f"berkas setengah jadi: {path.name}")
    if differences.recent:
        click.echo(f"berkas baru tanpa baris (mungkin unggahan yang sedang berjalan): {differences.recent}")
    if repair and (differences.orphans or differences.partial):
        removed = repair_storage(differences)
        click.echo(f"Diperbaiki: {removed} berkas yatim/setengah jadi dihapus.")
        return not differences.missing
    if differences.in_step:
        click.echo("Berkas sesuai dengan basis data.")
    elif not differences.missing:
        click.echo("Jalankan `flask --app kmapp check --repair` untuk menghapus berkas yatim.")
    return differences.in_step


def _check_readers(repair: bool) -> bool:
    from ..assets.readers import compare_readers

    differences = compare_readers(repair=repair)
    for example in differences.examples:
        click.echo(f"pembaca per periode {example}")
    if differences.in_step:
        click.echo("Pembaca per periode sesuai dengan catatan akses.")
        return True
    click.echo(f"Pembaca per periode berbeda dari catatan akses: {differences.missing} baris kurang, "
               f"{differences.extra} baris lebih.")
    if repair:
        click.echo("Diperbaiki: pembaca per periode disesuaikan dengan catatan akses.")
        return True
    click.echo("Jalankan `flask --app kmapp check --repair` untuk menyesuaikannya.")
    return False


def _report_parked_jobs() -> int:
    from ..jobs.queue import counts

    parked = counts()["parked"]
    if parked:
        click.echo(f"tugas latar diparkir: {parked} (lihat `flask --app kmapp jobs`)")
    return parked
