"""A tiny text-only PDF writer, so demo data and tests can make real PDFs without
another dependency. Helvetica (bold for the title and "## " headings), WinAnsi encoding,
simple word wrap, list lines kept as lines, A4 pages numbered "n / N" when there are several."""
import re
import textwrap

LINES_PER_PAGE = 50
WRAP_COLUMNS = 90
LIST_LINE = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def _escape(line: str) -> str:
    latin = line.encode("cp1252", errors="replace").decode("cp1252")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _layout(text: str, title: str) -> list[tuple[str, bool]]:
    """(line, bold) pairs: the title, then each paragraph wrapped, a blank line after each."""
    lines: list[tuple[str, bool]] = []
    if title:
        lines += [(line, True) for line in textwrap.wrap(title, WRAP_COLUMNS)] + [("", False)]
    for paragraph in text.split("\n\n"):
        raws = [raw.strip() for raw in paragraph.strip().splitlines()]
        if raws and raws[0].startswith("## "):
            lines += [(line, True) for line in textwrap.wrap(raws.pop(0)[3:], WRAP_COLUMNS)]
            if not raws:
                continue
        rows: list[str] = []
        for raw in raws:
            if rows and not LIST_LINE.match(raw) and not rows[-1].endswith(":"):
                rows[-1] += " " + raw  # a wrapped line of the same paragraph or list item
            else:
                rows.append(raw)
        for row in rows or [""]:
            indent = "   " if LIST_LINE.match(row) else ""
            lines += [(line, False) for line in textwrap.wrap(row, WRAP_COLUMNS, subsequent_indent=indent)]
        lines.append(("", False))
    return lines


def _page_stream(lines: list[tuple[str, bool]], footer: str) -> bytes:
    parts = ["BT /F1 11 Tf 14 TL 56 790 Td"]
    bold = False
    for line, is_bold in lines:
        if is_bold != bold:
            parts.append("/F2 11 Tf" if is_bold else "/F1 11 Tf")
            bold = is_bold
        parts.append(f"({_escape(line)}) Tj T*")
    parts.append("ET")
    if footer:
        parts.append(f"BT /F1 9 Tf 290 40 Td ({_escape(footer)}) Tj ET")
    return "\n".join(parts).encode("cp1252", errors="replace")


def text_to_pdf(text: str, title: str = "") -> bytes:
    """Render `text` (paragraphs separated by blank lines) as a PDF document."""
    lines = _layout(text, title)
    pages = [lines[i:i + LINES_PER_PAGE] for i in range(0, max(len(lines), 1), LINES_PER_PAGE)]

    objects: list[bytes] = []  # object n is objects[n-1]
    page_ids = [5 + 2 * i for i in range(len(pages))]
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    for number, (page_id, page_lines) in enumerate(zip(page_ids, pages), start=1):
        footer = f"{number} / {len(pages)}" if len(pages) > 1 else ""
        stream = _page_stream(page_lines, footer)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {page_id + 1} 0 R >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
