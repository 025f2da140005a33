"""The default maturity instrument (version 1), written for the programme in Bahasa Indonesia.

Five levels after the APQC idea of stages: Inisiasi, Pengembangan, Standardisasi, Optimalisasi,
Inovasi. Six dimensions, 22 indicators; the weights are multiples of 5 and add up to 200
(see kmapp/maturity/scoring.py). The texts are data: admins change them in a new version.
"""
from decimal import Decimal

LEVEL_NAMES_SOURCE = ("Inisiasi", "Pengembangan", "Standardisasi", "Optimalisasi", "Inovasi")
THRESHOLDS = (Decimal("40"), Decimal("55"), Decimal("70"), Decimal("85"))  # lowest total of levels 2-5

# (code, name, [(code, name, weight, (level 1, ..., level 5))])
DIMENSIONS = (
    ("SK", "Strategi dan kepemimpinan", [
        ("SK-1", "KM tercantum dalam rencana strategis dan perjanjian kinerja", 10, (
            "KM belum disebut dalam dokumen perencanaan perangkat daerah.",
            "KM disebut sebagai kegiatan, tanpa sasaran atau anggaran.",
            "KM punya sasaran tertulis dalam renstra atau perjanjian kinerja eselon II.",
            "Sasaran KM dipantau tiap triwulan dan dikaitkan dengan kinerja layanan.",
            "KM menjadi cara kerja dalam setiap keputusan strategis dan dievaluasi tiap tahun.")),
        ("SK-2", "Keterlibatan pimpinan dalam kegiatan berbagi pengetahuan", 10, (
            "Pimpinan belum pernah hadir atau memberi arahan tentang KM.",
            "Pimpinan sesekali membuka kegiatan CoP.",
            "Pimpinan hadir dan memberi arahan dalam sebagian besar pertemuan penting.",
            "Pimpinan ikut berbagi pengalaman dan menindaklanjuti hasil CoP.",
            "Pimpinan menjadi teladan berbagi dan mendorong CoP lintas perangkat daerah.")),
        ("SK-3", "Penetapan CoP dan pengurusnya secara resmi", 10, (
            "CoP belum dibentuk.",
            "CoP dibentuk tanpa surat keputusan dan tanpa pembagian peran.",
            "CoP ditetapkan dengan SK, pengurus dan pendamping jelas.",
            "Peran pengurus dan pendamping dijalankan dan ditinjau tiap tahun.",
            "Kepengurusan berganti tanpa kehilangan pengetahuan; ada kaderisasi pengurus.")),
        ("SK-4", "Dukungan sumber daya untuk KM", 10, (
            "Tidak ada waktu, anggaran atau sarana untuk KM.",
            "Sumber daya tersedia sesekali, bergantung pada inisiatif perorangan.",
            "Waktu dan sarana KM dianggarkan dalam rencana kerja tahunan.",
            "Sumber daya dialokasikan berdasarkan hasil evaluasi KM.",
            "Sumber daya KM dipadukan dengan program inovasi dan kemitraan eksternal.")),
    ]),
    ("SB", "SDM dan budaya berbagi", [
        ("SB-1", "Partisipasi pegawai dalam pertemuan komunitas", 10, (
            "Hanya pengurus yang hadir dalam kegiatan CoP.",
            "Sebagian kecil pegawai hadir, terutama dari satu bidang.",
            "Pegawai dari berbagai bidang hadir secara rutin tiap triwulan.",
            "Partisipasi luas, termasuk pegawai baru dan mitra dari perangkat daerah lain.",
            "Pegawai sendiri mengusulkan topik dan memimpin sesi berbagi.")),
        ("SB-2", "Budaya berbagi pengalaman tacit", 10, (
            "Pengalaman kerja tidak pernah dibagikan secara terstruktur.",
            "Berbagi terjadi secara informal dan tidak tercatat.",
            "Sesi berbagi pengalaman terjadwal dan notulennya tersimpan.",
            "Pengalaman tacit rutin diubah menjadi dokumen yang dipakai pegawai lain.",
            "Berbagi menjadi kebiasaan; kesalahan dibahas terbuka sebagai pembelajaran.")),
        ("SB-3", "Alih pengetahuan saat mutasi dan pensiun", 10, (
            "Pengetahuan hilang saat pegawai mutasi atau pensiun.",
            "Serah terima hanya berupa daftar pekerjaan.",
            "Ada panduan serah terima pengetahuan untuk jabatan kunci.",
            "Pengetahuan pegawai yang akan pindah atau pensiun didokumentasikan lebih awal.",
            "Alih pengetahuan terencana untuk semua jabatan dan dipantau hasilnya.")),
        ("SB-4", "Pengakuan dan apresiasi bagi kontributor", 5, (
            "Kontribusi berbagi tidak dihargai.",
            "Apresiasi diberikan sesekali secara lisan.",
            "Ada bentuk apresiasi tertulis yang jelas bagi kontributor aset.",
            "Kontribusi KM masuk dalam penilaian kinerja individu.",
            "Apresiasi mendorong kompetisi sehat dan replikasi praktik baik.")),
    ]),
    ("PR", "Proses pengetahuan", [
        ("PR-1", "Pertemuan komunitas terjadwal dan terdokumentasi", 10, (
            "Pertemuan tidak terjadwal dan tidak dicatat.",
            "Pertemuan diadakan tanpa agenda; notulen tidak lengkap.",
            "Pertemuan tiap triwulan dengan agenda, daftar hadir dan notulen di portal.",
            "Pertemuan memenuhi target triwulan dan sebagian besar didampingi.",
            "Pertemuan menghasilkan keputusan dan aset yang ditindaklanjuti.")),
        ("PR-2", "Siklus SECI dijalankan utuh", 10, (
            "Belum mengenal siklus SECI.",
            "Hanya sosialisasi; pengetahuan belum didokumentasikan.",
            "Sosialisasi dan eksternalisasi berjalan; dokumen dihasilkan dari pertemuan.",
            "Kombinasi dengan data organisasi berjalan; dokumen menjadi acuan kerja.",
            "Keempat tahap berulang; pengetahuan diinternalisasi menjadi perilaku kerja.")),
        ("PR-3", "Aset lahir dari pertemuan komunitas", 10, (
            "Aset diunggah tanpa kaitan dengan pertemuan.",
            "Sebagian kecil aset berasal dari pertemuan.",
            "Sebagian besar aset tercatat berasal dari pertemuan.",
            "Setiap aset berasal dari pertemuan dan mencantumkan sumbernya.",
            "Aset dari pertemuan dipakai perangkat daerah lain sebagai rujukan.")),
        ("PR-4", "Pembaruan pengetahuan secara berkala", 5, (
            "Aset tidak pernah ditinjau ulang.",
            "Aset ditinjau bila ada masalah.",
            "Aset ditinjau sesuai jadwal tahunan.",
            "Tinjauan tepat waktu; aset usang ditarik atau diperbarui.",
            "Pembaruan dipicu perubahan regulasi dan masukan pengguna secara otomatis.")),
    ]),
    ("KT", "Konten dan aset pengetahuan", [
        ("KT-1", "Kelengkapan aset pengetahuan inti", 10, (
            "Belum ada aset pengetahuan yang terdokumentasi.",
            "Beberapa dokumen ada, tersebar di perangkat pribadi.",
            "SOP dan panduan teknis utama tersedia di portal.",
            "Aset mencakup proses inti, pembelajaran dan praktik baik.",
            "Aset menjadi rujukan resmi, misalnya masuk Pergub atau SK.")),
        ("KT-2", "Mutu dan keterbacaan aset", 10, (
            "Aset sulit dipahami tanpa penjelasan penyusun.",
            "Aset dapat dibaca tetapi tanpa struktur yang konsisten.",
            "Aset memakai format baku dengan ringkasan dan tanggal tinjau.",
            "Aset ditelaah sejawat sebelum terbit.",
            "Aset diakui sebagai contoh oleh perangkat daerah lain.")),
        ("KT-3", "Pemanfaatan aset oleh pegawai", 10, (
            "Aset hampir tidak pernah dibuka.",
            "Kurang dari 20% pegawai membuka aset dalam setahun.",
            "20-50% pegawai membuka aset dalam setahun.",
            "Target 50% pegawai memanfaatkan aset tercapai.",
            "Pemanfaatan di atas target dan berdampak pada mutu layanan.")),
        ("KT-4", "Keragaman bentuk aset", 5, (
            "Hanya satu jenis dokumen.",
            "Dua jenis aset, misalnya SOP dan laporan.",
            "Beberapa jenis: SOP, panduan, pembelajaran.",
            "Termasuk infografis atau video untuk pegawai baru.",
            "Bentuk aset dipilih sesuai kebutuhan pengguna dan diuji kemanfaatannya.")),
    ]),
    ("TK", "Teknologi dan aksesibilitas", [
        ("TK-1", "Pemakaian Portal KM sebagai pusat pengetahuan", 10, (
            "Portal KM belum dipakai.",
            "Portal dipakai sesekali untuk mengunggah dokumen.",
            "Pertemuan dan aset dicatat di portal secara rutin.",
            "Portal menjadi satu-satunya tempat rujukan aset perangkat daerah.",
            "Portal terhubung dengan sistem lain perangkat daerah.")),
        ("TK-2", "Kemudahan menemukan dan mengakses aset", 5, (
            "Aset sulit ditemukan.",
            "Aset dapat dicari tetapi tanpa judul dan tag yang jelas.",
            "Aset berjudul jelas, bertag dan terbuka untuk pegawai yang berhak.",
            "Pegawai baru menemukan aset yang dibutuhkan tanpa bantuan.",
            "Akses dipantau dan hambatan diperbaiki berdasarkan data.")),
        ("TK-3", "Integrasi dengan sistem kerja", 10, (
            "Pengetahuan terpisah dari sistem kerja.",
            "Tautan manual ke beberapa aset dari sistem lain.",
            "Aset terkait proses dirujuk dalam aplikasi kerja.",
            "Pengetahuan terintegrasi dengan sistem inti (misalnya kearsipan).",
            "Sistem belajar dari data pemakaian dan menyarankan pengetahuan yang relevan.")),
    ]),
    ("UK", "Pengukuran dan dampak", [
        ("UK-1", "Indikator KM dipantau", 10, (
            "Tidak ada indikator KM.",
            "Jumlah kegiatan dicatat tanpa target.",
            "Target triwulan dan pemanfaatan dipantau di dasbor.",
            "Hasil pemantauan dibahas dan ditindaklanjuti.",
            "Indikator ditinjau dan diperbaiki tiap tahun.")),
        ("UK-2", "Dampak KM pada kinerja layanan", 10, (
            "Dampak tidak diketahui.",
            "Dampak diceritakan tanpa data.",
            "Ada data sebelum dan sesudah untuk beberapa praktik.",
            "Dampak terukur pada efisiensi atau mutu layanan.",
            "Dampak terukur menjadi dasar kebijakan dan replikasi.")),
        ("UK-3", "Pembelajaran dari evaluasi", 10, (
            "Evaluasi tidak dilakukan.",
            "Evaluasi dilakukan tanpa tindak lanjut.",
            "Hasil evaluasi menjadi rencana perbaikan tertulis.",
            "Rencana perbaikan dijalankan dan hasilnya dilaporkan.",
            "Evaluasi mendorong inovasi berkelanjutan.")),
    ]),
)
