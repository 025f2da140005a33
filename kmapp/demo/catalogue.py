"""Demo data: community meetings and knowledge assets for Portal KM.

Pure data, standard library only (no Flask, no database). A seeding script elsewhere
combines these records with the agencies and communities of :mod:`kmapp.demo.agencies`,
which are re-exported here so one import is enough::

    from kmapp.demo.catalogue import AGENCIES, COMMUNITIES, MEETING_TOPICS, ASSETS

Public names
------------
* ``MEETING_TOPICS`` -- community name -> tuple of :class:`MeetingSeed`: four dated
  meetings (one per Triwulan of 2025) for each of the three CoPs named in the programme's
  coverage: "JIKA Community", "Jaksel Archives" and "JAK-HIGH" (including the hybrid
  meeting of 10 November 2025 with 500 participants).
* ``GENERIC_MEETING_TOPICS`` -- :class:`TopicSeed` (topic, agenda) pairs that fit any CoP;
  a generator picks from them to give every other community about four meetings a year.
* ``ASSETS`` -- 40 :class:`AssetSeed` knowledge assets with original Indonesian text; the
  ``body`` becomes the text inside a generated PDF/TXT file and is full-text searched.
* ``BODY_ONLY_ASSET_TITLE`` -- title of the only asset whose body contains "diarsipkan";
  its title, summary and tags contain no form of "arsip", so a search for "pengarsipan"
  can only find it through the body.
* Vocabularies: ``MEETING_FORMATS``, ``SECI_STAGES``, ``ASSET_TYPES``, ``KM_STAGES``.

All prose is original Indonesian written for this portal; names, dates and numbers follow
the programme's public reporting.
"""
import textwrap
from dataclasses import dataclass
from datetime import date

from .agencies import (  # re-exported for convenience
    AGENCIES,
    AGENCY_KINDS,
    COMMUNITIES,
    Agency,
    Community,
    agency_by_code,
    community_by_name,
)

__all__ = [
    "AGENCIES", "AGENCY_KINDS", "COMMUNITIES", "Agency", "Community",
    "agency_by_code", "community_by_name",
    "MEETING_FORMATS", "SECI_STAGES", "ASSET_TYPES", "KM_STAGES",
    "MeetingSeed", "TopicSeed", "AssetSeed",
    "MEETING_TOPICS", "GENERIC_MEETING_TOPICS", "ASSETS", "BODY_ONLY_ASSET_TITLE",
]

MEETING_FORMATS: tuple[str, ...] = ("offline", "online", "hybrid")
SECI_STAGES: tuple[str, ...] = (
    "socialization", "externalization", "combination", "internalization",
)
ASSET_TYPES: tuple[str, ...] = (
    "sop", "technical_guide", "regulation", "module", "lesson_learned",
    "best_practice", "infographic", "video", "report", "other",
)
KM_STAGES: tuple[str, ...] = (
    "identification", "creation", "storage", "sharing", "application", "renewal",
)


@dataclass(frozen=True)
class MeetingSeed:
    """One community meeting (pertemuan komunitas) of a named CoP."""

    held_on: date                 # meeting date; year and Triwulan derive from it
    topic: str                    # topic / theme of the meeting
    agenda: str                   # numbered agenda, one item per line
    format: str                   # one of MEETING_FORMATS
    place: str                    # venue, or the video-conference platform
    head_count: int               # number of participants (named + anonymous)
    accompanied: bool             # accompanied (didampingi) by BPSDM / consultant
    seci_stages: tuple[str, ...]  # subset of SECI_STAGES
    minutes_md: str               # minutes (notulen) in Markdown


@dataclass(frozen=True)
class TopicSeed:
    """A meeting topic and agenda that suits any CoP; unpacks as ``topic, agenda``."""

    topic: str
    agenda: str  # numbered agenda, one item per line

    def __iter__(self):
        return iter((self.topic, self.agenda))


@dataclass(frozen=True)
class AssetSeed:
    """One knowledge asset (aset pengetahuan) owned by a CoP."""

    community_name: str    # Community.name of the owner
    title: str
    summary: str           # one or two sentences
    asset_type: str        # one of ASSET_TYPES
    km_stage: str          # one of KM_STAGES
    tags: tuple[str, ...]  # lowercase Indonesian tags
    body: str              # 3-8 paragraphs separated by blank lines
    meeting_topic: str = ""  # MeetingSeed.topic it came out of ("" = generator assigns one)


def _agenda(*items: str) -> str:
    """A numbered agenda, one item per line."""
    return "\n".join(f"{number}. {item}" for number, item in enumerate(items, start=1))


def _md(block: str) -> str:
    """Markdown written as an indented triple-quoted string, dedented."""
    return textwrap.dedent(block).strip()


def _text(block: str) -> str:
    """Prose paragraphs: wrapped lines are joined, paragraphs separated by one blank line."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in block.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


# ---------------------------------------------------------------------------------------
# Meetings of the three named communities
# ---------------------------------------------------------------------------------------

JIKA = "JIKA Community"
JAKSEL_ARCHIVES = "Jaksel Archives"
JAK_HIGH = "JAK-HIGH"

_JIKA_MEETINGS: tuple[MeetingSeed, ...] = (
    MeetingSeed(
        held_on=date(2025, 2, 20),
        topic="Pemetaan kewajiban Fasum dari SIPPT yang belum diserahkan pengembang",
        agenda=_agenda(
            "Pembukaan dan penjelasan tujuan komunitas oleh pimpinan Biro",
            "Paparan data kewajiban SIPPT/IPPT/IPPR per wilayah kota",
            "Diskusi kelompok: hambatan yang paling sering ditemui",
            "Penetapan prioritas kerja triwulan berikutnya",
        ),
        format="offline",
        place="Ruang Rapat Biro Pembangunan dan Lingkungan Hidup, Balai Kota",
        head_count=28,
        accompanied=True,
        seci_stages=("socialization",),
        minutes_md=_md("""
            ## Ringkasan
            Pertemuan perdana ini memetakan kewajiban fasilitas umum yang masih tertahan di
            tangan pengembang. Anggota dari bagian perizinan, aset, dan hukum membawa daftar
            kasus masing-masing.

            ## Pokok diskusi
            - Banyak kewajiban lama tidak punya berita acara serah terima yang lengkap.
            - Sebagian lokasi Fasum sudah berubah fungsi sehingga perlu dicek ke lapangan.
            - Ingatan pegawai senior menjadi sumber utama karena data tertulis tersebar.

            ## Tindak lanjut
            - Tim kecil menyiapkan kerangka panduan teknis sebelum Triwulan II.
            - Setiap wilayah kota mengirim lima kasus yang paling mendesak.
        """),
    ),
    MeetingSeed(
        held_on=date(2025, 5, 15),
        topic="Menyusun panduan teknis penyelesaian kewajiban Fasum berbasis Pergub",
        agenda=_agenda(
            "Tinjauan kerangka panduan dari tim kecil",
            "Curah pengalaman: langkah penagihan yang terbukti berhasil",
            "Penyelarasan istilah dengan bagian hukum",
            "Pembagian tugas penulisan bab",
        ),
        format="hybrid",
        place="Balai Kota dan Zoom",
        head_count=45,
        accompanied=True,
        seci_stages=("externalization",),
        minutes_md=_md("""
            ## Ringkasan
            Anggota menuangkan pengalaman menagih kewajiban pengembang ke dalam kerangka
            panduan teknis. Bagian hukum memastikan setiap langkah bersandar pada Peraturan
            Gubernur yang berlaku.

            ## Keputusan
            - Panduan dibagi menjadi tiga tahap: identifikasi, penagihan, dan serah terima.
            - Setiap tahap memuat contoh surat dan daftar dokumen pendukung.
            - Istilah "kewajiban" dan "Fasum" dipakai seragam di seluruh naskah.

            ## Tindak lanjut
            - Draf pertama diedarkan kepada anggota dua minggu setelah pertemuan.
        """),
    ),
    MeetingSeed(
        held_on=date(2025, 8, 21),
        topic="Belajar dari penagihan aset negara bersama KPK dan Kejaksaan",
        agenda=_agenda(
            "Paparan narasumber tentang pencegahan korupsi di sektor aset",
            "Studi kasus: tiga penagihan yang akhirnya tuntas",
            "Diskusi: pola hambatan dan cara mengatasinya",
            "Rangkuman pelajaran untuk dokumen lesson learned",
        ),
        format="offline",
        place="Ruang Rapat Biro Pembangunan dan Lingkungan Hidup, Balai Kota",
        head_count=36,
        accompanied=True,
        seci_stages=("socialization", "combination"),
        minutes_md=_md("""
            ## Ringkasan
            Narasumber dari lembaga penegak hukum berbagi cara menelusuri aset yang
            kewajibannya sudah lama tertunda. Anggota membandingkan temuan itu dengan data
            penagihan milik biro.

            ## Pelajaran utama
            - Tagihan tertulis dengan tenggat yang jelas lebih efektif daripada imbauan lisan.
            - Keterlibatan pimpinan mempercepat respons pengembang.
            - Setiap langkah perlu didokumentasikan agar bisa dilanjutkan oleh pegawai lain.

            ## Tindak lanjut
            - Penyusunan dokumen lesson learned penagihan aset negara.
        """),
    ),
    MeetingSeed(
        held_on=date(2025, 10, 30),
        topic="Sosialisasi panduan teknis Fasum kepada wilayah kota dan uji penerapan",
        agenda=_agenda(
            "Penyerahan panduan teknis kepada perwakilan lima kota dan satu kabupaten",
            "Simulasi penggunaan panduan pada dua kasus nyata",
            "Masukan wilayah untuk pembaruan panduan",
            "Rencana pemantauan penerapan",
        ),
        format="hybrid",
        place="Balai Kota dan Zoom",
        head_count=52,
        accompanied=True,
        seci_stages=("combination", "internalization"),
        minutes_md=_md("""
            ## Ringkasan
            Panduan teknis dibagikan kepada aparat wilayah dan langsung dicoba pada kasus yang
            sedang berjalan. Peserta menilai alurnya mudah diikuti.

            ## Masukan peserta
            - Perlu bagan alur satu halaman untuk petugas lapangan.
            - Contoh surat perlu disesuaikan dengan kop masing-masing wilayah.

            ## Tindak lanjut
            - Pembuatan infografik alur penyerahan Fasum.
            - Panduan ditinjau ulang setiap tahun berdasarkan laporan wilayah.
        """),
    ),
)

_JAKSEL_MEETINGS: tuple[MeetingSeed, ...] = (
    MeetingSeed(
        held_on=date(2025, 3, 12),
        topic="Inventarisasi akun media sosial resmi di lingkungan Pemkot Jakarta Selatan",
        agenda=_agenda(
            "Pembukaan oleh Sekretaris Kota",
            "Pendataan akun Instagram dan TikTok milik kota, kecamatan, dan kelurahan",
            "Cerita pengelola akun tentang konten yang pernah hilang",
            "Kesepakatan ruang lingkup pengarsipan",
        ),
        format="offline",
        place="Ruang Rapat Kantor Wali Kota Jakarta Selatan",
        head_count=24,
        accompanied=False,
        seci_stages=("socialization",),
        minutes_md=_md("""
            ## Ringkasan
            Peserta mendata seluruh akun resmi dan menemukan bahwa sebagian konten lama sudah
            tidak bisa ditemukan lagi. Kejadian itu menjadi alasan kuat membangun sistem
            pengarsipan yang tertib.

            ## Temuan
            - Ada akun kelurahan yang kata sandinya hanya diketahui satu orang.
            - Unggahan siaran langsung jarang disimpan setelah acara selesai.

            ## Tindak lanjut
            - Daftar akun resmi dan penanggung jawabnya diperbarui setiap triwulan.
            - Tim penyusun SOP dibentuk.
        """),
    ),
    MeetingSeed(
        held_on=date(2025, 6, 11),
        topic="Menyusun SOP pengarsipan unggahan Instagram dan TikTok",
        agenda=_agenda(
            "Paparan draf SOP oleh tim penyusun",
            "Diskusi format berkas dan metadata yang wajib dicatat",
            "Pembagian peran admin akun dan pengelola kearsipan",
            "Penetapan jadwal uji coba",
        ),
        format="online",
        place="Zoom",
        head_count=40,
        accompanied=True,
        seci_stages=("externalization",),
        minutes_md=_md("""
            ## Ringkasan
            Kebiasaan kerja para admin akun dituliskan menjadi langkah-langkah baku. Draf SOP
            disepakati dengan beberapa perbaikan.

            ## Keputusan
            - Setiap unggahan disimpan dalam format asli beserta tangkapan layar dan keterangan.
            - Metadata minimal: tanggal, akun, tautan, pembuat, dan tema konten.
            - Penyimpanan dilakukan paling lambat tiga hari kerja setelah unggahan.

            ## Tindak lanjut
            - Uji coba SOP di dua kecamatan selama satu bulan.
        """),
    ),
    MeetingSeed(
        held_on=date(2025, 9, 17),
        topic="Integrasi SOP kearsipan media sosial dengan SIKD dan SRCA",
        agenda=_agenda(
            "Laporan hasil uji coba SOP di dua kecamatan",
            "Paparan pengelola SIKD dan SRCA",
            "Pemetaan kolom metadata media sosial ke dalam SIKD",
            "Rencana penyusunan panduan integrasi",
        ),
        format="hybrid",
        place="Kantor Wali Kota Jakarta Selatan dan Zoom",
        head_count=55,
        accompanied=True,
        seci_stages=("combination",),
        minutes_md=_md("""
            ## Ringkasan
            Hasil uji coba dipadukan dengan sistem kearsipan yang sudah dipakai pemerintah
            daerah. SIKD menjadi tempat pencatatan harian, sedangkan SRCA dipakai untuk konten
            yang dinilai bernilai guna jangka panjang.

            ## Pokok diskusi
            - Kolom metadata media sosial perlu dipetakan ke struktur SIKD yang ada.
            - Konten bernilai sejarah diusulkan masuk registrasi SRCA.

            ## Tindak lanjut
            - Penyusunan panduan integrasi SIKD dan SRCA.
        """),
    ),
    MeetingSeed(
        held_on=date(2025, 11, 19),
        topic="Uji terap SOP di kecamatan dan usulan Keputusan Wali Kota",
        agenda=_agenda(
            "Pengalaman kecamatan menjalankan SOP selama dua bulan",
            "Pembahasan rancangan Keputusan Wali Kota",
            "Jadwal pembaruan panduan secara tahunan",
            "Penutup dan apresiasi",
        ),
        format="offline",
        place="Ruang Rapat Kantor Wali Kota Jakarta Selatan",
        head_count=38,
        accompanied=True,
        seci_stages=("internalization",),
        minutes_md=_md("""
            ## Ringkasan
            SOP sudah menjadi kebiasaan di kecamatan percontohan. Peserta sepakat bahwa
            keberlanjutannya perlu dikuatkan melalui keputusan wali kota.

            ## Keputusan
            - Rancangan keputusan wali kota diajukan melalui bagian hukum.
            - Panduan dan SOP ditinjau ulang setiap tahun.

            ## Tindak lanjut
            - Perluasan penerapan SOP ke seluruh kelurahan pada tahun berikutnya.
        """),
    ),
)

_JAK_HIGH_MEETINGS: tuple[MeetingSeed, ...] = (
    MeetingSeed(
        held_on=date(2025, 2, 14),
        topic="Peluncuran tantangan turunkan berat badan bagi ASN Dinas Kesehatan",
        agenda=_agenda(
            "Sambutan Kepala Dinas Kesehatan",
            "Pengukuran awal berat badan, lingkar perut, dan tekanan darah",
            "Penjelasan aturan tantangan dan aplikasi pemantauan",
            "Pembentukan kelompok pendamping sebaya",
        ),
        format="offline",
        place="Aula Dinas Kesehatan Provinsi DKI Jakarta",
        head_count=60,
        accompanied=False,
        seci_stages=("socialization",),
        minutes_md=_md("""
            ## Ringkasan
            Tantangan penurunan berat badan diluncurkan untuk pegawai Dinas Kesehatan.
            Pengukuran awal menunjukkan banyak peserta berada pada kategori berat badan
            berlebih.

            ## Kesepakatan
            - Target penurunan yang aman adalah setengah sampai satu kilogram per minggu.
            - Peserta mencatat berat badan setiap pekan melalui aplikasi.
            - Setiap kelompok sebaya memiliki satu tenaga gizi sebagai pendamping.
        """),
    ),
    MeetingSeed(
        held_on=date(2025, 5, 23),
        topic="Berbagi kisah peserta: strategi makan dan aktivitas fisik yang berhasil",
        agenda=_agenda(
            "Testimoni tiga peserta dengan penurunan berat badan terbesar",
            "Diskusi hambatan: jam kerja panjang dan makanan rapat",
            "Perumusan kiat praktis untuk modul",
        ),
        format="online",
        place="Zoom",
        head_count=120,
        accompanied=True,
        seci_stages=("socialization", "externalization"),
        minutes_md=_md("""
            ## Ringkasan
            Tiga peserta menceritakan perubahan kebiasaan yang membuat berat badan mereka
            turun belasan kilogram. Kiat-kiat mereka dicatat untuk bahan modul.

            ## Kiat yang dicatat
            - Mengganti camilan rapat dengan buah potong.
            - Berjalan kaki sepuluh menit setelah makan siang.
            - Tidur cukup agar keinginan makan malam berkurang.

            ## Tindak lanjut
            - Tim gizi menyusun modul pengendalian berat badan.
        """),
    ),
    MeetingSeed(
        held_on=date(2025, 8, 15),
        topic="Membaca data berat badan agregat dari aplikasi pemantauan",
        agenda=_agenda(
            "Paparan data agregat anonim enam bulan pertama",
            "Diskusi perbedaan hasil antarunit kerja",
            "Usulan rekomendasi kebijakan pencegahan PTM",
        ),
        format="hybrid",
        place="Aula Dinas Kesehatan dan Zoom",
        head_count=150,
        accompanied=True,
        seci_stages=("combination",),
        minutes_md=_md("""
            ## Ringkasan
            Data pola makan, aktivitas fisik, dan berat badan mingguan dirangkum tanpa
            identitas peserta. Rata-rata penurunan berat badan terlihat konsisten pada peserta
            yang aktif mencatat.

            ## Temuan
            - Peserta yang mencatat setiap minggu turun lebih banyak daripada yang jarang.
            - Unit kerja dengan kelompok sebaya aktif memiliki angka putus program lebih rendah.

            ## Tindak lanjut
            - Rekomendasi kebijakan disampaikan kepada pimpinan.
            - Persiapan pertemuan besar lintas perangkat daerah pada Triwulan IV.
        """),
    ),
    MeetingSeed(
        held_on=date(2025, 11, 10),
        topic="Turunkan Berat Badan, Ringankan Masa Depan dari Diabetes Melitus "
              "& Penyakit Tidak Menular",
        agenda=_agenda(
            "Pembukaan dan laporan capaian program",
            "Materi pencegahan diabetes melitus dan PTM oleh dokter spesialis",
            "Testimoni peserta dari berbagai perangkat daerah",
            "Sesi tanya jawab daring dan luring",
            "Deklarasi gaya hidup sehat ASN",
        ),
        format="hybrid",
        place="Aula Dinas Kesehatan Provinsi DKI Jakarta dan Zoom",
        head_count=500,
        accompanied=True,
        seci_stages=("socialization", "externalization", "combination", "internalization"),
        minutes_md=_md("""
            ## Ringkasan
            Pertemuan terbesar JAK-HIGH diikuti 500 peserta secara luring dan daring dari
            berbagai perangkat daerah. Materi menekankan pengendalian berat badan sebagai
            langkah paling murah untuk mencegah diabetes melitus dan penyakit tidak menular.

            ## Pokok acara
            - Laporan capaian program dan data agregat peserta.
            - Testimoni peserta yang berhasil menurunkan berat badan puluhan kilogram.
            - Tanya jawab tentang pola makan, olahraga, dan pemeriksaan gula darah.

            ## Tindak lanjut
            - Laporan pertemuan diunggah ke Portal KM.
            - Perangkat daerah lain diundang membentuk kelompok sebaya sendiri.
        """),
    ),
)

MEETING_TOPICS: dict[str, tuple[MeetingSeed, ...]] = {
    JIKA: _JIKA_MEETINGS,
    JAKSEL_ARCHIVES: _JAKSEL_MEETINGS,
    JAK_HIGH: _JAK_HIGH_MEETINGS,
}


# ---------------------------------------------------------------------------------------
# Generic topics any community can use
# ---------------------------------------------------------------------------------------

GENERIC_MEETING_TOPICS: tuple[TopicSeed, ...] = (
    TopicSeed(
        "Pemetaan pengetahuan kritis yang dimiliki pegawai senior",
        _agenda("Pembukaan oleh ketua CoP", "Daftar pekerjaan yang hanya dikuasai satu orang",
                "Penentuan pengetahuan yang harus segera didokumentasikan", "Pembagian tugas"),
    ),
    TopicSeed(
        "Persiapan serah terima tugas sebelum mutasi dan pensiun",
        _agenda("Daftar pegawai yang akan mutasi atau pensiun", "Templat catatan serah terima",
                "Penunjukan pegawai penerus", "Jadwal sesi pendampingan"),
    ),
    TopicSeed(
        "Bedah kasus: kesalahan yang pernah terjadi dan cara mencegahnya",
        _agenda("Paparan kasus oleh pegawai yang menanganinya", "Analisis akar masalah",
                "Rumusan langkah pencegahan", "Penyusunan catatan pembelajaran"),
    ),
    TopicSeed(
        "Menyusun SOP dari kebiasaan kerja yang sudah berjalan",
        _agenda("Pemetaan langkah kerja saat ini", "Identifikasi langkah yang sering terlewat",
                "Penulisan draf SOP", "Rencana uji coba"),
    ),
    TopicSeed(
        "Tinjauan tahunan aset pengetahuan yang sudah diunggah",
        _agenda("Daftar aset yang berumur lebih dari satu tahun", "Penilaian relevansi isi",
                "Pembagian tugas pembaruan", "Penetapan tanggal tinjauan berikutnya"),
    ),
    TopicSeed(
        "Berbagi praktik baik antarbidang dalam satu perangkat daerah",
        _agenda("Presentasi singkat dari setiap bidang", "Tanya jawab",
                "Pemilihan praktik yang layak direplikasi"),
    ),
    TopicSeed(
        "Belajar dari narasumber perangkat daerah lain",
        _agenda("Paparan narasumber tamu", "Diskusi penerapan di unit sendiri",
                "Kesepakatan tindak lanjut kolaborasi"),
    ),
    TopicSeed(
        "Pengenalan siklus SECI bagi anggota baru komunitas",
        _agenda("Penjelasan sosialisasi, eksternalisasi, kombinasi, dan internalisasi",
                "Contoh dari aset pengetahuan yang sudah ada", "Latihan kelompok"),
    ),
    TopicSeed(
        "Evaluasi pemanfaatan aset pengetahuan oleh pegawai",
        _agenda("Paparan data unduhan dan akses Portal KM", "Diskusi aset yang jarang dibuka",
                "Strategi diseminasi agar target 50% pegawai tercapai"),
    ),
    TopicSeed(
        "Penyusunan modul pelatihan singkat untuk pegawai baru",
        _agenda("Identifikasi kebutuhan belajar pegawai baru", "Penyusunan kerangka modul",
                "Pembagian penulis dan peninjau"),
    ),
    TopicSeed(
        "Refleksi capaian triwulan dan rencana triwulan berikutnya",
        _agenda("Laporan capaian target triwulan", "Hambatan yang dihadapi",
                "Rencana tema dan jadwal pertemuan berikutnya"),
    ),
    TopicSeed(
        "Simulasi layanan publik dari sudut pandang warga",
        _agenda("Bermain peran sebagai warga pemohon layanan", "Catatan titik kesulitan",
                "Usulan perbaikan alur layanan"),
    ),
    TopicSeed(
        "Membuat infografik dari dokumen teknis yang panjang",
        _agenda("Pemilihan dokumen sumber", "Penyederhanaan pesan utama",
                "Penyusunan draf visual", "Uji keterbacaan kepada pegawai lain"),
    ),
    TopicSeed(
        "Merekam video tutorial pekerjaan rutin",
        _agenda("Pemilihan pekerjaan yang akan direkam", "Penulisan naskah singkat",
                "Perekaman dan penyuntingan", "Unggah ke Portal KM"),
    ),
    TopicSeed(
        "Kolaborasi lintas perangkat daerah untuk masalah bersama",
        _agenda("Pemaparan masalah yang melibatkan beberapa instansi",
                "Pembagian peran setiap instansi", "Rencana pertemuan gabungan"),
    ),
    TopicSeed(
        "Menindaklanjuti rekomendasi pemeriksaan dan audit",
        _agenda("Daftar rekomendasi yang belum tuntas", "Pengalaman menuntaskan rekomendasi serupa",
                "Penyusunan rencana aksi"),
    ),
    TopicSeed(
        "Pemanfaatan data untuk pengambilan keputusan unit kerja",
        _agenda("Paparan data kinerja unit", "Diskusi makna data",
                "Keputusan yang dapat diambil dari data tersebut"),
    ),
    TopicSeed(
        "Persiapan penilaian Knowledge Management Award",
        _agenda("Penjelasan enam aspek penilaian", "Penilaian mandiri komunitas",
                "Pengumpulan bukti dokumentasi", "Pembagian tugas penyusunan portofolio"),
    ),
    TopicSeed(
        "Penerapan hasil pembelajaran di lapangan",
        _agenda("Laporan anggota yang sudah menerapkan panduan", "Kendala penerapan",
                "Perbaikan panduan berdasarkan pengalaman lapangan"),
    ),
    TopicSeed(
        "Diskusi inovasi layanan untuk mendukung Jakarta sebagai kota global",
        _agenda("Curah gagasan inovasi", "Penilaian kelayakan gagasan",
                "Pemilihan satu gagasan untuk diuji coba"),
    ),
)


# ---------------------------------------------------------------------------------------
# Knowledge assets
# ---------------------------------------------------------------------------------------

BODY_ONLY_ASSET_TITLE = "Panduan Penomoran dan Pengundangan Produk Hukum Daerah"

_NAMED_COP_ASSETS: tuple[AssetSeed, ...] = (
    AssetSeed(
        community_name=JIKA,
        title="Panduan Teknis Penyelesaian Kewajiban Fasum dari SIPPT, IPPT, dan IPPR",
        summary="Langkah baku untuk menagih, menerima, dan mencatat fasilitas umum yang wajib "
                "diserahkan pemegang izin, disusun berdasarkan Peraturan Gubernur.",
        asset_type="technical_guide",
        km_stage="creation",
        tags=("fasum", "sippt", "ippt", "ippr", "pergub", "aset daerah", "penagihan"),
        meeting_topic="Menyusun panduan teknis penyelesaian kewajiban Fasum berbasis Pergub",
        body=_text("""
            Panduan ini lahir dari pertemuan JIKA Community di Biro Pembangunan dan
            Lingkungan Hidup. Tujuannya sederhana: setiap pegawai yang menangani kewajiban
            pengembang memakai urutan kerja yang sama, sehingga hasilnya tidak bergantung pada
            siapa yang kebetulan sedang menjabat.

            Tahap pertama adalah identifikasi. Petugas mencocokkan lampiran SIPPT, IPPT, atau
            IPPR dengan kondisi di lapangan, lalu mencatat luas, letak, dan jenis fasilitas
            umum yang dijanjikan. Setiap ketidaksesuaian diberi foto, titik koordinat, dan
            catatan singkat mengenai penyebabnya.

            Tahap kedua adalah penagihan. Pemegang izin menerima surat pemberitahuan, disusul
            teguran bertahap bila tidak ada tanggapan. Setiap tagihan memuat rincian kewajiban,
            dasar hukumnya, dan tenggat penyelesaian. Apabila badan usaha pemegang izin sudah
            tidak aktif, petugas menelusuri pemilik baru melalui akta dan data pertanahan.

            Tahap ketiga adalah serah terima. Fasum yang sudah siap diserahkan dituangkan dalam
            berita acara, lalu dicatat dalam daftar barang milik daerah bersama Badan
            Pengelolaan Aset Daerah. Proses sertifikasi tanah dimulai segera setelah berita
            acara ditandatangani agar aset tidak kembali menggantung.

            Seluruh langkah bersandar pada Peraturan Gubernur tentang penyelesaian kewajiban
            pemegang izin. Dengan pijakan itu, pengembang tidak lagi leluasa menafsirkan
            kewajibannya secara sepihak, dan setiap keputusan petugas dapat
            dipertanggungjawabkan.

            Isi panduan berasal dari pengalaman pegawai senior yang bertahun-tahun menangani
            kasus serupa. Menuliskannya adalah cara komunitas mencegah amnesia institusi ketika
            para pegawai itu mutasi atau pensiun. Panduan ditinjau ulang setiap tahun.
        """),
    ),
    AssetSeed(
        community_name=JIKA,
        title="Lesson Learned: Menagih Aset Negara yang Tertunda Bertahun-tahun",
        summary="Catatan pembelajaran dari penagihan kewajiban pengembang yang akhirnya tuntas "
                "berkat kerja sama dengan KPK dan Kejaksaan.",
        asset_type="lesson_learned",
        km_stage="sharing",
        tags=("penagihan", "aset negara", "fasum", "kolaborasi", "antikorupsi"),
        meeting_topic="Belajar dari penagihan aset negara bersama KPK dan Kejaksaan",
        body=_text("""
            Sebagian kewajiban penyerahan fasilitas umum di Jakarta tertunda sejak puluhan
            tahun lalu. Nilainya besar, tetapi berkasnya tersebar dan para pegawai yang dulu
            menanganinya sudah berpindah tugas. Dokumen ini merekam apa yang dipelajari JIKA
            Community ketika menuntaskan beberapa kasus tersebut.

            Pelajaran pertama: penagihan tanpa data yang lengkap hampir selalu berhenti di
            tengah jalan. Sebelum surat pertama dikirim, tim kini memastikan riwayat izin,
            peta lokasi, dan korespondensi lama sudah terkumpul dalam satu berkas kerja.

            Pelajaran kedua: kolaborasi dengan KPK dan Kejaksaan mengubah sikap pihak yang
            ditagih. Pendampingan lembaga penegak hukum memberi sinyal bahwa pemerintah serius,
            sekaligus membantu biro memilih langkah hukum yang tepat bila tagihan diabaikan.

            Pelajaran ketiga: keterlibatan pimpinan biro sejak awal mempercepat keputusan.
            Rapat singkat bersama pimpinan setiap bulan mencegah kasus tertahan hanya karena
            menunggu disposisi.

            Pelajaran keempat: setiap langkah harus dicatat. Catatan yang rapi memungkinkan
            pegawai lain melanjutkan penagihan tanpa mengulang dari awal, dan menjadi bukti
            bila kasus dibawa ke ranah hukum.
        """),
    ),
    AssetSeed(
        community_name=JIKA,
        title="Infografik Alur Penyerahan Fasum oleh Pemegang Izin",
        summary="Bagan satu halaman yang meringkas tahapan identifikasi, penagihan, dan serah "
                "terima fasilitas umum untuk petugas wilayah.",
        asset_type="infographic",
        km_stage="sharing",
        tags=("fasum", "alur kerja", "serah terima", "wilayah kota"),
        meeting_topic="Sosialisasi panduan teknis Fasum kepada wilayah kota dan uji penerapan",
        body=_text("""
            Infografik ini dibuat atas permintaan petugas wilayah yang membutuhkan ringkasan
            panduan teknis dalam satu lembar. Bagan dibaca dari kiri ke kanan dan dapat
            ditempel di ruang kerja.

            Kolom pertama menggambarkan identifikasi kewajiban: periksa dokumen izin, cek
            lapangan, dan catat selisih antara rencana dan kenyataan. Kolom kedua menunjukkan
            urutan surat penagihan beserta tenggat setiap tahap.

            Kolom ketiga menampilkan serah terima, pencatatan sebagai barang milik daerah, dan
            pengurusan sertifikat. Di bagian bawah tercantum kontak JIKA Community untuk kasus
            yang tidak sesuai dengan alur umum.
        """),
    ),
    AssetSeed(
        community_name=JAKSEL_ARCHIVES,
        title="SOP Pengarsipan Unggahan Resmi Instagram dan TikTok Pemkot Jakarta Selatan",
        summary="Prosedur baku menyimpan setiap unggahan akun resmi beserta metadata dan bukti "
                "tayangnya agar tidak hilang saat akun berganti pengelola.",
        asset_type="sop",
        km_stage="creation",
        tags=("pengarsipan", "media sosial", "instagram", "tiktok", "sop", "arsip digital"),
        meeting_topic="Menyusun SOP pengarsipan unggahan Instagram dan TikTok",
        body=_text("""
            Unggahan akun resmi di Instagram dan TikTok tidak abadi: pengelola bisa
            menghapusnya karena keliru, platform bisa mengubah aturannya, dan unggahan lama
            makin sulit dicari. Karena unggahan itu bagian dari komunikasi pemerintah, salinannya
            perlu disimpan dengan disiplin yang sama seperti surat dinas.

            Langkah pertama: admin akun mengunduh berkas asli setiap unggahan, baik foto,
            video, maupun teks keterangan, paling lambat tiga hari kerja setelah tayang.
            Tangkapan layar yang menunjukkan tanggal, jumlah tayangan, dan komentar utama
            disimpan bersama berkas tersebut.

            Langkah kedua: pengelola kearsipan memberi metadata minimal berupa nama akun,
            tautan, tanggal tayang, pembuat konten, dan tema. Penamaan berkas mengikuti pola
            tanggal-akun-nomor urut agar mudah diurutkan.

            Langkah ketiga: berkas dan metadata dicatat ke SIKD sebagai arsip dinamis. Konten
            yang bernilai guna jangka panjang, misalnya dokumentasi peristiwa penting kota,
            diusulkan untuk registrasi SRCA.

            Langkah keempat: setiap triwulan, koordinator memeriksa kelengkapan pengarsipan dan
            melaporkan selisih antara jumlah unggahan dan jumlah arsip yang tersimpan.
        """),
    ),
    AssetSeed(
        community_name=JAKSEL_ARCHIVES,
        title="Panduan Integrasi SOP Kearsipan Media Sosial dengan SIKD dan SRCA",
        summary="Cara memetakan metadata konten media sosial ke Sistem Informasi Kearsipan "
                "Dinamis dan memilih konten yang layak masuk Sistem Registrasi Cagar Arsip.",
        asset_type="technical_guide",
        km_stage="storage",
        tags=("kearsipan", "sikd", "srca", "media sosial", "integrasi sistem"),
        meeting_topic="Integrasi SOP kearsipan media sosial dengan SIKD dan SRCA",
        body=_text("""
            SOP pengarsipan media sosial baru bermanfaat penuh bila hasilnya tersimpan di
            sistem yang sudah dipakai pemerintah daerah. Panduan ini menjelaskan cara
            menghubungkan kebiasaan kerja admin akun dengan Sistem Informasi Kearsipan Dinamis
            (SIKD) dan Sistem Registrasi Cagar Arsip (SRCA).

            Di SIKD, setiap unggahan dicatat sebagai satu entri arsip dinamis. Kolom nama akun
            dipetakan ke unit pencipta, tanggal tayang ke tanggal naskah, dan tema konten ke
            klasifikasi arsip. Tautan unggahan disimpan di kolom keterangan sebagai rujukan.

            SRCA dipakai untuk konten yang nilainya melampaui kebutuhan sehari-hari, misalnya
            dokumentasi peresmian fasilitas publik atau penanganan bencana. Pengelola kearsipan
            menilai konten tersebut setiap triwulan dan mengajukan registrasinya.

            Manfaat terbesarnya terasa ketika beredar versi palsu sebuah unggahan: versi asli
            lengkap dengan metadatanya dapat segera ditunjukkan kepada publik, sehingga arsip
            ikut menjaga kepercayaan warga.

            Komunitas menjadwalkan peninjauan panduan sekali setahun, karena fitur platform
            media sosial dan aturan kearsipan terus berubah. Kewajiban menjalankan panduan ini
            diusulkan untuk dikuatkan melalui Keputusan Wali Kota.
        """),
    ),
    AssetSeed(
        community_name=JAKSEL_ARCHIVES,
        title="Catatan Pembelajaran: Konten Resmi yang Hilang Saat Admin Akun Berganti",
        summary="Kisah nyata hilangnya unggahan kelurahan ketika satu-satunya pengelola akun "
                "dimutasi, dan kebiasaan baru yang lahir dari kejadian itu.",
        asset_type="lesson_learned",
        km_stage="identification",
        tags=("media sosial", "mutasi", "amnesia institusi", "kata sandi", "tata kelola akun"),
        meeting_topic="Inventarisasi akun media sosial resmi di lingkungan Pemkot Jakarta Selatan",
        body=_text("""
            Sebuah akun kelurahan pernah dikelola oleh satu pegawai saja. Ketika pegawai itu
            dimutasi, tidak ada yang mengetahui kata sandinya, dan ratusan unggahan tentang
            kegiatan warga praktis tidak dapat dikelola lagi.

            Kejadian ini adalah contoh kecil amnesia institusi di era digital. Pengetahuan
            tentang akun, jadwal unggah, dan gaya bahasa yang disepakati hanya tersimpan di
            kepala satu orang.

            Dari kasus tersebut, Jaksel Archives menetapkan tiga kebiasaan. Setiap akun resmi
            memiliki minimal dua pengelola. Kredensial disimpan oleh sekretariat kota dengan
            prosedur serah terima. Unggahan penting disalin ke penyimpanan kantor setiap
            pekan.
        """),
    ),
    AssetSeed(
        community_name=JAK_HIGH,
        title="Modul Pengendalian Berat Badan untuk Mencegah Diabetes Melitus",
        summary="Modul praktis bagi ASN tentang cara menurunkan berat badan secara bertahap "
                "sebagai langkah pencegahan diabetes melitus dan penyakit tidak menular.",
        asset_type="module",
        km_stage="creation",
        tags=("berat badan", "diabetes melitus", "penyakit tidak menular", "gizi",
              "aktivitas fisik", "kesehatan asn"),
        meeting_topic="Berbagi kisah peserta: strategi makan dan aktivitas fisik yang berhasil",
        body=_text("""
            Kelebihan berat badan adalah salah satu faktor risiko terbesar diabetes melitus,
            hipertensi, dan penyakit jantung. Modul ini disusun tim gizi Dinas Kesehatan
            bersama peserta JAK-HIGH yang sudah berhasil menurunkan berat badannya.

            Bagian pertama membahas cara mengukur diri: berat badan, indeks massa tubuh, dan
            lingkar perut. Peserta diajak mencatat angka-angka itu setiap pekan, karena
            pencatatan rutin terbukti menjaga motivasi.

            Bagian kedua berisi pola makan sehari-hari dengan prinsip piring seimbang:
            setengah piring sayur dan buah, seperempat lauk berprotein, dan seperempat
            karbohidrat. Modul juga memberi contoh mengganti camilan rapat dan minuman manis.

            Bagian ketiga mengatur aktivitas fisik yang realistis bagi pegawai kantor, mulai
            dari berjalan kaki sepuluh menit setelah makan hingga target 150 menit olahraga
            sedang per minggu.

            Bagian keempat menjelaskan kapan harus memeriksakan gula darah dan tekanan darah,
            serta tanda-tanda yang perlu segera dikonsultasikan ke puskesmas atau dokter.

            Target penurunan yang dianjurkan adalah setengah sampai satu kilogram per minggu.
            Penurunan yang terlalu cepat justru sulit dipertahankan.
        """),
    ),
    AssetSeed(
        community_name=JAK_HIGH,
        title="Laporan Pertemuan Hybrid JAK-HIGH 10 November 2025 dengan 500 Peserta",
        summary="Ringkasan jalannya pertemuan komunitas terbesar tahun 2025 tentang pencegahan "
                "diabetes melitus dan penyakit tidak menular melalui penurunan berat badan.",
        asset_type="report",
        km_stage="sharing",
        tags=("laporan kegiatan", "hybrid", "diabetes melitus", "penyakit tidak menular",
              "jak-high"),
        meeting_topic="Turunkan Berat Badan, Ringankan Masa Depan dari Diabetes Melitus "
                      "& Penyakit Tidak Menular",
        body=_text("""
            Pada 10 November 2025, JAK-HIGH menggelar pertemuan hybrid yang diikuti 500
            peserta dari berbagai perangkat daerah. Tema yang diangkat adalah ajakan
            menurunkan berat badan demi masa depan yang lebih ringan dari diabetes melitus dan
            penyakit tidak menular.

            Acara dibuka dengan laporan capaian program sejak awal tahun. Data agregat anonim
            dari aplikasi pemantauan menunjukkan bahwa peserta yang rutin mencatat berat badan
            dan aktivitasnya mengalami penurunan yang lebih konsisten.

            Sesi inti diisi materi dokter spesialis dan testimoni peserta yang berhasil
            menurunkan berat badan puluhan kilogram. Kisah mereka memicu banyak pertanyaan
            tentang pola makan, olahraga, dan pemeriksaan gula darah.

            Dari sisi Knowledge Management, pertemuan ini menjalankan keempat tahap SECI:
            pengalaman pribadi dibagikan, dirumuskan menjadi kiat tertulis, dipadukan dengan
            data medis, lalu diterapkan menjadi kebiasaan baru para peserta.

            Tema kesehatan ASN ini juga mendukung pencapaian SDG 3 tentang hidup sehat dan
            sejahtera. Komunitas
            merekomendasikan agar setiap perangkat daerah membentuk kelompok sebaya sendiri
            dengan pendampingan tenaga gizi.
        """),
    ),
    AssetSeed(
        community_name=JAK_HIGH,
        title="Infografik Piring Sehat dan Langkah Harian ASN",
        summary="Satu halaman visual tentang komposisi piring makan seimbang dan target "
                "aktivitas fisik harian bagi pegawai kantor.",
        asset_type="infographic",
        km_stage="application",
        tags=("gizi", "piring sehat", "aktivitas fisik", "kesehatan asn"),
        body=_text("""
            Infografik ini merangkum modul pengendalian berat badan menjadi panduan yang bisa
            dilihat sekilas di meja kerja atau ruang makan kantor.

            Bagian kiri menampilkan piring makan seimbang dengan porsi sayur, buah, lauk, dan
            karbohidrat. Bagian kanan berisi target langkah harian dan ide gerak ringan di
            sela jam kerja.

            Di bagian bawah terdapat pengingat untuk memeriksa gula darah secara berkala dan
            tautan ke modul lengkap di Portal KM.
        """),
    ),
)

_SERVICE_ASSETS: tuple[AssetSeed, ...] = (
    AssetSeed(
        community_name="Guru Berbagi Jakarta",
        title="Praktik Baik Pembelajaran Berdiferensiasi di Kelas Besar",
        summary="Cara guru SMP negeri mengelompokkan siswa berdasarkan kesiapan belajar tanpa "
                "menambah jam mengajar.",
        asset_type="best_practice",
        km_stage="sharing",
        tags=("pembelajaran", "guru", "kelas besar", "diferensiasi"),
        body=_text("""
            Kelas dengan lebih dari tiga puluh siswa sering membuat guru memilih satu cara
            mengajar untuk semua. Akibatnya, siswa yang cepat bosan dan siswa yang tertinggal
            sama-sama tidak terlayani.

            Seorang guru matematika membagikan kebiasaannya memulai setiap bab dengan tes
            singkat lima soal. Hasilnya dipakai untuk membentuk tiga kelompok dengan lembar
            kerja yang berbeda tingkat kesulitannya, sementara penjelasan inti tetap diberikan
            kepada seluruh kelas.

            Guru lain yang mencoba cara ini melaporkan bahwa siswa lebih aktif bertanya dan
            nilai ulangan harian lebih merata. Kunci keberhasilannya adalah lembar kerja yang
            disiapkan bersama oleh guru mata pelajaran yang sama, sehingga bebannya terbagi.

            Praktik ini sudah diamati langsung oleh anggota komunitas dalam kunjungan kelas dan
            kini dipakai di beberapa sekolah lain.
        """),
    ),
    AssetSeed(
        community_name="Sahabat Layanan Sosial",
        title="SOP Penjangkauan Warga Telantar pada Malam Hari",
        summary="Urutan kerja tim penjangkauan saat menemukan warga telantar di ruang publik "
                "pada malam hari, dari pendekatan awal sampai rujukan ke panti.",
        asset_type="sop",
        km_stage="application",
        tags=("penjangkauan", "pmks", "panti sosial", "pekerja sosial"),
        body=_text("""
            Penjangkauan malam hari menuntut kehati-hatian ekstra karena petugas bekerja dengan
            penerangan terbatas dan warga yang dijangkau sering dalam kondisi lelah atau sakit.

            Tim terdiri atas sedikitnya tiga orang, salah satunya pekerja sosial. Pendekatan
            dimulai dengan memperkenalkan diri dan menawarkan bantuan, bukan dengan perintah.
            Petugas mencatat kondisi fisik, identitas bila ada, dan kebutuhan mendesak.

            Warga yang sakit dirujuk lebih dulu ke fasilitas kesehatan terdekat. Warga yang
            sehat dan bersedia diantar ke panti sosial transit, sedangkan yang menolak diberi
            informasi layanan dan dicatat untuk kunjungan ulang.

            Seluruh kejadian dilaporkan ke koordinator sebelum pergantian sif. Catatan ini
            penting agar tim berikutnya tidak mengulang pendekatan yang sudah gagal.
        """),
    ),
    AssetSeed(
        community_name="Jak-Mobilitas Cerdas",
        title="Catatan Uji Coba Rekayasa Lalu Lintas Satu Arah di Kawasan Padat",
        summary="Pelajaran dari uji coba sistem satu arah: persiapan rambu, komunikasi kepada "
                "warga, dan indikator yang dipantau selama dua minggu.",
        asset_type="lesson_learned",
        km_stage="identification",
        tags=("rekayasa lalu lintas", "satu arah", "uji coba", "kemacetan"),
        body=_text("""
            Uji coba sistem satu arah di kawasan padat sering menuai keluhan pada hari-hari
            pertama. Catatan ini merangkum apa yang membuat uji coba berikutnya berjalan lebih
            mulus.

            Pemasangan rambu sementara dan petugas pengatur dilakukan sehari sebelum uji coba,
            bukan pada pagi hari pelaksanaan. Pengumuman kepada warga disebar melalui pengurus
            RT, media sosial, dan spanduk di titik masuk kawasan.

            Indikator yang dipantau adalah waktu tempuh rata-rata, panjang antrean di
            persimpangan, dan jumlah pengaduan. Data dikumpulkan tiga kali sehari selama dua
            minggu agar tidak terkecoh oleh kondisi satu hari saja.

            Pelajaran terpenting: keputusan melanjutkan atau menghentikan uji coba harus
            didasarkan pada data minggu kedua, ketika pengguna jalan sudah menyesuaikan diri.
        """),
    ),
    AssetSeed(
        community_name="Bank Ilmu Hijau",
        title="Panduan Mendirikan Bank Sampah Tingkat RW",
        summary="Langkah praktis membentuk pengurus, menyiapkan tempat, mencatat tabungan "
                "warga, dan menjalin kerja sama dengan pengepul.",
        asset_type="technical_guide",
        km_stage="application",
        tags=("bank sampah", "pengelolaan sampah", "pemilahan", "rw"),
        body=_text("""
            Bank sampah adalah cara paling dekat dengan warga untuk mengurangi sampah yang
            dikirim ke tempat pembuangan akhir. Panduan ini disusun dari pengalaman pendamping
            lingkungan hidup di berbagai kelurahan.

            Langkah awal adalah membentuk pengurus yang terdiri atas ketua, pencatat, dan
            penimbang. Pengurus sebaiknya warga yang tinggal menetap dan punya waktu luang pada
            akhir pekan.

            Tempat penimbangan tidak harus bangunan baru; pos RW atau halaman rumah warga
            cukup asalkan beratap. Pengurus menyiapkan timbangan, buku tabungan, dan karung
            terpisah untuk plastik, kertas, logam, dan kaca.

            Kerja sama dengan pengepul dibuat tertulis, mencakup harga per jenis sampah dan
            jadwal pengambilan. Harga diumumkan kepada warga agar pencatatan tabungan
            transparan.

            Pendamping dari suku dinas membantu pelatihan pemilahan pada tiga bulan pertama,
            lalu berkunjung setiap triwulan untuk memantau keberlanjutan.
        """),
    ),
    AssetSeed(
        community_name="Forum Perkerasan Jalan",
        title="Daftar Periksa Pemeliharaan Trotoar dan Saluran Tepi Jalan",
        summary="Daftar periksa lapangan yang dipakai tim pemeliharaan untuk menemukan "
                "kerusakan trotoar dan sumbatan saluran sebelum musim hujan.",
        asset_type="sop",
        km_stage="application",
        tags=("trotoar", "saluran", "pemeliharaan jalan", "daftar periksa"),
        body=_text("""
            Kerusakan trotoar dan saluran tepi jalan sering muncul di titik yang sama dari
            tahun ke tahun. Daftar periksa ini membantu tim lapangan memeriksa hal-hal yang
            paling sering terlewat.

            Untuk trotoar, tim memeriksa ubin yang lepas, penutup saluran yang retak, jalur
            pemandu tunanetra yang terputus, dan tiang yang menghalangi pejalan kaki. Setiap
            temuan difoto dan diberi titik lokasi.

            Untuk saluran, tim memeriksa endapan lumpur, sampah yang menyumbat lubang masuk
            air, dan sambungan pipa yang bocor. Saluran yang tersumbat lebih dari separuh
            kedalamannya masuk daftar prioritas pengerukan.

            Hasil pemeriksaan diunggah ke sistem pemeliharaan paling lambat sore hari yang
            sama, agar regu perbaikan dapat dijadwalkan keesokan harinya.
        """),
    ),
    AssetSeed(
        community_name="Kanal Pengetahuan",
        title="Pengetahuan Operator Rumah Pompa Menjelang Musim Hujan",
        summary="Kebiasaan kerja operator senior rumah pompa yang selama ini hanya diwariskan "
                "secara lisan, kini dituliskan sebelum mereka pensiun.",
        asset_type="lesson_learned",
        km_stage="identification",
        tags=("rumah pompa", "pengendalian banjir", "operator", "amnesia institusi", "pensiun"),
        body=_text("""
            Beberapa operator rumah pompa di Jakarta sudah bekerja lebih dari dua puluh tahun.
            Mereka tahu bunyi mesin yang menandakan kerusakan, kapan pintu air harus dibuka
            lebih awal, dan titik mana yang paling cepat tergenang. Pengetahuan itu belum
            pernah ditulis.

            Komunitas mewawancarai para operator senior dan merekam cara kerja mereka. Hasilnya
            berupa daftar kebiasaan, seperti memanaskan mesin cadangan setiap pekan dan
            membersihkan saringan sampah sebelum hujan deras diperkirakan turun.

            Dokumen ini adalah langkah awal melawan amnesia institusi di rumah pompa. Tanpa
            catatan semacam ini, kepergian satu operator berpengalaman dapat membuat satu
            kawasan lebih rentan banjir.

            Langkah berikutnya adalah mengubah daftar kebiasaan ini menjadi SOP resmi dan video
            pelatihan untuk operator baru.
        """),
    ),
    AssetSeed(
        community_name="Ruang Tata Kota",
        title="Modul Studi Kasus Penilaian Teknis Persetujuan Bangunan Gedung",
        summary="Lima kasus permohonan bangunan yang rumit beserta cara penilai teknis "
                "menimbang aturan tata ruang dan keselamatan gedung.",
        asset_type="module",
        km_stage="creation",
        tags=("pbg", "bangunan gedung", "tata ruang", "penilai teknis"),
        body=_text("""
            Penilai teknis baru sering kesulitan ketika menghadapi permohonan yang tidak sesuai
            dengan contoh dalam aturan. Modul ini menyajikan lima kasus nyata yang pernah
            dibahas dalam pertemuan komunitas.

            Setiap kasus diawali dengan gambaran permohonan, lalu pertanyaan kunci yang harus
            dijawab penilai, misalnya apakah koefisien dasar bangunan terlampaui atau apakah
            akses mobil pemadam kebakaran memadai.

            Bagian pembahasan menjelaskan keputusan yang akhirnya diambil beserta alasannya.
            Penilai diajak membandingkan jawabannya sendiri dengan keputusan tersebut sebelum
            membaca pembahasan.

            Modul ditutup dengan daftar kesalahan yang paling sering terjadi, seperti lupa
            memeriksa rencana tata ruang terbaru atau menerima gambar kerja yang belum
            ditandatangani penanggung jawab.
        """),
    ),
    AssetSeed(
        community_name="Sigap Berbagi",
        title="Laporan Tinjauan Pascakejadian Kebakaran Permukiman Padat",
        summary="Tinjauan bersama regu pemadam atas kebakaran di gang sempit: hambatan akses, "
                "pasokan air, dan koordinasi evakuasi.",
        asset_type="report",
        km_stage="renewal",
        tags=("kebakaran", "permukiman padat", "tinjauan pascakejadian", "evakuasi"),
        body=_text("""
            Laporan ini merangkum tinjauan pascakejadian atas kebakaran di permukiman padat
            yang melibatkan beberapa pos sektor. Tinjauan dilakukan tanpa mencari kesalahan
            perorangan, agar setiap anggota regu berani bercerita apa adanya.

            Hambatan terbesar adalah akses. Mobil pompa hanya bisa mencapai mulut gang,
            sehingga selang harus disambung sangat panjang. Regu yang lebih dulu memetakan jalur
            gang dari data kunjungan sebelumnya tiba di titik api lebih cepat.

            Pasokan air dari hidran terdekat tidak mencukupi. Koordinasi dengan pengelola air
            dan penggunaan mobil tangki tambahan menjadi pelajaran penting untuk kejadian
            berikutnya.

            Rekomendasi tinjauan telah dimasukkan ke dalam materi latihan rutin, dan peta gang
            rawan kebakaran diperbarui setiap tahun bersama pengurus wilayah.
        """),
    ),
    AssetSeed(
        community_name="Adminduk Cerdas",
        title="Jawaban Baku Pertanyaan Warga tentang Layanan Adminduk Daring",
        summary="Kumpulan jawaban seragam untuk pertanyaan yang paling sering diajukan warga "
                "tentang layanan kependudukan secara daring.",
        asset_type="other",
        km_stage="sharing",
        tags=("adminduk", "layanan daring", "tanya jawab", "kependudukan"),
        body=_text("""
            Petugas pelayanan di kelurahan dan suku dinas sering memberikan jawaban yang
            berbeda untuk pertanyaan yang sama. Kumpulan jawaban baku ini disusun agar warga
            menerima informasi yang seragam di mana pun mereka bertanya.

            Pertanyaan yang dibahas antara lain cara mengajukan pindah domisili, lama
            penerbitan akta kelahiran, dan langkah bila data di kartu keluarga keliru. Setiap
            jawaban ditulis dengan bahasa sederhana dan disertai daftar dokumen yang perlu
            disiapkan.

            Jawaban baku diperbarui setiap kali ada perubahan aturan atau aplikasi. Petugas
            yang menemukan pertanyaan baru dapat mengusulkannya dalam pertemuan komunitas
            berikutnya.
        """),
    ),
    AssetSeed(
        community_name="JakData Circle",
        title="Panduan Penyusunan Metadata Set Data Satu Data Jakarta",
        summary="Petunjuk mengisi metadata set data agar dapat ditemukan, dipahami, dan "
                "dipakai ulang oleh perangkat daerah lain.",
        asset_type="technical_guide",
        km_stage="storage",
        tags=("satu data", "metadata", "tata kelola data", "interoperabilitas"),
        body=_text("""
            Set data yang diunggah tanpa metadata yang jelas jarang dipakai ulang. Panduan ini
            menjelaskan kolom metadata minimal dan cara mengisinya dengan benar.

            Judul set data harus menyebut apa, di mana, dan kapan, misalnya jumlah penduduk
            menurut kelurahan pada akhir tahun tertentu. Deskripsi menjelaskan cara data
            dikumpulkan dan keterbatasannya.

            Setiap kolom dalam tabel diberi definisi dan satuan. Produsen data mencantumkan
            kontak yang dapat dihubungi serta frekuensi pembaruan.

            Data yang memuat informasi pribadi harus dianonimkan atau diagregasi sebelum
            dibagikan. Bila ragu, pengelola data berkonsultasi dengan komunitas sebelum
            mengunggah.
        """),
    ),
    AssetSeed(
        community_name="UMKM Naik Kelas",
        title="Praktik Baik Digitalisasi Pembayaran di Pasar Tradisional",
        summary="Cara pendamping membantu pedagang pasar menerima pembayaran digital, berkaca "
                "pada lomba pasar digital yang menaikkan transaksi digital di 12 pasar.",
        asset_type="best_practice",
        km_stage="sharing",
        tags=("umkm", "pasar tradisional", "pembayaran digital", "qris"),
        body=_text("""
            Banyak pedagang pasar ragu menerima pembayaran digital karena khawatir dananya
            terlambat masuk atau sulit dicatat. Pendamping UMKM menemukan bahwa keraguan itu
            paling cepat hilang bila pedagang melihat tetangganya berhasil lebih dulu.

            Dalam lomba pasar digital, transaksi digital di 12 pasar naik hingga 47 persen.
            Pendamping memulai dari pedagang yang paling terbuka, membantu mereka memasang kode
            pembayaran, dan mengajari cara memeriksa mutasi rekening melalui ponsel.

            Pedagang pelopor kemudian diminta bercerita kepada pedagang lain dalam pertemuan
            blok. Cara ini jauh lebih efektif daripada sosialisasi satu arah dari petugas.

            Praktik ini kini dipakai sebagai pola pendampingan di pasar-pasar lain yang belum
            ikut lomba.
        """),
    ),
    AssetSeed(
        community_name="Layanan Prima Satu Pintu",
        title="SOP Pemeriksaan Kelengkapan Berkas Permohonan Izin",
        summary="Langkah pemeriksaan berkas di loket agar permohonan yang kurang lengkap "
                "diketahui sejak awal dan tidak tertunda di tahap penilaian.",
        asset_type="sop",
        km_stage="application",
        tags=("perizinan", "ptsp", "kelengkapan berkas", "pelayanan publik"),
        body=_text("""
            Permohonan izin yang tertunda paling sering disebabkan oleh berkas yang kurang
            lengkap, bukan oleh substansi permohonan. SOP ini menggeser pemeriksaan kelengkapan
            ke tahap paling awal.

            Petugas loket memakai daftar periksa yang sama untuk setiap jenis izin. Dokumen
            yang kurang langsung disampaikan kepada pemohon secara tertulis, lengkap dengan
            contoh dokumen yang benar.

            Permohonan daring diperiksa dalam satu hari kerja. Bila ada kekurangan, pemohon
            menerima notifikasi dengan daftar yang sama sehingga tidak perlu datang ke kantor.

            Komunitas mencatat jenis kekurangan yang paling sering muncul setiap triwulan dan
            mengusulkan perbaikan informasi persyaratan di laman layanan.
        """),
    ),
    AssetSeed(
        community_name="Ruang Ramah Anak",
        title="Modul Pendampingan Korban Kekerasan yang Berperspektif Korban",
        summary="Modul bagi konselor dan pendamping tentang cara mewawancarai, merujuk, dan "
                "menjaga kerahasiaan korban kekerasan perempuan dan anak.",
        asset_type="module",
        km_stage="creation",
        tags=("perlindungan anak", "kekerasan", "konseling", "pendampingan korban"),
        body=_text("""
            Pendampingan korban kekerasan menuntut kepekaan yang tidak selalu diajarkan dalam
            pelatihan formal. Modul ini merangkum pengalaman konselor senior yang telah
            menangani ratusan kasus.

            Bagian pertama membahas wawancara awal: memilih ruang yang aman, tidak mengulang
            pertanyaan yang membuat korban trauma, dan mencatat keterangan dengan kata-kata
            korban sendiri.

            Bagian kedua menjelaskan rujukan ke layanan kesehatan, bantuan hukum, dan rumah
            aman, termasuk siapa yang harus dihubungi di setiap wilayah.

            Bagian ketiga menegaskan kerahasiaan. Data korban hanya boleh diakses petugas yang
            menangani kasus, dan setiap serah terima kasus ketika petugas berpindah tugas harus
            dilakukan secara tertulis.
        """),
    ),
    AssetSeed(
        community_name="Jendela Literasi",
        title="Panduan Menata Koleksi Perpustakaan Kelurahan",
        summary="Cara sederhana mengelompokkan, memberi label, dan merawat buku di "
                "perpustakaan kelurahan yang dikelola relawan.",
        asset_type="technical_guide",
        km_stage="application",
        tags=("perpustakaan", "literasi", "koleksi buku", "relawan"),
        body=_text("""
            Perpustakaan kelurahan biasanya dikelola relawan yang belum pernah belajar ilmu
            perpustakaan. Panduan ini menyederhanakan cara menata koleksi agar buku mudah
            ditemukan pengunjung.

            Buku dikelompokkan dalam rak anak, remaja, dan umum, lalu dibagi lagi berdasarkan
            topik besar. Setiap buku diberi label warna sesuai kelompoknya dan nomor urut.

            Peminjaman dicatat dalam buku induk atau lembar kerja sederhana. Buku yang rusak
            diperbaiki dengan selotip khusus, sedangkan buku yang terlalu rusak dipisahkan dan
            dilaporkan kepada pembina.

            Pustakawan pembina berkunjung setiap triwulan untuk membantu relawan dan membawa
            koleksi bergilir dari perpustakaan daerah.
        """),
    ),
    AssetSeed(
        community_name="Hijau Bersama",
        title="Panduan Mengenali Pohon Rawan Tumbang",
        summary="Ciri-ciri pohon pelindung yang berisiko tumbang dan langkah pemangkasan "
                "sebelum musim angin kencang.",
        asset_type="technical_guide",
        km_stage="application",
        tags=("pohon", "ruang terbuka hijau", "pemangkasan", "keselamatan"),
        body=_text("""
            Pohon tumbang saat hujan disertai angin kencang dapat membahayakan pengguna jalan.
            Panduan ini membantu petugas taman mengenali tanda bahaya lebih awal.

            Ciri yang perlu diwaspadai antara lain batang berlubang, jamur di pangkal batang,
            akar yang terangkat dari tanah, dan tajuk yang condong berat ke arah jalan.

            Pohon dengan dua ciri atau lebih masuk daftar prioritas pemeriksaan lanjutan.
            Pemangkasan dilakukan untuk mengurangi beban tajuk, dan penebangan menjadi pilihan
            terakhir yang harus diganti dengan penanaman baru.

            Data pemeriksaan dicatat per ruas jalan agar pemantauan tahun berikutnya bisa
            dibandingkan.
        """),
    ),
)

_GOVERNANCE_ASSETS: tuple[AssetSeed, ...] = (
    AssetSeed(
        community_name="Widya Berbagi",
        title="Panduan Memulai Community of Practice di Perangkat Daerah",
        summary="Langkah membentuk CoP, menyusun agenda pertemuan, dan mengubah hasil diskusi "
                "menjadi aset pengetahuan di Portal KM.",
        asset_type="technical_guide",
        km_stage="creation",
        tags=("community of practice", "knowledge management", "seci", "pendampingan", "cop"),
        body=_text("""
            Panduan ini menjawab permintaan perangkat daerah akan petunjuk langkah demi langkah
            untuk menjalankan Community of Practice. Isinya diuji lebih dulu di lingkungan
            BPSDM sebelum dibagikan.

            Langkah pertama adalah memilih tema yang benar-benar dibutuhkan unit kerja, bukan
            tema yang sekadar menarik. Tema yang baik biasanya berangkat dari masalah yang
            berulang atau pengetahuan yang terancam hilang karena mutasi dan pensiun.

            Langkah kedua adalah menyusun jadwal pertemuan minimal sekali setiap triwulan,
            lengkap dengan agenda, pemandu diskusi, dan pembatasan waktu. Forum harus terasa
            aman agar anggota berani menceritakan kegagalan.

            Langkah ketiga adalah mengikuti siklus Knowledge Management: identifikasi,
            penciptaan, penyimpanan, berbagi, penerapan, dan pembaruan pengetahuan. Setiap
            pertemuan sebaiknya menghasilkan setidaknya satu aset pengetahuan yang diunggah ke
            Portal KM.

            Langkah keempat adalah mengukur pemanfaatan. Target program adalah aset yang
            dipakai oleh separuh pegawai, sehingga komunitas perlu aktif menyebarkan aset,
            bukan hanya mengunggahnya.

            Ingat bahwa perangkat daerah yang hanya mengunggah dokumen tanpa pernah bertemu
            belum menjadi komunitas. Sejak Triwulan IV 2025, setiap aset wajib berasal dari
            pertemuan komunitas.
        """),
    ),
    AssetSeed(
        community_name="Widya Berbagi",
        title="Video Pengantar Siklus SECI untuk Anggota Baru CoP",
        summary="Video berdurasi delapan menit yang menjelaskan sosialisasi, eksternalisasi, "
                "kombinasi, dan internalisasi dengan contoh dari CoP di Jakarta.",
        asset_type="video",
        km_stage="sharing",
        tags=("seci", "knowledge management", "video pembelajaran", "anggota baru"),
        body=_text("""
            Naskah video ini ditulis widyaiswara BPSDM untuk anggota baru komunitas yang belum
            mengenal model SECI. Video dibuka dengan ilustrasi pegawai yang pensiun dan
            membawa serta keahliannya, gambaran sederhana dari amnesia institusi.

            Bagian sosialisasi menampilkan anggota komunitas yang bertukar pengalaman secara
            langsung. Bagian eksternalisasi menunjukkan bagaimana cerita itu dituliskan menjadi
            panduan atau SOP.

            Bagian kombinasi memperlihatkan panduan baru yang dipadukan dengan data dan
            dokumen yang sudah ada. Bagian internalisasi menutup siklus ketika pegawai lain
            menerapkan panduan tersebut hingga menjadi kebiasaan kerja.

            Video diakhiri ajakan agar setiap anggota menyumbang setidaknya satu pengalaman
            dalam pertemuan berikutnya.
        """),
    ),
    AssetSeed(
        community_name="Sahabat Manajemen ASN",
        title="Templat Catatan Serah Terima Pengetahuan Sebelum Mutasi",
        summary="Templat yang diisi pegawai sebelum berpindah tugas agar penerusnya mengetahui "
                "pekerjaan berjalan, kontak penting, dan kebiasaan kerja yang tidak tertulis.",
        asset_type="best_practice",
        km_stage="storage",
        tags=("mutasi", "serah terima", "amnesia institusi", "manajemen talenta"),
        body=_text("""
            Serah terima jabatan biasanya berhenti pada daftar barang dan berkas. Padahal yang
            paling sering hilang adalah pengetahuan tentang cara menyelesaikan pekerjaan:
            siapa yang harus dihubungi, jebakan yang perlu dihindari, dan alasan di balik
            keputusan lama.

            Templat ini terdiri atas empat bagian: pekerjaan yang sedang berjalan beserta
            statusnya, daftar kontak internal dan eksternal, masalah yang belum selesai, serta
            kiat pribadi yang belum pernah dituliskan.

            Pegawai yang akan mutasi mengisi templat paling lambat dua minggu sebelum pindah,
            lalu membahasnya bersama penerus dalam satu sesi tatap muka. Atasan langsung
            memastikan sesi ini benar-benar terjadi.

            Unit yang sudah menerapkan templat melaporkan bahwa pegawai baru lebih cepat
            mandiri. Praktik ini menjadi salah satu cara paling murah melawan amnesia
            institusi.
        """),
    ),
    AssetSeed(
        community_name="Forum Perencana Jakarta",
        title="Panduan Memilih Indikator Kinerja yang Terukur",
        summary="Kriteria dan contoh indikator kinerja program yang dapat diukur, dibandingkan "
                "antartahun, dan dikaitkan dengan anggaran.",
        asset_type="technical_guide",
        km_stage="creation",
        tags=("perencanaan", "indikator kinerja", "data", "anggaran"),
        body=_text("""
            Indikator kinerja yang kabur membuat evaluasi program sulit dilakukan. Panduan ini
            disusun perencana yang sering menerima usulan indikator berupa kegiatan, bukan
            hasil.

            Indikator yang baik menyebut apa yang berubah bagi warga, memiliki satuan yang
            jelas, dan datanya tersedia secara rutin. Contohnya, persentase rumah tangga yang
            terlayani air bersih lebih baik daripada jumlah rapat koordinasi.

            Setiap indikator dilengkapi definisi operasional dan sumber data. Bila data belum
            tersedia, perencana menuliskan rencana pengumpulan datanya sejak awal.

            Indikator yang sama sebaiknya dipertahankan beberapa tahun agar capaian dapat
            dibandingkan dari waktu ke waktu.
        """),
    ),
    AssetSeed(
        community_name="Komunitas Akuntansi Daerah",
        title="Catatan Koreksi atas Temuan Berulang Laporan Keuangan",
        summary="Daftar temuan pemeriksaan yang muncul dari tahun ke tahun beserta cara "
                "mencegahnya sebelum laporan keuangan disusun.",
        asset_type="lesson_learned",
        km_stage="renewal",
        tags=("laporan keuangan", "akuntansi", "temuan pemeriksaan", "kas daerah"),
        body=_text("""
            Beberapa temuan pemeriksaan muncul berulang kali meski sudah ditindaklanjuti pada
            tahun sebelumnya. Catatan ini disusun agar pola tersebut terputus.

            Temuan yang paling sering terkait pencatatan aset tetap yang belum didukung berita
            acara, saldo kas di bendahara yang tidak segera disetor, dan belanja yang salah
            klasifikasi.

            Untuk setiap temuan, komunitas menuliskan penyebab yang biasa terjadi, langkah
            pencegahan, dan waktu yang tepat untuk memeriksanya, misalnya rekonsiliasi kas
            setiap akhir bulan.

            Catatan ini ditinjau ulang setiap selesai pemeriksaan tahunan agar selalu
            mengikuti temuan terbaru.
        """),
    ),
    AssetSeed(
        community_name="Pajak Cerdas Jakarta",
        title="Strategi Penagihan Tunggakan Pajak Daerah secara Persuasif",
        summary="Pendekatan bertahap juru sita dalam menagih tunggakan pajak: dari pengingat "
                "ramah hingga penyitaan, dengan catatan tagihan yang tertib.",
        asset_type="best_practice",
        km_stage="application",
        tags=("penagihan", "pajak daerah", "tunggakan", "juru sita", "kepatuhan"),
        body=_text("""
            Penagihan pajak yang terlalu keras sejak awal sering membuat wajib pajak bersikap
            defensif. Juru sita berpengalaman memilih pendekatan bertahap yang tetap tegas.

            Tahap pertama adalah pengingat ramah melalui pesan singkat dan surat, lengkap
            dengan rincian tagihan dan cara membayar. Banyak wajib pajak sekadar lupa dan
            langsung melunasi.

            Tahap kedua adalah kunjungan langsung. Juru sita mendengarkan alasan tunggakan dan
            menawarkan fasilitas angsuran bila diatur dalam ketentuan. Hasil kunjungan dicatat
            pada hari yang sama.

            Tahap ketiga adalah surat paksa dan penyitaan bagi yang tetap mengabaikan tagihan.
            Karena tahap sebelumnya terdokumentasi rapi, langkah hukum ini memiliki dasar yang
            kuat.

            Analisis pola tunggakan dilakukan setiap triwulan untuk menentukan wilayah dan
            jenis pajak yang menjadi prioritas penagihan.
        """),
    ),
    AssetSeed(
        community_name="Jakarta Tangguh Bencana",
        title="Laporan Pembelajaran Penanganan Banjir Awal Tahun 2025",
        summary="Rangkuman pelajaran dari pusat pengendalian operasi selama banjir awal tahun "
                "dan usulan pembaruan rencana kontinjensi.",
        asset_type="report",
        km_stage="renewal",
        tags=("banjir", "rencana kontinjensi", "kesiapsiagaan", "pusdalops"),
        body=_text("""
            Laporan ini disusun setelah musim banjir awal tahun 2025. Data kejadian,
            laporan petugas, dan pengaduan warga dipadukan untuk melihat apa yang perlu
            diperbaiki.

            Peringatan dini yang disebar melalui pengurus RT terbukti lebih cepat sampai
            kepada warga dibanding pengumuman umum. Namun, sebagian lokasi pengungsian belum
            memiliki persediaan air bersih yang cukup.

            Rencana kontinjensi diusulkan untuk diperbarui pada tiga hal: daftar lokasi
            pengungsian beserta kapasitasnya, jalur komunikasi dengan kelurahan, dan pembagian
            tugas logistik.

            Rencana yang sudah diperbarui diuji melalui simulasi sebelum musim hujan
            berikutnya dimulai.
        """),
    ),
    AssetSeed(
        community_name="Komunitas Tertib Aset",
        title="SOP Penelusuran Aset Tanah yang Belum Bersertifikat",
        summary="Urutan kerja pengurus barang untuk menemukan, memverifikasi, dan mengajukan "
                "sertifikasi tanah milik daerah yang dokumennya belum lengkap.",
        asset_type="sop",
        km_stage="identification",
        tags=("aset daerah", "sertifikasi tanah", "inventarisasi", "barang milik daerah"),
        body=_text("""
            Tanah milik daerah yang belum bersertifikat rawan diklaim pihak lain. SOP ini
            membantu pengurus barang menelusuri aset tersebut secara sistematis.

            Penelusuran dimulai dari daftar barang milik daerah dan dokumen perolehan. Petugas
            lalu memeriksa fisik lokasi, memasang tanda kepemilikan, dan mendokumentasikan
            pemanfaatan saat ini.

            Bila dokumen perolehan tidak lengkap, petugas mengumpulkan bukti pendukung seperti
            peta lama, keterangan kelurahan, dan catatan pembayaran pajak. Bukti itu menjadi
            dasar permohonan sertifikat kepada kantor pertanahan.

            Kemajuan setiap bidang tanah dicatat dalam satu daftar pantau yang dibahas
            komunitas setiap triwulan.
        """),
    ),
    AssetSeed(
        community_name="Klinik Regulasi",
        title=BODY_ONLY_ASSET_TITLE,
        summary="Langkah memberi nomor, mengundangkan dalam Berita Daerah, dan menyebarluaskan "
                "peraturan gubernur yang sudah ditandatangani.",
        asset_type="technical_guide",
        km_stage="storage",
        tags=("produk hukum", "pergub", "penomoran", "pengundangan", "berita daerah"),
        body=_text("""
            Setelah peraturan gubernur ditandatangani, masih ada beberapa langkah yang
            menentukan apakah peraturan itu sah berlaku dan dapat ditemukan kembali. Panduan
            ini merangkum urutan kerja yang selama ini dikuasai segelintir perancang senior.

            Langkah pertama adalah penomoran. Nomor diambil dari register tahunan secara
            berurutan, dan tanggal penetapan dicatat bersamaan agar tidak terjadi nomor ganda.

            Langkah kedua adalah pengundangan dalam Berita Daerah. Naskah yang sudah diberi
            nomor diteruskan untuk pengundangan, lalu salinannya dibubuhi keterangan nomor
            Berita Daerah.

            Langkah ketiga adalah penyimpanan. Naskah asli yang telah ditandatangani
            diarsipkan dalam ruang penyimpanan khusus, sedangkan salinan digitalnya diunggah ke
            jaringan dokumentasi dan informasi hukum agar dapat diakses publik.

            Langkah keempat adalah penyebarluasan kepada perangkat daerah yang terkait. Biro
            Hukum mencatat tanggal penyampaian sebagai bukti bahwa peraturan sudah diketahui
            pelaksananya.

            Dengan panduan ini, pegawai baru tidak perlu lagi bertanya dari meja ke meja, dan
            riwayat setiap peraturan tetap dapat ditelusuri meski perancangnya berpindah tugas.
        """),
    ),
    AssetSeed(
        community_name="Klinik Regulasi",
        title="Ringkasan Ketentuan Harmonisasi Rancangan Peraturan Gubernur",
        summary="Ringkasan tahapan harmonisasi rancangan pergub agar tidak bertentangan dengan "
                "peraturan yang lebih tinggi maupun peraturan yang setingkat.",
        asset_type="regulation",
        km_stage="sharing",
        tags=("pergub", "harmonisasi", "produk hukum", "regulasi"),
        body=_text("""
            Rancangan peraturan gubernur harus diharmonisasi sebelum ditetapkan. Ringkasan ini
            menjelaskan ketentuan yang berlaku dengan bahasa yang lebih mudah dipahami
            perangkat daerah pemrakarsa.

            Harmonisasi memeriksa tiga hal: kesesuaian dengan peraturan yang lebih tinggi,
            keselarasan dengan peraturan setingkat, dan ketepatan teknik penyusunan. Perangkat
            daerah pemrakarsa wajib melampirkan kajian singkat tentang alasan pengaturan.

            Rapat harmonisasi mengundang perangkat daerah yang terdampak. Perubahan yang
            disepakati dicatat dalam berita acara agar alasan setiap perubahan dapat dipahami
            di kemudian hari.

            Ringkasan ini bukan pengganti naskah peraturan resmi; pembaca tetap perlu merujuk
            ke teks lengkap peraturan yang mengatur pembentukan produk hukum daerah.
        """),
    ),
    AssetSeed(
        community_name="Rumah Reformasi Birokrasi",
        title="Panduan Pemetaan Proses Bisnis Perangkat Daerah",
        summary="Cara menggambar proses bisnis dari tingkat organisasi sampai prosedur kerja "
                "untuk menemukan tugas yang tumpang tindih.",
        asset_type="technical_guide",
        km_stage="creation",
        tags=("proses bisnis", "reformasi birokrasi", "kelembagaan", "sop"),
        body=_text("""
            Peta proses bisnis membantu perangkat daerah melihat bagaimana layanan benar-benar
            dihasilkan, bukan hanya bagaimana struktur organisasi digambarkan.

            Pemetaan dimulai dari tingkat tertinggi: layanan utama apa yang diberikan kepada
            warga. Setiap layanan kemudian diurai menjadi proses, lalu menjadi prosedur kerja
            yang dapat dituangkan dalam SOP.

            Selama pemetaan, tim mencatat tugas yang dikerjakan dua unit sekaligus atau tugas
            yang tidak dimiliki unit mana pun. Temuan ini menjadi bahan penataan kelembagaan.

            Peta proses bisnis diperbarui setiap kali terjadi perubahan struktur organisasi
            atau kewenangan.
        """),
    ),
    AssetSeed(
        community_name="Komunitas Pengadaan Bersih",
        title="Daftar Periksa Dokumen Pemilihan untuk Mencegah Tender Gagal",
        summary="Daftar periksa bagi pokja pemilihan sebelum mengumumkan tender, disusun dari "
                "analisis sanggahan dan tender gagal.",
        asset_type="sop",
        km_stage="application",
        tags=("pengadaan", "tender", "dokumen pemilihan", "sanggahan"),
        body=_text("""
            Tender gagal merugikan waktu dan anggaran. Komunitas menganalisis puluhan kasus
            sanggahan dan tender gagal, lalu merangkum penyebab yang paling sering muncul.

            Penyebab utama adalah syarat kualifikasi yang tidak sesuai dengan ruang lingkup
            pekerjaan, spesifikasi teknis yang mengarah ke merek tertentu, dan jadwal yang
            terlalu singkat untuk menyiapkan penawaran.

            Daftar periksa ini meminta pokja memeriksa setiap hal tersebut sebelum
            pengumuman. Setiap butir harus dicentang oleh dua anggota pokja yang berbeda.

            Sejak daftar periksa dipakai, jumlah sanggahan pada paket serupa menurun.
        """),
    ),
    AssetSeed(
        community_name="Pengawas Pembelajar",
        title="Pelajaran dari Audit Probity Pengadaan Bernilai Besar",
        summary="Catatan auditor tentang titik rawan dalam pengadaan bernilai besar dan cara "
                "memberi peringatan dini kepada pelaksana.",
        asset_type="lesson_learned",
        km_stage="sharing",
        tags=("audit", "probity", "pengadaan", "pencegahan korupsi"),
        body=_text("""
            Audit probity dilakukan bersamaan dengan proses pengadaan, bukan sesudahnya.
            Karena itu, auditor dapat memberi peringatan sebelum kesalahan terlanjur terjadi.

            Titik rawan yang paling sering ditemukan adalah penyusunan harga perkiraan sendiri
            yang tidak didukung survei harga, perubahan spesifikasi di tengah proses, dan
            komunikasi tidak resmi antara panitia dan calon penyedia.

            Peringatan dini paling efektif bila disampaikan secara tertulis dan singkat, dengan
            rujukan aturan yang jelas. Pelaksana lebih mudah menindaklanjuti saran yang
            konkret.

            Auditor yang baru bergabung dianjurkan mendampingi auditor senior dalam satu siklus
            audit probity sebelum memimpin audit sendiri.
        """),
    ),
    AssetSeed(
        community_name="Praja Humanis",
        title="Video Teknik Komunikasi Persuasif saat Penertiban",
        summary="Video pelatihan tentang cara membuka percakapan, meredakan emosi, dan "
                "menjelaskan aturan kepada warga saat penertiban.",
        asset_type="video",
        km_stage="application",
        tags=("penertiban", "komunikasi persuasif", "satpol pp", "pelatihan"),
        body=_text("""
            Naskah video ini disusun dari pengalaman anggota Satpol PP yang berhasil
            menertibkan pedagang tanpa bentrokan. Video memperagakan tiga situasi yang sering
            terjadi di lapangan.

            Situasi pertama adalah pedagang yang baru pertama kali ditegur. Petugas memulai
            dengan salam, menyebut nama dan satuannya, lalu menjelaskan aturan dan lokasi
            alternatif berjualan.

            Situasi kedua adalah warga yang marah. Petugas menurunkan nada suara, memberi waktu
            warga menyampaikan keluhan, dan tidak membalas dengan ancaman.

            Situasi ketiga adalah pelanggaran berulang. Petugas menunjukkan catatan teguran
            sebelumnya dan menjelaskan sanksi secara tenang sesuai prosedur.
        """),
    ),
    AssetSeed(
        community_name="Pesisir Belajar",
        title="Panduan Evakuasi Warga Saat Banjir Rob",
        summary="Langkah aparat kelurahan pesisir dalam memantau pasang laut, memberi "
                "peringatan, dan mengevakuasi warga rentan.",
        asset_type="technical_guide",
        km_stage="application",
        tags=("banjir rob", "evakuasi", "pesisir", "peringatan dini"),
        body=_text("""
            Banjir rob datang dengan pola yang relatif bisa diperkirakan dari jadwal pasang
            laut. Panduan ini memanfaatkan pola itu untuk menyiapkan evakuasi lebih awal.

            Aparat kelurahan memantau prakiraan pasang setiap pekan dan menandai hari-hari
            berisiko tinggi. Sehari sebelumnya, pengurus RT menerima pesan peringatan untuk
            diteruskan kepada warga.

            Warga lanjut usia, ibu hamil, dan penyandang disabilitas didata lebih dulu dan
            menjadi prioritas evakuasi. Lokasi penampungan sementara disiapkan bersama
            pengelola fasilitas umum terdekat.

            Setelah air surut, petugas mencatat ketinggian genangan dan lamanya sebagai bahan
            pembaruan peta rawan rob.
        """),
    ),
    AssetSeed(
        community_name="Jakbar Sigap",
        title="Laporan Analisis Pengaduan Warga Berulang Triwulan III 2025",
        summary="Analisis pengaduan yang masuk berulang kali dari lokasi yang sama dan usulan "
                "penyelesaian akar masalahnya.",
        asset_type="report",
        km_stage="identification",
        tags=("pengaduan warga", "analisis data", "pelayanan publik", "tindak lanjut"),
        body=_text("""
            Sebagian pengaduan warga yang masuk melalui kanal digital ternyata berasal dari
            lokasi dan masalah yang sama. Laporan ini mengelompokkan pengaduan Triwulan III
            2025 untuk menemukan pola tersebut.

            Masalah yang paling sering berulang adalah saluran tersumbat, penerangan jalan
            padam, dan parkir liar di depan sekolah. Banyak di antaranya ditandai selesai
            padahal hanya ditangani sementara.

            Komunitas mengusulkan agar pengaduan yang muncul tiga kali dari lokasi yang sama
            ditangani sebagai masalah struktural dan dibahas lintas instansi.

            Laporan serupa akan disusun setiap triwulan agar perkembangan dapat dipantau.
        """),
    ),
    AssetSeed(
        community_name="Pulau Berbagi",
        title="Praktik Baik Pengelolaan Homestay Berbasis Warga Pulau",
        summary="Pengalaman warga Kepulauan Seribu mengelola homestay secara bersama, dari "
                "standar kebersihan sampai pembagian tamu yang adil.",
        asset_type="best_practice",
        km_stage="sharing",
        tags=("homestay", "wisata bahari", "kepulauan seribu", "ekonomi warga"),
        body=_text("""
            Di beberapa pulau berpenghuni, warga mengelola homestay melalui kelompok bersama.
            Cara ini mencegah persaingan harga yang merugikan dan menjaga mutu layanan.

            Kelompok menetapkan standar kebersihan kamar, ketersediaan air tawar, dan
            keselamatan perahu wisata. Anggota baru didampingi anggota lama sebelum menerima
            tamu pertamanya.

            Tamu dibagi secara bergilir melalui koordinator kelompok, dan sebagian pendapatan
            disisihkan untuk kebersihan pantai dan perawatan terumbu karang.

            Pegawai kabupaten membantu pelatihan dan promosi, sementara keputusan sehari-hari
            tetap berada di tangan warga.
        """),
    ),
)

ASSETS: tuple[AssetSeed, ...] = _NAMED_COP_ASSETS + _SERVICE_ASSETS + _GOVERNANCE_ASSETS
