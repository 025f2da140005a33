"""Indonesian text analysis for the Whoosh index.

Design (why two analyzers):

* ``indonesian_analyzer()`` -- tokenise, lowercase, fold accents, drop
  Indonesian function words, stem with Sastrawi.  Used for ``title``,
  ``summary`` and ``body`` so that ``pengarsipan``, ``diarsipkan``,
  ``kearsipan`` and ``arsip`` all become the single term ``arsip``.  The same
  analyzer runs at index and at query time, so whatever Sastrawi does to an
  English word (it leaves words it cannot reduce to a dictionary root alone,
  e.g. ``management``) it does identically on both sides.  Positions are kept
  (Whoosh ``TEXT`` default), so quoted phrases work on this field; a phrase
  therefore tolerates affix variation (``"pengelolaan arsip"`` also matches
  ``"mengelola kearsipan"``), which is what users of an Indonesian portal
  expect more often than exact-surface matching.
* ``surface_analyzer()`` -- the same chain *without* stemming.  Its words
  (``surface_words``) are the dictionary of "did you mean", which must offer
  real, readable words (``amnesai`` -> ``amnesia``) instead of stems (``tahu``
  for ``pengetahuan``); see :mod:`kmapp.search.vocabulary`.

Both analyzers are pickled into the index's schema by Whoosh, so the filter
class below must stay importable at this dotted path (moving it requires a
re-index).
"""

import re
from functools import lru_cache

from whoosh.analysis import (
    CharsetFilter,
    CompositeAnalyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.support.charset import accent_map

from . import stem_store
from .stemming import sastrawi_stemmer

# Sastrawi costs ~0.2 ms per word; a corpus has far fewer distinct words than
# tokens, so a bounded cache makes stemming nearly free while capping memory.
STEM_CACHE_SIZE = 200_000

# Words Sastrawi can meaningfully stem: plain lowercase ASCII letters.  Numbers,
# codes ("uu11", "2024") and non-Latin words are passed through untouched.
_STEMMABLE = re.compile(r"[a-z]{4,}")

# Sastrawi only ever changes a word by stripping these prefixes, these
# suffixes or an -el-/-em-/-er-/-in- infix after the first consonant (see its
# Context and Disambiguator rules).  A word matching none of them comes back
# unchanged, so we skip the ~1 ms rule cascade for it (names, English words,
# most unknown words).
_MAYBE_AFFIXED = re.compile(
    r"^(?:di|ke|se|be|me|pe|te|ku|kau|er)"
    r"|^[bcdfghjklmnpqrstvwxyz](?:el|em|er|in)[aiueo]"
    r"|(?:lah|kah|tah|pun|ku|mu|nya|is|isme|isasi|i|kan|an)$"
)

# Common Indonesian function words (conjunctions, prepositions, pronouns,
# particles, auxiliaries, discourse markers).  English words are deliberately
# absent: English content words must stay searchable, and keeping English
# function words keeps phrases such as "community of practice" intact.
INDONESIAN_STOP_WORDS = frozenset("""
    ada adalah adanya adapun agak agar akan akankah aku amat anda antara apa
    apabila apakah atas atau ataukah ataupun bagaimana bagaimanakah
    bagaimanapun bagi bahkan bahwa bahwasanya banyak beberapa begini begitu
    belum berbagai betapa bila bisa boleh bukan bukankah dahulu dalam dan
    dapat dapatkah dari daripada demi demikian dengan di dia dimana dll dsb
    engkau hal hampir hanya hanyalah harus hendak hingga ia ialah ini inilah
    itu itulah jadi jangan jika jikalau juga justru kah kalau kami kamu kapan
    karena ke kecuali kemudian kenapa kepada ketika kini kita lagi lah lain
    lainnya lalu lebih maka mana masih masing maupun melainkan melalui
    mengapa mengenai menurut merupakan mereka meski meskipun misalnya mungkin
    namun nanti nya oleh olehnya pada para pernah pula pun sambil sampai
    sana sangat saja sebab sebagai sebagaimana sebelum sebelumnya sebuah
    secara sedang sedangkan sedikit segera sehingga sejak sekali sekitar
    selain selalu selama sementara semua sempat sendiri seperti sering serta
    sesuai sesudah setelah setiap siapa sini situ sudah supaya tadi tanpa
    tapi telah tentang terhadap tersebut tetapi tiap tidak toh untuk walau
    walaupun ya yaitu yakni yang
""".split())

# Whoosh's default word pattern: keeps "1.000.000" and "jakarta.go.id" whole.
_TOKEN_PATTERN = r"\w+(\.?\w+)*"
_TOKEN_RE = re.compile(_TOKEN_PATTERN)
# The same words without the capture group, so that ``findall`` returns whole words.
_WORD_RE = re.compile(r"\w+(?:\.?\w+)*")

@lru_cache(maxsize=STEM_CACHE_SIZE)
def stem_word(word):
    """Return the Sastrawi root of one lowercase word (cached).

    Words that are not plain ASCII letters of length >= 4 are returned
    unchanged; Sastrawi itself never stems words shorter than 4 letters.
    """
    if not _STEMMABLE.fullmatch(word):
        return word
    stemmer = sastrawi_stemmer()
    if not _MAYBE_AFFIXED.search(word) or stemmer.dictionary.contains(word):
        return word
    stem = stem_store.known_stem(word)
    if stem is None:
        stem = stemmer.stem_word(word) or word
        stem_store.remember(word, stem)
    return stem


class SastrawiStemFilter(Filter):
    """Whoosh filter replacing each token's text by its Sastrawi root."""

    is_morph = True

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for token in tokens:
            if not token.stopped:
                token.text = stem_word(token.text)
            yield token


def surface_chain():
    """The analyzer as a chain of Whoosh's own parts, without stemming: the reference that
    :class:`IndonesianTokenizer` reproduces (indexes built before it still use this)."""
    return (
        RegexTokenizer(_TOKEN_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=INDONESIAN_STOP_WORDS, minsize=2)
    )


def stemmed_chain():
    """:func:`surface_chain` with Sastrawi stemming (the reference for the stemmed analyzer)."""
    return surface_chain() | SastrawiStemFilter()


@lru_cache(maxsize=STEM_CACHE_SIZE)
def _surface_term(raw):
    """What the chain makes of one raw token: lowercase, accents folded; None if stopped."""
    text = raw.lower().translate(accent_map)
    if len(text) < 2 or text in INDONESIAN_STOP_WORDS:
        return None
    return text


@lru_cache(maxsize=STEM_CACHE_SIZE)
def _stemmed_term(raw):
    text = _surface_term(raw)
    return None if text is None else stem_word(text)


class IndonesianTokenizer(Tokenizer):
    """The whole chain (tokenise, lowercase, fold accents, drop stop words, stem) in one pass.

    Whoosh runs a chain as one generator per filter, each touching every token; here a token
    costs one regular-expression match and one cache look-up from its raw text to its term.
    Tokens, positions (renumbered over stop words, as StopFilter does), character offsets and
    stopped tokens (``removestops=False``) are exactly the chain's: tests/search/test_analysis.py
    compares both, and bench/indexing_bench.py measures both.
    """

    is_morph = True

    def __init__(self, stem=True):
        self.stem = stem

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__ and self.stem == other.stem

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if not tokenize:  # a whole value as one token: rare, left to the reference chain
            chain = stemmed_chain() if self.stem else surface_chain()
            yield from chain(value, positions=positions, chars=chars, keeporiginal=keeporiginal,
                             removestops=removestops, start_pos=start_pos, start_char=start_char,
                             tokenize=False, mode=mode, **kwargs)
            return
        term_of = _stemmed_term if self.stem else _surface_term
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        kept_pos = None
        for index, match in enumerate(_TOKEN_RE.finditer(value)):
            raw = match.group()
            term = term_of(raw)
            if term is None:
                if removestops:
                    continue
                token.text, token.stopped = raw.lower().translate(accent_map), True
                if positions:
                    token.pos = start_pos + index
            else:
                token.text, token.stopped = term, False
                if positions:
                    kept_pos = start_pos + index if kept_pos is None else kept_pos + 1
                    token.pos = kept_pos
            token.boost = 1.0
            if keeporiginal:
                token.original = raw
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


def kept_terms(value, stem=True, seen=None):
    """(position of the first kept word, the terms of the kept words in order): what
    :class:`IndonesianTokenizer` yields with ``positions=True``, stop words left out (their
    positions follow the first kept word's), without a token object per word. The bulk
    writer (:mod:`kmapp.search.engine`) indexes text with it; tests/search/test_bulk_writer.py
    compares the index it writes with Whoosh's own writer's. ``seen`` (a set) gets the
    distinct words as written (see :func:`surface_terms`)."""
    words = _WORD_RE.findall(value)
    if seen is not None:
        seen.update(words)
    terms = list(map(_stemmed_term if stem else _surface_term, words))
    kept = list(filter(None, terms))  # terms are never empty: this drops the stop words
    # No term before the first kept one can equal it (all before are stop words).
    return (terms.index(kept[0]) if kept else 0), kept


def surface_analyzer():
    """Analyzer without stemming: the readable words of the text."""
    return CompositeAnalyzer(IndonesianTokenizer(stem=False))


def indonesian_analyzer():
    """Analyzer for searchable text: surface words reduced to their roots."""
    return CompositeAnalyzer(IndonesianTokenizer(stem=True))


def surface_words(*texts):
    """The distinct terms the unstemmed analyzer makes of ``texts`` (lowercase, accents
    folded, stop words left out): each distinct raw token is looked at once."""
    return surface_terms(raw_words(*texts))


def raw_words(*texts) -> set[str]:
    """The distinct words of ``texts`` as written (see :func:`surface_terms`)."""
    raws = set()
    for text in texts:
        if text:
            raws.update(_WORD_RE.findall(text))
    return raws


def surface_terms(raws) -> set[str]:
    """The unstemmed analyzer's terms of words as written (from :func:`raw_words`)."""
    return {term for term in map(_surface_term, raws) if term is not None}


def analyze(text, analyzer=None):
    """Return the list of terms ``text`` produces (handy for tests/debugging)."""
    analyzer = analyzer or indonesian_analyzer()
    return [token.text for token in analyzer(text)]
