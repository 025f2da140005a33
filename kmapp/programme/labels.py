"""Words for the programme's figures: target status, agency kinds, periods, percentages."""
from flask_babel import format_number, format_percent
from flask_babel import lazy_gettext as _l

from .. import labels
from .targets import Status

STATUS_LABEL = {
    Status.MET: _l("Tercapai"),
    Status.NOT_MET: _l("Tidak tercapai"),
    Status.IN_PROGRESS: _l("Berjalan"),
    Status.NOT_STARTED: _l("Belum dimulai"),
}
# A symbol per status, so the matrix reads without colour (the word is there for screen readers).
STATUS_SYMBOL = {Status.MET: "✓", Status.NOT_MET: "✗", Status.IN_PROGRESS: "…", Status.NOT_STARTED: "–"}
AGENCY_KIND = {
    "dinas": _l("Dinas"), "badan": _l("Badan"), "biro": _l("Biro"), "inspektorat": _l("Inspektorat"),
    "satuan": _l("Satuan"), "sekretariat": _l("Sekretariat"), "kota": _l("Kota administrasi"),
    "kabupaten": _l("Kabupaten administrasi"),
}
NO_SOURCE_MEETING = _l("Tanpa pertemuan sumber")


def kind_label(kind: str) -> str:
    return str(AGENCY_KIND.get(kind, kind.title()))


def seci_label(stage: str | None) -> str:
    return str(labels.SECI_STAGE[stage]) if stage else str(NO_SOURCE_MEETING)


def period_label(year: int, quarter: int | None) -> str:
    return labels.triwulan(year, quarter) if quarter else str(year)


def percent(ratio: float | None) -> str:
    """12,3 % in Indonesian, 12.3% in English; a dash when there is no ratio (no headcount)."""
    return "—" if ratio is None else format_percent(ratio, "#,##0.0%")


def number(value: int) -> str:
    """65.045 in Indonesian, 65,045 in English."""
    return format_number(value)
