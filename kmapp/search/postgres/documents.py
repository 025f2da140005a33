"""An asset's index document as a ``search_document`` row: the text analysed in Python by the
same Indonesian analyser as Whoosh, written as ``tsvector`` literals.

Why literals and not ``to_tsvector('simple', ...)``: the terms are already what the analyser
makes of the text (lowercase, accents folded, stop words out, Sastrawi stems), which is all
the ``simple`` configuration would do -- but its parser splits tokens differently
("jakarta.go.id", "1.000.000", "covid-19"); a literal keeps Whoosh's tokens and its positions
(renumbered over stop words), so phrases and terms match exactly as in Whoosh.

PostgreSQL's limits shape the body part: positions stop at 16,383, at most 256 positions are
kept per lexeme, and a tsvector must stay under 1 MB. Body positions above the limit are
clamped (those words are still found, not as phrases), the first 256 positions of a lexeme are
kept (a phrase with a word used more often in one body is found only among its first uses),
and a body with more than
``MAX_BODY_TERMS`` distinct terms keeps its first ones (a 2,000,000-character PDF of tables).
"""
from collections import Counter, defaultdict

from whoosh.util.numeric import byte_to_length, length_to_byte

from ..analysis import indonesian_analyzer
from ..schema import BODY_EXCERPT_CHARS, VISIBILITY_VALUES, _comma_list
from ..similar import content_key, title_key
from ..spelling import MAX_WORD_LENGTH
from ..vocabulary import document_words

MAX_POSITION = 16383
MAX_LEXEME_BYTES = 2046  # PostgreSQL refuses longer words in a tsvector or a tsquery
BODY_POSITIONS_PER_TERM = 256  # PostgreSQL keeps no more; fewer would lose phrase matches of common words
MAX_BODY_TERMS = 40_000
FIELD_GAP = 10  # positions between two fields: a phrase never spans them
META_WEIGHTS = (("title", "A"), ("tag_text", "B"), ("summary", "C"))


def field_texts(document: dict) -> dict:
    tags = _comma_list(document.get("tags"))
    return {"title": document.get("title") or "", "summary": document.get("summary") or "",
            "body": document.get("body") or "", "tag_text": tags.replace(",", "\n")}


def terms_with_positions(text: str):
    """(term, position) of ``text`` as the Whoosh field sees them (positions from 0), but for
    terms longer than PostgreSQL takes (no query can ask for them either, see :mod:`.tsquery`)."""
    for token in indonesian_analyzer()(text, positions=True):
        if fits_lexeme(token.text):
            yield token.text, token.pos


def fits_lexeme(term: str) -> bool:
    return len(term.encode("utf-8")) <= MAX_LEXEME_BYTES


# Whoosh's field boosts (see kmapp.search.schema): a posting's weight is frequency x boost.
FIELD_BOOSTS = {"title": 3.0, "tag_text": 2.0, "summary": 1.0, "body": 1.0}


def field_postings(text: str, field: str) -> tuple[dict, int]:
    """({term: posting weight}, field length) of one field as Whoosh indexes it: the length counts
    every token, the weights only terms PostgreSQL can hold (no query can ask for the others)."""
    counts = Counter(token.text for token in indonesian_analyzer()(text))
    boost = FIELD_BOOSTS[field]
    return {term: count * boost for term, count in counts.items() if fits_lexeme(term)}, sum(counts.values())


def scored_length(length: int) -> float:
    """The field length Whoosh's BM25F divides by: its one-byte approximation."""
    return float(byte_to_length(length_to_byte(length)))


def body_vector(body: str) -> str:
    """The body's tsvector literal: weight D, positions from 1."""
    positions = defaultdict(list)
    for term, position in terms_with_positions(body):
        kept = positions.get(term)
        if kept is None:
            if len(positions) >= MAX_BODY_TERMS:
                continue
            kept = positions[term] = []
        if len(kept) < BODY_POSITIONS_PER_TERM:
            kept.append(min(position + 1, MAX_POSITION))
    return _literal({term: [(p, "D") for p in sorted(set(found))] for term, found in positions.items()})


def meta_vector(texts: dict) -> str:
    """Title, tags and summary as one tsvector literal, each field after a gap of positions, so
    that appended after the body (PostgreSQL shifts it past the body's last position) no
    phrase crosses from one field into the next."""
    positions = defaultdict(list)
    start = FIELD_GAP
    for field, weight in META_WEIGHTS:
        last = start
        for term, position in terms_with_positions(texts[field]):
            at = min(start + position, MAX_POSITION)
            positions[term].append((at, weight))
            last = max(last, at)
        start = last + FIELD_GAP
    return _literal(positions)


def _literal(positions: dict) -> str:
    parts = []
    for term, found in positions.items():
        unique = sorted(set(found))[:256]
        spots = ",".join(f"{position}{weight}" for position, weight in unique)
        parts.append(f"{_quoted(term)}:{spots}" if spots else _quoted(term))
    return " ".join(parts)


def _quoted(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def signed64(value: int) -> int:
    """An unsigned 64-bit key as PostgreSQL's signed bigint (same bits)."""
    return value - (1 << 64) if value >= (1 << 63) else value


def document_row(document: dict) -> dict:
    """Every column of ``search_document`` but ``vector`` and ``body_key`` (see :func:`body_vector`,
    :func:`meta_vector`), from an index document (see ``kmapp.search.indexing.asset_document``)."""
    texts = field_texts(document)
    visibility = document.get("visibility")
    cop = document.get("cop")
    try:
        cop_number = int(cop) if cop is not None and 0 < int(cop) < 2**32 else 0
    except (TypeError, ValueError):
        cop_number = 0
    return {
        "asset_id": str(document["asset_id"]),
        "title": texts["title"],
        "summary": texts["summary"],
        "body_excerpt": texts["body"][:BODY_EXCERPT_CHARS],
        "tags": [tag.lower() for tag in _comma_list(document.get("tags")).split(",") if tag],
        "seci_stage": [stage.lower() for stage in _comma_list(document.get("seci_stage")).split(",") if stage],
        "agency": str(document["agency"]) if document.get("agency") else None,
        "agency_name": document.get("agency_name") or None,
        "cop": str(cop) if cop is not None else None,
        "cop_name": document.get("cop_name") or None,
        "asset_type": document.get("asset_type") or None,
        "year": int(document["year"]) if document.get("year") is not None else None,
        "km_stage": document.get("km_stage") or None,
        "visibility": visibility if visibility in VISIBILITY_VALUES else "restricted",
        "published": document.get("published"),
        "updated": document.get("updated"),
        "state_key": document.get("state_key"),
        "content_key": signed64(content_key(document.get("file_sha256"))),
        "title_key": signed64(title_key(texts["title"])),
        "cop_number": cop_number,
    }


def readable_words(document: dict) -> set[str]:
    """The words "did you mean" may offer from this document (as in Whoosh's vocabulary)."""
    texts = field_texts(document)
    words = document_words(texts["title"], texts["summary"], texts["body"], texts["tag_text"].replace("\n", " "))
    return {word for word in words if len(word) <= MAX_WORD_LENGTH}  # longer ones are never corrected
