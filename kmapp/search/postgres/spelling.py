""""Did you mean" on PostgreSQL: the same rule as :mod:`kmapp.search.spelling` (a rare or
unknown word is replaced by the most common word one edit away), with the candidates found
in ``search_word`` by trigram similarity (pg_trgm's GIN index) instead of Whoosh's word file.

The similarity threshold is low (0.2): one edit in a four-letter word leaves only two of its
five trigrams in common, and the candidates are then held to one edit exactly.
Document counts are those of the word's stem over every document (as Whoosh counts them,
visible or not); the search page offers a correction only if it finds more *visible* assets.
"""
import re

import sqlalchemy as sa

from ..analysis import INDONESIAN_STOP_WORDS, stem_word
from ..spelling import MAX_WORD_LENGTH, MIN_WORD_LENGTH, MORE_COMMON_FACTOR, RARE_DOC_COUNT, single_edits

TRIGRAM_THRESHOLD = 0.2
_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = frozenset({"AND", "OR", "NOT"})

_SIMILAR_WORDS = sa.text("SELECT word FROM search_word WHERE word % :word")
_KNOWN_WORD = sa.text("SELECT 1 FROM search_word WHERE word = :word")
# Documents holding a stem, counted no further than needed to call the word common.
_FEW_DOCUMENTS = sa.text("SELECT count(*) FROM (SELECT 1 FROM search_document "
                         "WHERE vector @@ CAST(quote_literal(:stem) AS tsquery) LIMIT :enough) AS found")
_DOCUMENT_COUNTS = sa.text(
    "SELECT stem, (SELECT count(*) FROM search_document WHERE vector @@ CAST(quote_literal(stem) AS tsquery)) "
    "FROM unnest(CAST(:stems AS text[])) AS stem")


def corrected_query_text(connection, query_text: str) -> str | None:
    """``query_text`` with likely typos replaced, or None if none found."""
    if not query_text:
        return None
    pieces, cursor, changed = [], 0, False
    for found in _WORD.finditer(query_text):
        replacement = _correction_for(connection, found.group())
        if replacement is None:
            continue
        pieces.append(query_text[cursor:found.start()])
        pieces.append(replacement)
        cursor, changed = found.end(), True
    if not changed:
        return None
    pieces.append(query_text[cursor:])
    return "".join(pieces)


def _correction_for(connection, word: str) -> str | None:
    if word in _OPERATORS or not MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH or not word.isalpha():
        return None
    word = word.lower()
    if word in INDONESIAN_STOP_WORDS:
        return None
    # Most words typed are known and common: two index look-ups settle them.
    count = 0
    if connection.scalar(_KNOWN_WORD, {"word": word}):
        count = connection.scalar(_FEW_DOCUMENTS, {"stem": stem_word(word), "enough": RARE_DOC_COUNT})
        if count >= RARE_DOC_COUNT:
            return None
    connection.execute(sa.text("SELECT set_config('pg_trgm.similarity_threshold', :limit, true)"),
                       {"limit": str(TRIGRAM_THRESHOLD)})
    edits = single_edits(word)
    candidates = sorted(candidate for candidate in connection.scalars(_SIMILAR_WORDS, {"word": word})
                        if candidate in edits)
    counts = _document_counts(connection, candidates)
    best, best_count = None, 0
    for candidate in candidates:
        if counts[candidate] > best_count:
            best, best_count = candidate, counts[candidate]
    if best is None:
        return None
    if count == 0 or best_count >= count * MORE_COMMON_FACTOR:
        return best
    return None


def _document_counts(connection, words: list[str]) -> dict[str, int]:
    if not words:
        return {}
    stems = {word: stem_word(word) for word in words}
    by_stem = dict(connection.execute(_DOCUMENT_COUNTS, {"stems": sorted(set(stems.values()))}).all())
    return {word: by_stem[stem] for word, stem in stems.items()}
