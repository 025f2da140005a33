"""The programme's handover figure per agency for Excel, as the dashboard exports its own (CSV for Excel
id-ID and XLSX, text guarded against formulas)."""
import csv
import io

from flask import Response
from flask_babel import gettext as _
from flask_login import current_user
from openpyxl import Workbook

from ..policy import can_view_programme, require
from ..programme.exports import CSV_DELIMITER, XLSX_MIMETYPE, _fill, csv_value, spreadsheet_cell
from . import bp
from .departure_routes import today
from .figures import AgencyHandoverRow, programme_handover_rows


def handover_header() -> list[str]:
    return [_("Kode"), _("Perangkat daerah"), _("Kepergian 12 bulan terakhir"),
            _("Dengan serah terima terkonfirmasi"), _("Persentase serah terima terkonfirmasi"),
            _("Kepergian 12 bulan ke depan"), _("Di antaranya perkiraan pensiun dari NIP"),
            _("Serah terima selesai"), _("Menunggu konfirmasi"), _("Belum jatuh tempo"), _("Terlambat")]


def handover_rows(rows: list[AgencyHandoverRow]) -> list[list]:
    """Most at risk first, as on screen; the share as a ratio (None: nobody left)."""
    return [[row.agency.code, row.agency.name, f.past_departures, f.past_confirmed, f.share, f.coming,
             f.coming_forecast, f.done, f.awaiting, f.due, f.overdue] for row in rows for f in (row.figures,)]


def _download(body: bytes, mimetype: str, extension: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="serah-terima-{today().isoformat()}.{extension}"'
    return response


@bp.get("/programme.csv")
def programme_csv():
    require(can_view_programme(current_user))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    writer.writerow(map(spreadsheet_cell, handover_header()))
    for row in handover_rows(programme_handover_rows(today())):
        writer.writerow(map(csv_value, row))
    return _download(("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8", "csv")


@bp.get("/programme.xlsx")
def programme_xlsx():
    require(can_view_programme(current_user))
    book = Workbook()
    sheet = book.active
    sheet.title = _("Serah terima")
    _fill(sheet, handover_header(), handover_rows(programme_handover_rows(today())),
          widths=[14, 44, 12, 14, 14, 12, 14, 11, 11, 11, 10], percent_columns={5}, freeze="C2")
    buffer = io.BytesIO()
    book.save(buffer)
    return _download(buffer.getvalue(), XLSX_MIMETYPE, "xlsx")
