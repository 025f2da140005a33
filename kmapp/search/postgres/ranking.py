"""Ranking on PostgreSQL: Whoosh's BM25F from ``search_posting``, never from the tsvectors.

A document's score is, as in :class:`kmapp.search.champions.BM25FScorer`, the sum over the
query's (field, term) pairs it holds of ``idf x weight x (K1 + 1) / (weight + K1 x (1 - B + B x
length / average length))``, with Whoosh's idf, field boosts, one-byte field lengths and field
averages; ties in document order. The same two modes as :mod:`kmapp.search.ranking`:

* exact, while matches x terms stays within ``EXACT_SCORING_BUDGET``: every match is scored
  (the matches listed by the counting statement, or found again through the GIN index; the
  query terms' rows read from the postings index, hash-joined to them);
* champion lists beyond: per (field, term) the ``size`` rows of highest ``impact`` (read in
  index order, a few hundred small rows), those among the matches scored exactly (a probe of
  the postings index per candidate and term); too few to fill the page and the lists grow
  eight times, then every match is scored.

Which candidates match is decided without the tsvector when the query has no phrase: its
answer depends only on which of the query's terms a document holds, read from its postings.
"""
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg

from ..champions import CHAMPION_SIZE
from ..ranking import EXACT_SCORING_BUDGET
from .postings import B, K1, corpus_key, corpus_statistics, document_frequencies, idf
from .tables import FIELDS, search_document as doc, search_posting as posting

CHAMPION_GROWTH = 8  # as kmapp.search.ranking._champions_for


class Ranker:
    """``ranker(limit)``: [(doc_id, score or None)] of the best ``limit`` matches."""

    def __init__(self, connection, *, matching, matched_ids=None, allowed, matches, positionless_match, terms,
                 total, newest_first):
        """``matching(*columns)``: a SELECT of the visible matches' columns (through the GIN index),
        or ``matched_ids`` when the caller has them;
        for champion candidates, ``allowed``: the visibility and filter conditions, ``matches``:
        the tsquery condition (None: every document) and ``positionless_match``: a condition
        deciding the match from the postings instead (None when the query has a phrase);
        ``terms``: the positive (field name, term) pairs; ``total``: how many documents match."""
        self.connection, self.matching, self.allowed, self.matches = connection, matching, allowed, matches
        self.matched_ids = matched_ids
        self.positionless_match, self.total = positionless_match, total
        wanted = [(FIELDS.index(name), text) for name, text in terms if name in FIELDS]
        self.terms = sorted(wanted) if not newest_first else []
        self._query = None

    def __call__(self, limit):
        if not self.terms:
            return self._newest(limit)
        if self.total * len(self.terms) > max(EXACT_SCORING_BUDGET, limit * len(self.terms)):
            size = max(CHAMPION_SIZE, 5 * limit)
            for attempt in (size, CHAMPION_GROWTH * size):
                ranked, found = self._scored(limit, champions=attempt)
                if found >= limit:
                    return ranked
        return self._scored(limit)[0]

    def _conditions(self, match):
        return [*self.allowed, *([match] if match is not None else [])]

    def _newest(self, limit):
        matched = self.matching(doc.c.doc_id, doc.c.published).subquery()
        rows = self.connection.execute(sa.select(matched.c.doc_id).order_by(
            matched.c.published.desc().nulls_last(), matched.c.doc_id).limit(limit))
        return [(row[0], None) for row in rows]

    def _scored(self, limit, champions=None):
        """(best ``limit`` [(doc_id, score)], how many were scored): all matches, or those in the
        terms' champion lists of ``champions`` rows."""
        query = self._query_terms()
        if champions is None:
            if self.matched_ids is not None:
                matched = sa.select(doc.c.doc_id, doc.c.scored_lengths).where(
                    doc.c.doc_id == sa.func.any(sa.cast(self.matched_ids, pg.ARRAY(sa.BigInteger))))
            else:
                matched = self.matching(doc.c.doc_id, doc.c.scored_lengths)
        else:
            best = (sa.select(posting.c.doc_id).where(posting.c.term == query.c.term, posting.c.field == query.c.field)
                    .order_by(posting.c.impact.desc()).limit(champions).lateral("best"))
            candidates = sa.select(best.c.doc_id).select_from(query).join(best, sa.true())
            match = self.positionless_match if self.positionless_match is not None else self.matches
            matched = sa.select(doc.c.doc_id, doc.c.scored_lengths).where(doc.c.doc_id.in_(candidates),
                                                                          *self._conditions(match))
        matched = matched.cte("matched").prefix_with("MATERIALIZED")
        lengths = sa.type_coerce(matched.c.scored_lengths, doc.c.scored_lengths.type)

        def term_score(weight, field):
            weight, length = sa.cast(weight, sa.Float), sa.cast(lengths[field + 1], sa.Float)  # as Whoosh: doubles
            return query.c.idf * weight * (K1 + 1) / (weight + K1 * ((1 - B) + B * length / query.c.average))

        if champions is None:
            # Many matches: the query terms' rows, read in term order, joined to the matches.
            score = sa.func.coalesce(sa.func.sum(term_score(posting.c.weight, posting.c.field)), 0.0).label("score")
            held = posting.join(query, sa.and_(posting.c.term == query.c.term, posting.c.field == query.c.field))
            scored = (sa.select(matched.c.doc_id, score, sa.func.count().over().label("scored"))
                      .select_from(matched.outerjoin(held, posting.c.doc_id == matched.c.doc_id))
                      .group_by(matched.c.doc_id))
        else:
            # A few hundred candidates: each one's row of each query term looked up by its key.
            held = (sa.select(posting.c.weight, posting.c.field)
                    .where(posting.c.doc_id == matched.c.doc_id, posting.c.term == query.c.term,
                           posting.c.field == query.c.field).limit(1)  # one row at most; kept a per-key probe
                    .correlate(matched, query).lateral("held"))
            per_document = (sa.select(sa.func.coalesce(sa.func.sum(term_score(held.c.weight, held.c.field)), 0.0)
                                      .label("score"))
                            .select_from(query.join(held, sa.true())).correlate(matched).lateral("per_document"))
            scored = (sa.select(matched.c.doc_id, per_document.c.score.label("score"),
                                sa.func.count().over().label("scored"))
                      .select_from(matched.join(per_document, sa.true())))
        scored = scored.order_by(sa.desc("score"), matched.c.doc_id).limit(limit)
        rows = self.connection.execute(scored).all()
        return [(row.doc_id, float(row.score)) for row in rows], (rows[0].scored if rows else 0)

    def _query_terms(self):
        """(term, field, idf, average length) of each query term, as a VALUES list."""
        if self._query is None:
            self._query = self._statistics()
        return self._query

    def _statistics(self):
        corpus = corpus_key(self.connection)
        documents, averages = corpus_statistics(self.connection, corpus)
        frequencies = document_frequencies(self.connection, [text for _field, text in self.terms], corpus)
        rows = [(text, field, idf(documents, frequencies[field, text]), averages[field] or 1.0)
                for field, text in self.terms]
        return sa.values(sa.column("term", sa.Text), sa.column("field", sa.SmallInteger),
                         sa.column("idf", sa.Float), sa.column("average", sa.Float), name="query_terms").data(rows)


def positionless_match(tsquery_condition_of, lexemes):
    """The match condition computed from a document's postings: its terms among ``lexemes`` as
    a tsvector without positions, matched against the query (``tsquery_condition_of(vector)``)."""
    held = (sa.select(sa.func.array_agg(posting.c.term.distinct()))
            .where(posting.c.doc_id == doc.c.doc_id, posting.c.term.in_(sorted(lexemes))).scalar_subquery())
    return tsquery_condition_of(sa.func.coalesce(sa.func.array_to_tsvector(held), sa.cast("", doc.c.vector.type)))
