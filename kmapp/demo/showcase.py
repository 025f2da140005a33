"""Demo data: the three showcase CoPs keep meeting in 2026, one meeting per Triwulan.

Pure data, standard library only. The programme's coverage ends with a warning that a
level-5 CoP slips quickly when sharing weakens; these meetings show the three named CoPs
doing the follow-up the articles ask for (yearly renewal, a mayor's decree, replication).
All prose is original Indonesian written for this portal.
"""
from datetime import date

from .catalogue import JAK_HIGH, JAKSEL_ARCHIVES, JIKA, MeetingSeed, _agenda, _md

_JIKA_2026: tuple[MeetingSeed, ...] = (
    MeetingSeed(
        held_on=date(2026, 2, 12),
        topic="Rencana kerja 2026: Fasum yang masih tertunda dari izin lama",
        agenda=_agenda("Rekap capaian penyerahan Fasum tahun 2025",
                       "Daftar pemegang izin SIPPT yang belum menyerahkan kewajiban",
                       "Pembagian wilayah penagihan per tim", "Jadwal koordinasi dengan Kejaksaan"),
        format="offline", place="Ruang rapat Biro Pembangunan dan Lingkungan Hidup, Balai Kota",
        head_count=31, accompanied=True, seci_stages=("socialization", "combination"),
        minutes_md=_md("""
            ## Ringkasan
            Anggota mencocokkan daftar kewajiban Fasum dengan data neraca aset. Sebagian
            kewajiban dari izin yang terbit sebelum tahun 2010 belum pernah ditagih karena
            berkasnya tersebar di beberapa unit.

            ## Kesepakatan
            - Berkas izin lama dikumpulkan di satu folder bersama paling lambat akhir Maret.
            - Setiap tim menagih paling sedikit lima pemegang izin dalam satu triwulan.
            - Kendala hukum dibawa ke pertemuan berikutnya bersama jaksa pengacara negara.
        """),
    ),
    MeetingSeed(
        held_on=date(2026, 5, 21),
        topic="Belajar dari jaksa pengacara negara: menagih kewajiban lewat jalur nonlitigasi",
        agenda=_agenda("Paparan jaksa pengacara negara tentang surat kuasa khusus",
                       "Contoh kasus penagihan yang selesai tanpa gugatan",
                       "Tanya jawab anggota", "Pembaruan langkah penagihan dalam panduan teknis"),
        format="hybrid", place="Aula Blok G Balai Kota dan rapat daring",
        head_count=64, accompanied=True, seci_stages=("socialization", "externalization"),
        minutes_md=_md("""
            ## Ringkasan
            Narasumber menjelaskan bahwa sebagian besar penagihan selesai pada tahap
            somasi bila data kewajiban lengkap dan jelas. Kelemahan yang paling sering
            ditemukan adalah berita acara yang tidak mencantumkan luas dan letak Fasum.

            ## Tindak lanjut
            - Templat berita acara ditambah kolom luas, letak, dan foto lapangan.
            - Panduan teknis diperbarui dengan tahapan somasi dan batas waktunya.
        """),
    ),
    MeetingSeed(
        held_on=date(2026, 8, 20),
        topic="Menguji panduan teknis Fasum pada tiga kasus di Jakarta Timur",
        agenda=_agenda("Laporan tiga tim yang memakai panduan di lapangan",
                       "Langkah yang membingungkan petugas baru", "Usulan perbaikan panduan"),
        format="offline", place="Kantor Wali Kota Jakarta Timur",
        head_count=27, accompanied=False, seci_stages=("internalization",),
        minutes_md=_md("""
            ## Ringkasan
            Dua dari tiga kasus selesai dalam waktu kurang dari dua bulan. Petugas baru
            menyatakan alur dalam panduan mudah diikuti, tetapi daftar dokumen pendukung
            perlu dipisahkan menurut jenis izin.

            ## Kesepakatan
            - Lampiran daftar dokumen dipecah untuk SIPPT, IPPT, dan IPPR.
            - Kasus ketiga dilanjutkan bersama Badan Pengelolaan Aset Daerah.
        """),
    ),
    MeetingSeed(
        held_on=date(2026, 11, 12),
        topic="Tinjauan tahunan panduan teknis penyelesaian kewajiban Fasum",
        agenda=_agenda("Catatan perubahan regulasi selama 2026", "Masukan dari pengguna panduan",
                       "Penetapan versi baru dan tanggal tinjauan berikutnya"),
        format="online", place="Rapat daring",
        head_count=22, accompanied=False, seci_stages=("combination",),
        minutes_md=_md("""
            ## Ringkasan
            Panduan dinilai masih sesuai dengan Peraturan Gubernur yang berlaku. Perubahan
            dibatasi pada lampiran dokumen dan contoh surat somasi.

            ## Tindak lanjut
            - Versi baru panduan diunggah ke Portal KM dengan catatan perubahan.
            - Tinjauan berikutnya dijadwalkan satu tahun lagi.
        """),
    ),
)

_JAKSEL_2026: tuple[MeetingSeed, ...] = (
    MeetingSeed(
        held_on=date(2026, 3, 11),
        topic="Menyiapkan rancangan keputusan wali kota tentang pengarsipan media sosial",
        agenda=_agenda("Alasan SOP perlu ditetapkan dengan keputusan wali kota",
                       "Pasal-pasal pokok rancangan keputusan", "Pembagian tugas penyusunan naskah"),
        format="offline", place="Ruang rapat Bagian Umum Kota Administrasi Jakarta Selatan",
        head_count=18, accompanied=True, seci_stages=("externalization",),
        minutes_md=_md("""
            ## Ringkasan
            Anggota sepakat bahwa SOP pengarsipan media sosial hanya akan bertahan bila
            ditetapkan sebagai keputusan wali kota. Rancangan memuat kewajiban mengarsipkan
            setiap unggahan resmi paling lambat tujuh hari setelah tayang.

            ## Tindak lanjut
            - Bagian Hukum diminta memeriksa rancangan sebelum akhir April.
            - Kewajiban tinjauan tahunan SOP dimasukkan ke dalam diktum keputusan.
        """),
    ),
    MeetingSeed(
        held_on=date(2026, 6, 10),
        topic="Kelas praktik pengarsipan untuk admin media sosial kecamatan",
        agenda=_agenda("Demonstrasi mengunduh dan memberi metadata unggahan",
                       "Praktik mengunggah ke SIKD", "Kesalahan yang sering terjadi"),
        format="hybrid", place="Aula Kantor Wali Kota Jakarta Selatan dan rapat daring",
        head_count=48, accompanied=True, seci_stages=("socialization", "internalization"),
        minutes_md=_md("""
            ## Ringkasan
            Admin dari sepuluh kecamatan mempraktikkan langkah pengarsipan dengan akun
            masing-masing. Kesalahan yang paling sering adalah nama berkas yang tidak
            mengikuti pola tanggal dan akun.

            ## Kesepakatan
            - Pola nama berkas dicetak sebagai kartu kecil di meja admin.
            - Setiap kecamatan menunjuk satu admin cadangan yang ikut kelas berikutnya.
        """),
    ),
    MeetingSeed(
        held_on=date(2026, 9, 16),
        topic="Memeriksa kelengkapan arsip media sosial semester pertama 2026",
        agenda=_agenda("Hasil pencocokan unggahan dengan arsip di SIKD",
                       "Unggahan yang belum tersimpan dan penyebabnya", "Rencana perbaikan"),
        format="online", place="Rapat daring",
        head_count=21, accompanied=False, seci_stages=("combination",),
        minutes_md=_md("""
            ## Ringkasan
            Sembilan puluh persen unggahan semester pertama sudah tersimpan lengkap dengan
            metadata. Sisanya berasal dari akun kecamatan yang adminnya berganti tanpa
            serah terima.

            ## Tindak lanjut
            - Serah terima akun dijadikan langkah wajib dalam SOP.
            - Arsip yang tertinggal dilengkapi sebelum akhir Oktober.
        """),
    ),
    MeetingSeed(
        held_on=date(2026, 11, 18),
        topic="Replikasi pengarsipan media sosial ke Jakarta Barat dan Jakarta Utara",
        agenda=_agenda("Paparan perjalanan Jaksel Archives sejak 2025",
                       "Tanya jawab dengan tim kota lain", "Paket bahan replikasi"),
        format="hybrid", place="Kantor Wali Kota Jakarta Selatan dan rapat daring",
        head_count=56, accompanied=True, seci_stages=("socialization", "combination"),
        minutes_md=_md("""
            ## Ringkasan
            Dua kota administrasi lain menyatakan siap memakai SOP yang sama. Mereka
            meminta contoh keputusan wali kota dan templat metadata yang sudah teruji.

            ## Kesepakatan
            - Paket replikasi berisi SOP, templat metadata, dan contoh keputusan.
            - Pendampingan awal dilakukan oleh dua anggota senior Jaksel Archives.
        """),
    ),
)

_JAK_HIGH_2026: tuple[MeetingSeed, ...] = (
    MeetingSeed(
        held_on=date(2026, 2, 13),
        topic="Tantangan sehat gelombang kedua: menjaga berat badan setelah turun",
        agenda=_agenda("Data peserta gelombang pertama setelah tiga bulan",
                       "Kisah peserta yang berat badannya naik kembali", "Strategi menjaga berat badan"),
        format="hybrid", place="Aula Dinas Kesehatan dan rapat daring",
        head_count=210, accompanied=True, seci_stages=("socialization", "externalization"),
        minutes_md=_md("""
            ## Ringkasan
            Sebagian besar peserta gelombang pertama mampu mempertahankan berat badan.
            Peserta yang berat badannya naik kembali umumnya berhenti mencatat makanan
            setelah target tercapai.

            ## Kesepakatan
            - Pencatatan mingguan diteruskan selama enam bulan setelah target tercapai.
            - Peserta berhasil menjadi pendamping sebaya bagi gelombang kedua.
        """),
    ),
    MeetingSeed(
        held_on=date(2026, 5, 22),
        topic="Dari data peserta ke rekomendasi pencegahan penyakit tidak menular",
        agenda=_agenda("Analisis data agregat berat badan dan lingkar perut",
                       "Rancangan rekomendasi kebijakan untuk pimpinan", "Perlindungan data peserta"),
        format="offline", place="Ruang rapat Bidang Pencegahan dan Pengendalian Penyakit",
        head_count=34, accompanied=True, seci_stages=("combination",),
        minutes_md=_md("""
            ## Ringkasan
            Analisis menunjukkan penurunan lingkar perut paling besar pada peserta yang
            aktif di kelompok sebaya. Data dipakai tanpa nama dan hanya dalam bentuk agregat.

            ## Tindak lanjut
            - Rekomendasi kebijakan disampaikan kepada Kepala Dinas pada bulan Juni.
            - Templat analisis data dibagikan kepada perangkat daerah lain.
        """),
    ),
    MeetingSeed(
        held_on=date(2026, 8, 14),
        topic="Membawa tantangan sehat ke perangkat daerah lain",
        agenda=_agenda("Paparan paket program untuk perangkat daerah lain",
                       "Pengalaman dua perangkat daerah yang sudah mencoba", "Dukungan tenaga gizi"),
        format="hybrid", place="Gedung Teknis Abdul Muis dan rapat daring",
        head_count=320, accompanied=True, seci_stages=("socialization", "internalization"),
        minutes_md=_md("""
            ## Ringkasan
            Peserta dari berbagai perangkat daerah mengikuti paparan paket program.
            Kendala utama di perangkat daerah lain adalah ketiadaan tenaga gizi.

            ## Kesepakatan
            - Puskesmas kecamatan menjadi mitra pendamping gizi bagi perangkat daerah lain.
            - Modul program diperbarui dengan contoh dari dua perangkat daerah perintis.
        """),
    ),
    MeetingSeed(
        held_on=date(2026, 11, 6),
        topic="Setahun setelah pertemuan 500 peserta: apa yang berubah",
        agenda=_agenda("Perbandingan data awal dan akhir tahun", "Testimoni peserta dan pimpinan",
                       "Rencana program tahun berikutnya"),
        format="hybrid", place="Aula Dinas Kesehatan dan rapat daring",
        head_count=280, accompanied=False, seci_stages=("internalization", "combination"),
        minutes_md=_md("""
            ## Ringkasan
            Rata-rata berat badan peserta turun dan lebih banyak pegawai memeriksakan gula
            darah secara rutin. Pimpinan meminta program masuk ke rencana kerja tahunan.

            ## Tindak lanjut
            - Program dimasukkan ke rencana kerja dinas tahun berikutnya.
            - Modul dan laporan tahunan ditinjau ulang sebelum diunggah.
        """),
    ),
)

SHOWCASE_2026: dict[str, tuple[MeetingSeed, ...]] = {
    JIKA: _JIKA_2026,
    JAKSEL_ARCHIVES: _JAKSEL_2026,
    JAK_HIGH: _JAK_HIGH_2026,
}
