import time

import pytest

from kmapp.extraction.extract import ExtractionResult, detect_kind, extract_text, read_document
from kmapp.extraction.readers import Limits

from ..search.sample_files import (
    write_docx,
    write_encrypted_pdf,
    write_pdf,
    write_pptx,
    write_truncated,
    write_xlsx,
)


def test_pdf_text_from_every_page(tmp_path):
    path = write_pdf(tmp_path / "a.pdf", ["Pedoman pengarsipan (bab 1)", "Penagihan retribusi"])
    result = extract_text(path, "application/pdf")
    assert result.warning is None
    assert "Pedoman pengarsipan (bab 1)" in result.text
    assert "Penagihan retribusi" in result.text


def test_pdf_page_limit_gives_partial_text_and_warning(tmp_path):
    path = write_pdf(tmp_path / "a.pdf", ["halaman satu", "halaman dua", "halaman tiga"])
    result = extract_text(path, ".pdf", max_pages=2)
    assert "halaman dua" in result.text and "halaman tiga" not in result.text
    assert result.warning == "Teks dipotong: hanya 2 halaman pertama yang diindeks."


def test_encrypted_pdf_gives_indonesian_warning(tmp_path):
    path = write_encrypted_pdf(tmp_path / "secret.pdf", ["isi rahasia"])
    assert extract_text(path, "pdf") == ExtractionResult(
        "", "Teks tidak dapat dibaca: PDF terenkripsi."
    )


def test_pdf_without_text_layer_warns(tmp_path):
    path = write_pdf(tmp_path / "scan.pdf", [""])
    result = extract_text(path, "pdf")
    assert result.text == ""
    assert "pindaian" in result.warning


def test_garbage_pdf_gives_warning(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    result = extract_text(path, "pdf")
    assert result.text == ""
    assert result.warning.startswith("Teks tidak dapat dibaca")


def test_docx_paragraphs_and_tables(tmp_path):
    path = write_docx(
        tmp_path / "a.docx",
        ["Paragraf tentang kearsipan", "Paragraf kedua"],
        [("Program", "Anggaran"), ("Pelatihan arsip", "15.000.000")],
    )
    result = extract_text(path, "docx")
    assert result.warning is None
    assert "Paragraf tentang kearsipan" in result.text
    assert "Pelatihan arsip\t15.000.000" in result.text


def test_truncated_docx_gives_warning(tmp_path):
    good = write_docx(tmp_path / "good.docx", ["isi dokumen " * 200])
    broken = write_truncated(good, tmp_path / "broken.docx")
    assert extract_text(broken, "docx") == ExtractionResult(
        "", "Teks tidak dapat dibaca: berkas DOCX rusak atau tidak lengkap."
    )


def test_pptx_titles_bodies_and_notes(tmp_path):
    path = write_pptx(tmp_path / "a.pptx", [
        ("Community of Practice", "Berbagi pengetahuan antar dinas", "catatan pembicara"),
        ("Salindia kedua", "Isi kedua", None),
    ])
    result = extract_text(path, "application/vnd.openxmlformats-officedocument.presentationml.presentation")
    for expected in ["Community of Practice", "Berbagi pengetahuan antar dinas",
                     "catatan pembicara", "Isi kedua"]:
        assert expected in result.text
    assert result.warning is None


def test_xlsx_cell_values_of_all_sheets(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {
        "Anggaran": [("Program", "Nilai"), ("Pelatihan", 1500000)],
        "Catatan": [("retribusi pasar",)],
    })
    result = extract_text(path, "xlsx")
    assert "Pelatihan\t1500000" in result.text
    assert "retribusi pasar" in result.text
    assert result.warning is None


def test_xlsx_row_limit(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"Data": [(f"baris {n}",) for n in range(10)]})
    result = extract_text(path, "xlsx", max_rows=3)
    assert "baris 2" in result.text and "baris 3" not in result.text
    assert "3 baris" in result.warning


def test_txt_utf8_and_latin1_fallback(tmp_path):
    utf8 = tmp_path / "a.txt"
    utf8.write_text("Kafe «Pengetahuan» ✓", encoding="utf-8")
    latin = tmp_path / "b.txt"
    latin.write_bytes("café résumé".encode("latin-1"))
    assert extract_text(utf8, "text/plain").text == "Kafe «Pengetahuan» ✓"
    assert extract_text(latin, "txt").text == "café résumé"


def test_markdown_and_char_limit(tmp_path):
    path = tmp_path / "a.md"
    content = "# Judul\n\n" + "kata " * 100
    path.write_text(content, encoding="utf-8")
    result = extract_text(path, "text/markdown", max_chars=20)
    assert result.text == content[:20]
    assert result.warning == "Teks dipotong: hanya 20 karakter pertama yang diindeks."


def test_char_limit_applies_to_binary_formats(tmp_path):
    path = write_docx(tmp_path / "a.docx", ["a" * 50, "b" * 50])
    result = extract_text(path, "docx", max_chars=60)
    assert len(result.text) <= 61  # 60 characters plus one separator
    assert "60 karakter" in result.warning


@pytest.mark.parametrize("kind", ["image/png", "video/mp4", ".jpg", "", None, "application/zip"])
def test_unsupported_types_give_nothing_and_no_warning(tmp_path, kind):
    path = tmp_path / "file.bin"
    path.write_bytes(b"\x89PNG....")
    assert extract_text(path, kind) == ExtractionResult("", None)


def test_missing_file(tmp_path):
    result = extract_text(tmp_path / "nope.pdf", "pdf")
    assert result.text == "" and "tidak ditemukan" in result.warning


def test_timeout_kills_slow_extraction(tmp_path):
    # A timeout shorter than a child process can even start: the parent must
    # give up, kill the child and report, without raising.
    path = write_pdf(tmp_path / "a.pdf", ["isi"])
    result = extract_text(path, "pdf", timeout_s=0.001)
    assert result.text == ""
    assert "batas waktu" in result.warning


def test_deadline_between_pages_keeps_what_was_read(tmp_path):
    path = write_pdf(tmp_path / "a.pdf", ["halaman satu", "halaman dua"])
    already_passed = time.monotonic() - 1
    result = read_document("pdf", str(path), Limits(), already_passed)
    assert result.text == ""
    assert result.warning == "Teks dipotong: batas waktu pembacaan terlampaui."


def test_detect_kind():
    assert detect_kind("application/pdf; charset=binary") == "pdf"
    assert detect_kind(".DOCX") == "docx"
    assert detect_kind("text/markdown") == "md"
    assert detect_kind("image/png") is None
