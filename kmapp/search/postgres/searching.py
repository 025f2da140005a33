"""Running a search on PostgreSQL: the same :class:`~kmapp.search.searching.SearchPage` as Whoosh.

The invariant of :mod:`kmapp.search.searching` holds here in SQL: the visibility and filter
conditions are in the WHERE clause of every statement, so the total, the grouped facet counts,
the ranking and the groups of similar assets only ever see documents the viewer may open.

Ranking is Whoosh's BM25F, computed from the small rows of ``search_posting`` (see
:mod:`.ranking`); no statement reads the ``vector`` tsvectors of more than the matches it
counts, and those through the GIN index: a query of plain words matches without rechecking a
vector (a phrase is rechecked on the documents holding all its words).
"""
from contextlib import contextmanager

import sqlalchemy as sa
from markupsafe import Markup
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.sql.util import ClauseAdapter

from ..query_parsing import parse_user_query, positive_terms, SEARCH_FIELDS
from ..schema import FACET_FIELDS, build_schema
from ..searching import MAX_PAGELEN, SIMILAR_SHOWN, SearchHit, SearchPage, ranked_leaders
from ..similar import DuplicateTable, groups_among
from ..snippets import make_snippet, plain_snippet
from ..docsets import bitmap_from_docnums
from . import ranking, spelling
from .ranking import Ranker, positionless_match
from .tables import search_document as doc
from .tsquery import EVERYTHING, NOTHING, lexemes_and_phrases, to_tsquery

FACET_VALUE_LIMITS = {"tags": 50}  # open-ended values: the most frequent ones among the matches
HIT_COLUMNS = (doc.c.doc_id, doc.c.asset_id, doc.c.title, doc.c.summary, doc.c.body_excerpt, doc.c.agency,
               doc.c.agency_name, doc.c.cop_name, doc.c.asset_type, doc.c.year, doc.c.published, doc.c.cop)
_SCHEMA = build_schema()  # only for the query parser's analysers


def tsquery_value(text: str):
    return sa.cast(sa.literal(text), TSQUERY)


def visibility_condition(viewer):
    """The documents ``viewer`` may see, as a WHERE condition (None: everything, for admins).
    The same rules as :func:`kmapp.search.visibility.visibility_query`."""
    if viewer.is_admin:
        return None
    allowed = [doc.c.visibility == "all"]
    if viewer.agency_code:
        allowed.append(sa.and_(doc.c.visibility == "agency", doc.c.agency == viewer.agency_code))
    if viewer.community_ids:
        allowed.append(sa.and_(doc.c.visibility == "community",
                               doc.c.cop.in_([str(cid) for cid in sorted(viewer.community_ids)])))
    return sa.or_(*allowed)


def filters_condition(filters):
    """The facet filters as a WHERE condition (see :func:`kmapp.search.filters.filters_query`)."""
    from ..filters import FILTERABLE_FIELDS, MAX_YEAR, MIN_YEAR

    clauses = []
    for fieldname, values in (filters or {}).items():
        if fieldname not in FILTERABLE_FIELDS:
            raise ValueError(f"unknown search filter: {fieldname!r}")
        if values is None or values == "" or values == []:
            continue
        if not isinstance(values, (list, tuple, set, frozenset)):
            values = [values]
        if fieldname == "year":
            years = []
            for value in values:
                try:
                    year = int(value)
                except (TypeError, ValueError):
                    continue
                if MIN_YEAR <= year <= MAX_YEAR:
                    years.append(year)
            clauses.append(doc.c.year.in_(years) if years else sa.false())
        elif fieldname in ("tags", "seci_stage"):
            wanted = [str(value).strip().lower() for value in values]
            clauses.append(doc.c[fieldname].overlap(sa.cast(wanted, doc.c[fieldname].type)))
        else:
            clauses.append(doc.c[fieldname].in_([str(value) for value in values]))
    return sa.and_(*clauses) if clauses else None


class PostgresSearch:
    """Searches ``search_document`` through ``connection()`` (the request's connection in the app,
    so a search sees what its own transaction wrote)."""

    def __init__(self, connection):
        self.connection = connection

    def search(self, query_text, *, visible_to, filters=None, page=1, pagelen=10, sort="relevance"):
        """Same contract as :func:`kmapp.search.searching.search`."""
        if sort not in ("relevance", "newest"):
            raise ValueError(f"unknown sort: {sort!r}")
        page = max(1, int(page))
        pagelen = min(MAX_PAGELEN, max(1, int(pagelen)))
        query_text = query_text or ""
        with through_indexes(self.connection()):
            return self._search(query_text, visible_to, filters, page, pagelen, sort)

    def _search(self, query_text, visible_to, filters, page, pagelen, sort):
        allowed = self._allowed(visible_to, filters)
        result = self._run(query_text, allowed, page, pagelen, newest_first=(sort == "newest"))
        suggestion = self._suggestion(query_text, allowed, result.total)
        if suggestion and result.total == 0:
            corrected = self._run(suggestion, allowed, page, pagelen, newest_first=(sort == "newest"))
            if corrected.total:
                return _with(corrected, query_text, suggestion, suggestion)
        return _with(result, query_text, suggestion)

    def count_matches(self, query_text, *, visible_to, filters=None):
        allowed = self._allowed(visible_to, filters)
        matching = self._matching(to_tsquery(parse_user_query(_SCHEMA, query_text or "")), allowed)
        if matching is None:
            return 0
        with through_indexes(self.connection()):
            return self._count(matching)

    def _allowed(self, viewer, filters):
        return [c for c in (visibility_condition(viewer), filters_condition(filters)) if c is not None]

    @staticmethod
    def _matching(tsquery, allowed):
        """``matching(*columns)``: a SELECT of those columns of the visible matches, or None
        when nothing can match (see :func:`matching_rows`)."""
        if tsquery == NOTHING:
            return None
        return lambda *columns: matching_rows(columns, tsquery, allowed)

    def _count(self, matching):
        return self.connection().scalar(sa.select(sa.func.count()).select_from(matching(doc.c.doc_id).subquery()))

    def _suggestion(self, query_text, allowed, total):
        corrected = spelling.corrected_query_text(self.connection(), query_text)
        if not corrected:
            return None
        matching = self._matching(to_tsquery(parse_user_query(_SCHEMA, corrected)), allowed)
        found = 0 if matching is None else self._count(matching)
        return corrected if found > total else None

    def _run(self, query_text, allowed, page, pagelen, newest_first):
        query = parse_user_query(_SCHEMA, query_text)
        tsquery = to_tsquery(query)
        matching = self._matching(tsquery, allowed)
        empty = SearchPage(query_text, [], 0, page, pagelen, facets={name: [] for name in FACET_FIELDS})
        if matching is None:
            return empty
        terms = sorted(term for term in positive_terms(query) if term[0] in SEARCH_FIELDS)
        # Few enough to score them all: the counting statement lists them, and ranking starts
        # from the list instead of finding the matches again (rechecking phrases again).
        listed = ranking.EXACT_SCORING_BUDGET // len(terms) if terms and not newest_first else 0
        total, facets, groups, matched_ids = self._counted(matching, listed)
        if not total:
            return empty
        stems = {text for _name, text in terms}
        first = (page - 1) * pagelen
        rank = Ranker(self.connection(), matching=matching, matched_ids=matched_ids, allowed=allowed,
                      matches=_matches(tsquery),
                      positionless_match=_positionless_match(query, tsquery), terms=terms, total=total,
                      newest_first=newest_first)
        ranked, positions = ranked_leaders(rank, groups, first + pagelen)
        shown = ranked[first:]
        similar = {docnum: groups.similar_to(docnum, positions) if groups else [] for docnum, _ in shown}
        rows = self._rows([d for d, _ in shown] + [s for docnums in similar.values() for s in docnums[:SIMILAR_SHOWN]])
        hits = []
        for docnum, score in shown:
            others = similar[docnum]
            listed = tuple(sorted((_hit(rows[d], None, None) for d in others[:SIMILAR_SHOWN]), key=_by_agency_and_cop))
            hits.append(_hit(rows[docnum], score, stems, similar=listed, similar_total=len(others),
                             from_other_cops=bool(others) and groups.all_from_other_cops(docnum)))
        group_count = total - groups.absorbed if groups else total
        return SearchPage(query_text, hits, total, page, pagelen, facets=facets, group_count=group_count)

    def _counted(self, matching, listed=0):
        """Total, facet counts, groups of similar assets and, if there are no more than ``listed``,
        the matches' doc_ids (else None), in one statement over the matches."""
        matched = matching(doc.c.doc_id, doc.c.agency, doc.c.asset_type, doc.c.year, doc.c.km_stage, doc.c.cop,
                           doc.c.seci_stage, doc.c.tags, doc.c.content_key, doc.c.title_key, doc.c.cop_number) \
            .cte("matched").prefix_with("MATERIALIZED")
        m = matched.c
        parts = [sa.select(sa.literal("total"), sa.null().cast(sa.Text), sa.func.count()).select_from(matched)]
        if listed:  # read no more than one past the limit
            first = sa.select(m.doc_id).limit(listed + 1).subquery()
            parts.append(sa.select(sa.literal("ids"), sa.cast(sa.func.array_agg(first.c.doc_id), sa.Text),
                                   sa.func.count()).select_from(first))
        for name in ("agency", "asset_type", "year", "km_stage", "cop"):
            column = m[name]
            parts.append(sa.select(sa.literal(name), column.cast(sa.Text), sa.func.count())
                         .where(column.is_not(None)).group_by(column))
        for name in ("seci_stage", "tags"):
            value = sa.func.unnest(m[name]).table_valued("value").render_derived()
            part = (sa.select(sa.literal(name), value.c.value, sa.func.count()).select_from(matched)
                    .join(value, sa.true()).group_by(value.c.value))
            if name in FACET_VALUE_LIMITS:
                part = part.order_by(sa.func.count().desc(), value.c.value).limit(FACET_VALUE_LIMITS[name])
            parts.append(part.subquery().select())
        parts.append(_similar_candidates(matched))
        total, facets, keyed, matched_ids = 0, {name: [] for name in FACET_FIELDS}, [], None
        for name, value, count in self.connection().execute(sa.union_all(*parts)):
            if name == "total":
                total = count
            elif name == "ids":
                if count <= listed:
                    matched_ids = [int(doc_id) for doc_id in (value or "").strip("{}").split(",") if doc_id]
            elif name == "similar":
                keyed.append(tuple(int(part) for part in value.split(",")))
            else:
                facets[name].append((int(value) if name == "year" else value, count))
        for pairs in facets.values():
            pairs.sort(key=lambda pair: (-pair[1], str(pair[0])))
        return total, facets, _groups(keyed), matched_ids

    def _rows(self, docnums):
        if not docnums:
            return {}
        found = self.connection().execute(sa.select(*HIT_COLUMNS).where(doc.c.doc_id.in_(set(docnums))))
        return {row.doc_id: row for row in found}


# What the visibility and filter conditions and the ranking read of a match: small columns only.
MATCH_COLUMNS = (doc.c.doc_id, doc.c.visibility, doc.c.agency, doc.c.cop, doc.c.asset_type, doc.c.year,
                 doc.c.km_stage, doc.c.seci_stage, doc.c.tags, doc.c.content_key, doc.c.title_key,
                 doc.c.cop_number, doc.c.published, doc.c.scored_lengths)


def matching_rows(columns, tsquery, allowed):
    """SELECT ``columns`` (of search_document) of the documents matching ``tsquery`` that pass the
    ``allowed`` conditions. The match is found first, on its own, so that the only way to it is the
    GIN index (with :func:`through_indexes`): given the visibility conditions in the same WHERE,
    the planner prefers their index for a common word and tests ``vector @@`` on each row
    (reading every vector); here they filter the rows found."""
    if tsquery == EVERYTHING:
        return sa.select(*columns).where(sa.true(), *allowed)
    # OFFSET 0 keeps the planner from merging the subquery (and the conditions into its scan).
    found = sa.select(*MATCH_COLUMNS).where(_matches(tsquery)).offset(0).subquery("found")
    adapt = ClauseAdapter(found).traverse
    return sa.select(*(found.c[column.name] for column in columns)).where(sa.true(), *map(adapt, allowed))


def _matches(tsquery):
    """The documents matching ``tsquery`` (None: every document)."""
    return None if tsquery in (EVERYTHING, NOTHING) else doc.c.vector.op("@@")(tsquery_value(tsquery))


def _positionless_match(query, tsquery):
    """The same condition decided from the postings, or None for a query with a phrase (which
    needs the positions of the vector)."""
    lexemes, phrases = lexemes_and_phrases(query)
    if phrases or tsquery in (EVERYTHING, NOTHING):
        return None
    return positionless_match(lambda vector: vector.op("@@")(tsquery_value(tsquery)), lexemes)


@contextmanager
def through_indexes(connection):
    """Statements in this block find their matches through the indexes: a sequential scan would
    test ``vector @@ query`` on every row, reading (detoasting) every vector, which PostgreSQL's
    planner does not count as a cost, while a bitmap of the GIN index needs no vector at all for
    a query of plain words. Without JIT: a plan that must scan a table anyway costs "disabled"
    (10^10), far above the JIT thresholds, and compiling it takes 100-200 ms. Local to the
    transaction and restored afterwards."""
    previous = connection.execute(sa.text(  # select-list items are evaluated in order
        "SELECT current_setting('enable_seqscan'), current_setting('jit'), "
        "set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)")).one()
    try:
        yield
    finally:
        connection.execute(sa.text("SELECT set_config('enable_seqscan', :seqscan, true), set_config('jit', :jit, true)"),
                           {"seqscan": previous[0], "jit": previous[1]})


def _similar_candidates(matched):
    """Rows ("similar", "doc_id,shares content,content key,shares title,title key,cop", 0) for the
    matches that share their file contents with another match, or their title with a match of
    another CoP (see :mod:`kmapp.search.similar`)."""
    m = matched.c
    shared_content = sa.select(m.content_key).where(m.content_key != 0).group_by(m.content_key) \
        .having(sa.func.count() > 1)
    shared_title = sa.select(m.title_key).where(m.title_key != 0).group_by(m.title_key) \
        .having(sa.func.count(m.cop_number.distinct()) > 1)
    in_content, in_title = m.content_key.in_(shared_content), m.title_key.in_(shared_title)
    keys = sa.func.concat_ws(",", m.doc_id, sa.cast(in_content, sa.Integer), m.content_key,
                             sa.cast(in_title, sa.Integer), m.title_key, m.cop_number)
    return sa.select(sa.literal("similar"), keys, sa.literal(0, sa.BigInteger)).where(sa.or_(in_content, in_title))


def _groups(keyed):
    """The groups among the matches from their keys (None when every match stands alone)."""
    if not keyed:
        return None
    size = max(row[0] for row in keyed) + 1
    table = DuplicateTable(content={r[0]: r[2] for r in keyed if r[1]}, title={r[0]: r[4] for r in keyed if r[3]},
                           cop={r[0]: r[5] for r in keyed}, size=size)
    return groups_among(table, bitmap_from_docnums([row[0] for row in keyed], size))


def _hit(row, score, stems, similar=(), similar_total=0, from_other_cops=False):
    return SearchHit(
        asset_id=row.asset_id, title=row.title, snippet=_snippet(row, stems) if stems is not None else Markup(""),
        agency=row.agency, agency_name=row.agency_name, cop_name=row.cop_name, asset_type=row.asset_type,
        year=row.year, published=row.published, score=score, cop=row.cop, similar=similar,
        similar_total=similar_total, similar_from_other_cops=from_other_cops)


def _snippet(row, stems):
    for text in (row.body_excerpt, row.summary):
        snippet = make_snippet(text, stems)
        if snippet is not None:
            return snippet
    return plain_snippet(row.summary or row.body_excerpt)


def _by_agency_and_cop(hit):
    return ((hit.agency_name or hit.agency or "").casefold(), (hit.cop_name or "").casefold(), -(hit.year or 0))


def _with(result, query_text, suggestion, showing_results_for=None):
    return SearchPage(query_text=query_text, hits=result.hits, total=result.total, page=result.page,
                      pagelen=result.pagelen, facets=result.facets, suggestion=suggestion,
                      showing_results_for=showing_results_for, group_count=result.group_count)
