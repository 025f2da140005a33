"""``search_posting``: a document's terms as small rows, with what BM25F needs of them.

A row per (term, field, document) holds Whoosh's posting weight (frequency x field boost);
``search_document.lengths`` holds the field lengths. From these, ranking computes Whoosh's BM25F
(:mod:`.ranking`) and document frequencies are counted, without reading a tsvector. The rows
are written with the document, on the same connection (so in the same transaction): a
metadata edit rewrites the title, tag and summary rows and keeps the body's.

Corpus statistics (document count, field length sums, document frequencies) are counted on
demand and kept per process for a minute or until a document is added (the largest ``doc_id``
changes), much as Whoosh's searcher keeps them per generation; an edit or a deletion shows in
them within the minute.
"""
import math

import sqlalchemy as sa

from ..caches import budgeted_cache
from .documents import field_postings, field_texts, scored_length
from .tables import BODY_FIELD, FIELDS, search_document, search_posting

K1, B = 1.2, 0.75  # Whoosh's BM25F defaults (the portal's schema sets no others)
STATISTICS_SECONDS = 60.0
# Corpus statistics and per-term document counts, for a minute (kmapp/search/caches.py).
_statistics = budgeted_cache("pg_term_counts", lambda value: 64 + 16 * len(value) if isinstance(value, (list, tuple)) else 64, max_age=STATISTICS_SECONDS)


def analysed_fields(document: dict, fields=range(len(FIELDS))) -> dict:
    """{field number: ({term: weight}, length)} of ``fields`` of an index document."""
    texts = field_texts(document)
    return {number: field_postings(texts[FIELDS[number]], FIELDS[number]) for number in fields}


def lengths_of(analysed: dict, stored=None) -> tuple[list, list]:
    """(lengths, scored lengths) over FIELDS: from ``analysed`` where given, else ``stored``."""
    lengths = [analysed[n][1] if n in analysed else (stored[n] if stored else 0) for n in range(len(FIELDS))]
    return lengths, [scored_length(length) for length in lengths]


def term_part(weight: float, length: float, average: float) -> float:
    """BM25's per-document factor of a term (times idf it is the term's score)."""
    return weight * (K1 + 1) / (weight + K1 * ((1 - B) + B * length / (average or 1)))


def replace_postings(connection, written: list[tuple[int, dict, list]], averages: list[float]) -> None:
    """Replace the posting rows of the analysed fields of each (doc_id, analysed fields, scored
    lengths); rows of fields not analysed (a kept body) stay."""
    if not written:
        return
    everything = [doc_id for doc_id, analysed, _ in written if len(analysed) == len(FIELDS)]
    meta_only = [doc_id for doc_id, analysed, _ in written if len(analysed) != len(FIELDS)]
    if everything:
        connection.execute(search_posting.delete().where(search_posting.c.doc_id.in_(everything)))
    if meta_only:
        connection.execute(search_posting.delete().where(search_posting.c.doc_id.in_(meta_only),
                                                         search_posting.c.field != BODY_FIELD))
    rows = [(doc_id, term, number, weight, term_part(weight, scored[number], averages[number]))
            for doc_id, analysed, scored in written
            for number, (weights, _length) in sorted(analysed.items())
            for term, weight in sorted(weights.items())]
    _copy_rows(connection, rows)


def _copy_rows(connection, rows) -> None:
    columns = ("doc_id", "term", "field", "weight", "impact")
    raw = connection.connection.dbapi_connection
    cursor = raw.cursor()
    if hasattr(cursor, "copy"):  # psycopg 3: COPY, in the caller's transaction
        with cursor.copy(f"COPY search_posting ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    if rows:
        connection.execute(search_posting.insert(), [dict(zip(columns, row)) for row in rows])


def corpus_statistics(connection, corpus=None) -> tuple[int, list[float]]:
    """(documents, average length per field), as Whoosh's doc_count_all and avg_field_length."""
    def count():
        sums = [sa.func.coalesce(sa.func.sum(search_document.c.lengths[n + 1]), 0) for n in range(len(FIELDS))]
        row = connection.execute(sa.select(sa.func.count(), *sums).select_from(search_document)).one()
        documents = row[0]
        return documents, [float(total) / documents if documents else 0.0 for total in row[1:]]
    corpus = corpus or corpus_key(connection)
    statistics = _statistics.get_or_compute((corpus, "corpus"), count)
    _statistics.put((corpus[0], "recent corpus"), statistics)
    return statistics


def averages_for_writing(connection, written_lengths: list[list[int]]) -> list[float]:
    """Field averages for the impacts of new rows: the corpus's, or the batch's own while the
    corpus is smaller than the batch (the first writes, a reindex). Statistics up to a minute old
    will do (they only order champion lists): adding an asset does not count the corpus again."""
    recent = _statistics.get((str(connection.engine.url), "recent corpus"))
    documents, averages = recent or corpus_statistics(connection)
    if documents >= len(written_lengths) and documents:
        return averages
    count = max(1, len(written_lengths))
    return [sum(lengths[n] for lengths in written_lengths) / count or 1.0 for n in range(len(FIELDS))]


_FREQUENCIES = sa.text(
    "SELECT term, field, count(*) FROM search_posting WHERE term = ANY(CAST(:terms AS text[])) GROUP BY term, field")


def document_frequencies(connection, terms, corpus=None) -> dict[tuple[int, str], int]:
    """{(field number, term): documents holding it} for every field of each term (0 if none)."""
    corpus = corpus or corpus_key(connection)
    terms = sorted(set(terms))
    found, missing = {}, []
    for term in terms:
        counts = _statistics.get((corpus, "df", term))
        if counts is None:
            missing.append(term)
        else:
            found[term] = counts
    if missing:
        counted = {term: [0] * len(FIELDS) for term in missing}
        for term, field, count in connection.execute(_FREQUENCIES, {"terms": missing}):
            counted[term][field] = count
        for term, counts in counted.items():
            _statistics.put((corpus, "df", term), counts)
            found[term] = counts
    return {(number, term): counts[number] for term, counts in found.items() for number in range(len(FIELDS))}


def idf(documents: int, frequency: int) -> float:
    """Whoosh's BM25F idf."""
    return math.log(documents / (frequency + 1)) + 1 if documents else 1.0


def clear_statistics() -> None:
    _statistics.clear()


_LAST_DOCUMENT = sa.select(sa.func.max(search_document.c.doc_id))


def corpus_key(connection) -> tuple:
    """The database and schema (tests and benches use several), and the newest document."""
    return str(connection.engine.url), connection.scalar(_LAST_DOCUMENT)
