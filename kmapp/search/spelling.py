"""'Did you mean ...?' corrections from the words of the indexed documents.

Suggestions are real words found in indexed documents (``amnesai`` ->
``amnesia``), never stems: the words come from the generation's vocabulary
(:mod:`kmapp.search.vocabulary`), their document counts from the index, as the
number of documents holding the word's stem.  A word is corrected when it
occurs in no document, or in very few while a close word is far more common.  Operators (AND/OR/NOT), stop
words and numbers are left alone, and the rest of the query text, including
quotes and minus signs, is kept as typed.
"""

import re

from .analysis import INDONESIAN_STOP_WORDS, stem_word
from .caches import budgeted_cache
from .engine import index_folder
from .postings import segment_key
from .vocabulary import Vocabulary

LEGACY_FIELD = "words"  # indexes built before the vocabulary file held the words here
COUNTED_FIELDS = ("title", "summary", "body", "tag_text")
RARE_DOC_COUNT = 3  # a word in fewer documents than this may be a typo
MORE_COMMON_FACTOR = 10  # ...if a close word is this many times more common
MIN_WORD_LENGTH = 4  # short words have too many neighbours to guess well
MAX_WORD_LENGTH = 40  # longer than any real word ("ketidakbertanggungjawabannya" has 28)

CORRECTION_SECONDS = 60.0

_WORD = re.compile(r"\w+", re.UNICODE)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_OPERATORS = frozenset({"AND", "OR", "NOT"})


def corrected_query_text(searcher, query_text):
    """Return ``query_text`` with likely typos replaced, or None if none found."""
    if not query_text:
        return None
    reader = searcher.reader()
    words = _Words(reader, Vocabulary(index_folder(searcher)))
    return replaced_words(query_text, lambda word: _correction_for(reader, words, word))


def replaced_words(query_text, correction_for):
    """``query_text`` with each word replaced by ``correction_for(word)`` where that is not None
    (the rest kept as typed), or None if no word was replaced (both backends)."""
    pieces, cursor, changed = [], 0, False
    for found in _WORD.finditer(query_text):
        replacement = correction_for(found.group())
        if replacement is None:
            continue
        pieces.append(query_text[cursor:found.start()])
        pieces.append(replacement)
        cursor, changed = found.end(), True
    if not changed:
        return None
    pieces.append(query_text[cursor:])
    return "".join(pieces)


def correctable(word):
    """``word`` in lower case if "did you mean" may correct it (not an operator, a number, a stop
    word, too short or too long), else None (both backends)."""
    if word in _OPERATORS or not MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH or not word.isalpha():
        return None
    word = word.lower()
    return None if word in INDONESIAN_STOP_WORDS else word


def _correction_for(reader, words, word):
    word = correctable(word)
    if word is None:
        return None
    index = _index_identity(reader)
    if index is None:
        return _look_up_correction(words, word)
    return _corrections.get_or_compute((index, word), lambda: _look_up_correction(words, word))


def _index_identity(reader):
    """The oldest segment's id: the same index across the commits that add small segments,
    another one for another index (each test, each generation)."""
    leaves = reader.leaf_readers()
    return segment_key(leaves[0][0]) if leaves else None


class _Words:
    """Which words the documents hold, and in how many documents."""

    def __init__(self, reader, vocabulary):
        self.reader, self.vocabulary = reader, vocabulary
        self.legacy = LEGACY_FIELD in reader.schema and not vocabulary.path.exists()

    def known(self, candidates):
        if self.legacy:
            return {word for word in candidates if (LEGACY_FIELD, word) in self.reader}
        return self.vocabulary.known(candidates)

    def document_count(self, word):
        if self.legacy:
            return self.reader.doc_frequency(LEGACY_FIELD, word)
        stem = stem_word(word)
        return max(self.reader.doc_frequency(field, stem) for field in COUNTED_FIELDS
                   if field in self.reader.schema)


def _look_up_correction(words, word):
    count = words.document_count(word) if words.known([word]) else 0
    if count >= RARE_DOC_COUNT:
        return None
    best, best_count = closest_common_word(words, word)
    if best is None:
        return None
    if count == 0 or best_count >= count * MORE_COMMON_FACTOR:
        return best
    return None


def closest_common_word(words, word):
    """The word of the documents one edit (insertion, deletion, substitution or
    transposition of adjacent letters) away from ``word`` that occurs in the
    most documents, with that count, or (None, 0).

    Candidates are generated and looked up directly (a few hundred look-ups in
    one query) instead of walking a Levenshtein automaton over the word list
    (~40 ms for distance 1 and ~350 ms for distance 2 at 20,000 assets).
    Distance-2 typos are therefore not corrected.
    """
    best, best_count = None, 0
    for candidate in sorted(words.known(single_edits(word))):
        count = words.document_count(candidate)
        if count > best_count:
            best, best_count = candidate, count
    return best, best_count


def single_edits(word):
    """Strings one edit away from ``word`` that keep its first letter
    (typos rarely hit it, and it halves the look-ups), plus the first two
    letters swapped."""
    first, rest = word[0], word[1:]
    edits = set()
    for index in range(len(rest) + 1):
        left, right = rest[:index], rest[index:]
        if right:
            edits.add(left + right[1:])  # deletion
            edits.update(left + letter + right[1:] for letter in _LETTERS)  # substitution
        if len(right) > 1:
            edits.add(left + right[1] + right[0] + right[2:])  # transposition
        edits.update(left + letter + right for letter in _LETTERS)  # insertion
    candidates = {first + edit for edit in edits}
    if rest:
        candidates.add(rest[0] + first + rest[1:])
    candidates.discard(word)
    return candidates


# Corrections of words looked up in the last minute, whatever the index version. Looking a
# rare word up costs a few hundred term reads; under load the same words come back many times
# a second while commits change the index version as often. A correction a minute old is still
# a good guess: the search page offers it only if it finds more of what the reader may see
# (searching._suggestion), so staleness can cost a suggestion, never leak.
_corrections = budgeted_cache("spelling", lambda correction: 100 + len(correction or ""),
                              max_age=CORRECTION_SECONDS)


def clear_cache():
    """Forget recent corrections (tests, or after replacing an index)."""
    _corrections.clear()
