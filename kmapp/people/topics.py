"""Words to topics with the asset search's own Indonesian analyser (kmapp/search/analysis.py):
"pengarsipan", "kearsipan" and "arsip" are one topic, so people and assets are found by the
same words."""
import re

from ..search.analysis import indonesian_analyzer

MAX_TERM = 60
MAX_QUERY_TERMS = 8  # a people search is a topic, not a paragraph
_OPERATORS = frozenset({"AND", "OR", "NOT"})
_EXCLUDED = re.compile(r"(?:^|\s)-\S+")


def topic_terms(*texts: str) -> dict[str, str]:
    """{stemmed term: the word as written, lowercase} for the searchable words of `texts`.

    Numbers and two-letter words are left out: they name no topic."""
    analyzer = indonesian_analyzer()
    found: dict[str, str] = {}
    for text in texts:
        for token in analyzer(text or "", keeporiginal=True):
            term = token.text[:MAX_TERM]
            if len(term) < 3 or term.isdigit():
                continue
            found.setdefault(term, token.original.lower()[:MAX_TERM])
    return found


def query_terms(query: str) -> list[str]:
    """The stemmed terms a search box's text asks for: words under a minus and the
    operators of the asset search's query language are dropped (each word must match)."""
    text = _EXCLUDED.sub(" ", query or "").replace('"', " ")
    words = " ".join(word for word in text.split() if word not in _OPERATORS)
    return list(topic_terms(words))[:MAX_QUERY_TERMS]
