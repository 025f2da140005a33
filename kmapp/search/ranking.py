"""Ranking the matched documents: the top of the list for one results page.

We already know exactly which documents match (a bitmap, see
:mod:`kmapp.search.docsets`); ranking only has to order them.

* Newest first: a per-index-version list of document numbers in
  newest-first order is cached; the page is the first matches found walking
  that list, so nothing is looked up per matched document.  Queries with
  nothing to rank by (blank, or only exclusions) use this order too.
* By relevance: BM25F exactly as Whoosh computes it, from cached arrays (see
  :mod:`kmapp.search.champions`).  While matches x terms stays within
  ``EXACT_SCORING_BUDGET`` all matches are scored; beyond that, only the
  champion-list candidates are, from longer lists when the short ones cannot
  guarantee the page (bench/champions_bench.py measures the agreement).
  Phrase words count as ordinary terms for ranking.
"""

import heapq
from array import array

from .champions import CHAMPION_SIZE, BM25FScorer, champion_candidates
from .champions import clear_cache as clear_champion_cache
from .docsets import docnums_from_bitmap
from .engine import read_numeric_column
from .caches import budgeted_cache, bytes_size
from .postings import segment_key

# Scoring costs about 0.5 us per matched document and query term: all
# matches are scored while documents x terms stays under this budget.
EXACT_SCORING_BUDGET = 20_000

# A list of document numbers per index version: a pointer and an int object per document.
_date_orders = budgeted_cache("date_orders", lambda order: 56 + 40 * len(order))
_segment_dates = budgeted_cache("segment_dates", bytes_size)


def top_docnums(searcher, matched, limit, *, newest_first, version_key, terms):
    """Return [(docnum, score or None)] of the best ``limit`` matched docs.

    ``terms`` are the query's positive (field, text) terms.
    """
    if newest_first or not terms:
        return [(docnum, None) for docnum in _newest_first(searcher, matched, limit, version_key)]
    scorer = BM25FScorer(searcher, terms)
    if matched.bit_count() * len(terms) > max(EXACT_SCORING_BUDGET, limit * len(terms)):
        best = _best_of_champions(searcher, scorer, matched, limit)
        if best is not None:
            return best
    return _best(scorer, docnums_from_bitmap(matched), limit)


def _best(scorer, candidates, limit):
    scored = ((scorer.score(docnum), docnum) for docnum in candidates)
    # Highest score first; equal scores in index order, like Whoosh.
    best = heapq.nsmallest(limit, ((-score, docnum) for score, docnum in scored))
    return [(docnum, -negated) for negated, docnum in best]


def _best_of_champions(searcher, scorer, matched, limit):
    """The best ``limit`` champion candidates, or None if too few match to fill the page (a
    narrow filter over broad words): then every match is scored.

    Short lists first; if a document in none of them could still beat the last of the page
    (see :func:`~kmapp.search.champions.champion_candidates`), lists eight times longer,
    whose page is kept either way (scoring every match is what champions avoid)."""
    size = max(CHAMPION_SIZE, 5 * limit)
    attempts = (size, 8 * size)
    for attempt in attempts:
        found, ceiling = champion_candidates(searcher, scorer, matched, attempt)
        if len(found) < limit:
            continue
        best = _best(scorer, sorted(found), limit)
        if best[-1][1] >= ceiling or attempt == attempts[-1]:
            return best
    return None


def _newest_first(searcher, matched, limit, version_key):
    order = _date_order(searcher, version_key)
    data = matched.to_bytes((matched.bit_length() + 7) // 8, "little")
    size = len(data)
    found = []
    for docnum in order:
        index = docnum >> 3
        if index < size and data[index] >> (docnum & 7) & 1:
            found.append(docnum)
            if len(found) == limit:
                break
    return found


def _date_order(searcher, version_key):
    """Document numbers sorted newest first (cached per index version)."""
    order = _date_orders.get(version_key)
    if order is not None:
        return order
    dates = array("Q")
    for leaf, _offset in searcher.reader().leaf_readers():
        dates.extend(_leaf_dates(leaf))
    # sorted() is stable: equal dates keep index order.
    order = sorted(searcher.reader().all_doc_ids(), key=dates.__getitem__, reverse=True)
    _date_orders.put(version_key, order)
    return order


def _leaf_dates(leaf):
    """Sortable ``published`` values of one segment (0 when missing), cached:
    segments never change, so only new segments are read after a commit."""
    segment = segment_key(leaf)
    key = (segment, "published")
    dates = _segment_dates.get(key) if segment is not None else None
    if dates is None:
        dates = _read_leaf_dates(leaf)
        if segment is not None:
            _segment_dates.put(key, dates)
    return dates


def _read_leaf_dates(leaf):
    return read_numeric_column(leaf, "published", "Q")


def clear_cache():
    """Forget cached date orders and champion lists."""
    _date_orders.clear()
    _segment_dates.clear()
    clear_champion_cache()
