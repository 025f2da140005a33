"""The demo's programme guide (Panduan Program): the work plan, roles and authority, and three
step-by-step modules that link to real demo assets. Written for the demo, in Indonesian."""
from datetime import date, timedelta

from sqlalchemy import select

from ..extensions import db
from ..guide.pages import PageFields, save_page
from ..models import Asset, AssetStatus, AssetType, Community, GuideSection, User, Visibility
from . import catalogue as cat

PLAN = """## Tujuan tahun ini

Setiap perangkat daerah menjalankan komunitas pembelajar (CoP) yang bertemu secara teratur,
mendokumentasikan hasil pertemuan menjadi aset pengetahuan, dan memastikan aset itu dipakai.

## Cara membaca jadwal

Tabel di atas adalah target minimal setiap triwulan. Angkanya sama dengan yang dipakai dasbor
program; bila BPSDM mengubah target, tabel ini ikut berubah. Target yang belum tercapai menjelang
akhir triwulan muncul di daftar tugas ketua CoP dan sebagai pemberitahuan.

## Keluaran yang diharapkan per triwulan

- Notulen setiap pertemuan diisi paling lambat satu minggu setelah pertemuan.
- Aset pengetahuan diunggah dari pertemuan yang menghasilkannya.
- Pendamping mengonfirmasi pendampingan dan memberi umpan balik tertulis.
"""

ROLES = """## Ketua atau pengurus CoP

- Menyusun agenda dan mencatat pertemuan: tanggal, format, peserta, notulen, tahap SECI.
- Mengunggah aset yang lahir dari pertemuan dan meninjaunya setiap tahun.
- Mengisi penilaian mandiri maturitas dan nominasi KM Award perangkat daerahnya.

## Pendamping (widyaiswara dan tim konsultan)

- Mendampingi pertemuan CoP yang ditugaskan kepadanya dan mengonfirmasi pendampingan di portal.
- Memberi umpan balik tertulis atas pertemuan; umpan balik terlihat oleh ketua CoP.
- **Wewenang:** hanya pendamping yang ditugaskan (atau admin) yang dapat menandai pertemuan
  sebagai didampingi; ketua CoP tidak dapat menandai pertemuannya sendiri.

## Kantor program (BPSDM)

- Menetapkan target triwulan, mengelola perangkat daerah, CoP dan pengguna.
- Memantau dasbor, mengekspor laporan, membuka putaran penilaian maturitas dan KM Award.
- Menulis dan meninjau panduan ini setiap tahun.

## Juri

- Menilai nominasi KM Award dan memverifikasi penilaian maturitas perangkat daerah yang
  ditugaskan, tidak pernah perangkat daerahnya sendiri.
"""

MODULE_MEETING = """Modul ini menuntun ketua CoP mencatat satu pertemuan dari awal sampai selesai.

1. Buka halaman CoP Anda, lalu pilih **Catat pertemuan**.
2. Isi tanggal, topik, format (luring, daring, hibrida) dan jumlah peserta.
3. Pilih peserta yang hadir dari daftar pegawai; tamu dari luar ditulis dengan nama dan instansinya.
4. Tulis notulen: keputusan, tindak lanjut, dan siapa yang bertanggung jawab.
5. Pilih tahap SECI yang dilayani pertemuan (misalnya sosialisasi untuk berbagi pengalaman).
6. Simpan. Pendamping yang ditugaskan mendapat pemberitahuan untuk mengonfirmasi pendampingan.

**Contoh:** {example}
"""

MODULE_ASSET = """Sejak Triwulan IV 2025 setiap aset harus lahir dari pertemuan komunitas.

1. Di halaman CoP, pada pertemuan yang menghasilkan aset, pilih **Unggah aset**.
2. Beri judul yang dicari orang, ringkasan dua sampai tiga kalimat, jenis aset dan tag.
3. Pilih visibilitas: semua pegawai, perangkat daerah sendiri, atau anggota CoP saja.
4. Unggah berkas (PDF, dokumen Office, gambar atau video). Teks di dalam berkas ikut dicari.
5. Anggota CoP dan pengikut tag mendapat pemberitahuan aset baru.

**Contoh aset yang baik:** {example}
"""

MODULE_REVIEW = """Aset dan panduan yang tidak ditinjau akan usang; tinjau paling lambat setahun sekali.

1. Dari daftar tugas di beranda, pilih **Tinjau aset**.
2. Periksa apakah isi masih berlaku; bila ada peraturan baru, unggah versi baru berkasnya.
3. Tandai sudah ditinjau dengan catatan singkat tentang apa yang diperiksa.

**Contoh:** {example}
"""


def _example(community_name: str, asset_type: AssetType | None = None) -> str:
    """A link to a published asset visible to all, of one showcase CoP."""
    statement = (select(Asset).join(Community).where(Community.name == community_name,
                                                     Asset.status == AssetStatus.PUBLISHED,
                                                     Asset.visibility == Visibility.ALL)
                 .order_by(Asset.published_on.desc(), Asset.id))
    if asset_type is not None:
        statement = statement.where(Asset.asset_type == asset_type.value)
    asset = db.session.scalars(statement.limit(1)).first()
    if asset is None:
        return "lihat aset CoP di halaman komunitas."
    return f"[{asset.title}](/assets/{asset.id}) dari {community_name}."


def seed_guide(admin: User, today: date) -> int:
    pages = [
        ("Rencana kerja program", GuideSection.PLAN, 10, PLAN),
        ("Peran dan wewenang", GuideSection.ROLES, 10, ROLES),
        ("Modul 1: Mencatat pertemuan komunitas", GuideSection.MODULE, 10,
         MODULE_MEETING.format(example=_example(cat.JAK_HIGH))),
        ("Modul 2: Mengunggah aset dari pertemuan", GuideSection.MODULE, 20,
         MODULE_ASSET.format(example=_example(cat.JAKSEL_ARCHIVES))),
        ("Modul 3: Meninjau aset setiap tahun", GuideSection.MODULE, 30,
         MODULE_REVIEW.format(example=_example(cat.JIKA))),
    ]
    written_on = today - timedelta(days=300)
    for title, section, position, body in pages:
        save_page(None, PageFields(title, section.value, position, body, "Versi pertama"), admin, written_on)
    return len(pages)
