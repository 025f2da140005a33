"""Fixtures for the search tests: a small index of Indonesian assets."""

import datetime as dt

import pytest

from kmapp.search.searching import clear_caches
from kmapp.search.schema import open_or_create_index
from kmapp.search.writing import DocumentWriter

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
def asset_index(tmp_path):
    clear_caches()
    index = build_index(tmp_path / "index", ASSETS)
    yield index
    index.close()
    clear_caches()
