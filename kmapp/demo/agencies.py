"""Demo data: the 51 regional agencies (Perangkat Daerah) of Pemprov DKI Jakarta and their CoPs.

Pure data, standard library only. Nothing here touches Flask or the database; a seeding
script elsewhere turns these records into rows.

* ``AGENCIES`` -- 51 :class:`Agency` records with a short unique ``code``, the official
  ``name``, a ``kind`` from :data:`AGENCY_KINDS` and a plausible ``headcount`` (the total is
  about 65,000 civil servants, the denominator of the 50% utilisation target).
* ``COMMUNITIES`` -- one :class:`Community` (Community of Practice, "komunitas pembelajar")
  per agency, linked by ``agency_code``.

Agency names are real; headcounts and most community names and themes are invented for
the demo. The three communities named in the programme's press coverage -- "JIKA
Community", "Jaksel Archives" and "JAK-HIGH" -- sit with their real agencies. All prose is
original Indonesian written for this portal.
"""
from dataclasses import dataclass

AGENCY_KINDS: tuple[str, ...] = (
    "dinas", "badan", "biro", "inspektorat", "satuan", "sekretariat", "kota", "kabupaten",
)


@dataclass(frozen=True)
class Agency:
    """One regional agency (OPD / Perangkat Daerah)."""

    code: str       # short unique uppercase code, e.g. "DINKES", "BIRO-PLH", "KOTA-JAKSEL"
    name: str       # official name, unique
    kind: str       # one of AGENCY_KINDS
    headcount: int  # number of employees (ASN); denominator of utilisation


@dataclass(frozen=True)
class Community:
    """One Community of Practice (CoP) belonging to one agency."""

    agency_code: str  # Agency.code of the owning agency
    name: str         # unique community name
    theme: str        # focus theme, one Indonesian sentence
    description: str  # two or three Indonesian sentences


AGENCIES: tuple[Agency, ...] = (
    # Dinas
    Agency("DISDIK", "Dinas Pendidikan", "dinas", 17_500),
    Agency("DINKES", "Dinas Kesehatan", "dinas", 9_200),
    Agency("DINSOS", "Dinas Sosial", "dinas", 1_150),
    Agency("DISHUB", "Dinas Perhubungan", "dinas", 1_950),
    Agency("DLH", "Dinas Lingkungan Hidup", "dinas", 1_480),
    Agency("DBM", "Dinas Bina Marga", "dinas", 720),
    Agency("DSDA", "Dinas Sumber Daya Air", "dinas", 930),
    Agency("CITATA", "Dinas Cipta Karya, Tata Ruang dan Pertanahan", "dinas", 820),
    Agency("DPRKP", "Dinas Perumahan Rakyat dan Kawasan Permukiman", "dinas", 510),
    Agency("DISTAMHUT", "Dinas Pertamanan dan Hutan Kota", "dinas", 640),
    Agency("GULKARMAT", "Dinas Penanggulangan Kebakaran dan Penyelamatan", "dinas", 2_380),
    Agency("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", 690),
    Agency("DISKOMINFOTIK", "Dinas Komunikasi, Informatika dan Statistik", "dinas", 360),
    Agency("DISPAREKRAF", "Dinas Pariwisata dan Ekonomi Kreatif", "dinas", 310),
    Agency("DISBUD", "Dinas Kebudayaan", "dinas", 460),
    Agency("DISPORA", "Dinas Pemuda dan Olahraga", "dinas", 370),
    Agency("DISNAKERTRANSGI", "Dinas Tenaga Kerja, Transmigrasi dan Energi", "dinas", 440),
    Agency("PPKUKM", "Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah",
           "dinas", 520),
    Agency("DKPKP", "Dinas Ketahanan Pangan, Kelautan dan Pertanian", "dinas", 660),
    Agency("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", 1_210),
    Agency("DPPAPP", "Dinas Pemberdayaan, Perlindungan Anak dan Pengendalian Penduduk",
           "dinas", 420),
    Agency("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "dinas", 290),
    # Badan
    Agency("BPSDM", "Badan Pengembangan Sumber Daya Manusia", "badan", 280),
    Agency("BKD", "Badan Kepegawaian Daerah", "badan", 320),
    Agency("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan", 260),
    Agency("BPKD", "Badan Pengelolaan Keuangan Daerah", "badan", 640),
    Agency("BAPENDA", "Badan Pendapatan Daerah", "badan", 1_780),
    Agency("BPBUMD", "Badan Pembinaan Badan Usaha Milik Daerah", "badan", 90),
    Agency("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", 260),
    Agency("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "badan", 150),
    Agency("BPAD", "Badan Pengelolaan Aset Daerah", "badan", 450),
    # Biro of the Sekretariat Daerah
    Agency("BIRO-PEM", "Biro Pemerintahan", "biro", 120),
    Agency("BIRO-HUKUM", "Biro Hukum", "biro", 110),
    Agency("BIRO-KESOS", "Biro Kesejahteraan Sosial", "biro", 95),
    Agency("BIRO-PEREK", "Biro Perekonomian dan Keuangan", "biro", 130),
    Agency("BIRO-PLH", "Biro Pembangunan dan Lingkungan Hidup", "biro", 140),
    Agency("BIRO-ORB", "Biro Organisasi dan Reformasi Birokrasi", "biro", 115),
    Agency("BIRO-UMUM", "Biro Umum dan Administrasi Pimpinan", "biro", 190),
    Agency("BIRO-PBJ", "Biro Pengadaan Barang dan Jasa", "biro", 160),
    Agency("BIRO-DIKMENTAL", "Biro Pendidikan dan Mental Spiritual", "biro", 85),
    # Inspektorat, Satuan, Sekretariat
    Agency("INSPEKTORAT", "Inspektorat", "inspektorat", 520),
    Agency("SATPOLPP", "Satuan Polisi Pamong Praja", "satuan", 1_620),
    Agency("SETDA", "Sekretariat Daerah", "sekretariat", 150),
    Agency("SETWAN", "Sekretariat DPRD", "sekretariat", 330),
    Agency("SEKRET-KORPRI", "Sekretariat Dewan Pengurus KORPRI", "sekretariat", 60),
    # Kota and Kabupaten Administrasi
    Agency("KOTA-JAKPUS", "Kota Administrasi Jakarta Pusat", "kota", 2_300),
    Agency("KOTA-JAKUT", "Kota Administrasi Jakarta Utara", "kota", 2_400),
    Agency("KOTA-JAKBAR", "Kota Administrasi Jakarta Barat", "kota", 2_600),
    Agency("KOTA-JAKSEL", "Kota Administrasi Jakarta Selatan", "kota", 2_800),
    Agency("KOTA-JAKTIM", "Kota Administrasi Jakarta Timur", "kota", 3_000),
    Agency("KAB-SERIBU", "Kabupaten Administrasi Kepulauan Seribu", "kabupaten", 880),
)


COMMUNITIES: tuple[Community, ...] = (
    Community(
        "DISDIK", "Guru Berbagi Jakarta",
        "Pertukaran praktik mengajar yang terbukti berhasil di sekolah negeri Jakarta.",
        "Guru dan pengawas sekolah saling menularkan cara mengajar yang sudah teruji di kelas. "
        "Setiap bulan satu sekolah menjadi tuan rumah dan membuka kelasnya untuk diamati. "
        "Hasil pengamatan dirangkum menjadi modul singkat yang bisa dipakai guru baru.",
    ),
    Community(
        "DINKES", "JAK-HIGH",
        "Program penurunan berat badan ASN untuk mencegah diabetes melitus dan penyakit "
        "tidak menular.",
        "Komunitas ini mengajak pegawai menurunkan berat badan secara bertahap dengan "
        "pendampingan tenaga kesehatan. Kisah peserta yang berhasil dibagikan dalam sesi "
        "bersama, lalu dipadukan dengan data pengukuran agar kebijakan pencegahan lebih tepat "
        "sasaran.",
    ),
    Community(
        "DINSOS", "Sahabat Layanan Sosial",
        "Penanganan pemerlu pelayanan kesejahteraan sosial di jalanan dan panti.",
        "Pekerja sosial dan petugas panti berbagi pengalaman menjangkau warga telantar. "
        "Kasus sulit dibedah bersama supaya langkah rujukan berikutnya lebih cepat dan manusiawi.",
    ),
    Community(
        "DISHUB", "Jak-Mobilitas Cerdas",
        "Rekayasa lalu lintas dan integrasi angkutan umum berbasis data lapangan.",
        "Petugas lapangan dan perencana transportasi membandingkan hasil uji coba rekayasa "
        "lalu lintas di berbagai koridor. Catatan mereka menjadi rujukan sebelum kebijakan "
        "serupa diterapkan di wilayah lain.",
    ),
    Community(
        "DLH", "Bank Ilmu Hijau",
        "Pengurangan sampah dari sumbernya melalui bank sampah dan pemilahan rumah tangga.",
        "Anggota komunitas mengumpulkan cara-cara pengelolaan sampah yang berhasil di tingkat "
        "RW. Praktik terbaik itu diuji ulang di kelurahan lain sebelum dibakukan menjadi "
        "panduan.",
    ),
    Community(
        "DBM", "Forum Perkerasan Jalan",
        "Pemeliharaan jalan, jembatan, dan trotoar agar tahan terhadap beban dan genangan.",
        "Para insinyur jalan berbagi temuan tentang kerusakan perkerasan yang berulang di titik "
        "yang sama. Dari diskusi itu lahir daftar periksa pemeliharaan yang dipakai tim "
        "lapangan.",
    ),
    Community(
        "DSDA", "Kanal Pengetahuan",
        "Pengendalian banjir melalui operasi pompa, pintu air, dan pengerukan saluran.",
        "Operator rumah pompa dan pengawas saluran menuliskan kebiasaan kerja yang selama ini "
        "hanya diwariskan secara lisan. Pengetahuan itu penting ketika operator senior pensiun "
        "menjelang musim hujan.",
    ),
    Community(
        "CITATA", "Ruang Tata Kota",
        "Penerbitan persetujuan bangunan gedung dan pengawasan pemanfaatan ruang.",
        "Komunitas membahas kasus perizinan bangunan yang rumit dan cara menilainya secara "
        "konsisten. Hasilnya berupa catatan kasus yang membantu penilai teknis baru.",
    ),
    Community(
        "DPRKP", "Rumah Belajar Permukiman",
        "Penataan kampung dan pengelolaan rumah susun sederhana sewa.",
        "Pengelola rusun dan fasilitator kampung bertukar cara menyelesaikan tunggakan sewa "
        "dan konflik penghuni. Pengalaman lapangan itu dirapikan menjadi pedoman praktis.",
    ),
    Community(
        "DISTAMHUT", "Hijau Bersama",
        "Perawatan pohon pelindung dan ruang terbuka hijau kota.",
        "Petugas taman belajar mengenali pohon yang rawan tumbang sebelum musim angin kencang. "
        "Komunitas juga mendokumentasikan jenis tanaman yang paling tahan di tepi jalan raya.",
    ),
    Community(
        "GULKARMAT", "Sigap Berbagi",
        "Pembelajaran pascakejadian dari operasi pemadaman dan penyelamatan.",
        "Setiap kejadian besar ditinjau ulang bersama regu yang bertugas untuk menggali apa "
        "yang berjalan baik dan apa yang perlu diubah. Catatan tinjauan itu menjadi bahan "
        "latihan rutin di pos-pos sektor.",
    ),
    Community(
        "DUKCAPIL", "Adminduk Cerdas",
        "Percepatan layanan administrasi kependudukan secara digital dan jemput bola.",
        "Petugas pelayanan berbagi cara menangani berkas kependudukan yang bermasalah. "
        "Komunitas juga menyusun jawaban baku atas pertanyaan warga yang paling sering muncul.",
    ),
    Community(
        "DISKOMINFOTIK", "JakData Circle",
        "Tata kelola data dan interoperabilitas sistem informasi antarperangkat daerah.",
        "Pengelola data dari berbagai bidang membahas standar metadata dan cara berbagi data "
        "tanpa melanggar perlindungan data pribadi. Diskusi berujung pada katalog data yang "
        "terus diperbarui.",
    ),
    Community(
        "DISPAREKRAF", "Jakarta Kreatif Berbagi",
        "Penyelenggaraan acara kota dan pengembangan pelaku ekonomi kreatif.",
        "Panitia acara berbagi pelajaran dari festival yang pernah digelar, termasuk kendala "
        "perizinan dan keamanan. Pengalaman itu membuat acara berikutnya lebih siap sejak awal.",
    ),
    Community(
        "DISBUD", "Lestari Budaya Betawi",
        "Pelestarian cagar budaya dan pembinaan sanggar seni Betawi.",
        "Pamong budaya dan pengelola museum mendokumentasikan tata cara perawatan koleksi. "
        "Komunitas juga menghubungkan sanggar seni dengan sekolah di sekitarnya.",
    ),
    Community(
        "DISPORA", "Arena Belajar Pemuda",
        "Pembinaan atlet berprestasi dan penguatan organisasi kepemudaan.",
        "Pelatih dan pembina kepemudaan bertukar metode pemantauan perkembangan atlet muda. "
        "Hasilnya dipakai untuk menyusun program pembinaan yang berkesinambungan.",
    ),
    Community(
        "DISNAKERTRANSGI", "Bursa Ilmu Kerja",
        "Pelatihan kerja, penyelesaian perselisihan hubungan industrial, dan hemat energi.",
        "Mediator hubungan industrial berbagi strategi perundingan yang berhasil meredam "
        "perselisihan. Instruktur pelatihan kerja menambahkan masukan tentang keterampilan yang "
        "dicari perusahaan.",
    ),
    Community(
        "PPKUKM", "UMKM Naik Kelas",
        "Pendampingan usaha mikro dan digitalisasi transaksi di pasar.",
        "Pendamping UMKM membagikan cara membantu pelaku usaha masuk ke lokapasar dan menerima "
        "pembayaran digital. Kisah pedagang yang berhasil menjadi bahan pelatihan berikutnya.",
    ),
    Community(
        "DKPKP", "Pangan Kota Cerdas",
        "Pertanian perkotaan dan pengawasan keamanan pangan segar.",
        "Penyuluh pertanian dan pengawas pangan berbagi teknik budi daya di lahan sempit. "
        "Mereka juga menyusun langkah uji cepat bahan pangan di pasar tradisional.",
    ),
    Community(
        "DPMPTSP", "Layanan Prima Satu Pintu",
        "Penyederhanaan layanan perizinan dan nonperizinan bagi warga dan investor.",
        "Petugas loket dan analis perizinan membahas permohonan yang sering tertunda karena "
        "berkas kurang lengkap. Temuan itu dipakai untuk memperbaiki daftar persyaratan yang "
        "diumumkan.",
    ),
    Community(
        "DPPAPP", "Ruang Ramah Anak",
        "Perlindungan perempuan dan anak dari kekerasan serta pemenuhan hak anak.",
        "Konselor dan pendamping korban berbagi cara menangani kasus secara aman dan rahasia. "
        "Komunitas menjaga agar pengalaman penanganan kasus tidak hilang ketika petugas "
        "berpindah tugas.",
    ),
    Community(
        "DISPUSIP", "Jendela Literasi",
        "Peningkatan minat baca warga dan pembinaan pengelola perpustakaan.",
        "Pustakawan berbagi program literasi yang menarik pengunjung muda ke perpustakaan. "
        "Mereka juga mendampingi perpustakaan sekolah dan kelurahan agar koleksinya tertata.",
    ),
    Community(
        "BPSDM", "Widya Berbagi",
        "Penguatan budaya Knowledge Management dan pembelajaran ASN di seluruh perangkat daerah.",
        "Widyaiswara dan pengelola program memakai komunitas ini untuk menguji metode "
        "pendampingan CoP sebelum diterapkan ke perangkat daerah lain. Materi pelatihan yang "
        "lahir di sini dibagikan melalui Portal KM.",
    ),
    Community(
        "BKD", "Sahabat Manajemen ASN",
        "Manajemen talenta, mutasi, dan penilaian kinerja pegawai.",
        "Pengelola kepegawaian berbagi cara menyiapkan serah terima tugas sebelum pegawai "
        "dimutasi. Komunitas ini menjadi garda depan melawan amnesia institusi di bidang "
        "kepegawaian.",
    ),
    Community(
        "BAPPEDA", "Forum Perencana Jakarta",
        "Perencanaan pembangunan yang berbasis data dan bukti.",
        "Perencana dari berbagai bidang membedah indikator kinerja daerah dan cara menjaga "
        "konsistensi dokumen perencanaan. Diskusi juga membahas penggunaan data terpadu dalam "
        "penyusunan program.",
    ),
    Community(
        "BPKD", "Komunitas Akuntansi Daerah",
        "Penyusunan laporan keuangan daerah dan pengelolaan kas yang tertib.",
        "Akuntan dan bendahara berbagi penyelesaian atas temuan pemeriksaan yang berulang. "
        "Pengalaman itu dirangkum menjadi catatan koreksi yang dipakai setiap akhir tahun "
        "anggaran.",
    ),
    Community(
        "BAPENDA", "Pajak Cerdas Jakarta",
        "Peningkatan kepatuhan wajib pajak dan penagihan tunggakan pajak daerah.",
        "Juru sita dan petugas pelayanan pajak berbagi pendekatan penagihan yang efektif namun "
        "tetap santun. Pola tunggakan dianalisis bersama untuk menentukan prioritas penagihan.",
    ),
    Community(
        "BPBUMD", "Forum Tata Kelola BUMD",
        "Pembinaan tata kelola perusahaan yang baik pada badan usaha milik daerah.",
        "Analis pembinaan BUMD membahas cara menilai rencana bisnis dan kinerja direksi. "
        "Komunitas menyusun catatan pembelajaran dari proses evaluasi tahunan.",
    ),
    Community(
        "BPBD", "Jakarta Tangguh Bencana",
        "Kesiapsiagaan dan respons cepat terhadap banjir, kebakaran permukiman, dan gempa.",
        "Petugas pusat pengendalian operasi berbagi pelajaran dari kejadian darurat terakhir. "
        "Hasilnya dipakai untuk memperbarui rencana kontinjensi di setiap wilayah.",
    ),
    Community(
        "KESBANGPOL", "Rumah Kebangsaan",
        "Deteksi dini potensi konflik sosial dan penguatan wawasan kebangsaan.",
        "Anggota komunitas menukar pengalaman memetakan potensi gesekan di tingkat kelurahan. "
        "Mereka juga mengembangkan materi dialog kebangsaan untuk pelajar dan ormas.",
    ),
    Community(
        "BPAD", "Komunitas Tertib Aset",
        "Inventarisasi, penilaian, dan pengamanan barang milik daerah.",
        "Pengurus barang berbagi cara menelusuri aset yang tercatat tetapi sulit ditemukan "
        "fisiknya. Komunitas menghimpun contoh berita acara dan langkah sertifikasi tanah.",
    ),
    Community(
        "BIRO-PEM", "Forum Tata Pemerintahan",
        "Pembinaan penyelenggaraan pemerintahan kecamatan dan kelurahan.",
        "Analis pemerintahan membahas masalah batas wilayah dan evaluasi kinerja kelurahan. "
        "Pengalaman lapangan dari para lurah senior menjadi bahan utama diskusi.",
    ),
    Community(
        "BIRO-HUKUM", "Klinik Regulasi",
        "Penyusunan, harmonisasi, dan pendokumentasian produk hukum daerah.",
        "Perancang peraturan berbagi cara menyusun rancangan pergub yang jelas dan tidak "
        "tumpang tindih. Komunitas juga menjaga agar riwayat pembahasan setiap regulasi tetap "
        "dapat ditelusuri.",
    ),
    Community(
        "BIRO-KESOS", "Jejaring Kesejahteraan",
        "Koordinasi program bantuan sosial dan pemberdayaan masyarakat lintas perangkat daerah.",
        "Komunitas menjembatani perangkat daerah yang menyalurkan bantuan agar datanya tidak "
        "saling tumpang tindih. Anggota berbagi cara verifikasi penerima yang cepat dan adil.",
    ),
    Community(
        "BIRO-PEREK", "Ruang Ekonomi Daerah",
        "Pengendalian inflasi daerah dan pemantauan harga kebutuhan pokok.",
        "Anggota memantau pergerakan harga bersama dan berbagi pengalaman operasi pasar. "
        "Pelajaran dari setiap lonjakan harga dicatat untuk menghadapi musim hari raya "
        "berikutnya.",
    ),
    Community(
        "BIRO-PLH", "JIKA Community",
        "Penyelesaian kewajiban penyerahan fasilitas umum (Fasum) dari izin SIPPT/IPPT/IPPR "
        "serta penagihan aset daerah yang belum diserahkan.",
        "JIKA Community mengubah pengalaman menagih kewajiban pengembang menjadi panduan teknis "
        "yang berdasar pada Peraturan Gubernur. Komunitas ini bekerja sama dengan aparat penegak "
        "hukum sehingga setiap langkah penagihan memiliki pijakan yang kuat.",
    ),
    Community(
        "BIRO-ORB", "Rumah Reformasi Birokrasi",
        "Penataan proses bisnis, kelembagaan, dan akuntabilitas kinerja instansi.",
        "Analis kelembagaan berbagi cara memetakan proses bisnis agar tidak ada tugas yang "
        "tumpang tindih. Komunitas juga mendampingi perangkat daerah menyiapkan evaluasi "
        "akuntabilitas kinerja.",
    ),
    Community(
        "BIRO-UMUM", "Protokol Berbagi",
        "Keprotokolan acara pimpinan dan tata kelola administrasi pimpinan.",
        "Staf protokol menuliskan pengalaman menyiapkan acara kenegaraan yang padat dan "
        "berubah cepat. Catatan itu menjadi bekal bagi staf baru yang belum pernah bertugas di "
        "acara besar.",
    ),
    Community(
        "BIRO-PBJ", "Komunitas Pengadaan Bersih",
        "Pengadaan barang dan jasa yang transparan melalui katalog elektronik dan tender.",
        "Pengelola pengadaan membedah kasus sanggahan dan tender gagal untuk mencari pola "
        "penyebabnya. Hasilnya berupa daftar periksa dokumen pemilihan yang lebih rapi.",
    ),
    Community(
        "BIRO-DIKMENTAL", "Harmoni Dikmental",
        "Pembinaan mental spiritual dan fasilitasi pendidikan tinggi bagi warga.",
        "Komunitas berbagi pengalaman mengelola program beasiswa dan kegiatan keagamaan lintas "
        "iman. Anggota menyusun catatan tata kelola agar program berjalan tepat sasaran.",
    ),
    Community(
        "INSPEKTORAT", "Pengawas Pembelajar",
        "Peningkatan mutu audit internal dan pencegahan korupsi.",
        "Auditor berbagi teknik menggali bukti dan menyusun rekomendasi yang dapat "
        "ditindaklanjuti. Pengalaman pemeriksaan khusus dibahas tanpa membuka identitas pihak "
        "yang diperiksa.",
    ),
    Community(
        "SATPOLPP", "Praja Humanis",
        "Penegakan peraturan daerah dengan pendekatan persuasif dan humanis.",
        "Anggota Satpol PP berbagi cara meredakan ketegangan saat penertiban di lapangan. "
        "Rekaman pengalaman itu menjadi bahan pembekalan anggota baru.",
    ),
    Community(
        "SETDA", "Simpul Koordinasi Setda",
        "Koordinasi kebijakan lintas asisten dan tata naskah dinas yang seragam.",
        "Komunitas mempertemukan staf dari berbagai asisten untuk menyamakan cara menyiapkan "
        "bahan rapat pimpinan. Praktik yang berhasil dibakukan menjadi templat bersama.",
    ),
    Community(
        "SETWAN", "Legislasi Belajar",
        "Dukungan keahlian bagi fungsi legislasi, anggaran, dan pengawasan DPRD.",
        "Staf persidangan dan tenaga ahli berbagi cara menyiapkan risalah rapat yang akurat. "
        "Komunitas juga mendokumentasikan alur pembahasan rancangan peraturan daerah.",
    ),
    Community(
        "SEKRET-KORPRI", "Korpri Peduli Berbagi",
        "Pelayanan kesejahteraan anggota KORPRI dan pembinaan jiwa korps.",
        "Pengurus berbagi pengalaman menyalurkan santunan dan mengelola kegiatan sosial "
        "anggota. Komunitas menjaga agar tata cara layanan tetap sama walau pengurus berganti.",
    ),
    Community(
        "KOTA-JAKPUS", "Jakpus Melayani",
        "Peningkatan mutu pelayanan publik di kantor kecamatan dan kelurahan.",
        "Lurah dan camat berbagi cara menata ruang layanan dan menangani antrean. "
        "Inovasi yang berhasil di satu kelurahan segera dicoba di kelurahan lain.",
    ),
    Community(
        "KOTA-JAKUT", "Pesisir Belajar",
        "Penanganan banjir rob dan penataan kawasan pesisir utara Jakarta.",
        "Aparat wilayah pesisir menukar pengalaman evakuasi warga saat air laut pasang. "
        "Catatan mereka dipadukan dengan data pasang surut untuk peringatan dini.",
    ),
    Community(
        "KOTA-JAKBAR", "Jakbar Sigap",
        "Penyelesaian pengaduan warga yang masuk melalui kanal digital secara tuntas.",
        "Petugas penanganan pengaduan berbagi cara menindaklanjuti laporan yang melibatkan "
        "banyak instansi. Pola pengaduan berulang dianalisis agar akar masalahnya diselesaikan.",
    ),
    Community(
        "KOTA-JAKSEL", "Jaksel Archives",
        "Pengarsipan konten resmi media sosial pemerintah kota dengan SOP yang terhubung ke "
        "SIKD dan SRCA.",
        "Jaksel Archives menjaga agar unggahan resmi di Instagram dan TikTok tidak hilang "
        "begitu saja. Komunitas menyusun SOP kearsipan digital yang terintegrasi dengan SIKD "
        "dan SRCA, lalu mengusulkan penguatannya melalui keputusan wali kota.",
    ),
    Community(
        "KOTA-JAKTIM", "Timur Berinovasi",
        "Pengembangan inovasi pelayanan kelurahan dan perencanaan partisipatif.",
        "Komunitas mengumpulkan ide inovasi dari kelurahan dan menilai mana yang layak "
        "diperluas. Pengalaman memfasilitasi musyawarah warga juga dibagikan kepada lurah baru.",
    ),
    Community(
        "KAB-SERIBU", "Pulau Berbagi",
        "Pelayanan publik dan pengembangan wisata bahari di wilayah kepulauan.",
        "Pegawai di pulau-pulau berbagi cara memberikan layanan meski terkendala jarak dan "
        "cuaca. Komunitas juga mendokumentasikan pengelolaan homestay dan konservasi terumbu "
        "karang.",
    ),
)


def agency_by_code(code: str) -> Agency:
    """The agency with this code; KeyError if there is none."""
    for agency in AGENCIES:
        if agency.code == code:
            return agency
    raise KeyError(code)


def community_by_name(name: str) -> Community:
    """The community with this name; KeyError if there is none."""
    for community in COMMUNITIES:
        if community.name == name:
            return community
    raise KeyError(name)
