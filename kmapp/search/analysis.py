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
* ``surface_analyzer()`` -- the same chain *without* stemming.  It feeds the
  ``words`` field, which exists only to give "did you mean" real, readable
  words (``amnesai`` -> ``amnesia``) instead of stems (``tahu`` for
  ``pengetahuan``).  It is indexed without positions to keep it small.

Both analyzers are pickled into the index's schema by Whoosh, so the filter
class below must stay importable at this dotted path (moving it requires a
re-index).
"""

import re
from functools import lru_cache

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StopFilter,
)
from whoosh.support.charset import accent_map

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
    return stemmer.stem_word(word) or word


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


def surface_analyzer():
    """Analyzer without stemming: the readable words of the text."""
    return (
        RegexTokenizer(_TOKEN_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=INDONESIAN_STOP_WORDS, minsize=2)
    )


def indonesian_analyzer():
    """Analyzer for searchable text: surface words reduced to their roots."""
    return surface_analyzer() | SastrawiStemFilter()


def distinct_words_text(*texts):
    """Each distinct lowercase word of ``texts`` once, space-separated.

    The ``words`` field only needs to know which documents contain a word, so
    indexing each word once per document (instead of every occurrence)
    halves the analysis work it adds; the analyzer re-tokenises the result
    exactly as it would have tokenised the original text.
    """
    seen = dict.fromkeys(
        match.group() for text in texts if text for match in _TOKEN_RE.finditer(text.lower())
    )
    return " ".join(seen)


def analyze(text, analyzer=None):
    """Return the list of terms ``text`` produces (handy for tests/debugging)."""
    analyzer = analyzer or indonesian_analyzer()
    return [token.text for token in analyzer(text)]
