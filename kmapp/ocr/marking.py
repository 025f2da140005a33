"""Which search hits were found only in recognised text, so the results page can say
"dari teks hasil pindai" and a reader knows to check the original (OCR makes mistakes).

Asked after the search, of the few hits on the page, whatever the search backend: a hit is
marked when its asset has recognised text holding a query word, and neither its title,
summary nor any text layer of its files holds one (same stemming as the index)."""
import re

from sqlalchemy import select
from sqlalchemy.orm import selectinload, undefer

from ..extensions import db
from ..models import Asset, AssetFile, AssetFileVersion
from ..search.analysis import stem_word
from ..search.snippets import find_matches

WORD = re.compile(r"\w+")


def found_only_in_scans(hits, query: str) -> set[str]:
    """asset_id (as the hits hold it) of each hit matched by recognised text alone."""
    stems = {stem_word(word) for word in WORD.findall((query or "").lower())}
    ids = [int(hit.asset_id) for hit in hits if str(hit.asset_id).isdigit()]
    if not stems or not ids:
        return set()
    scanned = select(AssetFile.asset_id).join(AssetFileVersion).where(AssetFileVersion.ocr_status == "done")
    assets = db.session.scalars(select(Asset).where(Asset.id.in_(ids), Asset.id.in_(scanned)).options(
        selectinload(Asset.files).selectinload(AssetFile.versions).options(
            undefer(AssetFileVersion.extracted_text), undefer(AssetFileVersion.ocr_text))))
    marked = set()
    for asset in assets:
        versions = [f.current for f in asset.files if f.versions]
        elsewhere = [asset.title, asset.summary or ""] + [v.extracted_text or "" for v in versions]
        if any(find_matches(text, stems) for text in elsewhere):
            continue
        if any(find_matches(v.ocr_text or "", stems) for v in versions):
            marked.add(str(asset.id))
    return marked
