"""Turning the user's search box text into a Whoosh query.

Supported syntax: words are ANDed; "quoted phrases"; ``OR``; ``NOT word``
and ``-word``; parentheses.  Field syntax (``title:x``), wildcards, ranges
and boosts are deliberately disabled: they surprise ordinary users (a colon
in "Catatan: rapat" is not a field) and wildcards can expand to thousands of
terms.  Parsing never raises; on any parser error the text falls back to
its plain words ANDed together.
"""

import re

from whoosh import qparser
from whoosh import query as wq

SEARCH_FIELDS = ("title", "summary", "body", "tag_text")

_WORD = re.compile(r"\w+", re.UNICODE)
# A minus glued to the start of a word ("-tagihan"), not inside "covid-19".
_MINUS_PREFIX = re.compile(r"(^|\s)-(?=\S|$)")


def build_parser(schema):
    """Return a query parser over the searchable text fields of ``schema``."""
    parser = qparser.QueryParser(
        None,
        schema,
        plugins=[
            qparser.WhitespacePlugin(),
            qparser.PhrasePlugin(),
            qparser.GroupPlugin(),
            qparser.OperatorsPlugin(),
        ],
        group=qparser.AndGroup,
    )
    parser.add_plugin(qparser.MultifieldPlugin(SEARCH_FIELDS))
    return parser


def parse_user_query(schema, text):
    """Parse ``text`` into a query; blank text means "everything"."""
    if not text or not text.strip():
        return wq.Every()
    try:
        parsed = build_parser(schema).parse(_minus_to_not(text))
    except Exception:  # the whoosh parser has many failure modes on junk
        parsed = None
    if parsed is None or parsed is wq.NullQuery or _contains_error(parsed):
        return plain_words_query(schema, text)
    if isinstance(parsed, wq.Not):
        # A lone exclusion ("-arsip") means "everything except arsip".
        return wq.AndNot(wq.Every(), parsed.query)
    return parsed


def _minus_to_not(text):
    """Rewrite "-word" as "NOT word" outside quoted phrases."""
    pieces = text.split('"')
    # Even-numbered pieces are outside quotes.
    for index in range(0, len(pieces), 2):
        pieces[index] = _MINUS_PREFIX.sub(r"\1NOT ", pieces[index])
    return '"'.join(pieces)


def _contains_error(node):
    if isinstance(node, qparser.syntax.ErrorNode):
        return True
    return any(_contains_error(child) for child in node.children())


def plain_words_query(schema, text):
    """AND of the plain words in ``text``, each searched in every text field.

    Parsed without operators: in the fallback "NOT", "OR" and "AND" are words like any other
    (the operator parser fails on "NOT NOT x" and on operators alone).
    """
    words = _WORD.findall(text)
    if not words:
        return wq.NullQuery
    parser = qparser.QueryParser(None, schema, plugins=[qparser.WhitespacePlugin()], group=qparser.AndGroup)
    parser.add_plugin(qparser.MultifieldPlugin(SEARCH_FIELDS))
    return parser.parse(" ".join(words))


def positive_terms(query):
    """Terms the user is looking for (not those under NOT / minus).

    Returns a set of (fieldname, text) pairs, used to highlight snippets.
    """
    terms = set()
    _collect_positive_terms(query, terms)
    return terms


def _collect_positive_terms(node, terms):
    if isinstance(node, wq.Not):
        return
    if isinstance(node, wq.AndNot):
        _collect_positive_terms(node.a, terms)
        return
    if isinstance(node, wq.Phrase):
        terms.update((node.fieldname, word) for word in node.words)
        return
    if isinstance(node, wq.Term):
        terms.add((node.fieldname, node.text))
        return
    for child in node.children():
        _collect_positive_terms(child, terms)
