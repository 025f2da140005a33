"""Champion lists against exact BM25F: how many of the exact top 10 does the fast path keep?

Ranking scores every match while matches x terms stays under ranking.EXACT_SCORING_BUDGET;
beyond that only the champion-list candidates are scored (kmapp/search/champions.py).  This
bench ranks each query both ways through the app's own ranking code (the budget set to
"everything" for exact, to "nothing" to force champions on every query with more than ten
matches) and prints the share of queries whose champion top 10 keeps at least 9 of the exact
top 10 (goal: 95%).  Queries are bench/search_bench.py's (one-word, two-word, very common,
faceted words and phrases) as its viewer of one agency, on its synthetic corpus.

    nice -n 5 .venv/bin/python bench/champions_bench.py --n 20000 --queries 200
    .venv/bin/python bench/champions_bench.py --index-dir /tmp/kmapp-bench/champions-20000

The index is kept in --index-dir (built there if missing) so the check can be re-run
without re-indexing.  tests/search/test_champions.py runs the same check on a few hundred
documents.
"""
import argparse
import os
import random
import resource
import sys
import time
from contextlib import contextmanager

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.search_bench import build_whoosh, filters_for, make_corpus, make_queries  # noqa: E402
from kmapp.search import caches, ranking  # noqa: E402
from kmapp.search.query_parsing import SEARCH_FIELDS, positive_terms  # noqa: E402
from kmapp.search.schema import open_or_create_index  # noqa: E402
from kmapp.search.searching import _SearchContext  # noqa: E402
from kmapp.search.visibility import Viewer  # noqa: E402
from kmapp.search.query_parsing import parse_user_query  # noqa: E402

TOP = 10
GOAL_SHARE = 0.95
GOAL_KEPT = 9
BENCH_VIEWER = Viewer(agency_code="AG03", community_ids=frozenset({4, 5}))


@contextmanager
def scoring_budget(budget):
    saved = ranking.EXACT_SCORING_BUDGET
    ranking.EXACT_SCORING_BUDGET = budget
    try:
        yield
    finally:
        ranking.EXACT_SCORING_BUDGET = saved


def top_docs(searcher, viewer, text, filters, budget):
    """The top ``TOP`` (docnum, score) of a query as the app ranks it under ``budget``, the
    number of matches, and whether the app itself (default budget) would use champions."""
    context = _SearchContext(searcher, viewer, filters, newest_first=False)
    query = parse_user_query(searcher.schema, text)
    matched = context.matched_docs(query)
    terms = sorted(term for term in positive_terms(query) if term[0] in SEARCH_FIELDS)
    in_app = matched.bit_count() * len(terms) > max(ranking.EXACT_SCORING_BUDGET, TOP * len(terms))
    with scoring_budget(budget):
        ranked = ranking.top_docnums(searcher, matched, TOP, newest_first=False,
                                     version_key=context.version_key, terms=terms)
    return ranked, matched.bit_count(), in_app


def agreement(searcher, queries, viewer=BENCH_VIEWER, timings=None):
    """[(kind, query, matches, kept of the exact top 10, used by the app)] for every query
    with more than ``TOP`` matches (fewer: both ways score every match).  With ``timings``
    (a dict), the app's own ranking of each query (default budget, run twice: cold, warm) is
    timed into it: {kind: [(cold ms, warm ms)]}."""
    rows, rng = [], random.Random(3)
    for kind, texts in queries.items():
        for text in texts:
            filters = filters_for(kind, rng)
            if timings is not None:
                timings.setdefault(kind, []).append(tuple(
                    _ms(lambda: top_docs(searcher, viewer, text, filters, ranking.EXACT_SCORING_BUDGET))
                    for _pass in ("cold", "warm")))
            exact, matches, in_app = top_docs(searcher, viewer, text, filters, budget=float("inf"))
            if matches <= TOP:
                continue
            fast, _, _ = top_docs(searcher, viewer, text, filters, budget=0)
            kept = len({d for d, _ in exact} & {d for d, _ in fast})
            rows.append((kind, text, matches, kept, in_app))
    return rows


def _ms(run):
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def _p(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def meets_goal(rows):
    return share_kept(rows) >= GOAL_SHARE


def share_kept(rows):
    return sum(kept >= GOAL_KEPT for *_, kept, _in_app in rows) / len(rows) if rows else 1.0


def report(rows):
    print(f"| query kind | queries (> {TOP} matches) | keep >= {GOAL_KEPT} of {TOP} | mean kept | worst |")
    print("|---|---|---|---|---|")
    for kind in dict.fromkeys(kind for kind, *_ in rows):
        mine = [row for row in rows if row[0] == kind]
        kept = [row[3] for row in mine]
        print(f"| {kind} | {len(mine)} | {share_kept(mine):.1%} | {sum(kept) / len(kept):.2f} | {min(kept)} |")
    in_app = [row for row in rows if row[4]]
    print(f"| all | {len(rows)} | **{share_kept(rows):.1%}** | "
          f"{sum(r[3] for r in rows) / len(rows):.2f} | {min(r[3] for r in rows)} |")
    if in_app:
        print(f"| where the app uses champions (matches x terms > {ranking.EXACT_SCORING_BUDGET:,}) "
              f"| {len(in_app)} | {share_kept(in_app):.1%} | {sum(r[3] for r in in_app) / len(in_app):.2f} "
              f"| {min(r[3] for r in in_app)} |")
    worst = sorted(rows, key=lambda row: row[3])[:5]
    print("\nWorst queries: " + "; ".join(f"{text!r} ({kind}, {matches} matches): {kept}/{TOP}"
                                          for kind, text, matches, kept, _ in worst))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="assets (when building)")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--procs", type=int, default=1, help="Whoosh writer processes (when building)")
    parser.add_argument("--index-dir", default=None,
                        help="index kept here (built if missing); default /tmp/kmapp-bench/champions-N")
    args = parser.parse_args()
    path = args.index_dir or os.path.join("/tmp/kmapp-bench", f"champions-{args.n}")
    if not os.path.isdir(path) or not os.listdir(path):
        started = time.perf_counter()
        build_whoosh(path, make_corpus(args.n), args.procs)
        print(f"built {args.n:,} assets into {path} in {time.perf_counter() - started:.0f} s")
    index = open_or_create_index(path)
    with index.searcher() as searcher:
        print(f"\n## Champion lists vs exact BM25F: {searcher.doc_count():,} assets, "
              f"{args.queries} queries per kind, champion size {ranking.CHAMPION_SIZE}\n")
        started = time.perf_counter()
        timings = {}
        rows = agreement(searcher, make_queries(args.queries), timings=timings)
        report(rows)
        print("\nThe app's ranking (default budget; matching, ranking, no snippets or facets), ms: "
              + "; ".join(f"{kind} cold p50 {_p([c for c, _ in t], .5):.1f} p95 {_p([c for c, _ in t], .95):.1f}, "
                          f"warm p50 {_p([w for _, w in t], .5):.1f} p95 {_p([w for _, w in t], .95):.1f}"
                          for kind, t in timings.items()))
        print(f"\n{'GOAL MET' if meets_goal(rows) else 'GOAL MISSED'}: {share_kept(rows):.1%} of queries keep "
              f">= {GOAL_KEPT} of the exact top {TOP} (goal {GOAL_SHARE:.0%}); "
              f"{time.perf_counter() - started:.0f} s")
    stats = caches.cache_stats()
    print(f"search caches after the run: {stats['used_bytes'] / caches.MB:.1f} MB of a "
          f"{stats['budget_bytes'] / caches.MB:.0f} MB budget ("
          + ", ".join(f"{name} {cache['bytes'] / caches.MB:.1f}" for name, cache in stats["caches"].items()
                      if cache["entries"]) + f"); process max RSS {_max_rss_mb():.0f} MB")
    index.close()


def _max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
