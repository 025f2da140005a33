"""Whoosh and PostgreSQL side by side on the demo corpus (`flask seed-demo`): query p50/p95 and
how many of Whoosh's top 10 PostgreSQL's top 10 keep, per query kind.

    TEST_DATABASE_URL=postgresql://... .venv/bin/python bench/search_backends_demo.py

Queries: words and word pairs from the demo's titles and summaries, as a viewer of one agency
(visibility applied). Each query runs twice; the second (warm) run is timed.
"""
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.postgres_search import PostgresIndex  # noqa: E402


def main():
    from kmapp import create_app
    from kmapp.demo.seed import seed_demo
    from kmapp.extensions import db
    from kmapp.models import Agency, Asset
    from kmapp.search import store
    from kmapp.search.analysis import INDONESIAN_STOP_WORDS
    from kmapp.search.indexing import asset_document, load_with_texts
    from kmapp.search.searching import search
    from kmapp.search.visibility import Viewer

    workdir = Path(tempfile.mkdtemp(prefix="km-demo-search-"))
    app = create_app({"SECRET_KEY": "t", "JOBS_WORKER": "inline"}, instance_path=str(workdir / "instance"))
    with app.app_context():
        db.create_all()
        seed_demo()
        ids = list(db.session.scalars(db.select(Asset.id)))
        assets = load_with_texts(ids)
        documents = [d for d in (asset_document(assets[i]) for i in ids) if d]
        agency = db.session.scalars(db.select(Agency.code).order_by(Agency.id)).first()
        searcher = store.current_searcher()
        index = PostgresIndex(os.environ["TEST_DATABASE_URL"])
        index.build(documents)
        rng = random.Random(5)
        words = sorted({w.lower().strip(".,:;()") for d in documents for w in (d["title"] + " " + d["summary"]).split()
                        if w.isalpha() and len(w) > 3 and w.lower() not in INDONESIAN_STOP_WORDS})
        queries = {"one-word": rng.sample(words, min(100, len(words))),
                   "two-word": [" ".join(rng.sample(words, 2)) for _ in range(100)],
                   "blank, newest": [""] * 20}
        viewer = Viewer(agency_code=agency)
        print(f"demo corpus: {len(documents)} published assets, {len(words)} distinct query words\n")
        print("| query kind | backend | p50 ms | p95 ms | mean hits | Whoosh top 10 kept | same first hit |")
        print("|---|---|---|---|---|---|---|")
        for kind, texts in queries.items():
            results = {}
            for name, run in (("Whoosh", lambda q: search(searcher, q, visible_to=viewer)),
                              ("PostgreSQL", lambda q: _postgres(index, q, viewer))):
                times, pages = [], []
                for text in texts:
                    run(text)
                    started = time.perf_counter()
                    pages.append(run(text))
                    times.append((time.perf_counter() - started) * 1000)
                results[name] = (times, pages)
            kept, first, counted = 0.0, 0, 0
            for theirs, ours in zip(results["Whoosh"][1], results["PostgreSQL"][1]):
                top = [h.asset_id for h in theirs.hits]
                if top:
                    counted += 1
                    kept += len(set(top) & {h.asset_id for h in ours.hits}) / len(top)
                    first += bool(ours.hits) and ours.hits[0].asset_id == top[0]
            for name, (times, pages) in results.items():
                ordered = sorted(times)
                agreement = f"{kept / max(1, counted):.0%} | {first / max(1, counted):.0%}" if name == "PostgreSQL" \
                    else "- | -"
                print(f"| {kind} | {name} | {statistics.median(ordered):.1f} | {ordered[int(0.95 * (len(ordered) - 1))]:.1f} "
                      f"| {statistics.mean(p.total for p in pages):.1f} | {agreement} |")
        index.close()


def _postgres(index, text, viewer):
    page = index.searching.search(text, visible_to=viewer)
    index.connection.rollback()
    return page


if __name__ == "__main__":
    main()
