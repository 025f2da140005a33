"""`flask --app kmapp import-assets DIR --cop ...` on a folder of mixed files."""
from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import Asset

from .fixtures_assets import docx_bytes, exe_bytes, pdf_bytes, pptx_bytes, stored_files, xlsx_bytes


def _shared_drive(root):
    (root / "2023" / "rapat").mkdir(parents=True)
    (root / "2023" / "laporan_triwulan-3_2023.pdf").write_bytes(pdf_bytes("Laporan"))
    (root / "salinan laporan.pdf").write_bytes(pdf_bytes("Laporan"))  # same content, found later
    (root / "2023" / "panduan.docx").write_bytes(docx_bytes(title="Panduan Arsip Digital"))
    (root / "2023" / "rapat" / "materi.pptx").write_bytes(pptx_bytes(title="Materi Rapat Kerja"))
    (root / "2023" / "rapat" / "daftar_hadir.xlsx").write_bytes(xlsx_bytes())
    (root / "2023" / "rapat" / "notulen.txt").write_text("Notulen rapat ✓", encoding="utf-8")
    (root / "setup.pdf").write_bytes(exe_bytes())
    (root / "kosong.md").write_bytes(b"")
    (root / "Thumbs.db").write_bytes(b"\x00\x01")
    (root / "halaman.html").write_bytes(b"<html></html>")
    return root


def test_import_a_folder_of_mixed_files(app, runner, world, tmp_path):
    folder = _shared_drive(tmp_path / "drive")
    result = runner.invoke(args=["import-assets", str(folder), "--cop", "jak-high"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    with app.app_context():
        assets = {a.title: a for a in db.session.scalars(select(Asset))}
        first = assets["Laporan triwulan 3 2023"]
        assert set(assets) == {"Laporan triwulan 3 2023", "Panduan Arsip Digital", "Materi Rapat Kerja",
                               "Daftar hadir", "Notulen"}
        assert all(a.community_id == world.cop_a and a.asset_type == "other" and a.km_stage == "storage"
                   and a.visibility == "agency" and a.meeting_id is None for a in assets.values())
        assert f"diimpor: 2023/laporan_triwulan-3_2023.pdf -> aset #{first.id}" in lines
    assert f"dilewati: salinan laporan.pdf (duplikat dari aset #{first.id})" in lines
    assert "dilewati: Thumbs.db (jenis berkas tidak didukung)" in lines
    assert "dilewati: halaman.html (jenis berkas tidak didukung)" in lines
    assert any(line.startswith("ditolak: setup.pdf (Isi berkas bukan PDF (terdeteksi: program") for line in lines)
    assert "ditolak: kosong.md (Berkas kosong (0 bita).)" in lines
    assert lines[-1] == "Selesai: 5 diimpor, 1 duplikat, 2 tidak didukung, 2 ditolak."
    assert len(stored_files(app)) == 5

    again = runner.invoke(args=["import-assets", str(folder), "--cop", str(world.cop_a)])
    assert again.output.splitlines()[-1] == "Selesai: 0 diimpor, 6 duplikat, 2 tidak didukung, 2 ditolak."
    assert len(stored_files(app)) == 5


def test_import_with_a_meeting_and_unknown_cop(app, runner, world, tmp_path):
    (tmp_path / "a.pdf").write_bytes(pdf_bytes())
    unknown = runner.invoke(args=["import-assets", str(tmp_path), "--cop", "Tidak Ada"])
    assert unknown.exit_code != 0 and "CoP tidak ditemukan" in unknown.output
    foreign = runner.invoke(args=["import-assets", str(tmp_path), "--cop", "JAK-HIGH", "--meeting",
                                  str(world.meeting_b)])
    assert foreign.exit_code != 0 and "bukan milik CoP JAK-HIGH" in foreign.output
    ok = runner.invoke(args=["import-assets", str(tmp_path), "--cop", "JAK-HIGH", "--meeting", str(world.meeting_a)])
    assert ok.exit_code == 0, ok.output
    with app.app_context():
        assert db.session.scalars(select(Asset.meeting_id)).one() == world.meeting_a
