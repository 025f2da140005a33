"""Search benchmark: kmapp.search (Whoosh + Sastrawi) vs. SQLite FTS5.

Builds N synthetic Indonesian-like assets (affixed word forms drawn with a
Zipf distribution, random agency/type/year/stage/visibility), indexes them
with both engines, then times ~200 queries of each kind as a viewer of one
agency, with highlights and facet counts, and prints a Markdown table.

    .venv/bin/python bench/search_bench.py --n 20000

Notes on fairness: FTS5 (unicode61) does no stemming, so it is given the
surface words; its facet counts come from one extra GROUP-BY-able scan of
the matched rows, done here in Python with Counter.
"""

import argparse
import bisect
import datetime as dt
import gc
import itertools
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from kmapp.search import schema as schema_module  # noqa: E402
from kmapp.search.analysis import INDONESIAN_STOP_WORDS  # noqa: E402
from kmapp.search.schema import document_fields, open_or_create_index  # noqa: E402
from kmapp.search.searching import search  # noqa: E402
from kmapp.search.visibility import Viewer  # noqa: E402

ROOTS = """
arsip tagih layan bangun rencana kelola didik sehat jalan kerja ajar atur bijak
tahu bagi catat kembang laksana lapor nilai olah pakai pantau rawat sedia tata
tulis ubah uji ukur usul wajib anggar awas bantu beri buat cari dukung guna hasil
hitung hubung jaga jamin kaji kumpul latih lindung milik minta periksa pimpin
putus rapat rekam simpan tanam tentu terap tetap tingkat timbang tugas urus
rusak sebar terima tolak pilih pindah tukar ganti tambah kurang tutup buka
bersih rawat sewa bayar pungut hemat tabung pinjam kirim antar tunggu datang
sapu tanya jawab baca dengar lihat tonton cetak salin potong ikat susun tinjau
""".split()

NOUNS = """
data dokumen informasi inovasi masyarakat sistem aplikasi program kegiatan air
banjir sampah pajak retribusi izin pegawai kota daerah provinsi pasar sekolah
rumah sakit taman transportasi lintas bus kereta warga kampung kelurahan
kecamatan gubernur dinas badan kantor digital pangan gizi anak ibu lansia
sosial budaya wisata seni olahraga pemuda usaha koperasi industri modal
investasi tanah ruang hukum peraturan standar prosedur mutu kinerja target
indikator evaluasi audit risiko bencana kebakaran darurat obat vaksin pasien
klinik dokter perawat jakarta anggaran laporan rapat surat nota keputusan
""".split()

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


def pseudo_words(rng, count):
    """Invented words (names, jargon) to give the corpus a realistic vocabulary."""
    syllables = [c + v for c in "bcdgjklmnprstw" for v in "aiueo"]
    words = set()
    while len(words) < count:
        words.add("".join(rng.choices(syllables, k=rng.randint(2, 4))))
    return sorted(words)


class Vocabulary:
    """Zipf-distributed word sampler over stop words, affixed forms, nouns."""

    def __init__(self, rng):
        content = [form for root in ROOTS for form in affixed_forms(root)]
        content += NOUNS + ENGLISH
        rng.shuffle(content)
        rare = pseudo_words(rng, 30_000)
        stop = sorted(INDONESIAN_STOP_WORDS)[:60]
        self.words = stop + content + rare
        weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))
        self.content = content
        self.rng = rng

    def sample(self, k):
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=k)

    def text(self, k):
        words = self.sample(k)
        for index in range(0, k, 14):
            words[index] = words[index].capitalize()
            if index:
                words[index - 1] += "."
        return " ".join(words)


def make_corpus(n, seed=42):
    """Yield n synthetic asset dicts (streamed, not held in memory)."""
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    start = dt.datetime(2015, 1, 1)
    for asset_id in range(1, n + 1):
        agency = rng.choice(AGENCIES)
        visibility = rng.choices(["all", "agency", "community"], [70, 20, 10])[0]
        published = start + dt.timedelta(days=rng.randint(0, 3800))
        yield {
            "asset_id": asset_id,
            "title": " ".join(rng.choices(vocab.content, k=rng.randint(4, 8))).capitalize(),
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
    """Query texts per kind; phrases are taken from generated documents."""
    rng = random.Random(seed)
    vocab = Vocabulary(random.Random(42))
    mid = vocab.content[20:400]
    phrases = []
    for doc in make_corpus(count, seed=99):
        words = [w.strip(".").lower() for w in doc["body"].split()]
        at = rng.randrange(len(words) - 1)
        phrases.append(f'"{words[at]} {words[at + 1]}"')
    return {
        "one-word": [rng.choice(mid) for _ in range(count)],
        "two-word": [f"{rng.choice(mid)} {rng.choice(mid)}" for _ in range(count)],
        "phrase": phrases,
        "faceted": [rng.choice(mid) for _ in range(count)],
    }


def filters_for(kind, rng):
    if kind != "faceted":
        return {}
    return rng.choice([{"asset_type": rng.choice(ASSET_TYPES)}, {"year": rng.randint(2015, 2025)},
                       {"agency": rng.choice(AGENCIES)}])


def dir_size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def build_whoosh(path, n, procs):
    ix = open_or_create_index(path)
    started = time.perf_counter()
    writer = ix.writer(limitmb=256, procs=procs, multisegment=False)
    for doc in make_corpus(n):
        writer.add_document(**document_fields(doc))
    writer.commit()
    elapsed = time.perf_counter() - started
    return ix, elapsed


def build_sqlite(path, n):
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE assets(id INTEGER PRIMARY KEY, agency TEXT, agency_name TEXT,
            asset_type TEXT, year INT, km_stage TEXT, visibility TEXT, cop INT,
            title TEXT, published TEXT);
        CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, tags,
            tokenize='unicode61 remove_diacritics 2');
    """)
    started = time.perf_counter()
    for doc in make_corpus(n):
        db.execute("INSERT INTO assets VALUES (?,?,?,?,?,?,?,?,?,?)", (
            doc["asset_id"], doc["agency"], doc["agency_name"], doc["asset_type"], doc["year"],
            doc["km_stage"], doc["visibility"], doc["cop"], doc["title"],
            doc["published"].isoformat()))
        db.execute("INSERT INTO fts(rowid, title, summary, body, tags) VALUES (?,?,?,?,?)", (
            doc["asset_id"], doc["title"], doc["summary"], doc["body"], ", ".join(doc["tags"])))
    db.commit()
    elapsed = time.perf_counter() - started
    return db, elapsed


SQL_VISIBLE = """(a.visibility = 'all' OR (a.visibility = 'agency' AND a.agency = :agency)
    OR (a.visibility = 'community' AND a.cop IN (%s)))"""


def sqlite_search(db, viewer, text, filters, pagelen=10):
    """One FTS5 results page: top hits with snippet, total, 4 facet counts."""
    match = " ".join(text.split()) if text.startswith('"') else \
        " ".join(f'"{w}"' for w in text.split())
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
    rng = random.Random(seed)
    timings, totals = [], []
    for text in queries:
        filters = filters_for(run.kind, rng)
        started = time.perf_counter()
        total = run(text, filters)
        timings.append((time.perf_counter() - started) * 1000)
        totals.append(total)
    return timings, statistics.mean(totals)


def whoosh_runner(ix, viewer, kind):
    def run(text, filters):
        return search(ix, text, visible_to=viewer, filters=filters, page=1, pagelen=10).total
    run.kind = kind
    return run


def sqlite_runner(db, viewer, kind):
    def run(text, filters):
        return sqlite_search(db, viewer, text.lower(), filters)[1]
    run.kind = kind
    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="number of assets")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--procs", type=int, default=1, help="Whoosh writer processes")
    parser.add_argument("--excerpt-chars", type=int, default=None,
                        help="override BODY_EXCERPT_CHARS (0 = store no body text)")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    if args.excerpt_chars is not None:
        schema_module.BODY_EXCERPT_CHARS = args.excerpt_chars

    workdir = tempfile.mkdtemp(prefix="km-search-bench-")
    try:
        run_benchmark(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run_benchmark(args, workdir):
    viewer = Viewer(agency_code="AG03", community_ids=frozenset({4, 5}))
    queries = make_queries(args.queries)
    ix, whoosh_secs = build_whoosh(os.path.join(workdir, "whoosh"), args.n, args.procs)
    engines = [("Whoosh", ix, whoosh_runner, whoosh_secs, dir_size(os.path.join(workdir, "whoosh")))]
    if not args.skip_sqlite:
        db_path = os.path.join(workdir, "fts.sqlite")
        db, sqlite_secs = build_sqlite(db_path, args.n)
        engines.append(("SQLite FTS5", db, sqlite_runner, sqlite_secs, os.path.getsize(db_path)))
    print(f"\n## Search benchmark: {args.n:,} assets, {args.queries} queries per kind\n")
    print("| engine | index assets/s | index size MB | query kind | mean hits | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|---|")
    for name, handle, make_runner, secs, size in engines:
        for kind, texts in queries.items():
            gc.collect()
            timings, mean_hits = time_queries(make_runner(handle, viewer, kind), texts)
            print(f"| {name} | {args.n / secs:,.0f} | {size / 1e6:,.0f} | {kind} | {mean_hits:,.0f} "
                  f"| {percentile(timings, 0.5):.1f} | {percentile(timings, 0.95):.1f} |")
        if hasattr(handle, "close"):
            handle.close()


if __name__ == "__main__":
    main()
