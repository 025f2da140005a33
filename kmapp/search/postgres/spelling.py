""""Did you mean" on PostgreSQL: the same rule as :mod:`kmapp.search.spelling` (a rare or
unknown word is replaced by the most common word one edit away), with the candidates found
in ``search_word`` by trigram similarity (pg_trgm's GIN index) instead of Whoosh's word file.

The similarity threshold is low (0.2): one edit in a four-letter word leaves only two of its
five trigrams in common, and the candidates are then held to one edit exactly.
Document counts are those of the word's stem over every document, in the field holding it
most often (as Whoosh counts them, visible or not), from the postings; the search page offers a
correction only if it finds more *visible* assets.
"""
import sqlalchemy as sa

from ..analysis import stem_word
from ..spelling import MORE_COMMON_FACTOR, RARE_DOC_COUNT, correctable, replaced_words, single_edits
from .postings import document_frequencies
from .tables import FIELDS

TRIGRAM_THRESHOLD = 0.2

_SIMILAR_WORDS = sa.text("SELECT word FROM search_word WHERE word % :word")
_KNOWN_WORD = sa.text("SELECT 1 FROM search_word WHERE word = :word")


def corrected_query_text(connection, query_text: str) -> str | None:
    """``query_text`` with likely typos replaced, or None if none found."""
    if not query_text:
        return None
    return replaced_words(query_text, lambda word: _correction_for(connection, word))


def _correction_for(connection, word: str) -> str | None:
    word = correctable(word)
    if word is None:
        return None
    # Most words typed are known and common: two index look-ups settle them.
    count = 0
    if connection.scalar(_KNOWN_WORD, {"word": word}):
        count = _document_counts(connection, [word])[word]
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
    frequencies = document_frequencies(connection, stems.values())
    return {word: max(frequencies[field, stem] for field in range(len(FIELDS))) for word, stem in stems.items()}
