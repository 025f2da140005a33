"""Running a search: query, visibility, filters, page, facets, snippets,
"did you mean".

Everything the viewer may not see is excluded by the Whoosh ``filter`` (a
document-number set computed from the visibility and filter queries), so the
total, the facet counts and the pages only ever count visible assets.  The
filter is applied as a set rather than ANDed into the query so that it does
not change relevance scores.
"""

from dataclasses import dataclass, field

from markupsafe import Markup
from whoosh import query as wq
from whoosh.sorting import FieldFacet

from .facets import count_facets, facet_value_docs
from .filters import filters_query
from .query_parsing import parse_user_query, positive_terms
from .schema import decompress_excerpt
from .snippets import make_snippet, plain_snippet
from .spelling import corrected_query_text
from .visibility import visibility_query

MAX_PAGELEN = 100
SNIPPET_FIELDS = frozenset({"title", "summary", "body", "tag_text"})


@dataclass(frozen=True)
class SearchHit:
    """One result row, ready for display."""

    asset_id: str
    title: str
    snippet: Markup  # safe HTML: escaped text plus <mark> highlights
    agency: str | None
    agency_name: str | None
    cop_name: str | None
    asset_type: str | None
    year: int | None
    published: object = None  # datetime or None
    score: float | None = None


@dataclass(frozen=True)
class SearchPage:
    """A page of results plus everything the results page needs around it."""

    query_text: str
    hits: list[SearchHit]
    total: int
    page: int
    pagelen: int
    facets: dict[str, list[tuple[object, int]]] = field(default_factory=dict)
    suggestion: str | None = None  # "did you mean" query text
    showing_results_for: str | None = None  # set when hits are for the suggestion

    @property
    def page_count(self):
        """Number of pages (at least 1, so "page 1 of 1" works when empty)."""
        return max(1, -(-self.total // self.pagelen))


def search(index, query_text, *, visible_to, filters=None, page=1, pagelen=10, sort="relevance"):
    """Search ``index`` as ``visible_to`` (a :class:`Viewer`) and return a
    :class:`SearchPage`.

    ``filters`` maps filterable fields (see :mod:`kmapp.search.filters`) to a
    value or list of values; ``sort`` is "relevance" or "newest".  A query
    text that cannot be parsed falls back to its plain words; a blank query
    lists every visible asset.  When the query finds nothing and a spelling
    correction does, the corrected results are returned with
    ``showing_results_for`` set.
    """
    if sort not in ("relevance", "newest"):
        raise ValueError(f"unknown sort: {sort!r}")
    page = max(1, int(page))
    pagelen = min(MAX_PAGELEN, max(1, int(pagelen)))
    query_text = query_text or ""
    with index.searcher() as searcher:
        context = _SearchContext(index, searcher, visible_to, filters, sort)
        result = context.run(query_text, page, pagelen)
        suggestion = _suggestion(context, query_text, result.total)
        if suggestion and result.total == 0:
            corrected = context.run(suggestion, page, pagelen)
            if corrected.total:
                return _with(corrected, query_text, suggestion, showing_results_for=suggestion)
        return _with(result, query_text, suggestion)


def _with(result, query_text, suggestion, showing_results_for=None):
    return SearchPage(
        query_text=query_text,
        hits=result.hits,
        total=result.total,
        page=result.page,
        pagelen=result.pagelen,
        facets=result.facets,
        suggestion=suggestion,
        showing_results_for=showing_results_for,
    )


def _suggestion(context, query_text, total):
    """A corrected query, offered only if it finds more *visible* assets.

    Checking visible counts keeps words that occur only in assets the viewer
    cannot see from leaking through suggestions.
    """
    corrected = corrected_query_text(context.searcher.reader(), query_text)
    if not corrected:
        return None
    if context.count(corrected) > total:
        return corrected
    return None


class _SearchContext:
    """State shared by the searches of one request (one searcher)."""

    def __init__(self, index, searcher, viewer, filters, sort):
        self.index = index
        self.searcher = searcher
        self.sort = sort
        self.allowed = self._allowed_docs(viewer, filters)

    def _allowed_docs(self, viewer, filters):
        clauses = [q for q in (visibility_query(viewer), filters_query(filters)) if q]
        if not clauses:
            return None
        restriction = wq.And(clauses) if len(clauses) > 1 else clauses[0]
        return set(self.searcher.docs_for_query(restriction))

    def matched_docs(self, query):
        """Document numbers matching ``query`` that the viewer may see."""
        docs = set(self.searcher.docs_for_query(query))
        return docs if self.allowed is None else docs & self.allowed

    def count(self, query_text):
        """Number of visible assets matching ``query_text``."""
        return len(self.matched_docs(parse_user_query(self.searcher.schema, query_text)))

    def run(self, query_text, page, pagelen):
        """Search ``query_text``; return the requested page with facets."""
        query = parse_user_query(self.searcher.schema, query_text)
        matched = self.matched_docs(query)
        if not matched:
            return SearchPage(query_text, [], 0, page, pagelen, facets=_empty_facets())
        results = self.searcher.search(
            query, filter=matched, limit=page * pagelen, **self._sort_arguments()
        )
        first = (page - 1) * pagelen
        stems = {text for name, text in positive_terms(query) if name in SNIPPET_FIELDS}
        hits = [_hit(hit, stems) for hit in results[first:first + pagelen]]
        facets = count_facets(self._value_docs(), matched)
        return SearchPage(query_text, hits, len(matched), page, pagelen, facets=facets)

    def _sort_arguments(self):
        if self.sort == "newest":
            return {"sortedby": FieldFacet("published", reverse=True)}
        return {}

    def _value_docs(self):
        storage = self.index.storage
        key = (getattr(storage, "folder", None) or id(storage), self.searcher.reader().generation())
        return facet_value_docs(self.searcher, key)


def _empty_facets():
    from .schema import FACET_FIELDS

    return {fieldname: [] for fieldname in FACET_FIELDS}


def _hit(hit, stems):
    stored = hit.fields()
    return SearchHit(
        asset_id=stored["asset_id"],
        title=stored.get("title", ""),
        snippet=_snippet(stored, stems),
        agency=stored.get("agency"),
        agency_name=stored.get("agency_name"),
        cop_name=stored.get("cop_name"),
        asset_type=stored.get("asset_type"),
        year=stored.get("year"),
        published=stored.get("published"),
        score=hit.score,
    )


def _snippet(stored, stems):
    """Highlight from the body excerpt, else the summary, else plain text."""
    body = decompress_excerpt(stored.get("body_excerpt"))
    summary = stored.get("summary") or ""
    for text in (body, summary):
        snippet = make_snippet(text, stems)
        if snippet is not None:
            return snippet
    return plain_snippet(summary or body)
