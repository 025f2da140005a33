"""Driving the Tesseract command line, one page at a time.

Why the command line (as pytesseract does) and not OCRmyPDF: Tesseract itself writes the
searchable PDF page (`pdf` output: the page image with an invisible text layer), so one
call per page gives us the text, the PDF page, a timeout and a memory cap per page, and
progress per page, with no new Python dependency and no Ghostscript. OCRmyPDF also runs
Tesseract per page, so recognition costs the same; it adds a PDF/A pass we do not need.
"""
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask import current_app

MB = 1024 * 1024


class PageTimeout(Exception):
    """Tesseract did not finish a page within OCR_SECONDS_PER_PAGE."""


class OcrFailed(Exception):
    """Tesseract stopped with an error on a page (its message is kept)."""


@dataclass(frozen=True)
class PageResult:
    text: str
    pdf: bytes  # one-page searchable PDF


def tesseract_command() -> str:
    return current_app.config["OCR_TESSERACT"]


def languages() -> str:
    return current_app.config["OCR_LANGUAGES"]


def availability() -> tuple[bool, str | None]:
    """(True, None) when Tesseract and every wanted language are installed; else the reason."""
    if not current_app.config["OCR_ENABLED"]:
        return False, "dimatikan dalam pengaturan (OCR_ENABLED)"
    return _availability(tesseract_command(), languages())


@lru_cache(maxsize=8)
def _availability(command: str, wanted: str) -> tuple[bool, str | None]:
    executable = shutil.which(command)
    if executable is None:
        return False, f"program {command} tidak ditemukan"
    try:
        listed = subprocess.run([executable, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as error:
        return False, f"{command} tidak dapat dijalankan ({error.__class__.__name__})"
    installed = set(listed.stdout.split()[1:]) | set(listed.stderr.split())
    missing = [lang for lang in wanted.split("+") if lang not in installed]
    if missing:
        return False, "data bahasa tidak terpasang: " + ", ".join(missing)
    return True, None


def recognise_page(image_path: Path) -> PageResult:
    """Text and a searchable one-page PDF of an image file, within the per-page limits."""
    config = current_app.config
    with tempfile.TemporaryDirectory(prefix="kmapp-ocr-") as work:
        upright = _upright(image_path, Path(work))
        base = Path(work) / "page"
        _run([tesseract_command(), str(upright), str(base), "-l", languages(), "pdf", "txt"],
             float(config["OCR_SECONDS_PER_PAGE"]), int(config["OCR_MEMORY_MB"]) * MB)
        return PageResult(base.with_suffix(".txt").read_text("utf-8", errors="replace"),
                          base.with_suffix(".pdf").read_bytes())


ROTATE = re.compile(r"Rotate:\s*(\d+)")
CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def _upright(image_path: Path, work: Path) -> Path:
    """A page scanned sideways or upside down is turned first (Tesseract's orientation
    detection; trusted only when confident: on a few lines of text it guesses). A skew of a
    few degrees needs nothing: Tesseract's line finding follows slanted baselines."""
    config = current_app.config
    if not config["OCR_DETECT_ROTATION"]:
        return image_path
    try:
        found = _run([tesseract_command(), str(image_path), "-", "--psm", "0", "-l", "osd"],
                     float(config["OCR_SECONDS_PER_PAGE"]), int(config["OCR_MEMORY_MB"]) * MB)
    except OcrFailed:  # too little text to tell: read it as it is
        return image_path
    rotate, confidence = ROTATE.search(found), CONFIDENCE.search(found)
    if not rotate or not confidence or int(rotate.group(1)) == 0 \
            or float(confidence.group(1)) < float(config["OCR_ROTATION_MIN_CONFIDENCE"]):
        return image_path
    from PIL import Image
    turned = work / "upright.png"
    with Image.open(image_path) as image:
        image.rotate(-int(rotate.group(1)), expand=True).save(turned)
    return turned


def _run(arguments: list[str], timeout: float, memory_bytes: int) -> str:
    try:
        done = subprocess.run(arguments, capture_output=True, text=True, timeout=timeout,
                              preexec_fn=_limiter(memory_bytes) if os.name == "posix" else None,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})  # one core per page
    except subprocess.TimeoutExpired as error:
        raise PageTimeout(f"batas waktu {timeout:g} detik per halaman terlampaui") from error
    if done.returncode != 0:
        raise OcrFailed((done.stderr or "").strip()[-300:] or f"kode keluar {done.returncode}")
    return done.stdout


def _limiter(memory_bytes: int):
    def limit():
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    return limit
