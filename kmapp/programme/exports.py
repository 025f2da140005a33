"""The dashboard for Excel: the agency x Triwulan matrix with per-agency figures, as CSV
and as XLSX (real number cells, frozen header, column widths, percent format)."""
import csv
import io
import re

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .. import labels
from .dashboard import QUARTERS, Dashboard
from .labels import STATUS_LABEL, kind_label, period_label, seci_label

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
# A spreadsheet runs text starting with one of these as a formula: an agency named
# "=HYPERLINK(...)" would become a live link in the programme office's Excel (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


def spreadsheet_cell(value):
    """`value` as written to a CSV or XLSX cell: text that would start a formula gets a leading
    apostrophe (OWASP's advice), so it is shown as typed; numbers are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def matrix_header(dashboard: Dashboard) -> list[str]:
    header = [_("Kode"), _("Perangkat daerah"), _("Jenis"), _("Jumlah pegawai")]
    for quarter in QUARTERS:
        roman = labels.QUARTER[quarter]
        header += [_("TW %(q)s status", q=roman), _("TW %(q)s pertemuan", q=roman),
                   _("TW %(q)s didampingi", q=roman), _("TW %(q)s aset", q=roman)]
    period = period_label(dashboard.filters.year, dashboard.filters.quarter)
    return header + [_("Pengguna aset (%(period)s)", period=period), _("Utilisasi (%(period)s)", period=period)]


def matrix_rows(dashboard: Dashboard) -> list[list]:
    """One row per agency, behind first as on screen; utilisation as a ratio (None: no headcount)."""
    rows = []
    for row in dashboard.rows:
        values = [row.code, row.name, kind_label(row.kind), row.headcount]
        for cell in row.cells:
            values += [str(STATUS_LABEL[cell.status]), cell.figures.meetings, cell.figures.accompanied,
                       cell.figures.assets]
        rows.append(values + [row.utilisation.readers, row.utilisation.ratio])
    return rows


def totals_table(dashboard: Dashboard) -> tuple[list[str], list[list]]:
    header = [_("Triwulan"), _("Perangkat daerah memenuhi target"), _("Jumlah perangkat daerah"),
              _("Perangkat daerah mengadakan pertemuan"), _("Pertemuan"), _("Didampingi"),
              _("Tingkat pendampingan"), _("Aset yang dihitung")]
    rows = [[labels.triwulan(dashboard.filters.year, t.quarter), t.agencies_met, t.agencies,
             t.agencies_with_meetings, t.meetings, t.accompanied, t.accompaniment_rate, t.assets]
            for t in dashboard.totals]
    return header, rows


def stages_table(dashboard: Dashboard) -> tuple[list[str], list[list]]:
    header = [_("Kelompok"), _("Tahap"), _("Aset")]
    rows = [[_("Siklus KM"), str(labels.KM_STAGE[stage]), count] for stage, count in dashboard.km_stages.items()]
    rows += [[_("SECI"), seci_label(stage), count] for stage, count in dashboard.seci_stages.items()]
    return header, rows


CSV_DELIMITER = ";"  # Excel in an Indonesian locale (id-ID) splits columns on ";", not ","


def csv_value(value) -> str:
    """A cell for Excel id-ID: decimals with a comma (0,0100), blanks for no value, text guarded."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".replace(".", ",")
    return spreadsheet_cell(value)


def to_csv(dashboard: Dashboard) -> bytes:
    """The matrix as CSV for Excel in Indonesian: semicolon-separated, decimal comma, UTF-8 with a
    byte-order mark (without it Excel reads the accents as ANSI). The XLSX is the main export."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    writer.writerow(map(spreadsheet_cell, matrix_header(dashboard)))
    for row in matrix_rows(dashboard):
        writer.writerow(map(csv_value, row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(dashboard: Dashboard) -> bytes:
    """A workbook: the matrix, the quarter totals, and the assets per stage."""
    book = Workbook()
    matrix = book.active
    matrix.title = _("Matriks")
    _fill(matrix, matrix_header(dashboard), matrix_rows(dashboard), widths=[14, 44, 16, 10] + [13, 9, 9, 7] * 4 + [12, 11],
          percent_columns={len(matrix_header(dashboard))}, freeze="C2")
    header, rows = totals_table(dashboard)
    _fill(book.create_sheet(_("Ringkasan triwulan")), header, rows, widths=[20, 14, 12, 16, 11, 11, 13, 11],
          percent_columns={7})
    header, rows = stages_table(dashboard)
    _fill(book.create_sheet(_("Tahap aset")), header, rows, widths=[12, 30, 8])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet, header: list[str], rows: list[list], widths: list[int], percent_columns=frozenset(),
          freeze: str = "A2") -> None:
    sheet.append([spreadsheet_cell(value) for value in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([spreadsheet_cell(value) for value in row])
    for column in percent_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "0.0%"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = sheet.dimensions
