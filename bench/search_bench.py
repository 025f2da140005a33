"""Search benchmark: kmapp.search (Whoosh + Sastrawi) vs. SQLite FTS5.

Builds N synthetic Indonesian-like assets (real roots from Sastrawi's
dictionary in affixed forms, Zipf-distributed, plus stop words and a long
tail of invented words; random agency/type/year/stage/visibility), indexes them
with both engines, then times ~200 queries of each kind as a viewer of one
agency, with highlights and facet counts, and prints a Markdown table.

    .venv/bin/python bench/search_bench.py --n 20000
    .venv/bin/python bench/search_bench.py --n 20000 --backend all --database-url postgresql://...

With ``--backend postgres`` (or ``all``: Whoosh and PostgreSQL in one run) the corpus is also
written to the PostgreSQL backend's table (bench/postgres_search.py) and searched as the app
does; with both, the run ends with how many of Whoosh's top 10 PostgreSQL's top 10 keep.

Notes on fairness: FTS5 is given the text as the portal's analyzer makes it (Sastrawi stems,
stop words out), documents and queries alike, so both engines match the same documents; its
build time includes that analysis (with the stems the Whoosh build cached in this process).
Its facet counts come from one extra scan of the matched rows, counted in Python.
``--plain-whoosh`` also times Whoosh's own search path (BM25F over every match, facets by
``groupedby``) on the portal's index, with the same parsed queries.

Each engine is measured in a fresh process; ``--data-dir`` keeps the corpus, the indexes (and
the PostgreSQL schema ``kmbench_N``) with their build figures, so a later run re-measures
without rebuilding:

    .venv/bin/python bench/search_bench.py --n 100000 --backend all --plain-whoosh --data-dir /work/benchdata
"""

import argparse
import datetime as dt
import gc
import glob
import gzip
import itertools
import json
import math
import os
import pickle
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from kmapp.search import schema as schema_module  # noqa: E402
from kmapp.search.analysis import INDONESIAN_STOP_WORDS, analyze  # noqa: E402
from kmapp.search import forward  # noqa: E402
from kmapp.search.caches import set_memory_budget  # noqa: E402
from kmapp.search.warming import warm_in_background, warm_up_state  # noqa: E402
from kmapp.search.engine import bulk_writer  # noqa: E402
from kmapp.search.schema import document_fields, open_or_create_index  # noqa: E402
from kmapp.search.searchers import ThreadLocalSearchers  # noqa: E402
from kmapp.search.searching import search  # noqa: E402
from kmapp.search.visibility import Viewer  # noqa: E402
from kmapp.search.writing import DocumentWriter  # noqa: E402

ENGLISH = """
knowledge management community of practice best practice lesson learned
dashboard smart city open data e-government framework workshop benchmark
""".split()

AGENCIES = [f"AG{n:02d}" for n in range(40)]
ASSET_TYPES = ["pedoman", "laporan", "sop", "kajian", "materi", "video", "infografis", "regulasi"]
KM_STAGES = ["identifikasi", "capture", "share", "apply", "create"]
SECI = ["sosialisasi", "eksternalisasi", "kombinasi", "internalisasi"]
COMMUNITIES = list(range(1, 31))
TAGS = ["arsip", "pelayanan publik", "knowledge management", "banjir", "kesehatan",
        "pendidikan", "anggaran", "smart city", "inovasi", "transportasi", "sampah"]

ROOT_COUNT = 6000  # distinct roots in use; real corpora have several thousand
STOP_SHARE, RARE_SHARE, ENGLISH_SHARE = 0.33, 0.03, 0.01
QUERY_RANKS = (20, 3000)  # query words: log-uniform over these root ranks
COMMON_RANKS = (1, 20)  # the "very common word" worst case


def affixed_forms(root):
    """Common Indonesian derivations of ``root`` (me-/pe- with nasal rules)."""
    first = root[0]
    nasal = {"b": "mem", "f": "mem", "v": "mem", "p": "mem", "t": "men", "d": "men",
             "c": "men", "j": "men", "z": "men", "s": "meny", "k": "meng", "g": "meng",
             "h": "meng"}.get(first, "meng" if first in "aeiou" else "me")
    body = root[1:] if first in "ptsk" else root
    me, pe = nasal + body, "pe" + nasal[2:] + body
    return [root, "di" + root, "ber" + root, "ter" + root, "ke" + root + "an",
            pe + "an", root + "an", root + "kan", "di" + root + "kan", me, me + "kan",
            me + "i", pe]


def dictionary_roots(rng, count):
    """Real Indonesian roots from Sastrawi's dictionary, in random rank order."""
    import Sastrawi

    path = os.path.join(os.path.dirname(Sastrawi.__file__), "Stemmer", "data", "kata-dasar.txt")
    with open(path, encoding="utf-8") as handle:
        words = sorted({w.strip() for w in handle if w.strip().isalpha() and len(w.strip()) >= 4})
    return rng.sample(words, count)


def pseudo_words(rng, count):
    """Invented words (names, jargon) to give the corpus a long tail."""
    syllables = [c + v for c in "bcdgjklmnprstw" for v in "aiueo"]
    words = set()
    while len(words) < count:
        words.add("".join(rng.choices(syllables, k=rng.randint(2, 4))))
    return sorted(words)


def zipf_weights(count, exponent=1.0):
    return list(itertools.accumulate(1.0 / (rank + 1) ** exponent for rank in range(count)))


class Vocabulary:
    """Token sampler: Zipf-ranked roots in random affixed forms, stop words,
    a long tail of rare invented words and a few English terms."""

    def __init__(self, rng):
        self.rng = rng
        self.roots = dictionary_roots(random.Random(1), ROOT_COUNT)
        self.forms = [affixed_forms(root) for root in self.roots]
        self.root_weights = zipf_weights(len(self.roots))
        self.stop = sorted(INDONESIAN_STOP_WORDS)
        self.stop_weights = zipf_weights(len(self.stop))
        self.rare = pseudo_words(random.Random(2), 30_000)

    def word_of_rank(self, rank):
        """A random affixed form of the root with this 1-based rank."""
        return self.rng.choice(self.forms[rank - 1])

    def sample(self, k):
        rng = self.rng
        kinds = rng.choices("scre", [STOP_SHARE, 1 - STOP_SHARE - RARE_SHARE - ENGLISH_SHARE,
                                     RARE_SHARE, ENGLISH_SHARE], k=k)
        roots = iter(rng.choices(self.forms, cum_weights=self.root_weights, k=k))
        stops = iter(rng.choices(self.stop, cum_weights=self.stop_weights, k=k))
        words = []
        for kind in kinds:
            if kind == "s":
                words.append(next(stops))
            elif kind == "c":
                words.append(rng.choice(next(roots)))
            elif kind == "r":
                words.append(rng.choice(self.rare))
            else:
                words.append(rng.choice(ENGLISH))
        return words

    def text(self, k):
        words = self.sample(k)
        for index in range(0, k, 14):
            words[index] = words[index].capitalize()
            if index:
                words[index - 1] += "."
        return " ".join(words)

    def content_words(self, k):
        return [self.rng.choice(forms)
                for forms in self.rng.choices(self.forms, cum_weights=self.root_weights, k=k)]


def make_corpus(n, seed=42, duplicates=0.0):
    """Yield n synthetic asset dicts (streamed, not held in memory).

    With ``duplicates`` > 0, that share of the assets are copies of one of 200 reports
    (same title and file, another agency and CoP), as when many agencies upload the same
    document: search groups them (kmapp.search.similar).  The other assets are the same
    as without copies.
    """
    rng = random.Random(seed)
    copies = random.Random(seed + 1)  # a separate stream: the corpus is otherwise unchanged
    vocab = Vocabulary(rng)
    start = dt.datetime(2015, 1, 1)
    for asset_id in range(1, n + 1):
        doc = _synthetic_asset(rng, vocab, start, asset_id)
        if duplicates and copies.random() < duplicates:
            report = copies.randrange(200)
            doc["title"] = f"Laporan kegiatan komunitas nomor {report}"
            doc["file_sha256"] = [f"{report:064x}"]
        yield doc


def _synthetic_asset(rng, vocab, start, asset_id):
    agency = rng.choice(AGENCIES)
    visibility = rng.choices(["all", "agency", "community"], [70, 20, 10])[0]
    published = start + dt.timedelta(days=rng.randint(0, 3800))
    return {
        "asset_id": asset_id,
        "title": " ".join(vocab.content_words(rng.randint(4, 8))).capitalize(),
        "summary": vocab.text(rng.randint(20, 40)),
        "body": vocab.text(rng.randint(300, 1500)),
        "tags": rng.sample(TAGS, rng.randint(1, 3)),
        "agency": agency, "agency_name": f"Dinas {agency}",
        "cop": rng.choice(COMMUNITIES), "cop_name": "Komunitas",
        "asset_type": rng.choice(ASSET_TYPES), "year": published.year,
        "km_stage": rng.choice(KM_STAGES), "seci_stage": rng.choice(SECI),
        "visibility": visibility, "published": published, "updated": published,
    }


def make_queries(count, seed=7):
    """Query texts per kind.  Query words are roots' affixed forms with ranks
    drawn log-uniformly (broad and narrow words alike); phrases are two
    adjacent non-stop words taken from generated documents."""
    rng = random.Random(seed)
    vocab = Vocabulary(rng)

    def word(ranks=QUERY_RANKS):
        low, high = ranks
        return vocab.word_of_rank(int(math.exp(rng.uniform(math.log(low), math.log(high)))))

    phrases = []
    for doc in make_corpus(count):  # the first indexed documents
        words = [w.strip(".").lower() for w in doc["body"].split()]
        pairs = [(a, b) for a, b in zip(words, words[1:])
                 if a not in INDONESIAN_STOP_WORDS and b not in INDONESIAN_STOP_WORDS]
        phrases.append('"%s %s"' % rng.choice(pairs))
    return {
        "one-word": [word() for _ in range(count)],
        "two-word": [f"{word()} {word()}" for _ in range(count)],
        "phrase": phrases,
        "faceted": [word() for _ in range(count)],
        "very common word": [word(COMMON_RANKS) for _ in range(count)],
    }


def filters_for(kind, rng):
    if kind != "faceted":
        return {}
    return rng.choice([{"asset_type": rng.choice(ASSET_TYPES)}, {"year": rng.randint(2015, 2025)},
                       {"agency": rng.choice(AGENCIES)}])


def dir_size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


class StoredTextStats:
    """What storing body text costs, estimated from every 10th document: the excerpt actually
    stored, and storing whole bodies instead."""

    SAMPLE = 10

    def __init__(self):
        self.excerpt_sample_bytes = 0
        self.full_sample_bytes = 0
        self.sampled = 0
        self.count = 0

    def add(self, doc):
        self.count += 1
        if self.count % self.SAMPLE == 0:
            self.excerpt_sample_bytes += len(document_fields(doc)["body_excerpt"])
            self.full_sample_bytes += len(zlib.compress(doc["body"].encode("utf-8"), 6))
            self.sampled += 1

    @property
    def excerpt_bytes(self):
        return self.excerpt_sample_bytes / max(1, self.sampled) * self.count

    def full_bytes_estimate(self):
        return self.full_sample_bytes / max(1, self.sampled) * self.count


def build_whoosh(path, documents, procs):
    """Index ``documents`` into a new Whoosh index at ``path`` as `flask reindex` does (the bulk
    writer, did-you-mean vocabulary beside it); return the stored-text figures."""
    ix = open_or_create_index(path)
    stats = StoredTextStats()
    writer = DocumentWriter(bulk_writer(ix, procs, limitmb=256), path)
    for doc in documents:
        stats.add(doc)
        writer.add_new(doc)
    writer.commit()
    started, started_cpu = time.perf_counter(), time.process_time()
    with ix.searcher() as searcher:  # as reindex does before it switches generations
        forward.build_missing(searcher, path, forward.DEFAULT_MIN_DOCS)
    stats.forward_seconds = (time.perf_counter() - started, time.process_time() - started_cpu)
    ix.close()
    return stats


def stemmed(text):
    """``text`` as the portal's analyzer sees it (Sastrawi stems, stop words out), for FTS5."""
    return " ".join(analyze(text))


def build_sqlite(path, documents):
    """FTS5 over the stemmed text, so that both engines match the same words."""
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE assets(id INTEGER PRIMARY KEY, agency TEXT, agency_name TEXT,
            asset_type TEXT, year INT, km_stage TEXT, visibility TEXT, cop INT,
            title TEXT, published TEXT);
        CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, tags,
            tokenize='unicode61 remove_diacritics 2');
    """)
    for doc in documents:
        db.execute("INSERT INTO assets VALUES (?,?,?,?,?,?,?,?,?,?)", (
            doc["asset_id"], doc["agency"], doc["agency_name"], doc["asset_type"], doc["year"],
            doc["km_stage"], doc["visibility"], doc["cop"], doc["title"],
            doc["published"].isoformat()))
        db.execute("INSERT INTO fts(rowid, title, summary, body, tags) VALUES (?,?,?,?,?)", (
            doc["asset_id"], stemmed(doc["title"]), stemmed(doc["summary"]), stemmed(doc["body"]),
            stemmed(", ".join(doc["tags"]))))
    db.commit()
    return db


SQL_VISIBLE = """(a.visibility = 'all' OR (a.visibility = 'agency' AND a.agency = :agency)
    OR (a.visibility = 'community' AND a.cop IN (%s)))"""


def sqlite_search(db, viewer, text, filters, pagelen=10):
    """One FTS5 results page: top hits with snippet, total, 4 facet counts."""
    words = stemmed(text).split()
    match = '"%s"' % " ".join(words) if text.startswith('"') else " ".join(f'"{w}"' for w in words)
    if not words:
        return [], 0, []
    communities = ",".join(str(c) for c in sorted(viewer.community_ids)) or "NULL"
    where = "fts MATCH :match AND " + SQL_VISIBLE % communities
    params = {"match": match, "agency": viewer.agency_code}
    for key, value in filters.items():
        where += f" AND a.{key} = :f_{key}"
        params[f"f_{key}"] = value
    hits = db.execute(f"""SELECT a.id, a.title, a.agency_name,
            snippet(fts, 2, '<mark>', '</mark>', '…', 24)
        FROM fts JOIN assets a ON a.id = fts.rowid WHERE {where}
        ORDER BY bm25(fts, 3.0, 1.0, 1.0, 2.0) LIMIT {pagelen}""", params).fetchall()
    rows = db.execute(f"""SELECT a.agency, a.asset_type, a.year, a.km_stage
        FROM fts JOIN assets a ON a.id = fts.rowid WHERE {where}""", params).fetchall()
    facets = [Counter(column) for column in zip(*rows)] if rows else []
    return hits, len(rows), facets


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def time_queries(run, queries, seed=3):
    """Wall-clock and CPU milliseconds per query.  CPU time is reported too
    because on a shared machine wall time also measures the neighbours."""
    rng = random.Random(seed)
    wall, cpu, totals = [], [], []
    for text in queries:
        filters = filters_for(run.kind, rng)
        started, started_cpu = time.perf_counter(), time.process_time()
        total = run(text, filters)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        totals.append(total)
    return wall, cpu, statistics.mean(totals)


def whoosh_runner(searchers, viewer, kind):
    def run(text, filters):
        searcher = searchers.current()  # as a web worker thread would
        return search(searcher, text, visible_to=viewer, filters=filters, page=1, pagelen=10).total
    run.kind = kind
    return run


PLAIN_FACETS = ("agency", "asset_type", "year", "km_stage")


def plain_whoosh_runner(searchers, viewer, kind):
    """Whoosh's own path: BM25F scoring of every match, visibility as a filter query,
    facets by ``groupedby``, highlights of the stored summary."""
    from whoosh import query as wq
    from whoosh import sorting

    from kmapp.search.filters import filters_query
    from kmapp.search.query_parsing import parse_user_query
    from kmapp.search.visibility import visibility_query

    facets = sorting.Facets()
    for name in PLAIN_FACETS:
        facets.add_field(name)

    def run(text, filters):
        searcher = searchers.current()
        allowed = [q for q in (visibility_query(viewer), filters_query(filters)) if q is not None]
        results = searcher.search(parse_user_query(searcher.schema, text), limit=10, groupedby=facets,
                                  filter=wq.And(allowed) if allowed else None)
        for hit in results:
            hit.highlights("summary")
        for name in PLAIN_FACETS:
            results.groups(name)
        return len(results)
    run.kind = kind
    return run


def sqlite_runner(db, viewer, kind):
    def run(text, filters):
        return sqlite_search(db, viewer, text.lower(), filters)[1]
    run.kind = kind
    return run


def print_top10_agreement(args, workdir, viewer, queries):
    """How many of Whoosh's top 10 (exact BM25F order aside) PostgreSQL's top 10 hold, per kind
    (in this process: it warms the caches, so the timed runs happen in fresh processes after it)."""
    whoosh, _ = open_engine(args, workdir, "Whoosh")
    postgres, _ = open_engine(args, workdir, "PostgreSQL")
    print("\n| query kind | mean of Whoosh's top 10 in PostgreSQL's | same first hit |\n|---|---|---|")
    for kind, texts in queries.items():
        rng = random.Random(3)
        kept, same_first, counted = 0, 0, 0
        for text in texts:
            filters = filters_for(kind, rng)
            theirs = [h.asset_id for h in search(whoosh.current(), text, visible_to=viewer, filters=filters).hits]
            ours = [h.asset_id for h in postgres.searching.search(text, visible_to=viewer, filters=filters).hits]
            postgres.connection.rollback()
            if theirs:
                counted += 1
                kept += len(set(theirs) & set(ours)) / len(theirs)
                same_first += theirs[0] == (ours[0] if ours else None)
        print(f"| {kind} | {kept / max(1, counted):.0%} | {same_first / max(1, counted):.0%} |")
    print()
    whoosh.close()
    postgres.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="number of assets")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--procs", type=int, default=1, help="Whoosh writer processes")
    parser.add_argument("--excerpt-chars", type=int, default=None,
                        help="override BODY_EXCERPT_CHARS (0 = store no body text)")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--duplicates", type=float, default=0.0,
                        help="share of assets that are copies of one of 200 reports (grouped results)")
    parser.add_argument("--index-dir", help="query an existing Whoosh index instead of "
                        "building one (no SQLite, no indexing figures)")
    parser.add_argument("--data-dir", help="keep the corpus, the indexes and their build figures here: "
                        "a later run with the same --n reuses them (engines re-measured, nothing rebuilt)")
    parser.add_argument("--rebuild", action="store_true", help="with --data-dir: build the indexes again")
    parser.add_argument("--backend", choices=("whoosh", "postgres", "all"), default="whoosh",
                        help="search backends to measure beside FTS5 (all: whoosh and postgres)")
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"),
                        help="PostgreSQL for --backend postgres (default: TEST_DATABASE_URL); "
                             "a schema of its own is created (dropped at the end unless --data-dir)")
    parser.add_argument("--plain-queries", type=int, default=None,
                        help="with --plain-whoosh: only this many queries per kind for it (it takes seconds "
                             "a query at 100,000 assets)")
    parser.add_argument("--cache-mb", type=float, default=None,
                        help="Whoosh: the caches' memory budget (SEARCH_CACHE_MEMORY_MB; default the app's)")
    parser.add_argument("--warm-up", action="store_true",
                        help="Whoosh: warm the caches as the app does when it opens a generation "
                             "(kmapp.search.warming), and wait for it, before the cold pass; "
                             "PostgreSQL: read its tables into the OS page cache (pg_prewarm)")
    parser.add_argument("--same-process", action="store_true",
                        help="query in the process that built the indexes (the old way: "
                             "'cold' then means caches the build left behind)")
    parser.add_argument("--plain-whoosh", action="store_true",
                        help="also time Whoosh's own search path (BM25F over every match) on the same index")
    parser.add_argument("--summary", help="also write the figures as JSON here (bench/scale_report.py)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: one engine, in a child
    args = parser.parse_args()
    if args.excerpt_chars is not None:
        schema_module.BODY_EXCERPT_CHARS = args.excerpt_chars
    if args.measure:
        measure_in_child(args)
        return
    workdir = args.data_dir or tempfile.mkdtemp(prefix="km-search-bench-")
    os.makedirs(workdir, exist_ok=True)
    try:
        run_benchmark(args, workdir)
    finally:
        if not args.data_dir:
            shutil.rmtree(workdir, ignore_errors=True)


# --- The corpus and the indexes on disk -------------------------------------------------------

def corpus_path(workdir, n, duplicates):
    return os.path.join(workdir, f"corpus-{n}-dup{duplicates:g}.pickle.gz")


def corpus(workdir, n, duplicates=0.0):
    """The generated assets, written once to ``workdir`` and then read back (streamed)."""
    path = corpus_path(workdir, n, duplicates)
    if not os.path.exists(path):
        with gzip.open(path + ".tmp", "wb", compresslevel=1) as handle:
            for doc in make_corpus(n, duplicates=duplicates):
                pickle.dump(doc, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(path + ".tmp", path)
    with gzip.open(path, "rb") as handle:
        for _ in range(n):
            yield pickle.load(handle)


def build_record(workdir, name, n):
    return os.path.join(workdir, f"{name}-{n}.json")


def built(workdir, name, n, rebuild):
    """The build figures of an index kept from an earlier run, or None if it must be built."""
    path = build_record(workdir, name, n)
    if rebuild or not os.path.exists(path):
        return None
    with open(path) as handle:
        return json.load(handle)


def record_build(workdir, name, n, figures):
    with open(build_record(workdir, name, n), "w") as handle:
        json.dump(figures, handle)
    return figures


def timed_build(build):
    """Run ``build()``; return its result with wall and CPU seconds (this process and its children)."""
    def cpu():
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    started, started_cpu = time.perf_counter(), cpu()
    result = build()
    return result, time.perf_counter() - started, cpu() - started_cpu


def prepare_engines(args, workdir):
    """Build what is missing; return [(engine name, build figures)] to measure."""
    prepared = []
    documents = lambda: corpus(workdir, args.n, args.duplicates)  # noqa: E731
    if args.backend in ("whoosh", "all"):
        figures = built(workdir, "whoosh", args.n, args.rebuild)
        if figures is None:
            path = os.path.join(workdir, f"whoosh-{args.n}")
            shutil.rmtree(path, ignore_errors=True)
            stats, wall, cpu = timed_build(lambda: build_whoosh(path, documents(), args.procs))
            figures = record_build(workdir, "whoosh", args.n, {
                "wall": wall, "cpu": cpu, "size": dir_size(path),
                "excerpt_bytes": stats.excerpt_bytes, "full_bytes": stats.full_bytes_estimate(),
                "forward_files": {"wall": stats.forward_seconds[0], "cpu": stats.forward_seconds[1],
                                  "size": sum(os.path.getsize(p) for p in glob.glob(os.path.join(path, "*.fwd")))}})
        prepared.append(("Whoosh", figures))
        if args.plain_whoosh:
            prepared.append(("Whoosh (plain)", figures))
    if args.backend in ("postgres", "all"):
        from bench.postgres_search import PostgresIndex

        figures = built(workdir, "postgres", args.n, args.rebuild)
        schema = f"kmbench_{args.n}" if args.data_dir else None
        if figures is None:
            index = PostgresIndex(args.database_url, keep=True, schema=schema, replace=True)
            _, wall, cpu = timed_build(lambda: index.build(documents()))
            figures = record_build(workdir, "postgres", args.n, {
                "wall": wall, "cpu": cpu, "size": index.size(), "schema": index.schema})
            index.close()
        prepared.append(("PostgreSQL", figures))
    if not args.skip_sqlite:
        figures = built(workdir, "fts5", args.n, args.rebuild)
        if figures is None:
            path = os.path.join(workdir, f"fts5-{args.n}.sqlite")
            if os.path.exists(path):
                os.remove(path)
            db, wall, cpu = timed_build(lambda: build_sqlite(path, documents()))
            db.close()
            figures = record_build(workdir, "fts5", args.n, {"wall": wall, "cpu": cpu, "size": os.path.getsize(path)})
        prepared.append(("SQLite FTS5", figures))
    return prepared


# --- Measuring: each engine in a fresh process ------------------------------------------------

ENGINE_KEYS = {"Whoosh": "whoosh", "Whoosh (plain)": "whoosh-plain", "PostgreSQL": "postgres",
               "SQLite FTS5": "fts5"}


def open_engine(args, workdir, name):
    """(handle, runner factory) for one engine's index kept in ``workdir``."""
    if name in ("Whoosh", "Whoosh (plain)"):
        ix = open_or_create_index(args.index_dir or os.path.join(workdir, f"whoosh-{args.n}"))
        searchers = ThreadLocalSearchers(ix)
        searchers.current()  # the generation is opened before the first query, as in the app
        if args.warm_up:  # as the app does when it opens a generation, but waited for here
            started = time.perf_counter()
            warm_in_background((ix.storage.folder, "bench"), ix).join()
            print(f"warm-up: {warm_up_state()} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        return searchers, whoosh_runner if name == "Whoosh" else plain_whoosh_runner
    if name == "PostgreSQL":
        from bench.postgres_search import PostgresIndex, postgres_runner

        schema = built(workdir, "postgres", args.n, False)["schema"]
        index = PostgresIndex(args.database_url, keep=True, schema=schema)
        if args.warm_up:  # the tables in the OS page cache, as Whoosh's and FTS5's files are
            blocks, seconds = index.prewarm()
            print(f"PostgreSQL prewarm: {blocks * 8 / 1024:,.0f} MB read in {seconds:.1f} s", file=sys.stderr)
        return index, postgres_runner
    db = sqlite3.connect(os.path.join(workdir, f"fts5-{args.n}.sqlite"))
    return db, sqlite_runner


def measure(args, workdir, name, viewer, queries):
    """[(kind, pass, mean hits, p50, p95, p50 CPU, p95 CPU)] for one engine in this process.
    First pass: every query new to the process (cold caches); second: the same queries again."""
    handle, make_runner = open_engine(args, workdir, name)
    rows = []
    for label in ("cold", "warm"):
        for kind, texts in queries.items():
            gc.collect()
            wall, cpu, mean_hits = time_queries(make_runner(handle, viewer, kind), texts)
            rows.append((kind, label, mean_hits, percentile(wall, 0.5), percentile(wall, 0.95),
                         percentile(cpu, 0.5), percentile(cpu, 0.95)))
        if name == "Whoosh":
            print_cache_use(label)
    handle.close()
    return rows


MB = 1024 * 1024


def print_cache_use(label):
    """What the caches held and lost after a pass: a warm pass as slow as the cold one with
    evictions means the budget (SEARCH_CACHE_MEMORY_MB) is smaller than the queries' data."""
    from kmapp.search.caches import cache_stats

    stats = cache_stats()
    used = [f"{name} {c['bytes'] / MB:.0f}/{c['max_bytes'] / MB:.0f} MB, {c['hits']} hits, {c['misses']} misses, "
            f"{c['evictions']} evicted" for name, c in stats["caches"].items() if c["hits"] or c["misses"]]
    print(f"caches after the {label} pass ({stats['budget_bytes'] / MB:.0f} MB budget): " + "; ".join(used),
          file=sys.stderr)


def measure_in_child(args):
    name = {key: name for name, key in ENGINE_KEYS.items()}[args.measure]
    if args.cache_mb is not None:
        set_memory_budget(args.cache_mb)
    rows = measure(args, args.data_dir, name, BENCH_VIEWER, make_queries(args.queries))
    print(json.dumps(rows))


def measure_in_fresh_process(args, workdir, name):
    command = [sys.executable, os.path.abspath(__file__), "--measure", ENGINE_KEYS[name], "--data-dir", workdir,
               "--n", str(args.n), "--queries", str(query_count(args, name))]
    for flag, value in (("--index-dir", args.index_dir), ("--database-url", args.database_url),
                        ("--excerpt-chars", args.excerpt_chars), ("--cache-mb", args.cache_mb)):
        if value is not None:
            command += [flag, str(value)]
    if args.warm_up:
        command.append("--warm-up")
    output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def query_count(args, name):
    return args.plain_queries if name == "Whoosh (plain)" and args.plain_queries else args.queries


def shown_name(args, name):
    count = query_count(args, name)
    return name if count == args.queries else f"{name}, first {count} queries per kind"


BENCH_VIEWER = Viewer(agency_code="AG03", community_ids=frozenset({4, 5}))


def run_benchmark(args, workdir):
    queries = make_queries(args.queries)
    if args.index_dir:
        args.n, args.skip_sqlite, args.backend = open_or_create_index(args.index_dir).doc_count(), True, "whoosh"
        prepared = [("Whoosh", {"wall": None, "cpu": None, "size": dir_size(args.index_dir)})]
    else:
        prepared = prepare_engines(args, workdir)
    print(f"\n## Search benchmark: {args.n:,} assets, {args.queries} queries per kind\n")
    print("Build: " + "; ".join(
        f"{name} {args.n / f['wall']:,.0f} assets/s wall, {args.n / f['cpu']:,.0f} per CPU-s, {f['size'] / 1e6:,.0f} MB"
        for name, f in prepared if f["wall"] and name != "Whoosh (plain)") + "\n")
    for name, f in prepared:
        if f.get("forward_files") and name == "Whoosh":
            ff = f["forward_files"]
            print(f"Whoosh forward files (phrases; included above): {ff['cpu']:.1f} CPU-s, {ff['wall']:.1f} s wall, "
                  f"{ff['size'] / 1e6:,.0f} MB\n")
    if args.backend == "all":
        print_top10_agreement(args, workdir, BENCH_VIEWER, queries)
    print("| engine | query kind | mean hits | p50 ms | p95 ms | p50 CPU ms | p95 CPU ms |")
    print("|---|---|---|---|---|---|---|")
    summary = {"n": args.n, "queries": args.queries, "builds": dict(prepared), "rows": []}
    for name, figures in prepared:
        if args.same_process:
            rows = measure(args, workdir, name, BENCH_VIEWER, queries)
        else:
            rows = measure_in_fresh_process(args, workdir, name)
        summary["rows"] += [[shown_name(args, name), *row] for row in rows]
        for kind, label, mean_hits, p50, p95, cpu50, cpu95 in rows:
            print(f"| {shown_name(args, name)} | {kind} ({label}) | {mean_hits:,.0f} | {p50:.1f} | {p95:.1f} "
                  f"| {cpu50:.1f} | {cpu95:.1f} |", flush=True)
    whoosh = dict(prepared).get("Whoosh")
    if whoosh and "excerpt_bytes" in whoosh:
        print(f"\nWhoosh index {whoosh['size'] / 1e6:,.0f} MB, of which stored body excerpts "
              f"({schema_module.BODY_EXCERPT_CHARS:,} chars, zlib) {whoosh['excerpt_bytes'] / 1e6:,.1f} MB; "
              f"storing whole bodies (zlib) would add about {whoosh['full_bytes'] / 1e6:,.1f} MB instead.")
    if args.summary:
        with open(args.summary, "w") as handle:
            json.dump(summary, handle)
    print("\nCold: the first run of each distinct query in a fresh process after the index is opened "
          "(the OS page cache may hold the index files from the build or an earlier run).")


if __name__ == "__main__":
    main()
