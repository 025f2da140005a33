"""BM25F scoring over cached arrays, and champion lists for broad queries.

Scores are Whoosh's BM25F (same formula, parameters, field boosts and
statistics), computed from the per-document weight and length arrays of
:mod:`kmapp.search.postings`: about half a microsecond per document and
query term instead of Whoosh's matcher machinery.

Scoring every match is still too slow when a common word matches half of
100,000 assets, so for broad queries we use the classic "champion list"
technique (Manning, Raghavan & Schuetze, *Introduction to Information
Retrieval*, section 7.1.3): for each (field, term) keep the few hundred
documents with the highest score for that term alone; the query's
candidates are the matching documents in its terms' champion lists, and
only those are scored.  Rankings are exact for the candidates; a document
in no champion list of any query term is never ranked (for page 1 this
would require it to beat hundreds of documents on every term at once).
Totals and facet counts never depend on this: they come from exact bitmaps.

Champion lists do not depend on the viewer or filters, so they are cached
per segment and shared by all users.
"""

import heapq
import re
from array import array

from whoosh.scoring import bm25

from .engine import bm25f_parameters, length_from_byte
from .caches import budgeted_cache
from .postings import (
    field_lengths,
    leaf_field_lengths,
    leaf_term,
    WEIGHT_CAP,
    segment_key,
    term_weights,
)

CHAMPION_SIZE = 300
_NONZERO = re.compile(rb"[^\x00]")


class ChampionList:
    """(score, segment docnum) pairs, best first, kept in two arrays: 12 bytes a pair where a
    list of tuples takes about 120, so the cache holds ten times more lists (at 100,000
    assets the tuples filled the default budget's share and evicted each other)."""

    __slots__ = ("scores", "docnums")

    def __init__(self, pairs):
        self.scores = array("d", [score for score, _ in pairs])
        self.docnums = array("I", [docnum for _, docnum in pairs])

    def __len__(self):
        return len(self.docnums)

    def __iter__(self):
        return zip(self.scores, self.docnums)

    def __getitem__(self, index):
        return self.scores[index], self.docnums[index]

    def nbytes(self):
        return 120 + self.scores.itemsize * len(self.scores) + self.docnums.itemsize * len(self.docnums)


_champions = budgeted_cache("champions", ChampionList.nbytes)


class BM25FScorer:
    """Whoosh-compatible BM25F scores of documents for a set of query terms."""

    def __init__(self, searcher, terms):
        self.k1, default_b, field_b = bm25f_parameters(searcher.weighting)
        self.terms = terms
        self.stats = []  # (idf, average field length, B) per term
        self.parts = []  # (weights, overflow, lengths) per term, whole index
        for fieldname, text in terms:
            self.stats.append((
                searcher.idf(fieldname, text),
                searcher.avg_field_length(fieldname) or 1,
                field_b.get(fieldname, default_b),
            ))
            self.parts.append((*term_weights(searcher, fieldname, text), field_lengths(searcher, fieldname)))

    def score(self, docnum):
        """The document's score: the sum over query terms and fields."""
        total = 0.0
        k1 = self.k1
        for (weights, overflow, lengths), (idf, average, b) in zip(self.parts, self.stats):
            weight = weights[docnum]
            if weight:
                if weight == WEIGHT_CAP and overflow:
                    weight = overflow.get(docnum, weight)
                total += bm25(idf, weight, length_from_byte(lengths[docnum]), average, b, k1)
        return total

    def term_scores(self, index, weights, lengths, overflow=None):
        """Yield (score, docnum) for term ``index`` over the given arrays
        (one segment's), for every document containing the term."""
        idf, average, b = self.stats[index]
        k1 = self.k1
        # The regex engine skips the zero bytes (absent documents) in C.
        for found in _NONZERO.finditer(weights):
            docnum = found.start()
            weight = weights[docnum]
            if weight == WEIGHT_CAP and overflow:
                weight = overflow.get(docnum, weight)
            yield bm25(idf, weight, length_from_byte(lengths[docnum]), average, b, k1), docnum


    def best_term_scores(self, index, weights, lengths, overflow=None, size=CHAMPION_SIZE):
        """``heapq.nlargest(size, self.term_scores(...))``, without scoring every document.

        A score depends only on the document's weight and length, rises with the weight and
        falls with the length; so documents are taken by weight, highest first, each group's
        scores looked up per length byte, and once the list is full no document of a lower
        weight can beat its last entry even at the shortest length: the rest are skipped.
        For a common word most documents hold it once or twice: those are the ones skipped.
        """
        idf, average, b = self.stats[index]
        k1 = self.k1
        if idf <= 0:  # never with Whoosh's idf (at least 1 - log 2); the order above needs it
            return heapq.nlargest(size, self.term_scores(index, weights, lengths, overflow))
        present = set(weights)  # the distinct weight bytes, in C
        present.discard(0)
        if not present:
            return []
        shortest = length_from_byte(min(lengths))
        top_overflow = max(overflow.values()) if overflow else WEIGHT_CAP
        best = []  # a min-heap of the (score, docnum) pairs kept so far
        for byte in sorted(present, reverse=True):
            if len(best) == size:
                bound = bm25(idf, top_overflow if byte == WEIGHT_CAP else byte, shortest, average, b, k1)
                if bound < best[0][0]:  # equal could still win on the document number
                    break
            by_length = [None] * 256
            for found in re.finditer(re.escape(bytes((byte,))), weights):
                docnum = found.start()
                length = lengths[docnum]
                if byte == WEIGHT_CAP and overflow:
                    weight = overflow.get(docnum, byte)
                    score = bm25(idf, weight, length_from_byte(length), average, b, k1)
                else:
                    score = by_length[length]
                    if score is None:
                        score = by_length[length] = bm25(idf, byte, length_from_byte(length), average, b, k1)
                if len(best) < size:
                    heapq.heappush(best, (score, docnum))
                elif (score, docnum) > best[0]:
                    heapq.heapreplace(best, (score, docnum))
        best.sort(reverse=True)
        return best


def champion_candidates(searcher, scorer, matched, size=CHAMPION_SIZE):
    """(document numbers of matched documents in the terms' champion lists, the highest
    score a document in none of the lists can have).

    The bound: on each term such a document scores at most the last score of that term's
    list (nothing, if the list holds every document with the term), so its total is at most
    the sum of those, in the segment where that sum is highest.  A page whose last score
    reaches it is exactly the top of all matches.
    """
    data = matched.to_bytes((matched.bit_length() + 7) // 8, "little")
    found = set()
    ceiling = 0.0
    for leaf, offset in searcher.reader().leaf_readers():
        outside = 0.0
        for index in range(len(scorer.terms)):
            champions = segment_champions(leaf, scorer, index, size)
            if len(champions) == size:
                outside += champions[-1][0]
            for _score, local in champions:
                docnum = local + offset
                position = docnum >> 3
                if position < len(data) and data[position] >> (docnum & 7) & 1:
                    found.add(docnum)
        ceiling = max(ceiling, outside)
    return found, ceiling


def segment_champions(leaf, scorer, index, size=CHAMPION_SIZE):
    """The ``size`` best (score, segment docnum) pairs for one query term
    within one segment.

    Cached per segment, so the lists of big old segments survive commits.
    The scores use the statistics of the index version that computed them;
    they only choose candidates, which are then scored with current ones.
    """
    fieldname, text = scorer.terms[index]
    segment = segment_key(leaf)
    key = (segment, fieldname, text, size)
    champions = _champions.get(key) if segment is not None else None
    if champions is None:
        _bitmap, weights, overflow = leaf_term(leaf, fieldname, text, with_weights=True)
        lengths = leaf_field_lengths(leaf, fieldname)
        champions = ChampionList(scorer.best_term_scores(index, weights, lengths, overflow, size))
        if segment is not None:
            _champions.put(key, champions)
    return champions


def clear_cache():
    """Forget cached champion lists."""
    _champions.clear()
