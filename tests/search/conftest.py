"""Fixtures for the search tests: a small index of Indonesian assets, on every backend.

Tests that take ``search_backend`` (through ``app``, ``asset_index`` or ``build``) run once per
backend: "whoosh" always, "postgres" too when TEST_DATABASE_URL is set (each in a schema of its
own). A test marked ``whoosh_only`` asserts Whoosh internals (segments, the outbox, generations,
caches) and runs on Whoosh alone.
"""

import datetime as dt

import pytest

from kmapp.search import searching
from kmapp.search.searching import clear_caches
from kmapp.search.schema import open_or_create_index
from kmapp.search.writing import DocumentWriter

from ..conftest import make_test_app
from ..postgres_schema import URL as POSTGRES_URL
from ..postgres_schema import fresh_schema

BACKENDS = ("whoosh", "postgres") if POSTGRES_URL else ("whoosh",)


def pytest_configure(config):
    config.addinivalue_line("markers", "whoosh_only: asserts Whoosh internals; not run on the postgres backend")
    config.addinivalue_line("markers", "postgres_only: asserts what only the postgres backend promises")


def pytest_generate_tests(metafunc):
    if "search_backend" in metafunc.fixturenames:
        if metafunc.definition.get_closest_marker("whoosh_only"):
            backends = ("whoosh",)
        elif metafunc.definition.get_closest_marker("postgres_only"):
            backends = ("postgres",)  # skipped without TEST_DATABASE_URL (the test says so)
        else:
            backends = BACKENDS
        metafunc.parametrize("search_backend", backends)


@pytest.fixture
def app(search_backend, tmp_path):
    """The app on the backend under test (PostgreSQL in a schema of its own for "postgres")."""
    if search_backend == "whoosh":
        app = make_test_app(tmp_path)
        yield app
        _dispose(app)
        return
    with fresh_schema() as url:
        app = make_test_app(tmp_path, SQLALCHEMY_DATABASE_URI=url, SEARCH_BACKEND="postgres")
        yield app
        _dispose(app)


def _dispose(app):
    from kmapp.extensions import db
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def search(target, query_text, **options):
    """Search a Whoosh index (or searcher) or a PostgreSQL search the same way."""
    from kmapp.search.postgres.searching import PostgresSearch
    if isinstance(target, PostgresSearch):
        return target.search(query_text, **options)
    return searching.search(target, query_text, **options)


def count_matches(target, query_text, **options):
    from kmapp.search.postgres.searching import PostgresSearch
    if isinstance(target, PostgresSearch):
        return target.count_matches(query_text, **options)
    return searching.count_matches(target, query_text, **options)


@pytest.fixture
def build(search_backend, tmp_path):
    """``build(assets)``: an index of ``assets`` (plain dicts) on the backend under test."""
    if search_backend == "whoosh":
        opened = []

        def build_whoosh(assets):
            opened.append(build_index(tmp_path / f"index{len(opened)}", assets))
            return opened[-1]
        clear_caches()
        yield build_whoosh
        for index in opened:
            index.close()
        clear_caches()
        return
    import sqlalchemy as sa
    from kmapp.search.postgres.searching import PostgresSearch
    from kmapp.search.postgres.tables import create_search_tables, search_document, search_posting, search_word
    from kmapp.search.postgres.writing import put_documents
    with fresh_schema() as url:
        engine = sa.create_engine(url)
        connection = engine.connect()
        create_search_tables(connection)
        connection.commit()

        def build_postgres(assets):
            connection.execute(search_posting.delete())
            connection.execute(search_document.delete())
            connection.execute(search_word.delete())
            put_documents(connection, assets)
            connection.commit()
            return PostgresSearch(lambda: connection)
        try:
            yield build_postgres
        finally:
            connection.close()
            engine.dispose()

ASSETS = [
    {
        "asset_id": "a1", "title": "Pedoman Pengarsipan Dokumen Elektronik",
        "summary": "Tata cara kearsipan di lingkungan Pemprov DKI Jakarta.",
        "body": "Dokumen yang diarsipkan wajib diberi kode klasifikasi. "
                "Pasien dengan amnesia tidak dibahas di sini.",
        "tags": ["arsip", "Knowledge Management"], "agency": "DISKOMINFO",
        "agency_name": "Dinas Komunikasi, Informatika dan Statistik", "cop": 1,
        "cop_name": "Komunitas Arsiparis", "asset_type": "pedoman", "year": 2023,
        "km_stage": "capture", "seci_stage": ["kombinasi"], "visibility": "all",
        "published": dt.datetime(2023, 3, 1),
    },
    {
        "asset_id": "a2", "title": "Laporan Penagihan Retribusi Pasar",
        "summary": "Evaluasi tagihan retribusi tahun 2024.",
        "body": "Penagihan dilakukan setiap bulan. Knowledge Management membantu "
                "berbagi praktik baik antar unit.",
        "tags": "retribusi, pasar", "agency": "BPRD", "agency_name": "Badan Pendapatan Daerah",
        "asset_type": "laporan", "year": 2024, "km_stage": "share", "visibility": "all",
        "published": dt.datetime(2024, 6, 1),
    },
    {
        "asset_id": "a3", "title": "Community of Practice Pelayanan Publik",
        "summary": "Catatan pertemuan community of practice.",
        "body": "Anggota community of practice membahas pelayanan publik dan "
                "management pengetahuan. <script>alert('x')</script>",
        "tags": ["cop", "pelayanan"], "agency": "DISKOMINFO",
        "agency_name": "Dinas Komunikasi, Informatika dan Statistik", "asset_type": "materi",
        "year": 2024, "km_stage": "share", "visibility": "all",
        "published": dt.datetime(2024, 1, 15),
    },
    {
        "asset_id": "a4", "title": "Kajian Internal Arsip Keuangan",
        "summary": "Dokumen internal BPRD tentang arsip keuangan.",
        "body": "Arsip keuangan disimpan selama sepuluh tahun.",
        "agency": "BPRD", "agency_name": "Badan Pendapatan Daerah", "asset_type": "kajian",
        "year": 2022, "km_stage": "capture", "visibility": "agency",
        "published": dt.datetime(2022, 5, 1),
    },
    {
        "asset_id": "a5", "title": "Notulen Komunitas Arsiparis",
        "summary": "Hanya untuk anggota komunitas arsiparis.",
        "body": "Diskusi pengarsipan digital dan retensi arsip.",
        "agency": "DISKOMINFO", "agency_name": "Dinas Komunikasi, Informatika dan Statistik",
        "cop": 1, "cop_name": "Komunitas Arsiparis", "asset_type": "materi", "year": 2023,
        "km_stage": "share", "visibility": "community",
        "published": dt.datetime(2023, 9, 1),
    },
    {
        "asset_id": "a6", "title": "Rahasia Restricted",
        "summary": "Aset dengan visibilitas tidak dikenal: hanya admin.",
        "body": "Arsip rahasia.", "agency": "BPRD", "asset_type": "kajian", "year": 2021,
        "visibility": "draft", "published": dt.datetime(2021, 1, 1),
    },
]


def build_index(path, assets):
    """Create an index at ``path`` holding ``assets``."""
    index = open_or_create_index(path)
    writer = DocumentWriter(index.writer(), path)
    for asset in assets:
        writer.put(asset)
    writer.commit()
    return index


@pytest.fixture
def asset_index(build):
    return build(ASSETS)
