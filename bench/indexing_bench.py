"""Indexing benchmark: the library's own path against the portal's, side by side in one run.

Generates N synthetic Indonesian assets (bench/search_bench.py's generator, a seed that the
search benchmark does not use) once into --corpus-dir (kept: later runs reuse it), then builds
a Whoosh index of them in a fresh child process per configuration, each with an empty stem
cache (and an empty persisted stem store), and prints docs per CPU-second (the children's
user + system time, worker processes included) and per wall-second:

* ``library path``: what the portal did before (commit acf9e15): Whoosh's five-filter chain
  with Sastrawi's own regular-expression use, the did-you-mean ``words`` field in the index;
* ``portal``: kmapp.search's analysis through Whoosh's own SegmentWriter (one-pass analyzer,
  Sastrawi adapter, vocabulary file);
* ``bulk``: the same documents through the bulk writer that `flask reindex` uses
  (kmapp.search.engine: postings grouped per term, written without Whoosh's sorting pool;
  the segment is byte for byte Whoosh's, see tests/search/test_bulk_writer.py);
* with P processes: ``portal`` through Whoosh's MpWriter, ``bulk`` as `flask reindex
  --processes P` runs it (each process writes its own segment).

    .venv/bin/python bench/indexing_bench.py --n 3000 --procs 2
"""
import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))

CORPUS_SEED = 20261130  # not the search benchmark's seed: words its runs never stemmed
CONFIGS = ("library", "portal", "bulk")


def corpus_file(directory, n):
    path = os.path.join(directory, f"indexing-corpus-{n}-{CORPUS_SEED}.pickle")
    if not os.path.exists(path):
        import search_bench

        os.makedirs(directory, exist_ok=True)
        documents = list(search_bench.make_corpus(n, seed=CORPUS_SEED))
        with open(path + ".tmp", "wb") as handle:
            pickle.dump(documents, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(path + ".tmp", path)
    return path


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def library_schema():
    """The schema as it was: Whoosh's chain for text fields, the words field inside."""
    from whoosh.fields import TEXT

    from kmapp.search.analysis import stemmed_chain, surface_chain
    from kmapp.search.schema import build_schema

    schema = build_schema()
    for name in ("title", "summary", "body", "tag_text"):
        schema[name].analyzer = stemmed_chain()
    schema.add("words", TEXT(analyzer=surface_chain(), phrase=False))
    return schema


def build_library(folder, documents):
    from whoosh.filedb.filestore import FileStorage

    from kmapp.search.analysis import _TOKEN_RE
    from kmapp.search.schema import document_fields
    from kmapp.search.stemming import sastrawi_stemmer, use_rule_patterns

    sastrawi_stemmer()
    use_rule_patterns(False)
    index = FileStorage(folder, supports_mmap=False).create_index(library_schema())
    writer = index.writer(limitmb=128)
    for document in documents:
        fields = document_fields(document)
        texts = (fields["title"], fields["summary"], fields["body"], fields["tags"].replace(",", " "))
        fields["words"] = " ".join(dict.fromkeys(m.group() for t in texts if t for m in _TOKEN_RE.finditer(t.lower())))
        writer.add_document(**fields)
    writer.commit()


def build_portal(folder, documents, processes, bulk=False):
    from kmapp.search.engine import bulk_writer
    from kmapp.search.schema import open_or_create_index
    from kmapp.search.stemming import sastrawi_stemmer
    from kmapp.search.writing import DocumentWriter

    sastrawi_stemmer()
    index = open_or_create_index(folder)
    if bulk:
        writer = DocumentWriter(bulk_writer(index, processes, limitmb=128), folder)
    else:
        options = {"procs": processes, "multisegment": True} if processes > 1 else {}
        writer = DocumentWriter(index.writer(limitmb=128, **options), folder)
    for document in documents:
        writer.add_new(document)
    writer.commit()


def run_one(config, corpus, processes):
    """In a fresh process: load the corpus, build, print one JSON line."""
    with open(corpus, "rb") as handle:
        documents = pickle.load(handle)
    folder = tempfile.mkdtemp(prefix=f"indexing-{config}-")
    from kmapp.search.stemming import sastrawi_stemmer

    sastrawi_stemmer()  # loading the dictionary is not indexing
    cpu, wall = cpu_seconds(), time.perf_counter()
    if config == "library":
        build_library(folder, documents)
    else:
        build_portal(folder, documents, processes, bulk=config == "bulk")
    cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(folder) for f in files)
    print(json.dumps({"config": config, "processes": processes, "documents": len(documents), "cpu": cpu,
                      "wall": wall, "mb": size / 1e6}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="assets in the corpus")
    parser.add_argument("--procs", type=int, default=2, help="processes for the multi-process row (1: skip it)")
    parser.add_argument("--corpus-dir", default=os.path.join(tempfile.gettempdir(), "kmapp-bench"))
    parser.add_argument("--summary", help="also write the results as JSON here (bench/scale_report.py)")
    parser.add_argument("--run", choices=CONFIGS, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        return run_one(args.run, args.corpus, args.procs)
    corpus = corpus_file(args.corpus_dir, args.n)
    runs = [("library", 1), ("portal", 1), ("bulk", 1)]
    runs += [("portal", args.procs), ("bulk", args.procs)] if args.procs > 1 else []
    results = []
    for config, processes in runs:
        done = subprocess.run([sys.executable, __file__, "--run", config, "--corpus", corpus,
                               "--procs", str(processes)], capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    if args.summary:
        with open(args.summary, "w") as handle:
            json.dump({"rows": results}, handle)
    base = results[0]["documents"] / results[0]["cpu"]
    print(f"\n{args.n} synthetic assets (bodies 300-1,500 words), empty stem caches, corpus {corpus}\n")
    print("| path | processes | CPU s | wall s | docs / CPU-s | docs / wall-s | vs library (CPU) | index MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for result in results:
        per_cpu = result["documents"] / result["cpu"]
        print(f"| {result['config']} | {result['processes']} | {result['cpu']:.1f} | {result['wall']:.1f} | "
              f"{per_cpu:.0f} | {result['documents'] / result['wall']:.0f} | {per_cpu / base:.2f}x | "
              f"{result['mb']:.0f} |")


if __name__ == "__main__":
    main()
