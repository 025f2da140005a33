"""Bulk import of documents an agency already holds (years of files on shared drives).

Each supported file under a folder becomes one asset of the CoP, checked by content like an
upload, titled from the document's own metadata or else from its file name. Files whose
content is already stored (same SHA-256) are skipped, so the import can be re-run safely.
Each file is committed on its own: one bad file never undoes the others.
"""
import hashlib
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import AssetFile, AssetFileVersion, AssetType, Community, KmStage, Meeting, Visibility
from .filetypes import RejectedFile, kind_for_name
from .services import AssetFields, publish_asset
from .uploads import accept_file

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ImportLine:
    path: Path
    outcome: str  # "imported", "duplicate", "unsupported", "rejected"
    asset_id: int | None = None
    reason: str = ""

    def __str__(self) -> str:
        if self.outcome == "imported":
            return f"diimpor: {self.path} -> aset #{self.asset_id}"
        if self.outcome == "duplicate":
            return f"dilewati: {self.path} (duplikat dari aset #{self.asset_id})"
        if self.outcome == "unsupported":
            return f"dilewati: {self.path} (jenis berkas tidak didukung)"
        return f"ditolak: {self.path} ({self.reason})"


def import_folder(root: Path, community: Community, meeting: Meeting | None = None,
                  visibility: str = Visibility.AGENCY.value) -> Iterator[ImportLine]:
    """Import every file under `root`, yielding one line per file in path order.

    No meeting is required even after the Triwulan IV rule: these documents are historic,
    written before the portal existed, and the rule is about new knowledge.
    Visibility defaults to the own agency: nobody has yet reviewed old shared-drive files
    for wider publication; a lead can widen it per asset.
    """
    for path in sorted(p for p in root.rglob("*") if p.is_file() or p.is_symlink()):
        shown = path.relative_to(root)
        if path.is_symlink():
            yield ImportLine(shown, "rejected", reason="tautan simbolik tidak diikuti")
        elif kind_for_name(path.name) is None:
            yield ImportLine(shown, "unsupported")
        else:
            yield _import_file(path, shown, community, meeting, visibility)


def _import_file(path: Path, shown: Path, community: Community, meeting: Meeting | None,
                 visibility: str) -> ImportLine:
    duplicate_of = _asset_with_content(_sha256_of(path))
    if duplicate_of is not None:
        return ImportLine(shown, "duplicate", asset_id=duplicate_of)
    try:
        with open(path, "rb") as stream:
            upload = accept_file(stream, path.name)
    except RejectedFile as error:
        return ImportLine(shown, "rejected", reason=str(error))
    fields = AssetFields(title=document_title(path, upload.kind.key), summary=f"Diimpor dari {shown}",
                         asset_type=AssetType.OTHER.value, km_stage=KmStage.STORAGE.value,
                         visibility=visibility, meeting_id=meeting.id if meeting else None)
    try:
        asset = publish_asset(community, fields, [upload], actor=None, historic=True)
    except SQLAlchemyError as error:  # publish_asset already removed the stored file
        return ImportLine(shown, "rejected", reason=f"gagal disimpan: {error.__class__.__name__}")
    return ImportLine(shown, "imported", asset_id=asset.id)


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _asset_with_content(sha256: str) -> int | None:
    return db.session.scalar(select(AssetFile.asset_id).join(AssetFileVersion)
                             .where(AssetFileVersion.sha256 == sha256).limit(1))


def document_title(path: Path, kind: str) -> str:
    """The title stored in the document's properties, else a readable form of the file name."""
    return _metadata_title(path, kind) or title_from_name(path.name)


def title_from_name(name: str) -> str:
    """"laporan_triwulan-3_2025.pdf" -> "Laporan triwulan 3 2025"."""
    words = " ".join(re.sub(r"[_\-.]+", " ", Path(name).stem).split())
    return (words[:1].upper() + words[1:])[:300] or name[:300]


def _metadata_title(path: Path, kind: str) -> str | None:
    # Metadata is a nicety: a malformed or encrypted document still imports under its name,
    # so any parser error here only means "no title". Parser warnings are noise for the CLI.
    readers = {"pdf": _pdf_title, "docx": _docx_title, "pptx": _pptx_title, "xlsx": _xlsx_title}
    reader = readers.get(kind)
    if reader is None:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            title = reader(path)
        except Exception:  # noqa: BLE001 - see the comment above
            return None
    title = " ".join(str(title or "").split())
    return title[:300] or None


def _pdf_title(path: Path):
    from pypdf import PdfReader
    metadata = PdfReader(path).metadata
    return metadata.title if metadata else None


def _docx_title(path: Path):
    from docx import Document
    return Document(str(path)).core_properties.title


def _pptx_title(path: Path):
    from pptx import Presentation
    return Presentation(str(path)).core_properties.title


def _xlsx_title(path: Path):
    from openpyxl import load_workbook
    workbook = load_workbook(path, read_only=True)
    try:
        return workbook.properties.title
    finally:
        workbook.close()
