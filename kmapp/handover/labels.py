"""Words for the handover vocabularies (Bahasa Indonesia is the source; English in the catalogue)."""
from flask_babel import lazy_gettext as _l

from ..models import DepartureKind, HandoverState, PositionClass
from .departures import NipProblem

POSITION_CLASS = {
    PositionClass.ADMINISTRATIVE: _l("Jabatan administrasi (pelaksana, pengawas, administrator)"),
    PositionClass.FUNCTIONAL_JUNIOR: _l("Fungsional keterampilan, ahli pertama, ahli muda"),
    PositionClass.FUNCTIONAL_MIDDLE: _l("Fungsional ahli madya"),
    PositionClass.SENIOR_EXECUTIVE: _l("Jabatan pimpinan tinggi (JPT)"),
    PositionClass.FUNCTIONAL_TOP: _l("Fungsional ahli utama"),
}
KIND = {DepartureKind.TRANSFER: _l("Mutasi"), DepartureKind.RETIREMENT: _l("Pensiun")}
STATE = {
    HandoverState.NOT_STARTED: _l("belum dimulai"),
    HandoverState.IN_PROGRESS: _l("sedang diisi"),
    HandoverState.SUBMITTED: _l("menunggu konfirmasi atasan"),
    HandoverState.CONFIRMED: _l("dikonfirmasi atasan"),
}
NIP_PROBLEM = {
    NipProblem.MISSING: _l("tidak ada NIP"),
    NipProblem.MALFORMED: _l("NIP tidak 18 angka"),
    NipProblem.INVALID_BIRTH_DATE: _l("tanggal lahir pada NIP tidak valid"),
}
CAPTURE_LABELS = {
    "duties": _l("Tugas utama dan proses di baliknya"),
    "deadlines": _l("Tenggat berulang"),
    "contacts": _l("Kontak penting (di dalam dan di luar instansi)"),
    "pending_matters": _l("Urusan dan keputusan yang belum selesai"),
    "document_locations": _l("Di mana dokumen disimpan"),
    "lessons_learned": _l("Pelajaran yang dipetik"),
}
CAPTURE_HELP = {
    "duties": _l("Apa yang Anda kerjakan rutin, dan langkah-langkahnya: siapa memulai, siapa menyetujui, aplikasi apa."),
    "deadlines": _l("Laporan atau kegiatan yang berulang: kapan, kepada siapa."),
    "contacts": _l("Nama, jabatan, instansi dan untuk urusan apa; hanya kontak kedinasan."),
    "pending_matters": _l("Pekerjaan yang sedang berjalan, keputusan yang ditunggu, janji kepada pihak lain."),
    "document_locations": _l("Folder bersama, aplikasi, lemari arsip: di mana persisnya."),
    "lessons_learned": _l("Yang Anda harap diketahui sejak hari pertama: kesalahan yang pernah terjadi, jalan pintas."),
}
