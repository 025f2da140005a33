"""What an uploaded file really is: detection by content, not by name.

An upload is accepted only when its bytes are one of the supported kinds AND its extension
names that same kind, so a program renamed `.pdf` or a DOCX renamed `.pdf` is refused with
a message that says what was found. HTML and SVG are refused outright: a browser would run
their scripts. Detection reads the stored file (never the whole of it into memory).
"""
import codecs
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _

HEAD_BYTES = 4096
MAX_ZIP_ENTRIES = 20_000
EOCD_SEARCH_BYTES = 22 + 65_535  # the end record plus the longest archive comment
TEXT_CHUNK = 64 * 1024
MAX_NAME_CHARS = 150


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]
    inline: bool  # may be shown in the browser (PDF, images, video; text as text/plain)


KINDS = {kind.key: kind for kind in (
    Kind("pdf", "PDF", "application/pdf", (".pdf",), True),
    Kind("docx", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         (".docx",), False),
    Kind("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",), False),
    Kind("pptx", "PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
         (".pptx",), False),
    Kind("txt", "TXT", "text/plain", (".txt",), True),
    Kind("md", "MD", "text/markdown", (".md", ".markdown"), True),
    Kind("png", "PNG", "image/png", (".png",), True),
    Kind("jpg", "JPG", "image/jpeg", (".jpg", ".jpeg"), True),
    Kind("mp4", "MP4", "video/mp4", (".mp4",), True),
)}
KIND_BY_EXTENSION = {ext: kind for kind in KINDS.values() for ext in kind.extensions}
KIND_BY_CONTENT_TYPE = {kind.content_type: kind for kind in KINDS.values()}
ACCEPT_ATTRIBUTE = ",".join(KIND_BY_EXTENSION)  # for <input type=file accept=...>
SUPPORTED_LABEL = ", ".join(kind.label for kind in KINDS.values())

# Main part of each Office Open XML package (a ZIP with [Content_Types].xml).
OOXML_MAIN_PART = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
# Major brands of the ISO media family that are MP4 video (not HEIC/AVIF images or QuickTime).
MP4_BRANDS = (b"iso", b"mp4", b"avc1", b"M4V", b"dash", b"mmp4", b"MSNV", b"f4v")
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
MARKUP_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|svg|script|head|body)\b",
                          re.IGNORECASE | re.DOTALL)
XML_SVG = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml.{0,2048}?<svg\b", re.IGNORECASE | re.DOTALL)


class RejectedFile(ValueError):
    """The file cannot be accepted; the message (Indonesian) says exactly why."""


class UnsupportedContent(RejectedFile):
    """The bytes are none of the supported kinds; `found` says what they look like."""

    def __init__(self, found: str):
        super().__init__(_("Isi berkas tidak diterima (terdeteksi: %(found)s). Jenis yang diterima: %(kinds)s.",
                           found=found, kinds=SUPPORTED_LABEL))
        self.found = found


def kind_for_name(name: str) -> Kind | None:
    """The kind the file name claims, by extension (None when the extension is not supported)."""
    return KIND_BY_EXTENSION.get(Path(name).suffix.lower())


def check_file(path: Path, original_name: str) -> Kind:
    """Return the file's kind, or raise RejectedFile when content and name do not agree."""
    claimed = kind_for_name(original_name)
    if claimed is None:
        suffix = Path(original_name).suffix.lower() or _("(tanpa ekstensi)")
        raise RejectedFile(_("Ekstensi %(ext)s tidak diterima. Jenis yang diterima: %(kinds)s.",
                             ext=suffix, kinds=SUPPORTED_LABEL))
    try:
        detected = detect(path)
    except UnsupportedContent as error:
        raise RejectedFile(_("Isi berkas bukan %(claimed)s (terdeteksi: %(found)s).",
                             claimed=claimed.label, found=error.found)) from None
    if detected.key in ("txt", "md") and claimed.key in ("txt", "md"):
        return claimed  # plain text and Markdown differ only in name
    if detected.key != claimed.key:
        raise RejectedFile(_("Isi berkas bukan %(claimed)s (terdeteksi: %(found)s).",
                             claimed=claimed.label, found=detected.label))
    return detected


def detect(path: Path) -> Kind:
    """The kind of a stored file by its bytes; raise RejectedFile for anything unsupported."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head:
        raise RejectedFile(_("Berkas kosong (0 bita)."))
    if head.startswith(b"%PDF-"):
        return KINDS["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return KINDS["jpg"]
    if head[4:8] == b"ftyp" and head[8:12].startswith(MP4_BRANDS):
        return KINDS["mp4"]
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(path)
    if head.startswith(EXECUTABLE_MAGIC):
        raise UnsupportedContent(_("program/berkas yang dapat dijalankan"))
    if MARKUP_START.match(head) or XML_SVG.match(head):
        raise UnsupportedContent(_("HTML/SVG, dapat menjalankan skrip di peramban"))
    if _is_utf8_text(path):
        return KINDS["txt"]
    raise UnsupportedContent(_("jenis tidak dikenal"))


def _office_kind(path: Path) -> Kind:
    """DOCX, XLSX or PPTX by the package's parts (names only: nothing is decompressed).

    The entry count is read from the archive's end record first: listing a crafted ZIP of
    300,000 entries costs seconds of CPU in the request thread, a real Office file has a
    few hundred parts (a large deck a few thousand).
    """
    entries = _zip_entry_count(path)
    if entries is None or entries > MAX_ZIP_ENTRIES:
        raise UnsupportedContent(_("arsip ZIP dengan terlalu banyak bagian") if entries else _("arsip ZIP rusak"))
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        raise UnsupportedContent(_("arsip ZIP rusak")) from None
    if "[Content_Types].xml" in names:
        for part, key in OOXML_MAIN_PART.items():
            if part in names:
                return KINDS[key]
    raise UnsupportedContent(_("arsip ZIP"))


def _zip_entry_count(path: Path) -> int | None:
    """Entries announced by the ZIP's end-of-central-directory record (None: no such record).
    A ZIP64 archive announces 0xFFFF here; no Office document we accept needs ZIP64."""
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - EOCD_SEARCH_BYTES))
        tail = handle.read()
    start = tail.rfind(b"PK\x05\x06")
    if start < 0 or len(tail) - start < 22:
        return None
    return struct.unpack("<H", tail[start + 10:start + 12])[0]


def _is_utf8_text(path: Path) -> bool:
    """Valid UTF-8 throughout and no NUL byte (read in chunks)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as handle:
        while chunk := handle.read(TEXT_CHUNK):
            if b"\x00" in chunk:
                return False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def safe_display_name(name: str, fallback: str = "berkas") -> str:
    """The uploader's file name made safe to show and to put in Content-Disposition.

    Drops any directory part (`../`, `C:\\`), control and format characters, keeps
    unicode letters, and caps the length while keeping the extension.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split()).strip(" .")
    if not name:
        return fallback
    if len(name) > MAX_NAME_CHARS:
        suffix = Path(name).suffix[:10]
        name = name[:MAX_NAME_CHARS - len(suffix)].rstrip(" .") + suffix
    return name
