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

and it lets a word meet only the prefix rules that can match its first three letters:
Sastrawi tries each of its ~40 prefix rules on every word (27 rule calls per word on a real
corpus), though each rule starts with fixed letters or letter classes (``^ber``, ``^meng``,
``^[bcdf...]el``). The letters are read from the rules' own patterns; a rule whose patterns
cannot be read is always tried.

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
        compiled = self._compiled.get((pattern, flags))
        return (compiled or self._pattern(pattern, flags)).match(string)

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

                # StemmerFactory.create_stemmer() wraps the stemmer in an unbounded dict
                # cache (a slow leak on a long-running server): build the bare stemmer.
                stemmer = Stemmer(ArrayDictionary(StemmerFactory().get_words()))
                _prefix_rules.learn(stemmer.visitor_provider.prefix_visitors)
                use_rule_patterns(True)
                _stemmer = stemmer
    return _stemmer


def sastrawi_modules():
    """Sastrawi's loaded modules that use regular expressions (all of them are loaded
    once the stemmer module is: it imports every rule)."""
    import Sastrawi.Stemmer.Stemmer  # noqa: F401

    return [module for name, module in sorted(sys.modules.items())
            if name.startswith("Sastrawi.") and module is not None
            and getattr(module, "re", None) in (re, _rule_patterns)]


def use_rule_patterns(enabled: bool) -> int:
    """Give Sastrawi's modules the stand-in and the first-letter dispatch (True) or the real
    ``re`` and the library's own loop back (False: the library's path, for the benchmark and
    the identity test). Returns how many modules use the stand-in."""
    from Sastrawi.Stemmer.Context.Context import Context

    modules = sastrawi_modules()
    for module in modules:
        module.re = _rule_patterns if enabled else re
    Context.accept_prefix_visitors = _prefix_rules.accept if enabled else _prefix_rules.library_accept
    return len(modules)


class _PrefixRules:
    """Sastrawi's prefix rules grouped by the first letters of the words they can act on."""

    def __init__(self):
        self.visitors = None
        self.shapes: dict = {}  # id of a rule -> rule_shapes
        self.by_letter: dict[str, list] = {}
        self.by_start: dict[str, list] = {}  # a word's first PREFIX_LETTERS letters -> its rules
        self.library_accept = None

    def learn(self, visitors):
        from Sastrawi.Stemmer.Context.Context import Context

        if self.library_accept is None:
            self.library_accept = Context.accept_prefix_visitors
        self.shapes = {id(visitor): rule_shapes(visitor) for visitor in visitors}
        self.visitors = visitors
        self.by_start = {}
        self.by_letter = {letter: self.rules_for(letter) for letter in "abcdefghijklmnopqrstuvwxyz"}

    def rules_for(self, start: str) -> list:
        """The rules that may change a word beginning with ``start``, in the library's order.
        The first rule always runs: the library checks the dictionary after it, even if it
        changed nothing, and that check may end the loop."""
        rules = self.by_start.get(start)
        if rules is None:
            # Those of the first letter's rules (fewer to look at) that the next letters allow.
            candidates = self.rules_for(start[0]) if len(start) > 1 else self.visitors
            first = self.visitors[0]
            rules = [visitor for visitor in candidates
                     if visitor is first or (shapes := self.shapes[id(visitor)]) is None
                     or any(_admits(shape, start) for shape in shapes)]
            if len(self.by_start) < MAX_STARTS:
                self.by_start[start] = rules
        return rules

    @property
    def accept(self):
        rules, library_accept = self, self.library_accept

        def accept_prefix_visitors(context, visitors):
            # A rule that cannot match leaves the word, the removals and the stop flag as they
            # were, so the library's checks after it would repeat the previous ones: leaving it
            # out of the loop changes nothing. The word does not change within one call (any
            # change is a removal, which ends the loop).
            if visitors is rules.visitors:
                visitors = rules.rules_for(context.current_word[:PREFIX_LETTERS])
            return library_accept(context, visitors)
        return accept_prefix_visitors


PREFIX_LETTERS = 3  # "men", "mem", "meng": the rules of one prefix family differ by the third
MAX_STARTS = 20_000  # distinct word starts remembered (26^3 at most for letters)


def first_letters(visitor) -> frozenset | None:
    """Letters a word must start with for ``visitor`` to change it, or None if unknown (any)."""
    shapes = rule_shapes(visitor)
    return None if shapes is None else frozenset(letter for shape in shapes for letter in shape[0])


def rule_shapes(visitor) -> list | None:
    """What the first letters of a word must be for ``visitor`` to change it: a list of shapes
    (one per pattern: a set of letters for each of the first few letters), any one of which
    the word must fit; None if unknown (any word).

    Read from the string constants of its rules' ``disambiguate`` methods (the patterns, and
    literals such as 'belajar' or 'r', which only widen what is admitted)."""
    disambiguators = getattr(visitor, "disambiguators", None)
    if not disambiguators:
        return None
    shapes = []
    for disambiguator in disambiguators:
        method = getattr(type(disambiguator), "disambiguate", None)
        code = getattr(method, "__code__", None)
        if code is None:
            return None
        for constant in code.co_consts:
            if isinstance(constant, str) and constant != method.__doc__:
                shape = _pattern_shape(constant)
                if shape is None:
                    return None
                shapes.append(shape)
    return shapes


def _pattern_shape(pattern: str) -> tuple | None:
    """The letters each of the first PREFIX_LETTERS letters of a matching word may be, as far
    as ``pattern`` says them plainly (letters and classes of letters, groups' parentheses
    skipped); None if not even the first can be read. Anything else (a dot, a quantifier,
    an alternation) ends the reading: a shorter shape admits more words."""
    if "|" in pattern:
        return None
    text = pattern.lstrip("^")
    shape = []
    index = 0
    while index < len(text) and len(shape) < PREFIX_LETTERS:
        char = text[index]
        if char in "()":
            index += 1
            continue
        if char == "[":
            members, closed, _ = text[index + 1:].partition("]")
            if not closed or not members.isalpha() or not members.islower():
                break
            letters, index = set(members), index + len(members) + 2
        elif char.isalpha() and char.islower():
            letters, index = {char}, index + 1
        else:
            break
        if text[index:index + 1] in ("?", "*", "+", "{"):
            break
        shape.append(frozenset(letters))
    return tuple(shape) if shape else None


def _admits(shape: tuple, start: str) -> bool:
    return all(letter in letters for letter, letters in zip(start, shape))


_prefix_rules = _PrefixRules()
