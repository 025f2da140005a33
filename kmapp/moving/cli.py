"""`flask --app kmapp move-to-postgres`: a thin wrapper over :func:`kmapp.moving.move.move_to_postgres`."""
from pathlib import Path

import click
from flask.cli import with_appcontext


@click.command("move-to-postgres")
@click.option("--target", required=True, help="URL basis data PostgreSQL yang kosong, mis. postgresql://km@db/portalkm")
@click.option("--uploads-target", type=click.Path(file_okay=False, path_type=Path),
              help="Folder unggahan bersama (mis. share NFS/SMB) tujuan salinan berkas unggahan.")
@click.option("--batch", type=click.IntRange(1, 100_000), default=1000, show_default=True,
              help="Baris per penulisan.")
@with_appcontext
def move_to_postgres_command(target, uploads_target, batch):
    """Copy this SQLite portal (data and uploads) into an empty PostgreSQL database and verify it."""
    from .move import move_to_postgres
    from .target import MoveError

    try:
        report = move_to_postgres(target, uploads_target, batch,
                                  progress=lambda name: click.echo(f"menyalin {name} ...", err=True))
    except MoveError as error:
        raise click.ClickException(str(error)) from None
    width = max(len(table.name) for table in report.tables)
    click.echo(f"{'tabel':<{width}}  {'sumber':>9}  {'tujuan':>9}")
    for table in report.tables:
        note = f"  ({table.nul_removed} teks tanpa karakter NUL)" if table.nul_removed else ""
        click.echo(f"{table.name:<{width}}  {table.source_rows:>9}  {table.target_rows:>9}  ok{note}")
    click.echo(f"Skema tujuan: migrasi {report.revision}. {len(report.tables)} tabel, {report.rows} baris, "
               f"jumlah baris cocok. {report.sequences} sekuens dimajukan. "
               f"Indeks pencarian PostgreSQL dibangun ulang: {report.search_documents} aset.")
    if report.files is not None:
        files = report.files
        click.echo(f"Berkas unggahan: {files.copied} disalin, {files.already_there} sudah ada, "
                   f"{files.bytes} bita; {files.hashed} dicocokkan dengan SHA-256 di basis data, "
                   "sisanya dengan ukuran.")
    click.echo(f"Selesai dalam {report.seconds:.1f} detik. Arahkan DATABASE_URL ke tujuan (dan KMAPP_UPLOAD_DIR "
               "ke folder bersama), dengan KMAPP_SEARCH_BACKEND=postgres.")
