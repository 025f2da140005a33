"""The Whoosh schema for knowledge assets and the mapping from plain dicts.

Field design:

* ``title`` / ``summary`` / ``body`` share one stemmed Indonesian analyzer
  (see :mod:`kmapp.search.analysis`); ``title`` is boosted x3.
* ``body`` is indexed with positions but NOT stored.  Snippets come from
  ``body_excerpt``: the first ``BODY_EXCERPT_CHARS`` characters, stored
  zlib-compressed.  Measured (bench/search_bench.py, 20,000 synthetic
  assets of 300-1,500 words): the excerpts take 66 MB of a 300 MB index,
  ~3.3 KB per asset, and a snippet costs ~0.2-0.5 ms per hit.  Whole bodies
  cost the same there only because synthetic bodies are short; extracted
  PDFs run to 2,000,000 characters (~600 KB compressed each), so storing
  them would make stored text dominate the index (GBs at 100,000 assets)
  and make every snippet scan megabytes.  Re-reading text from the database
  at query time would avoid the 3.3 KB per asset but tie search to the app's
  models and add a query per results page.  The cost of the excerpt: a match
  found only deep inside a long document gets its snippet from the summary.
* ``tags`` is the exact keyword list (filters, display); ``tag_text`` is the
  same tags run through the text analyzer so that free-text queries match
  them like any other text (stop words dropped, stems, phrases), boosted x2.
* The unstemmed words for "did you mean" are not a field: they live beside the index
  (see :mod:`kmapp.search.vocabulary`); an index built before keeps its unused ``words``.
* Facet fields (agency, asset_type, year, km_stage, cop, seci_stage, tags;
  of the tags only the most widespread) are counted from their posting lists
  as bitmaps (see :mod:`kmapp.search.facets`); the first four and
  ``published`` are also ``sortable`` (column data) for sorting.
* ``visibility`` ("all" | "agency" | "community"; anything else is stored
  as "restricted", admins only) + ``agency`` + ``cop`` drive access control.
* ``content_key`` (the asset's file contents), ``title_key`` (its normalised
  title) and ``cop_number`` are 64/32-bit numbers in columns only (neither
  indexed nor stored): they group similar results (see
  :mod:`kmapp.search.similar`).  An index created before they existed lacks
  them: documents are still written to it (without these fields, see
  :func:`known_fields`) and nothing is grouped until ``flask reindex``
  builds a new generation with this schema.
"""

import logging
import os
import zlib
from datetime import datetime

from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import indonesian_analyzer
from .engine import file_storage
from .similar import content_key, title_key

log = logging.getLogger(__name__)
_warned_missing = set()  # field name sets already logged by this process

# Long enough for a good snippet in nearly all assets, short enough that the
# stored excerpts stay a fraction of the index size (about 3-4 KB per asset
# compressed).
BODY_EXCERPT_CHARS = 12_000

VISIBILITY_VALUES = ("all", "agency", "community")
FACET_FIELDS = ("agency", "asset_type", "year", "km_stage", "cop", "seci_stage", "tags")


def build_schema():
    """Return a new Whoosh :class:`Schema` for knowledge assets."""
    text_analyzer = indonesian_analyzer()
    return Schema(
        asset_id=ID(unique=True, stored=True),
        title=TEXT(analyzer=text_analyzer, field_boost=3.0, stored=True),
        summary=TEXT(analyzer=text_analyzer, stored=True),
        body=TEXT(analyzer=text_analyzer, stored=False),
        body_excerpt=STORED(),
        tags=KEYWORD(commas=True, lowercase=True, scorable=True, stored=True),
        tag_text=TEXT(analyzer=text_analyzer, field_boost=2.0),
        agency=ID(stored=True, sortable=True),
        agency_name=STORED(),
        cop=ID(stored=True),
        cop_name=STORED(),
        asset_type=ID(stored=True, sortable=True),
        year=NUMERIC(numtype=int, bits=32, stored=True, sortable=True),
        km_stage=ID(stored=True, sortable=True),
        seci_stage=KEYWORD(commas=True, lowercase=True, stored=True),
        visibility=ID(stored=True),
        published=DATETIME(stored=True, sortable=True),
        updated=DATETIME(stored=True),
        state_key=STORED(),
        content_key=COLUMN(NumericColumn("Q")),
        title_key=COLUMN(NumericColumn("Q")),
        cop_number=COLUMN(NumericColumn("I")),
    )


def open_or_create_index(path):
    """Open the index in directory ``path``, creating it (and the directory)
    if it does not exist yet."""
    path = os.fspath(path)
    os.makedirs(path, exist_ok=True)
    storage = file_storage(path)  # no mmap: see engine.file_storage
    if storage.index_exists():
        return storage.open_index()
    return storage.create_index(build_schema())


def document_fields(doc):
    """Map a plain asset dict to keyword arguments for ``writer.update_document``.

    Expected keys (missing optional keys are simply not indexed): asset_id,
    title, summary, body, tags (list or comma string), agency, agency_name,
    cop (community id), cop_name, asset_type, year, km_stage, seci_stage
    (list or comma string), visibility ("all" | "agency" | "community"),
    published, updated (datetimes), file_sha256 (the SHA-256 hex digests of
    the current versions of the asset's files).
    """
    title = doc.get("title") or ""
    summary = doc.get("summary") or ""
    body = doc.get("body") or ""
    tags = _comma_list(doc.get("tags"))
    fields = {
        "asset_id": str(doc["asset_id"]),
        "title": title,
        "summary": summary,
        "body": body,
        "body_excerpt": compress_excerpt(body),
        "tags": tags,
        "tag_text": tags.replace(",", "\n"),
        "seci_stage": _comma_list(doc.get("seci_stage")),
        "visibility": _visibility(doc.get("visibility")),
    }
    for key in ("agency", "agency_name", "cop_name", "asset_type", "km_stage"):
        if doc.get(key):
            fields[key] = str(doc[key])
    if doc.get("cop") is not None:
        fields["cop"] = str(doc["cop"])
    if doc.get("year") is not None:
        fields["year"] = int(doc["year"])
    if doc.get("state_key"):
        fields["state_key"] = doc["state_key"]
    for key in ("published", "updated"):
        if isinstance(doc.get(key), datetime):
            fields[key] = doc[key]
    fields["content_key"] = content_key(doc.get("file_sha256"))
    fields["title_key"] = title_key(title)
    fields["cop_number"] = _cop_number(doc.get("cop"))
    return fields


def known_fields(schema, fields):
    """``fields`` without those ``schema`` lacks (an index older than the code: reindex)."""
    unknown = tuple(name for name in fields if name not in schema)
    if not unknown:
        return fields
    if unknown not in _warned_missing:
        _warned_missing.add(unknown)
        log.warning("search index lacks fields %s: run `flask --app kmapp reindex`", ", ".join(unknown))
    return {name: value for name, value in fields.items() if name in schema}


def fields_missing_from(schema):
    """Names of this code's fields that ``schema`` (an index's) lacks."""
    return [name for name in build_schema().names() if name not in schema]


def _cop_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**32 else 0


def _visibility(value):
    # Unknown or missing values fail closed: only admins see "restricted".
    return value if value in VISIBILITY_VALUES else "restricted"


def _comma_list(value):
    if not value:
        return ""
    if isinstance(value, str):
        value = value.split(",")
    return ",".join(part.strip() for part in value if part and part.strip())


def compress_excerpt(body):
    """Compress the leading part of ``body`` kept for snippets."""
    return zlib.compress(body[:BODY_EXCERPT_CHARS].encode("utf-8"), 6)


def decompress_excerpt(data):
    """Inverse of :func:`compress_excerpt` (tolerates a missing value)."""
    return zlib.decompress(data).decode("utf-8") if data else ""
