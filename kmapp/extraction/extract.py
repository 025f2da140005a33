"""Plain-text extraction from uploaded knowledge assets, for indexing.

Robustness choice: binary formats (PDF, DOCX, PPTX, XLSX) are parsed in a
separate *spawned* process that is killed when the wall-clock limit expires.
A deadline checked between pages alone is not enough: a single hostile page
(a decompression bomb, a parser loop in pypdf) never returns to the check.
The child also gets an address-space limit so a zip/deflate bomb fails with
MemoryError instead of exhausting the server.  Inside the child the readers
still check a (slightly earlier) deadline between pages, so slow but honest
documents yield their first pages instead of nothing.  Plain text and
Markdown are read in-process: reading a bounded number of bytes cannot hang.

Spawning costs roughly 0.2-0.5 s per document; extraction happens once per
upload, off the request path, so isolation is worth it.

``extract_text`` never raises: failures become empty text plus a warning in
Indonesian that the UI can show to the uploader.
"""

import logging
import multiprocessing
import os
import signal
import time
import warnings
from dataclasses import dataclass

from .readers import READERS, EncryptedDocument, Limits, TextBudget

DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_TIMEOUT_S = 60.0
CHILD_MEMORY_LIMIT_BYTES = 2 * 1024**3

# Formats we read in-process because they cannot hang (see module docstring).
_IN_PROCESS_KINDS = frozenset({"txt", "md"})

_KIND_BY_NAME = {
    "pdf": "pdf",
    "application/pdf": "pdf",
    "docx": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "pptx": "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "xlsx": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "txt": "txt",
    "text": "txt",
    "text/plain": "txt",
    "md": "md",
    "markdown": "md",
    "text/markdown": "md",
    "text/x-markdown": "md",
}

NO_TEXT_LAYER = "PDF tidak berisi teks yang dapat dibaca (mungkin hasil pindaian)."
_TRUNCATION_WARNINGS = {
    "chars": "Teks dipotong: hanya {max_chars} karakter pertama yang diindeks.",
    "pages": "Teks dipotong: hanya {max_pages} halaman pertama yang diindeks.",
    "slides": "Teks dipotong: hanya {max_pages} salindia pertama yang diindeks.",
    "rows": "Teks dipotong: hanya {max_rows} baris pertama yang diindeks.",
    "time": "Teks dipotong: batas waktu pembacaan terlampaui.",
}


@dataclass(frozen=True)
class ExtractionResult:
    """Extracted text and an optional human-readable (Indonesian) warning."""

    text: str
    warning: str | None = None


def detect_kind(mimetype_or_ext):
    """Map a MIME type or file extension (".pdf", "PDF", ...) to a reader kind.

    Returns None for types we do not extract text from (images, video, ...).
    """
    if not mimetype_or_ext:
        return None
    key = mimetype_or_ext.strip().lower().split(";")[0].strip().lstrip(".")
    return _KIND_BY_NAME.get(key)


def extract_text(
    path,
    mimetype_or_ext,
    *,
    max_chars=DEFAULT_MAX_CHARS,
    max_pages=Limits.max_pages,
    max_rows=Limits.max_rows,
    timeout_s=DEFAULT_TIMEOUT_S,
    memory_bytes=CHILD_MEMORY_LIMIT_BYTES,
    cpu_seconds=None,
):
    """Extract searchable plain text from the file at ``path``.

    ``timeout_s`` bounds the wall clock, ``memory_bytes`` the child's address space and
    ``cpu_seconds`` (default: the wall-clock limit) its CPU time.  Never raises.  Unsupported types give ``ExtractionResult("", None)``;
    unreadable files give empty text and a warning; documents cut short by a
    limit give the text read so far and a warning.
    """
    kind = detect_kind(mimetype_or_ext)
    if kind is None:
        return ExtractionResult("")
    path = os.fspath(path)
    if not os.path.isfile(path):
        return ExtractionResult("", "Teks tidak dapat dibaca: berkas tidak ditemukan.")
    limits = Limits(max_chars=max_chars, max_pages=max_pages, max_rows=max_rows)
    # Daemon processes (e.g. multiprocessing pool workers) may not start
    # children; there we fall back to the in-process deadline checks.
    if kind in _IN_PROCESS_KINDS or multiprocessing.current_process().daemon:
        return read_document(kind, path, limits, time.monotonic() + timeout_s)
    caps = ChildCaps(timeout_s, int(memory_bytes), int(cpu_seconds or timeout_s))
    return _read_in_child_process(kind, path, limits, caps)


def read_document(kind, path, limits, deadline):
    """Run the reader for ``kind`` in this process; convert errors to warnings."""
    budget = TextBudget(limits, deadline)
    try:
        with warnings.catch_warnings():
            # Malformed files make parsers warn; the outcome is reported
            # through ExtractionResult.warning instead.
            warnings.simplefilter("ignore")
            READERS[kind](path, limits, budget)
    except EncryptedDocument:
        return ExtractionResult("", f"Teks tidak dapat dibaca: {kind.upper()} terenkripsi.")
    except MemoryError:
        return ExtractionResult("", "Teks tidak dapat dibaca: berkas terlalu besar untuk diproses.")
    except Exception:
        return ExtractionResult("", f"Teks tidak dapat dibaca: berkas {kind.upper()} rusak atau tidak lengkap.")
    return _result_from_budget(kind, budget)


def _result_from_budget(kind, budget):
    text = budget.text()
    if budget.truncated_reason:
        template = _TRUNCATION_WARNINGS[budget.truncated_reason]
        limits = budget.limits
        warning = template.format(
            max_chars=_format_count(limits.max_chars),
            max_pages=_format_count(limits.max_pages),
            max_rows=_format_count(limits.max_rows),
        )
        return ExtractionResult(text, warning)
    if kind == "pdf" and not text.strip():
        return ExtractionResult("", NO_TEXT_LAYER)
    return ExtractionResult(text)


def _format_count(number):
    """1234567 -> "1.234.567" (Indonesian thousands separator)."""
    return f"{number:,}".replace(",", ".")


def _child_context():
    """A fork server where available: a clean process forked per document costs ~50 ms,
    a spawned one ~0.5-1 s (it imports Python and the parsers each time)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kmapp.extraction.readers", "pypdf", "docx", "pptx", "openpyxl"])
    return context


@dataclass(frozen=True)
class ChildCaps:
    """What one extraction child may use: wall clock, address space, CPU time."""

    timeout_s: float
    memory_bytes: int
    cpu_seconds: int


def _read_in_child_process(kind, path, limits, caps):
    timeout_s = caps.timeout_s
    context = _child_context()
    receiver, sender = context.Pipe(duplex=False)
    # The child stops reading a little early so that partial text can still
    # travel back before the hard kill.
    child_deadline_s = timeout_s * 0.8
    process = context.Process(
        target=_child_main, args=(sender, kind, path, limits, child_deadline_s, caps), daemon=True
    )
    try:
        process.start()
        sender.close()  # only the child writes; lets recv() see EOF if it dies
        if not receiver.poll(timeout_s):
            return ExtractionResult(
                "", f"Teks tidak dapat dibaca: batas waktu {timeout_s:g} detik terlampaui."
            )
        text, warning = receiver.recv()
        return ExtractionResult(text, warning)
    except (EOFError, OSError):
        process.join(timeout=1.0)
        if process.exitcode == -signal.SIGXCPU:
            return ExtractionResult(
                "", f"Teks tidak dapat dibaca: batas waktu CPU {caps.cpu_seconds} detik terlampaui."
            )
        return ExtractionResult("", "Teks tidak dapat dibaca: proses pembacaan berhenti tiba-tiba.")
    finally:
        receiver.close()
        _stop_process(process)


def _stop_process(process):
    """Join the child, escalating to terminate/kill if it does not exit."""
    if process.pid is None:  # never started
        return
    process.join(timeout=1.0)
    if process.is_alive():
        process.terminate()
        process.join(timeout=1.0)
    if process.is_alive():
        process.kill()
        process.join()
    process.close()


def _child_main(sender, kind, path, limits, deadline_s, caps):
    """Entry point of the extraction child process."""
    deadline = time.monotonic() + deadline_s
    _limit_child_resources(caps)
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        result = read_document(kind, path, limits, deadline)
        sender.send((result.text, result.warning))
    finally:
        sender.close()


def _limit_child_resources(caps):
    """Address space (a zip/deflate bomb fails with MemoryError) and CPU time (SIGXCPU ends
    a parser loop even when the wall clock is generous)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (caps.memory_bytes, caps.memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (caps.cpu_seconds, caps.cpu_seconds + 1))
    except (ImportError, ValueError, OSError):
        pass  # not available on this platform; the wall-clock limit still applies
