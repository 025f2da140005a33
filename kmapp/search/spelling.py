"""'Did you mean ...?' corrections from the unstemmed ``words`` field.

Suggestions are real words found in the index (``amnesai`` -> ``amnesia``),
never stems.  A word is corrected when it occurs in no document, or in very
few while a close word is far more common.  Operators (AND/OR/NOT), stop
words and numbers are left alone, and the rest of the query text, including
quotes and minus signs, is kept as typed.
"""

import re
import threading
import time
from collections import OrderedDict

from .analysis import INDONESIAN_STOP_WORDS
from .postings import segment_key

SPELLING_FIELD = "words"
RARE_DOC_COUNT = 3  # a word in fewer documents than this may be a typo
MORE_COMMON_FACTOR = 10  # ...if a close word is this many times more common
MIN_WORD_LENGTH = 4  # short words have too many neighbours to guess well

CORRECTIONS_KEPT = 4096
CORRECTION_SECONDS = 60.0

_WORD = re.compile(r"\w+", re.UNICODE)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
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
    index = _index_identity(reader)
    if index is None:
        return _look_up_correction(reader, word)
    return _corrections.get_or_compute((index, word), lambda: _look_up_correction(reader, word))


def _index_identity(reader):
    """The oldest segment's id: the same index across the commits that add small segments,
    another one for another index (each test, each generation)."""
    leaves = reader.leaf_readers()
    return segment_key(leaves[0][0]) if leaves else None


def _look_up_correction(reader, word):
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
    """The indexed word one edit (insertion, deletion, substitution or
    transposition of adjacent letters) away from ``word`` that occurs in the
    most documents, or None.

    Candidates are generated and looked up directly (a few hundred term
    look-ups, ~10 ms) instead of walking Whoosh's Levenshtein automaton over
    the word list (~40 ms for distance 1 and ~350 ms for distance 2 at
    20,000 assets).  Distance-2 typos are therefore not corrected.
    """
    best, best_count = None, 0
    for candidate in single_edits(word):
        if (SPELLING_FIELD, candidate) in reader:
            count = reader.doc_frequency(SPELLING_FIELD, candidate)
            if count > best_count or (count == best_count and candidate < best):
                best, best_count = candidate, count
    return best


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


class _RecentCorrections:
    """Corrections of words looked up in the last minute, whatever the index version.

    Looking a rare word up costs a few hundred term reads; under load the same words come
    back many times a second while commits change the index version as often. A correction a
    minute old is still a good guess: the search page offers it only if it finds more of what
    the reader may see (searching._suggestion), so staleness can cost a suggestion, never leak.
    """

    def __init__(self, size: int, seconds: float):
        self.size, self.seconds = size, seconds
        self._entries: OrderedDict[tuple, tuple[float, str | None]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key, compute):
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and now - entry[0] < self.seconds:
                return entry[1]
        value = compute()
        with self._lock:
            self._entries[key] = (now, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self):
        with self._lock:
            self._entries.clear()


_corrections = _RecentCorrections(CORRECTIONS_KEPT, CORRECTION_SECONDS)


def clear_cache():
    """Forget recent corrections (tests, or after replacing an index)."""
    _corrections.clear()
