"""The move itself: target checked empty, files, schema by migrations, rows, sequences, search."""
import time
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app

from ..extensions import db
from .files import FilesCopy, copy_uploads, known_hashes
from .rows import TableCopy, copy_table, count_rows
from .target import (MoveError, advance_sequences, create_schema, refuse_unless_empty,
                     refuse_unless_source_current, target_app)

DEFAULT_BATCH = 1000


@dataclass
class MoveReport:
    revision: str = ""
    tables: list[TableCopy] = field(default_factory=list)
    sequences: int = 0
    search_documents: int = 0
    files: FilesCopy | None = None
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(table.target_rows for table in self.tables)


def move_to_postgres(target_url: str, uploads_target: Path | None = None, batch: int = DEFAULT_BATCH,
                     progress=lambda _table: None) -> MoveReport:
    """Copy the current (SQLite) portal into the empty PostgreSQL database at ``target_url``;
    raise MoveError if the target is not empty or a count or file does not verify."""
    started = time.monotonic()
    source_engine = db.engine
    if source_engine.dialect.name != "sqlite":
        raise MoveError(f"Portal ini sudah memakai {source_engine.dialect.name}, bukan SQLite.")
    refuse_unless_source_current(source_engine, current_app)
    tables = db.metadata.sorted_tables
    app = target_app(target_url)
    with app.app_context():
        target_engine = db.engine
    try:
        refuse_unless_empty(target_engine)
        files = _copy_files(source_engine, Path(uploads_target)) if uploads_target is not None else None
        report = MoveReport(revision=create_schema(app), files=files)
        refuse_unless_empty(target_engine)  # a migration that fills a table would be copied over
        _copy_rows(source_engine, target_engine, tables, batch, report, progress)
        with app.app_context():
            report.search_documents = _rebuild_search()
    finally:
        target_engine.dispose()
    report.seconds = time.monotonic() - started
    return report


def _copy_rows(source_engine, target_engine, tables, batch, report, progress) -> None:
    """One transaction on the target: a failure leaves no rows behind."""
    with source_engine.connect() as source, target_engine.begin() as target:
        for table in tables:
            progress(table.name)
            report.tables.append(copy_table(source, target, table, batch))
        report.sequences = advance_sequences(target, tables)
        for copied, table in zip(report.tables, tables):
            copied.source_rows = count_rows(source, table)  # counted again: did the source change meanwhile?
            copied.target_rows = count_rows(target, table)
        wrong = [t for t in report.tables if not t.verified]
        if wrong:
            raise MoveError("Jumlah baris tidak cocok (sumber/tujuan): " + ", ".join(
                f"{t.name} {t.source_rows}/{t.target_rows}" for t in wrong)
                + ". Hentikan aplikasi selama pemindahan; tidak ada yang disimpan, jalankan lagi.")


def _rebuild_search() -> int:
    """search_document and search_word exist only on PostgreSQL: built from the copied rows."""
    from ..search.postgres.syncing import reindex

    return reindex().documents


def _copy_files(source_engine, uploads_target: Path) -> FilesCopy:
    source = Path(current_app.config["UPLOAD_DIR"])
    if uploads_target.resolve() == source.resolve():
        raise MoveError("Folder unggahan tujuan sama dengan sumbernya.")
    with source_engine.connect() as connection:
        hashes = known_hashes(connection)
    files = copy_uploads(source, uploads_target, hashes)
    if not files.verified:
        raise MoveError(f"{len(files.mismatched)} berkas unggahan tidak cocok setelah disalin "
                        f"(mis. {files.mismatched[0]}). Basis data tujuan belum diisi: periksa berkas sumbernya "
                        "(`flask --app kmapp check`), lalu jalankan lagi.")
    return files
