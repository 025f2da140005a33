"""Detecting a file's kind by its bytes, file names made safe, and the asset rules as functions."""
from datetime import date

import pytest

from kmapp.assets import rules
from kmapp.assets.filetypes import RejectedFile, check_file, safe_display_name
from kmapp.assets.services import normalise_tags

from .fixtures_assets import (HTML, SVG, docx_bytes, exe_bytes, jpg_bytes, mp4_bytes, pdf_bytes, png_bytes,
                              pptx_bytes, xlsx_bytes)


@pytest.fixture
def request_ctx(app):
    with app.test_request_context():
        yield app


def _check(tmp_path, content: bytes, name: str):
    path = tmp_path / "stored"
    path.write_bytes(content)
    return check_file(path, name)


@pytest.mark.parametrize("make, name, key", [
    (pdf_bytes, "sop.pdf", "pdf"), (docx_bytes, "panduan.docx", "docx"), (xlsx_bytes, "data.XLSX", "xlsx"),
    (pptx_bytes, "materi.pptx", "pptx"), (png_bytes, "infografis.png", "png"), (jpg_bytes, "foto.jpeg", "jpg"),
    (mp4_bytes, "video.mp4", "mp4"), (lambda: "Catatan rapat ✓".encode(), "catatan.txt", "txt"),
    (lambda: b"# Judul\n\n<script> dalam blok kode", "catatan.md", "md"),
])
def test_supported_kinds_are_recognised_by_content(request_ctx, tmp_path, make, name, key):
    assert _check(tmp_path, make(), name).key == key


@pytest.mark.parametrize("content, name, message", [
    (exe_bytes(), "laporan.pdf", "Isi berkas bukan PDF (terdeteksi: program/berkas yang dapat dijalankan)."),
    (docx_bytes(), "laporan.pdf", "Isi berkas bukan PDF (terdeteksi: DOCX)."),
    (pdf_bytes(), "laporan.docx", "Isi berkas bukan DOCX (terdeteksi: PDF)."),
    (b"", "kosong.pdf", "Berkas kosong (0 bita)."),
    (HTML, "halaman.txt", "terdeteksi: HTML/SVG"),
    (SVG, "gambar.md", "terdeteksi: HTML/SVG"),
    (b"  <svg onload=alert(1)>", "gambar.txt", "terdeteksi: HTML/SVG"),
    (b"\x7fELF\x02\x01", "alat.txt", "program/berkas yang dapat dijalankan"),
    (b"PK\x03\x04not really a zip", "arsip.docx", "arsip ZIP rusak"),
    (b"\xff\xfe\x00t\x00e\x00x", "utf16.txt", "jenis tidak dikenal"),
    (HTML, "halaman.html", "Ekstensi .html tidak diterima"),
    (SVG, "gambar.svg", "Ekstensi .svg tidak diterima"),
    (pdf_bytes(), "tanpa-ekstensi", "Ekstensi (tanpa ekstensi) tidak diterima"),
])
def test_bad_files_are_refused_with_the_reason(request_ctx, tmp_path, content, name, message):
    with pytest.raises(RejectedFile) as refused:
        _check(tmp_path, content, name)
    assert message in str(refused.value)


@pytest.mark.parametrize("raw, shown", [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\laporan.pdf", "laporan.pdf"),
    ("Notulen rapat\u202e\x00\n.pdf", "Notulen rapat.pdf"),
    ("Pedoman Penulisan Naskah — 2025 (revisi).pdf", "Pedoman Penulisan Naskah — 2025 (revisi).pdf"),
    ("../..", "berkas"),
    ("a" * 300 + ".docx", "a" * 145 + ".docx"),
])
def test_display_names_drop_directories_and_control_characters_but_keep_unicode(raw, shown):
    assert safe_display_name(raw) == shown


def test_tags_are_lowercased_deduplicated_and_trimmed():
    assert normalise_tags("Kesehatan, SOP ,kesehatan,,  Pelayanan   Publik ; #sop") == [
        "kesehatan", "sop", "pelayanan publik"]


def test_triwulan_iv_rule_starts_on_the_configured_day(app):
    with app.app_context():
        assert rules.meeting_required(date(2025, 10, 1)) and not rules.meeting_required(date(2025, 9, 30))
        app.config["ASSET_MEETING_REQUIRED_FROM"] = "2026-01-01"  # from the environment: a string
        assert not rules.meeting_required(date(2025, 12, 31)) and rules.meeting_required(date(2026, 1, 1))


def test_review_interval_is_configurable_per_type(app):
    with app.app_context():
        app.config["REVIEW_MONTHS_BY_TYPE"] = {"regulation": 24}
        assert rules.next_review_date("sop", date(2025, 10, 1)) == date(2026, 10, 1)
        assert rules.next_review_date("regulation", date(2025, 10, 1)) == date(2027, 10, 1)
        assert rules.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_a_zip_with_too_many_parts_is_refused_without_listing_them(request_ctx, tmp_path, monkeypatch):
    import io
    import zipfile
    from kmapp.assets import filetypes
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
        for n in range(filetypes.MAX_ZIP_ENTRIES):
            package.writestr(f"word/media/{n}.bin", b"")
    listed = []
    monkeypatch.setattr(filetypes.zipfile.ZipFile, "namelist", lambda self: listed.append(1) or [])
    with pytest.raises(RejectedFile, match="terlalu banyak bagian"):
        _check(tmp_path, archive.getvalue(), "panduan.docx")
    assert listed == []  # refused from the end record alone: no central directory walk


def test_a_real_office_file_still_passes_the_entry_count(request_ctx, tmp_path):
    assert _check(tmp_path, pptx_bytes(), "materi.pptx").key == "pptx"
