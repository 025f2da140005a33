"""Running a search: query, visibility, filters, page, facets, snippets,
"did you mean".

Everything the viewer may not see is excluded before anything is counted or
ranked: the visibility and filter queries are evaluated to a bitmap of
allowed documents (see :mod:`kmapp.search.docsets`), the query's bitmap is
intersected with it, and that intersection is the total, the base of the
facet counts and the only set ranking looks at.  Visibility therefore never
leaks through counts, facets or page boundaries, and it stays out of the
relevance scores.

Similar matches (the same file, or the same title from several CoPs) are
grouped into one row over the whole ranked list (see
:mod:`kmapp.search.similar`): ``total`` and the facets count assets, the
pages count groups.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from markupsafe import Markup
from whoosh import query as wq
from whoosh.searching import Searcher

from .docsets import BitmapEvaluator
from .caches import clear_all as clear_all_caches
from .facets import count_facets, facet_value_docs
from .filters import filters_query
from .query_parsing import SEARCH_FIELDS, parse_user_query, positive_terms
from .ranking import top_docnums
from .schema import FACET_FIELDS, decompress_excerpt
from .similar import similar_groups
from .snippets import make_snippet, plain_snippet
from .spelling import corrected_query_text
from .visibility import visibility_query

MAX_PAGELEN = 100
SIMILAR_SHOWN = 12  # similar assets listed under a hit (page weight); the rest are only counted


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
    score: float | None = None  # None when sorted by date
    cop: str | None = None  # community id
    similar: tuple = ()  # SearchHits grouped under this one (at most SIMILAR_SHOWN, no snippets)
    similar_total: int = 0  # how many assets are grouped under this one, listed or not
    similar_from_other_cops: bool = False  # all of them come from other CoPs than this one


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
    group_count: int | None = None  # rows: groups of similar assets count once (None: total)

    @property
    def page_count(self):
        """Number of pages (at least 1, so "page 1 of 1" works when empty)."""
        rows = self.total if self.group_count is None else self.group_count
        return max(1, -(-rows // self.pagelen))


def search(index, query_text, *, visible_to, filters=None, page=1, pagelen=10, sort="relevance"):
    """Search as ``visible_to`` (a :class:`Viewer`) and return a :class:`SearchPage`.

    ``index`` is a Whoosh ``Index`` (a searcher is opened and closed for this
    call) or an open ``Searcher`` (reused; see :mod:`kmapp.search.searchers`
    -- much faster, as opening a reader costs several milliseconds).
    ``filters`` maps filterable fields (see :mod:`kmapp.search.filters`) to a
    value or list of values; ``sort`` is "relevance" or "newest".  A query
    that cannot be parsed falls back to its plain words; a blank query lists
    every visible asset.  When the query finds nothing and a spelling
    correction does, the corrected results are returned with
    ``showing_results_for`` set.
    """
    if sort not in ("relevance", "newest"):
        raise ValueError(f"unknown sort: {sort!r}")
    page = max(1, int(page))
    pagelen = min(MAX_PAGELEN, max(1, int(pagelen)))
    query_text = query_text or ""
    with _searcher_for(index) as searcher:
        context = _SearchContext(searcher, visible_to, filters, newest_first=(sort == "newest"))
        result = context.run(query_text, page, pagelen)
        suggestion = _suggestion(context, query_text, result.total)
        if suggestion and result.total == 0:
            corrected = context.run(suggestion, page, pagelen)
            if corrected.total:
                return _with(corrected, query_text, suggestion, showing_results_for=suggestion)
        return _with(result, query_text, suggestion)


def count_matches(index, query_text, *, visible_to, filters=None):
    """How many assets ``visible_to`` may see match ``query_text`` (no ranking, no
    spelling correction): e.g. the same query without filters."""
    with _searcher_for(index) as searcher:
        return _SearchContext(searcher, visible_to, filters, newest_first=False).count(query_text or "")


@contextmanager
def _searcher_for(index_or_searcher):
    if isinstance(index_or_searcher, Searcher):
        yield index_or_searcher
    else:
        with index_or_searcher.searcher() as searcher:
            yield searcher


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
        group_count=result.group_count,
    )


def _suggestion(context, query_text, total):
    """A corrected query, offered only if it finds more *visible* assets.

    Checking visible counts keeps words that occur only in assets the viewer
    cannot see from leaking through suggestions.
    """
    corrected = corrected_query_text(context.searcher, query_text)
    if not corrected:
        return None
    if context.count(corrected) > total:
        return corrected
    return None


def ranked_leaders(rank, groups, wanted):
    """The best ``wanted`` matches, one per group of similar ones, and {docnum: position} of
    every document ranked on the way; ``rank(limit)`` gives the best ``limit`` [(docnum, score)]
    (both backends)."""
    if groups is None:
        return rank(wanted), {}
    # Each document ranked but not shown belongs to a group shown above it, so the
    # first wanted + absorbed documents always hold the wanted groups; usually far
    # fewer do, so rank a little more than a page first and widen only if needed.
    enough = wanted + groups.absorbed
    limit = min(enough, 2 * wanted)
    while True:
        ranked = rank(limit)
        leaders = groups.leaders(ranked, wanted)
        if len(leaders) == wanted or len(ranked) < limit or limit >= enough:
            return leaders, {docnum: position for position, (docnum, _score) in enumerate(ranked)}
        limit = min(enough, 4 * limit)


class _SearchContext:
    """State shared by the searches of one request (one searcher)."""

    def __init__(self, searcher, viewer, filters, newest_first):
        self.searcher = searcher
        self.newest_first = newest_first
        self.version_key = index_version_key(searcher)
        self.bitmaps = BitmapEvaluator(searcher, self.version_key, ranked_fields=SEARCH_FIELDS)
        self.allowed = self._allowed_docs(viewer, filters)
        self.bitmaps.within = self.allowed

    def _allowed_docs(self, viewer, filters):
        clauses = [q for q in (visibility_query(viewer), filters_query(filters)) if q]
        if not clauses:
            return self.bitmaps.live_docs()
        return self.bitmaps.evaluate(wq.And(clauses))

    def matched_docs(self, query):
        """Bitmap of documents matching ``query`` that the viewer may see."""
        return self.bitmaps.evaluate(query) & self.allowed

    def count(self, query_text):
        """Number of visible assets matching ``query_text``."""
        query = parse_user_query(self.searcher.schema, query_text)
        return self.matched_docs(query).bit_count()

    def run(self, query_text, page, pagelen):
        """Search ``query_text``; return the requested page with facets."""
        query = parse_user_query(self.searcher.schema, query_text)
        matched = self.matched_docs(query)
        if not matched:
            empty = {name: [] for name in FACET_FIELDS}
            return SearchPage(query_text, [], 0, page, pagelen, facets=empty)
        first = (page - 1) * pagelen
        terms = sorted(term for term in positive_terms(query) if term[0] in SEARCH_FIELDS)
        groups = similar_groups(self.searcher, self.version_key, matched)
        ranked, positions = self._ranked(matched, groups, first + pagelen, terms)
        stems = {text for _name, text in terms}
        hits = [self._hit(docnum, score, stems, groups, positions) for docnum, score in ranked[first:]]
        facets = count_facets(facet_value_docs(self.bitmaps), matched)
        total = matched.bit_count()
        rows = total - groups.absorbed if groups else total
        return SearchPage(query_text, hits, total, page, pagelen, facets=facets, group_count=rows)

    def _ranked(self, matched, groups, wanted, terms):
        """The best ``wanted`` matches, one per group of similar ones, and the rank of
        every document ranked on the way ({docnum: position})."""
        def rank(limit):
            return top_docnums(self.searcher, matched, limit, newest_first=self.newest_first,
                               version_key=self.version_key, terms=terms)
        return ranked_leaders(rank, groups, wanted)

    def _hit(self, docnum, score, stems, groups=None, positions=None):
        stored = self.searcher.stored_fields(docnum)
        similar = groups.similar_to(docnum, positions) if groups else []
        return SearchHit(
            asset_id=stored["asset_id"],
            title=stored.get("title", ""),
            snippet=_snippet(stored, stems) if stems is not None else Markup(""),
            agency=stored.get("agency"),
            agency_name=stored.get("agency_name"),
            cop_name=stored.get("cop_name"),
            asset_type=stored.get("asset_type"),
            year=stored.get("year"),
            published=stored.get("published"),
            score=score,
            cop=stored.get("cop"),
            similar=self._similar_hits(similar[:SIMILAR_SHOWN]),
            similar_total=len(similar),
            similar_from_other_cops=bool(similar) and groups.all_from_other_cops(docnum),
        )

    def _similar_hits(self, docnums):
        """The best-ranked similar assets, listed by agency and CoP so that one is easy to find."""
        hits = [self._hit(docnum, None, None) for docnum in docnums]
        return tuple(sorted(hits, key=lambda hit: ((hit.agency_name or hit.agency or "").casefold(),
                                                   (hit.cop_name or "").casefold(), -(hit.year or 0))))


def _snippet(stored, stems):
    """Highlight from the body excerpt, else the summary, else plain text."""
    body = decompress_excerpt(stored.get("body_excerpt"))
    summary = stored.get("summary") or ""
    for text in (body, summary):
        snippet = make_snippet(text, stems)
        if snippet is not None:
            return snippet
    return plain_snippet(summary or body)


def index_version_key(searcher):
    """Identifies the exact set of live documents a searcher reads.

    Segment ids are random per segment and a segment's deletions only ever
    grow, so (segment id, deleted count) pairs pin the content -- even when
    an index is deleted and rebuilt in the same folder.  Caches keyed on it
    never need explicit invalidation.
    """
    segments = []
    for leaf, _offset in searcher.reader().leaf_readers():
        segment = leaf.segment()
        if segment is not None:
            segments.append((segment.segment_id(), segment.deleted_count()))
    return tuple(segments)


def clear_caches():
    """Drop all cached bitmaps and orders (tests, or to free memory)."""
    clear_all_caches()
