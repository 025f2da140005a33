"""The user's query, parsed by the same parser as with Whoosh (:mod:`kmapp.search.query_parsing`),
written as a PostgreSQL ``tsquery``.

Words are searched in every text field (Whoosh ORs the four fields; here they are one vector),
phrases become ``<->`` chains of their terms, ``NOT`` becomes ``!``. A query that matches
everything (a blank one) is :data:`EVERYTHING`; one that can match nothing is :data:`NOTHING`.
"""
from whoosh import query as wq

from ..query_parsing import SEARCH_FIELDS
from .documents import fits_lexeme

EVERYTHING = "*"
NOTHING = ""


def to_tsquery(query) -> str:
    """A tsquery text for the Whoosh query tree ``query``, or EVERYTHING / NOTHING."""
    if isinstance(query, wq.Every):
        return EVERYTHING
    if query is wq.NullQuery or isinstance(query, wq.NullQuery.__class__):
        return NOTHING
    if isinstance(query, wq.Term):
        return _lexeme(query.text) if query.fieldname in SEARCH_FIELDS and fits_lexeme(query.text) else NOTHING
    if isinstance(query, wq.Phrase):
        words = [_lexeme(word) for word in query.words]
        if query.fieldname not in SEARCH_FIELDS or not words or not all(map(fits_lexeme, query.words)):
            return NOTHING
        return words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")"
    if isinstance(query, wq.Not):
        return _negated(to_tsquery(query.query))
    if isinstance(query, wq.AndNot):
        return _and([to_tsquery(query.a), _negated(to_tsquery(query.b))])
    if isinstance(query, wq.Or):
        return _or([to_tsquery(child) for child in query.children()])
    if isinstance(query, wq.And):
        return _and([to_tsquery(child) for child in query.children()])
    return NOTHING  # no other node comes out of the parser; unknown ones fail closed


def _negated(part: str) -> str:
    if part == EVERYTHING:
        return NOTHING
    if part == NOTHING:
        return EVERYTHING
    return f"!{part}"


def _and(parts: list[str]) -> str:
    if NOTHING in parts:
        return NOTHING
    parts = list(dict.fromkeys(part for part in parts if part != EVERYTHING))
    if not parts:
        return EVERYTHING
    return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"


def _or(parts: list[str]) -> str:
    if EVERYTHING in parts:
        return EVERYTHING
    parts = list(dict.fromkeys(part for part in parts if part != NOTHING))
    if not parts:
        return NOTHING
    return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def lexemes_and_phrases(query) -> tuple[set, bool]:
    """Every term ``query`` asks about (wanted or excluded) and whether it holds a phrase: whether
    a document matches a query without phrases depends only on which of these terms it holds."""
    found, phrases = set(), False
    nodes = [query]
    while nodes:
        node = nodes.pop()
        nodes.extend(node.children())
        if isinstance(node, wq.Phrase) and node.fieldname in SEARCH_FIELDS:
            found.update(word for word in node.words if fits_lexeme(word))
            phrases = phrases or len(node.words) > 1
        elif isinstance(node, wq.Term) and node.fieldname in SEARCH_FIELDS and fits_lexeme(node.text):
            found.add(node.text)
    return found, phrases
