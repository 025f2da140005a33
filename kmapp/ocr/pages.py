"""The pages to recognise: a picture is one page; of a PDF, the pages without a usable
text layer (their largest image is the scan). Pages are written as PNG into a work folder,
with their resolution, so the searchable PDF keeps each page's size."""
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from pypdf.errors import PyPdfError

IMAGE_TYPES = frozenset({"image/png", "image/jpeg"})


class BadDocument(Exception):
    """The file cannot be read as a picture or PDF; the message is shown on the asset page."""


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    image: Path | None  # None: the page keeps its own text layer (or has nothing to read)
    problem: str | None = None  # why a scanned page could not be read (named in the note)


def picture_pages(path: Path, work: Path) -> list[Page]:
    target = work / "page-1.png"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.load()
                dpi = image.info.get("dpi") or (300, 300)
                _plain(image).save(target, dpi=dpi)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise BadDocument("gambar rusak atau bukan gambar PNG/JPEG yang dapat dibaca") from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise BadDocument("gambar terlalu besar untuk dikenali") from error
    return [Page(1, target)]


def pdf_pages(path: Path, work: Path, min_chars: int, max_pages: int) -> tuple[list[Page], int]:
    """(pages up to `max_pages`, the document's page count)."""
    from pypdf import PdfReader
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with open(path, "rb") as stream:
                reader = PdfReader(stream)
                count = len(reader.pages)
                pages = [_pdf_page(page, number, work, min_chars)
                         for number, page in enumerate(reader.pages[:max_pages], start=1)]
    except (PyPdfError, OSError, ValueError, KeyError) as error:
        raise BadDocument("PDF rusak atau tidak dapat dibaca") from error
    return pages, count


def _pdf_page(page, number: int, work: Path, min_chars: int) -> Page:
    if len((page.extract_text() or "").strip()) >= min_chars:
        return Page(number, None)  # born digital: its text was read by the extraction
    try:
        images = list(page.images)
        largest = max(images, key=lambda found: found.image.width * found.image.height).image if images else None
    except (PyPdfError, OSError, ValueError, KeyError, NotImplementedError):
        # One page in a format we cannot decode (e.g. JBIG2) must not lose the others.
        return Page(number, None, problem="gambar halaman tidak dapat dibaca")
    if largest is None:
        return Page(number, None)
    width_points = float(page.mediabox.width) or 612.0
    dpi = max(72, round(largest.width * 72 / width_points))
    target = work / f"page-{number}.png"
    _plain(largest).save(target, dpi=(dpi, dpi))
    return Page(number, target)


def _plain(image: Image.Image) -> Image.Image:
    return image if image.mode in ("L", "RGB", "1") else image.convert("RGB")
