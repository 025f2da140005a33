"""Highlighted result snippets as safe HTML.

Whoosh's own highlighter re-runs the full analyzer chain over the stored
text of every hit, which costs several milliseconds per hit for long
documents.  Here we only stem *candidate* words: Indonesian affixes wrap the
root and at most change its first letter (meN-/peN- drop an initial
k/p/s/t: ``tulis`` -> ``menulis``), so every surface form of a root contains
the root minus its first letter.  A single C-level regex finds those
candidates; only they are stemmed (cached) and compared with the query's
terms.

Output is HTML in which all document text is escaped and the only markup is
``<mark>`` around matched words.
"""

import re

from markupsafe import Markup, escape

from .analysis import stem_word

SNIPPET_CHARS = 240
_CONTEXT_BEFORE = 60  # characters shown before the first match
_MAX_MATCHES = 30  # enough to pick a good window; bounds the work per hit
_WORD_TAIL = re.compile(r"\w*")
_ELLIPSIS = "\u2026"


def make_snippet(text, stems, max_chars=SNIPPET_CHARS):
    """Return a ``Markup`` snippet of ``text`` highlighting words whose stem
    is in ``stems``, or None if no word matches."""
    matches = find_matches(text, stems)
    if not matches:
        return None
    start, end = _best_window(text, matches, max_chars)
    return _render(text, start, end, matches)


def plain_snippet(text, max_chars=SNIPPET_CHARS):
    """Return the start of ``text`` as escaped ``Markup`` (no highlights)."""
    text = text or ""
    if len(text) <= max_chars:
        return escape(text.strip())
    end = _word_boundary_before(text, max_chars)
    return escape(text[:end].rstrip()) + _ELLIPSIS


def find_matches(text, stems):
    """List of (start, end, stem) for words of ``text`` whose stem is in ``stems``."""
    candidates = _candidate_pattern(stems)
    if not text or candidates is None:
        return []
    matches = []
    word_end = -1
    for found in candidates.finditer(text):
        if found.start() < word_end:
            continue  # a second core inside a word already examined
        word_start, word_end = _expand_to_word(text, found.start(), found.end())
        stem = stem_word(text[word_start:word_end].lower())
        if stem in stems:
            matches.append((word_start, word_end, stem))
            if len(matches) >= _MAX_MATCHES:
                break
    return matches


def _expand_to_word(text, start, end):
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return start, _WORD_TAIL.match(text, end).end()


def _candidate_pattern(stems):
    cores = set()
    for stem in stems:
        # Short roots are never stemmed, so they must appear whole.
        cores.add(stem[1:] if len(stem) >= 4 else stem)
    cores.discard("")
    if not cores:
        return None
    alternatives = "|".join(re.escape(core) for core in sorted(cores, key=len, reverse=True))
    # Only the cores: a pattern with a leading \w* would backtrack at every
    # character of a long text.  Hits are widened to whole words afterwards.
    return re.compile(alternatives, re.IGNORECASE)


def _best_window(text, matches, max_chars):
    """Choose the window of ``max_chars`` covering the most distinct stems."""
    best_start, best_score = matches[0][0], -1
    for index, (start, _end, _stem) in enumerate(matches):
        limit = start + max_chars - _CONTEXT_BEFORE
        distinct = {stem for s, _e, stem in matches[index:] if s < limit}
        if len(distinct) > best_score:
            best_start, best_score = start, len(distinct)
    window_start = _word_boundary_after(text, max(0, best_start - _CONTEXT_BEFORE), best_start)
    window_end = _word_boundary_before(text, min(len(text), window_start + max_chars))
    return window_start, max(window_end, best_start + 1)


def _word_boundary_after(text, position, latest):
    """Move ``position`` forward to the start of a word, but not past ``latest``."""
    if position == 0:
        return 0
    space = text.find(" ", position, latest)
    return space + 1 if space != -1 else position


def _word_boundary_before(text, position):
    """Move ``position`` back to the end of a word (if a space is near)."""
    if position >= len(text):
        return len(text)
    space = text.rfind(" ", max(0, position - 30), position)
    return space if space != -1 else position


def _render(text, start, end, matches):
    parts = [_ELLIPSIS] if start > 0 else []
    cursor = start
    for match_start, match_end, _stem in matches:
        if match_start < start or match_end > end:
            continue
        parts.append(escape(text[cursor:match_start]))
        parts.append(Markup("<mark>") + escape(text[match_start:match_end]) + Markup("</mark>"))
        cursor = match_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(_ELLIPSIS)
    html = "".join(str(part) for part in parts)
    # Every part above is escaped text or a literal <mark>; collapsing whitespace (newlines and
    # tabs from extraction) cannot create markup.
    return Markup(" ".join(html.split()))  # nosec B704
