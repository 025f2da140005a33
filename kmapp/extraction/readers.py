"""Per-format plain-text readers used by :mod:`kmapp.extraction.extract`.

Every reader takes a path, a :class:`Limits` and a :class:`TextBudget` and
appends text to the budget; it may raise on malformed input (the caller turns
exceptions into user-facing warnings).  Readers check the budget between
pages/slides/rows so that huge documents stop early instead of being parsed
to the end.
"""

import codecs
import time
from dataclasses import dataclass


class EncryptedDocument(Exception):
    """The document is password-protected and cannot be read."""


@dataclass(frozen=True)
class Limits:
    """Upper bounds on how much of a document is read."""

    max_chars: int = 2_000_000
    max_pages: int = 2_000  # PDF pages and PPTX slides
    max_rows: int = 200_000  # XLSX rows, all sheets together


class TextBudget:
    """Collects text parts until the character limit or deadline is hit."""

    def __init__(self, limits, deadline):
        self.limits = limits
        self.deadline = deadline
        self.parts = []
        self.size = 0
        self.truncated_reason = None  # "chars" | "pages" | "rows" | "time"

    def add(self, text):
        """Append ``text``; return False once no more text is wanted."""
        if not self.wants_more():
            return False
        if text:
            room = self.limits.max_chars - self.size
            if len(text) > room:
                text = text[:room]
                self.truncated_reason = "chars"
            self.parts.append(text)
            self.size += len(text)
        return self.wants_more()

    def wants_more(self):
        """True while neither the size limit nor the deadline is reached."""
        if self.truncated_reason is not None:
            return False
        if time.monotonic() > self.deadline:
            self.truncated_reason = "time"
            return False
        return True

    def stop(self, reason):
        """Record that a count limit (pages, rows) ended reading early."""
        self.truncated_reason = self.truncated_reason or reason

    def text(self):
        """The collected text, parts separated by newlines."""
        return "\n".join(self.parts)


def read_pdf(path, limits, budget):
    """Append the text of each PDF page, in order."""
    from pypdf import PdfReader, PasswordType

    reader = PdfReader(path)
    if reader.is_encrypted:
        # Many "encrypted" PDFs only restrict printing/copying and open with
        # an empty user password; only refuse those that really need one.
        try:
            opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
        except Exception as exc:  # missing crypto backend, odd handlers
            raise EncryptedDocument() from exc
        if not opened:
            raise EncryptedDocument()
    for number, page in enumerate(reader.pages):
        if number >= limits.max_pages:
            budget.stop("pages")
            break
        if not budget.add(page.extract_text() or ""):
            break


def read_docx(path, limits, budget):
    """Append DOCX paragraphs and table rows in document order."""
    from docx import Document
    from docx.table import Table

    document = Document(path)
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            keep_going = _add_table_rows(block, budget)
        else:
            keep_going = budget.add(block.text)
        if not keep_going:
            break


def _add_table_rows(table, budget):
    for row in table.rows:
        cells = []
        for cell in row.cells:
            # Merged cells are returned once per grid column; skip repeats.
            if not cells or cells[-1] != cell.text:
                cells.append(cell.text)
        if not budget.add("\t".join(cells)):
            return False
    return True


def read_pptx(path, limits, budget):
    """Append the text of every shape (and speaker notes) on each slide."""
    from pptx import Presentation

    presentation = Presentation(path)
    for number, slide in enumerate(presentation.slides):
        if number >= limits.max_pages:
            budget.stop("slides")
            break
        texts = list(_shape_texts(slide.shapes))
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        if not budget.add("\n".join(t for t in texts if t)):
            break


def _shape_texts(shapes):
    from pptx.shapes.group import GroupShape

    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from _shape_texts(shape.shapes)
        if shape.has_text_frame:
            yield shape.text_frame.text
        if shape.has_table:
            for row in shape.table.rows:
                yield "\t".join(cell.text for cell in row.cells)


def read_xlsx(path, limits, budget):
    """Append the cell values of every sheet, one line per row."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows_read = 0
        for sheet in workbook.worksheets:
            if not budget.add(sheet.title):
                return
            for row in sheet.iter_rows(values_only=True):
                if rows_read >= limits.max_rows:
                    budget.stop("rows")
                    return
                rows_read += 1
                values = [str(v) for v in row if v is not None and v != ""]
                if values and not budget.add("\t".join(values)):
                    return
    finally:
        # read_only workbooks keep the zip file open until closed.
        workbook.close()


def read_plain_text(path, limits, budget):
    """Append a text file decoded as UTF-8, or Latin-1 if it is not UTF-8."""
    # 4 bytes per character is the UTF-8 worst case: enough for max_chars.
    max_bytes = limits.max_chars * 4
    with open(path, "rb") as handle:
        raw = handle.read(max_bytes + 1)
    cut = len(raw) > max_bytes
    raw = raw[:max_bytes]
    try:
        # When the read was cut, final=False lets the decoder hold back a
        # character split at the cut instead of calling the file invalid.
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        text = decoder.decode(raw, final=not cut)
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    budget.add(text)


READERS = {
    "pdf": read_pdf,
    "docx": read_docx,
    "pptx": read_pptx,
    "xlsx": read_xlsx,
    "txt": read_plain_text,
    "md": read_plain_text,
}
