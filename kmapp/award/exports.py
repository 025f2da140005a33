"""The award's results for Excel: rank, agency, total, winner and every aspect's mean score."""
import io

from flask_babel import gettext as _
from openpyxl import Workbook

from ..programme.exports import XLSX_MIMETYPE, _fill
from .rounds import results_of, standings
from .rubric import criterion_label

__all__ = ["XLSX_MIMETYPE", "results_header", "results_rows", "results_workbook"]


def results_header(award) -> list[str]:
    return ([_("Peringkat"), _("Kode"), _("Perangkat daerah"), _("Nilai total"), _("Pemenang"), _("Jumlah juri")]
            + [criterion_label(c) for c in award.criteria])


def results_rows(award) -> list[list]:
    """The finalised ranking (or, before finalisation, the live one for the programme office)."""
    live = {s.agency_id: s for s in standings(award)}
    rows = []
    if award.finalised:
        for result in results_of(award):
            standing = live.get(result.agency_id)
            means = [round(standing.aspect_means[c.id], 2) if standing else None for c in award.criteria]
            rows.append([result.rank, result.agency.code, result.agency.name, result.total,
                         _("Ya") if result.winner else _("Tidak"), result.assessors, *means])
        return rows
    for standing in live.values():
        rows.append([standing.rank, standing.code, standing.name, round(standing.total, 2),
                     _("Ya") if standing.rank <= award.winners_count else _("Tidak"), len(standing.totals),
                     *[round(standing.aspect_means[c.id], 2) for c in award.criteria]])
    return rows


def results_workbook(award) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Hasil %(year)s", year=award.year)
    _fill(sheet, results_header(award), results_rows(award), widths=[10, 14, 44, 11, 10, 10] + [14] * len(award.criteria),
          freeze="D2")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
