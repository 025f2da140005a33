"""Words for generated demo meetings and assets: topics, titles, summaries, bodies.

Standard library only. An asset kind (its type) decides how a subject becomes a meeting
topic ("Menyusun SOP ...") and an asset title ("SOP ..."); every title form is used with a
subject at most once per seed, so titles stay distinct. Long documents (guides, modules,
reports) carry appendices so that some demo files run to several pages.
"""
import random
from dataclasses import dataclass

from .subjects import title_case


@dataclass(frozen=True)
class Kind:
    asset_type: str
    km_stage: str
    topic: str                # meeting topic, "{s}" = subject in lower case
    titles: tuple[str, ...]   # asset title forms, "{S}" = subject in title case
    agenda: tuple[str, ...]
    tags: tuple[str, ...]


KINDS: tuple[Kind, ...] = (
    Kind("sop", "creation", "Menyusun SOP {s}", ("SOP {S}", "Prosedur Kerja {S}"),
         ("Pemetaan langkah kerja yang berjalan saat ini", "Langkah yang sering terlewat",
          "Penulisan draf SOP", "Rencana uji coba"), ("sop", "prosedur")),
    Kind("technical_guide", "creation", "Menulis panduan teknis {s}",
         ("Panduan Teknis {S}", "Petunjuk Praktis {S}"),
         ("Paparan pengalaman pegawai yang paling lama menangani", "Urutan kerja dan dokumen yang dibutuhkan",
          "Contoh kasus", "Pembagian penulis panduan"), ("panduan", "petunjuk teknis")),
    Kind("module", "sharing", "Merancang modul belajar bagi pegawai baru: {s}",
         ("Modul Belajar {S}", "Bahan Ajar {S}"),
         ("Kebutuhan belajar pegawai baru", "Kerangka modul", "Latihan dan studi kasus",
          "Pembagian penulis dan peninjau"), ("modul", "pegawai baru")),
    Kind("lesson_learned", "identification", "Bedah kasus {s}",
         ("Catatan Pembelajaran {S}", "Pelajaran dari Lapangan: {S}"),
         ("Paparan kasus oleh pegawai yang menanganinya", "Analisis akar masalah",
          "Langkah pencegahan", "Penulisan catatan pembelajaran"), ("lesson learned", "bedah kasus")),
    Kind("best_practice", "sharing", "Berbagi praktik baik {s}",
         ("Praktik Baik {S}", "Kisah Sukses {S}"),
         ("Presentasi unit yang berhasil", "Tanya jawab", "Syarat agar praktik dapat ditiru"),
         ("praktik baik", "replikasi")),
    Kind("infographic", "sharing", "Meringkas {s} menjadi infografik",
         ("Infografik {S}", "Poster Ringkas {S}"),
         ("Pemilihan pesan utama", "Penyusunan draf visual", "Uji keterbacaan kepada pegawai lain"),
         ("infografik", "diseminasi")),
    Kind("video", "sharing", "Merekam tutorial {s}", ("Video Tutorial {S}", "Video Singkat {S}"),
         ("Penulisan naskah singkat", "Perekaman di lokasi kerja", "Penyuntingan dan pengecekan isi"),
         ("video", "tutorial")),
    Kind("report", "application", "Evaluasi {s}", ("Laporan Evaluasi {S}", "Kajian Singkat {S}"),
         ("Paparan data capaian", "Hambatan di lapangan", "Rekomendasi perbaikan"),
         ("evaluasi", "laporan")),
    Kind("other", "renewal", "Menyusun daftar periksa {s}", ("Daftar Periksa {S}", "Tanya Jawab {S}"),
         ("Kesalahan yang paling sering terjadi", "Butir pemeriksaan", "Uji coba daftar periksa"),
         ("daftar periksa",)),
)
LONG_TYPES = frozenset({"technical_guide", "module", "report"})


def numbered(items: tuple[str, ...]) -> str:
    """An agenda: one numbered item per line."""
    return "\n".join(f"{number}. {item}" for number, item in enumerate(items, start=1))


def title_for(kind: Kind, form: str, subject: str) -> str:
    return form.replace("{S}", title_case(subject))


def topic_for(kind: Kind, subject: str) -> str:
    return kind.topic.replace("{s}", subject)


def summary_for(kind: Kind, subject: str, community: str) -> str:
    return {
        "sop": f"Langkah baku {subject} yang disepakati anggota {community}.",
        "technical_guide": f"Petunjuk langkah demi langkah tentang {subject}, ditulis dari pengalaman petugas.",
        "module": f"Bahan belajar tentang {subject} untuk pegawai yang baru bertugas.",
        "lesson_learned": f"Apa yang salah, apa yang berhasil, dan apa yang kini dilakukan berbeda dalam {subject}.",
        "best_practice": f"Cara {community} menjalankan {subject} dan syarat agar dapat ditiru unit lain.",
        "infographic": f"Ringkasan satu halaman tentang {subject} untuk ditempel di ruang kerja.",
        "video": f"Tutorial singkat tentang {subject}, direkam di lokasi kerja.",
        "report": f"Hasil evaluasi {subject}: capaian, hambatan, dan rekomendasi.",
        "other": f"Butir-butir yang perlu diperiksa dalam {subject}.",
    }[kind.asset_type]


def body_for(kind: Kind, subject: str, community: str, meeting_note: str | None, rng: random.Random) -> str:
    """Three to five paragraphs of plausible Indonesian prose about the subject.

    The agency is named on the asset page, not in the text: its name would make every asset
    of, say, the "Dinas Perpustakaan dan Kearsipan" match a search for "arsip"."""
    opening = {
        "sop": f"Dokumen ini menetapkan langkah baku {subject}. Langkah-langkah disusun dari kebiasaan "
               f"kerja yang sudah berjalan lalu diperiksa bersama oleh anggota {community}.",
        "technical_guide": f"Panduan ini menjelaskan {subject} secara berurutan, dari persiapan sampai pelaporan. "
                           f"Isinya berasal dari pegawai yang paling lama menangani pekerjaan ini.",
        "module": f"Modul ini membantu pegawai baru memahami {subject} tanpa harus menunggu "
                  f"bertahun-tahun belajar sendiri. Setiap bagian diakhiri latihan singkat.",
        "lesson_learned": f"Catatan ini merekam satu pengalaman nyata anggota {community} dalam {subject}: apa yang "
                          f"terjadi, mengapa terjadi, dan apa yang kini dikerjakan dengan cara lain.",
        "best_practice": f"{community} membagikan cara kerja yang terbukti berhasil dalam {subject}. Praktik "
                         f"ini sudah dijalankan di beberapa unit kerja dan hasilnya terukur.",
        "infographic": f"Infografik ini meringkas {subject} menjadi satu halaman bergambar. Teks di bawah ini "
                       f"adalah isi infografik dalam bentuk tulisan agar dapat dicari.",
        "video": f"Video ini memperagakan {subject} langsung di lokasi kerja. Naskahnya dimuat di bawah ini "
                 f"agar isi video dapat dicari dan dibaca tanpa memutar videonya.",
        "report": f"Laporan ini mengevaluasi {subject}. Data dikumpulkan oleh anggota {community} "
                  f"dan dibahas bersama sebelum rekomendasi disusun.",
        "other": f"Daftar periksa ini dipakai sebelum dan sesudah {subject}, agar tidak ada langkah penting "
                 f"yang terlewat ketika petugas berganti.",
    }[kind.asset_type]
    middle = [
        f"Masalah yang paling sering muncul dalam {subject} adalah pengetahuan yang hanya dimiliki satu "
        f"atau dua orang. Ketika mereka mutasi atau pensiun, unit kerja harus belajar dari awal dan "
        f"mengulang kesalahan yang sama.",
        f"Anggota {community} mencatat langkah yang sering terlewat, dokumen yang sering kurang, dan "
        f"pihak yang perlu dihubungi. Setiap catatan diuji kembali oleh pegawai yang belum pernah "
        f"mengerjakan {subject}.",
        f"Beberapa hal yang terbukti membantu: menyiapkan dokumen sebelum turun ke lapangan, mencatat "
        f"setiap keputusan beserta alasannya, dan menyampaikan hasil kepada atasan pada hari yang sama.",
        f"Ukuran keberhasilan yang dipakai adalah waktu penyelesaian, jumlah pengulangan pekerjaan, dan "
        f"keluhan dari warga atau unit lain. Ketiganya dipantau setiap triwulan.",
    ]
    paragraphs = [opening, *rng.sample(middle, rng.randrange(1, 3))]
    if meeting_note:
        paragraphs.append(meeting_note)
    paragraphs.append(f"Dokumen ini ditinjau setiap tahun oleh pengurus {community}. Masukan dapat "
                      f"disampaikan melalui Portal KM atau dalam pertemuan komunitas berikutnya.")
    return "\n\n".join(paragraphs)


GLOSSARY = (
    ("Aset pengetahuan", "dokumen, video, atau bahan lain yang menyimpan pengetahuan kerja sehingga "
     "dapat dipakai pegawai lain tanpa bergantung pada orang yang menulisnya."),
    ("Community of Practice (CoP)", "kelompok pegawai yang bertemu secara teratur untuk berbagi pengalaman "
     "kerja dan mengubahnya menjadi aset pengetahuan."),
    ("Pengetahuan tacit", "keahlian, pengalaman, dan intuisi yang melekat pada seseorang dan belum "
     "dituliskan."),
    ("Pengetahuan eksplisit", "pengetahuan yang sudah tertulis atau terekam sehingga dapat dibaca, "
     "dicari, dan diperbarui."),
    ("Sosialisasi", "tahap SECI ketika pengetahuan tacit berpindah antarorang melalui pertemuan dan "
     "kerja bersama."),
    ("Eksternalisasi", "tahap SECI ketika pengalaman dituliskan menjadi dokumen, SOP, atau panduan."),
    ("Kombinasi", "tahap SECI ketika dokumen baru dipadukan dengan data dan aturan yang sudah ada."),
    ("Internalisasi", "tahap SECI ketika pengetahuan tertulis diterapkan sampai menjadi kebiasaan kerja."),
    ("Siklus KM", "enam tahap pengelolaan pengetahuan: identifikasi, penciptaan, penyimpanan, berbagi, "
     "penerapan, dan pembaruan pengetahuan."),
    ("Pendampingan", "kehadiran widyaiswara BPSDM atau tim konsultan dalam pertemuan komunitas untuk "
     "memberi arahan dan umpan balik."),
    ("Triwulan", "periode tiga bulan yang menjadi satuan target program: Triwulan I sampai IV."),
    ("Tinjauan tahunan", "pemeriksaan isi aset pengetahuan setiap tahun agar tidak usang."),
    ("Amnesia institusi", "hilangnya pengetahuan organisasi ketika pegawai mutasi atau pensiun tanpa "
     "mewariskan pengalamannya."),
)


def appendices(community: str, meetings: list[tuple[str, str, str, str]], revisions: list[tuple[str, str]]) -> str:
    """Appendices of a long document: the community's meeting notes (date, topic, agenda,
    minutes), a glossary and the document's history. Paragraphs separated by blank lines."""
    parts = [f"## Lampiran A. Catatan pertemuan {community}"]
    for held_on, topic, agenda, minutes in meetings:
        parts.append(f"## {held_on} — {topic}")
        parts.append("Agenda:\n" + agenda)
        parts += [block for block in minutes.split("\n\n") if block.strip()]
    parts.append("## Lampiran B. Daftar istilah")
    parts += [f"{term}: {meaning}" for term, meaning in GLOSSARY]
    parts.append("## Lampiran C. Riwayat dokumen")
    parts += [f"{day} — {note}" for day, note in revisions]
    return "\n\n".join(parts)
