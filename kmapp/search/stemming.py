"""The Sastrawi stemmer, built once per process, with its regular-expression use made cheap.

Sastrawi (0.1.x) writes every rule as ``re.match(pattern_string, word)`` and removes each
affix with ``re.sub(result_word, '', word, count=1)``: the remaining word itself is passed
as a *pattern*.  Python's ``re`` keeps only 512 compiled patterns, so on a corpus with
thousands of distinct words nearly every removal compiles a new regular expression (80,780
compilations for 500 documents), and every rule test pays ``re``'s cache look-up.

This module is the one place that touches Sastrawi's internals.  It gives Sastrawi's
modules, in place of the ``re`` module, a stand-in that

* matches with patterns compiled once and kept in a plain dict (the rules' patterns are a
  fixed set of about a hundred constants), and
* replaces a pattern made only of letters literally (``str.replace``), which is exactly
  what the regular expression would do: a pattern of letters has no special characters.

Stems are identical to the library's own path (``tests/search/test_stemming.py`` compares
both on a large word list); ``bench/indexing_bench.py`` measures both side by side.
"""
import re
import sys
import threading

# Rules use about a hundred constant patterns; anything beyond this bound is data that
# slipped past the literal path, and goes back to the re module's own bounded cache.
MAX_COMPILED_PATTERNS = 1_000


class _RulePatterns:
    """Stands in for the ``re`` module inside Sastrawi's modules (see the module docstring)."""

    def __init__(self):
        self._compiled: dict[tuple[str, int], re.Pattern] = {}

    def _pattern(self, pattern, flags):
        key = (pattern, flags)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = re.compile(pattern, flags)
            if len(self._compiled) < MAX_COMPILED_PATTERNS:
                self._compiled[key] = compiled
        return compiled

    def match(self, pattern, string, flags=0):
        return self._pattern(pattern, flags).match(string)

    def sub(self, pattern, repl, string, count=0, flags=0):
        if pattern.isalpha() and "\\" not in repl:
            return string.replace(pattern, repl, count or -1)
        return self._pattern(pattern, flags).sub(repl, string, count)

    def __getattr__(self, name):  # flags and anything else: the real module's
        return getattr(re, name)


_rule_patterns = _RulePatterns()
_stemmer = None
_lock = threading.Lock()


def sastrawi_stemmer():
    """The process's Sastrawi stemmer (bare: we cache stems ourselves), created on first use."""
    global _stemmer
    if _stemmer is None:
        with _lock:
            if _stemmer is None:
                # Imported lazily: loading the root-word dictionary takes time that
                # processes which never stem should not pay.
                from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
                from Sastrawi.Stemmer.Stemmer import Stemmer
                from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

                use_rule_patterns(True)
                # StemmerFactory.create_stemmer() wraps the stemmer in an unbounded dict
                # cache (a slow leak on a long-running server): build the bare stemmer.
                _stemmer = Stemmer(ArrayDictionary(StemmerFactory().get_words()))
    return _stemmer


def sastrawi_modules():
    """Sastrawi's loaded modules that use regular expressions (all of them are loaded
    once the stemmer module is: it imports every rule)."""
    import Sastrawi.Stemmer.Stemmer  # noqa: F401

    return [module for name, module in sorted(sys.modules.items())
            if name.startswith("Sastrawi.") and module is not None
            and getattr(module, "re", None) in (re, _rule_patterns)]


def use_rule_patterns(enabled: bool) -> int:
    """Give Sastrawi's modules the stand-in (True) or the real ``re`` back (False: the
    library's own path, for the benchmark and the identity test). Returns how many modules."""
    modules = sastrawi_modules()
    for module in modules:
        module.re = _rule_patterns if enabled else re
    return len(modules)
