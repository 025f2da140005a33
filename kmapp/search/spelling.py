"""'Did you mean ...?' corrections from the unstemmed ``words`` field.

Suggestions are real words found in the index (``amnesai`` -> ``amnesia``),
never stems.  A word is corrected when it occurs in no document, or in very
few while a close word is far more common.  Operators (AND/OR/NOT), stop
words and numbers are left alone, and the rest of the query text, including
quotes and minus signs, is kept as typed.
"""

import re

from .analysis import INDONESIAN_STOP_WORDS

SPELLING_FIELD = "words"
RARE_DOC_COUNT = 3  # a word in fewer documents than this may be a typo
MORE_COMMON_FACTOR = 10  # ...if a close word is this many times more common
MIN_WORD_LENGTH = 4  # short words have too many neighbours to guess well

_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = frozenset({"AND", "OR", "NOT"})


def corrected_query_text(reader, query_text):
    """Return ``query_text`` with likely typos replaced, or None if none found."""
    if not query_text or SPELLING_FIELD not in reader.schema:
        return None
    pieces, cursor, changed = [], 0, False
    for found in _WORD.finditer(query_text):
        replacement = _correction_for(reader, found.group())
        if replacement is None:
            continue
        pieces.append(query_text[cursor:found.start()])
        pieces.append(replacement)
        cursor, changed = found.end(), True
    if not changed:
        return None
    pieces.append(query_text[cursor:])
    return "".join(pieces)


def _correction_for(reader, word):
    if word in _OPERATORS or len(word) < MIN_WORD_LENGTH or not word.isalpha():
        return None
    word = word.lower()
    if word in INDONESIAN_STOP_WORDS:
        return None
    count = reader.doc_frequency(SPELLING_FIELD, word)
    if count >= RARE_DOC_COUNT:
        return None
    best = closest_common_word(reader, word)
    if best is None:
        return None
    best_count = reader.doc_frequency(SPELLING_FIELD, best)
    if count == 0 or best_count >= count * MORE_COMMON_FACTOR:
        return best
    return None


def closest_common_word(reader, word):
    """The indexed word nearest to ``word`` (edit distance 1, then 2),
    preferring the one found in the most documents."""
    for distance in (1, 2):
        # prefix=1: typos rarely hit the first letter, and requiring it
        # makes the automaton walk a small part of the term list.
        candidates = [
            candidate
            for candidate in reader.terms_within(SPELLING_FIELD, word, distance, prefix=1)
            if candidate != word
        ]
        if candidates:
            return max(
                candidates,
                key=lambda c: (reader.doc_frequency(SPELLING_FIELD, c), c),
            )
    return None
