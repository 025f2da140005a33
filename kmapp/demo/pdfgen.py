"""A tiny text-only PDF writer, so demo data and tests can make real PDFs without
another dependency. Helvetica, WinAnsi encoding, simple word wrap, A4 pages."""
import textwrap

LINES_PER_PAGE = 50
WRAP_COLUMNS = 90


def _escape(line: str) -> str:
    latin = line.encode("cp1252", errors="replace").decode("cp1252")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(lines: list[str]) -> bytes:
    parts = ["BT /F1 11 Tf 14 TL 56 790 Td"]
    parts += [f"({_escape(line)}) Tj T*" for line in lines]
    parts.append("ET")
    return "\n".join(parts).encode("cp1252", errors="replace")


def text_to_pdf(text: str, title: str = "") -> bytes:
    """Render `text` (paragraphs separated by blank lines) as a PDF document."""
    lines: list[str] = []
    if title:
        lines += textwrap.wrap(title, WRAP_COLUMNS) + [""]
    for paragraph in text.split("\n\n"):
        lines += textwrap.wrap(" ".join(paragraph.split()), WRAP_COLUMNS) or [""]
        lines.append("")
    pages = [lines[i:i + LINES_PER_PAGE] for i in range(0, max(len(lines), 1), LINES_PER_PAGE)]

    objects: list[bytes] = []  # object n is objects[n-1]
    page_ids = [4 + 2 * i for i in range(len(pages))]
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for page_id, page_lines in zip(page_ids, pages):
        stream = _page_stream(page_lines)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>".encode())
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
