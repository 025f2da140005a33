"""Human labels for the stored vocabularies, translated (Bahasa Indonesia is the source)."""
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from .models.enums import AssetType, KmStage, MeetingFormat, MemberRole, Role, SeciStage, Visibility

ROLE = {
    Role.EMPLOYEE: _l("Pegawai"),
    Role.COP_LEAD: _l("Pengurus CoP"),
    Role.FACILITATOR: _l("Pendamping"),
    Role.ADMIN: _l("Admin BPSDM"),
    Role.ASSESSOR: _l("Juri"),
    Role.HR_OFFICER: _l("Petugas kepegawaian"),
}
MEMBER_ROLE = {
    MemberRole.LEAD: _l("Ketua/pengurus"),
    MemberRole.MEMBER: _l("Anggota"),
    MemberRole.FACILITATOR: _l("Pendamping"),
}
MEETING_FORMAT = {
    MeetingFormat.OFFLINE: _l("Luring (tatap muka)"),
    MeetingFormat.ONLINE: _l("Daring"),
    MeetingFormat.HYBRID: _l("Hibrida"),
}
SECI_STAGE = {
    SeciStage.SOCIALIZATION: _l("Sosialisasi"),
    SeciStage.EXTERNALIZATION: _l("Eksternalisasi"),
    SeciStage.COMBINATION: _l("Kombinasi"),
    SeciStage.INTERNALIZATION: _l("Internalisasi"),
}
KM_STAGE = {
    KmStage.IDENTIFICATION: _l("Identifikasi Pengetahuan"),
    KmStage.CREATION: _l("Penciptaan Pengetahuan"),
    KmStage.STORAGE: _l("Penyimpanan Pengetahuan"),
    KmStage.SHARING: _l("Berbagi Pengetahuan"),
    KmStage.APPLICATION: _l("Penerapan Pengetahuan"),
    KmStage.RENEWAL: _l("Pembaruan Pengetahuan"),
}
ASSET_TYPE = {
    AssetType.SOP: _l("SOP"),
    AssetType.TECHNICAL_GUIDE: _l("Panduan teknis"),
    AssetType.REGULATION: _l("Regulasi/Pergub"),
    AssetType.MODULE: _l("Modul"),
    AssetType.LESSON_LEARNED: _l("Pembelajaran (lesson learned)"),
    AssetType.BEST_PRACTICE: _l("Praktik baik"),
    AssetType.INFOGRAPHIC: _l("Infografis"),
    AssetType.VIDEO: _l("Video"),
    AssetType.REPORT: _l("Laporan"),
    AssetType.OTHER: _l("Lainnya"),
    AssetType.HANDOVER_NOTE: _l("Catatan serah terima"),
}
VISIBILITY = {
    Visibility.ALL: _l("Semua pegawai"),
    Visibility.AGENCY: _l("Hanya perangkat daerah sendiri"),
    Visibility.COMMUNITY: _l("Hanya anggota CoP"),
}
QUARTER = {1: "I", 2: "II", 3: "III", 4: "IV"}


def choices(mapping: dict) -> list[SelectChoice]:
    """Options for a WTForms select or checkbox list, in the vocabulary's order."""
    return [SelectChoice(str(key), label) for key, label in mapping.items()]


def tw(quarter: int) -> str:
    """The short column label: "TW III" (English: "Q III")."""
    return gettext("TW %(q)s", q=QUARTER[quarter])


# "Triwulan III" (English: "Quarter III"), lazy: for options built when a form class is defined.
QUARTER_LABEL = {1: _l("Triwulan %(q)s", q="I"), 2: _l("Triwulan %(q)s", q="II"),
                 3: _l("Triwulan %(q)s", q="III"), 4: _l("Triwulan %(q)s", q="IV")}


def quarter_label(quarter: int):
    """The quarter's name without the year, in the page's language."""
    return QUARTER_LABEL[quarter]


def triwulan(year: int, quarter: int) -> str:
    """"Triwulan III 2025" (English: "Quarter III 2025")."""
    return gettext("Triwulan %(q)s %(year)s", q=QUARTER[quarter], year=year)
