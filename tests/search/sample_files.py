"""Generators for small test documents of each supported format."""

from pathlib import Path


def _pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(path, page_texts):
    """Write a minimal valid PDF with one line of Helvetica text per page."""
    page_count = len(page_texts)
    font_id = 3
    first_page_id = 4
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        font_id: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids = []
    for index, text in enumerate(page_texts):
        page_id = first_page_id + 2 * index
        content_id = page_id + 1
        kids.append(f"{page_id} 0 R")
        stream = f"BT /F1 12 Tf 72 720 Td ({_pdf_escape(text)}) Tj ET".encode("latin-1")
        objects[page_id] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> "
            f"/Contents {content_id} 0 R >>"
        ).encode()
        objects[content_id] = (
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {page_count} >>".encode()

    output = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(output)
        output += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref_at = len(output)
    size = max(objects) + 1
    output += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        output += f"{offsets[number]:010d} 00000 n \n".encode()
    output += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    Path(path).write_bytes(bytes(output))
    return path


def write_encrypted_pdf(path, page_texts, password="rahasia"):
    """Write a PDF that needs a user password to open."""
    from pypdf import PdfReader, PdfWriter

    plain = Path(path).with_suffix(".plain.pdf")
    write_pdf(plain, page_texts)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def write_docx(path, paragraphs, table_rows=()):
    """Write a DOCX with the given paragraphs followed by one table."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for row, values in zip(table.rows, table_rows):
            for cell, value in zip(row.cells, values):
                cell.text = value
    document.save(path)
    return path


def write_pptx(path, slides):
    """Write a PPTX; each slide is (title, body text, notes text)."""
    from pptx import Presentation

    presentation = Presentation()
    layout = presentation.slide_layouts[1]  # title and content
    for title, body, notes in slides:
        slide = presentation.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    presentation.save(path)
    return path


def write_xlsx(path, sheets):
    """Write an XLSX; ``sheets`` maps sheet title to a list of rows."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def write_truncated(source, path, keep_fraction=0.5):
    """Copy the first part of ``source`` to ``path`` (a damaged file)."""
    data = Path(source).read_bytes()
    Path(path).write_bytes(data[: int(len(data) * keep_fraction)])
    return path
