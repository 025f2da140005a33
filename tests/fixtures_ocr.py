"""Scans made in the tests: text rendered into images with Pillow, some turned a few degrees,
some noisy, saved as PNG, JPEG or an image-only PDF (no text layer)."""
import io
import random
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract is not installed (apt-get install tesseract-ocr "
                                            "tesseract-ocr-ind tesseract-ocr-eng)")


@pytest.fixture(autouse=True)
def ocr_on(app):
    """OCR is off in the other tests' app (tests/conftest.py); these tests are about it."""
    app.config["OCR_ENABLED"] = True


def _font(size: int, index: int = 0):
    for path in FONTS[index:] + FONTS[:index]:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def scan(lines: list[str], *, skew: float = 0.0, noise: float = 0.0, font: int = 0, dpi: int = 150) -> Image.Image:
    """A page of text as a scanner would give it (small: a narrow strip of an A4 page at `dpi`)."""
    size = round(dpi / 150 * 26)
    image = Image.new("L", (round(dpi / 150 * 1100), round(dpi / 150 * 60) * (len(lines) + 1)), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        draw.text((round(dpi / 150 * 40), round(dpi / 150 * 30) + row * round(dpi / 150 * 60)), line,
                  font=_font(size, font), fill=0)
    if skew:
        image = image.rotate(skew, resample=Image.BICUBIC, expand=True, fillcolor=255)
    if noise:
        rng = random.Random(7)
        pixels = image.load()
        for _ in range(int(image.width * image.height * noise)):
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            pixels[x, y] = 0 if pixels[x, y] > 128 else 255
    return image


def image_bytes(image: Image.Image, kind: str = "PNG", dpi: int = 150) -> bytes:
    out = io.BytesIO()
    image.convert("RGB" if kind == "JPEG" else "L").save(out, kind, dpi=(dpi, dpi), **({"quality": 70} if kind == "JPEG" else {}))
    return out.getvalue()


def image_pdf(*pages: Image.Image, dpi: int = 150) -> bytes:
    """A PDF of images only, as a scanner writes it."""
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=list(pages[1:]))
    return out.getvalue()
