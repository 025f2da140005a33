"""The Sastrawi adapter (kmapp.search.stemming): the library's own stems, and loud when the library changes."""
import random
import re
from importlib import metadata
from pathlib import Path

import pytest

import Sastrawi
from kmapp.search.stemming import sastrawi_stemmer, use_rule_patterns

# Common Indonesian derivations of a root (me-/pe- with their nasal forms, circumfixes,
# particles, possessives, reduplication) so that every rule family of the stemmer runs.
NASAL = {"b": "mem", "f": "mem", "v": "mem", "p": "mem", "t": "men", "d": "men", "c": "men",
         "j": "men", "z": "men", "s": "meny", "k": "meng", "g": "meng", "h": "meng"}


def derivations(root):
    first = root[0]
    nasal = NASAL.get(first, "meng" if first in "aeiou" else "me")
    body = root[1:] if first in "ptsk" else root
    me, pe = nasal + body, "pe" + nasal[2:] + body
    return [root, "di" + root, "ber" + root, "ter" + root, "ke" + root + "an", pe + "an",
            root + "an", root + "kan", "di" + root + "kan", me, me + "kan", me + "i", pe,
            "se" + root + "nya", root + "lah", "memper" + root + "kan", "ber" + root + "an",
            root + "ku", root + "-" + root, "di" + root + "i", "per" + root + "an"]


def word_list(count, seed):
    path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    roots = sorted({line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip().isalpha()})
    words = sorted({form for root in roots for form in derivations(root)})
    return random.Random(seed).sample(words, count)


@pytest.fixture
def library_path():
    """Stems through Sastrawi's own use of ``re`` (the adapter taken out, then put back)."""
    stemmer = sastrawi_stemmer()

    def stems(words):
        use_rule_patterns(False)
        try:
            return [stemmer.stem_word(word) for word in words]
        finally:
            use_rule_patterns(True)
    return stems


def test_stems_are_those_of_the_library_on_a_large_word_list(library_path):
    words = word_list(6_000, seed=11)
    stemmer = sastrawi_stemmer()
    ours = [stemmer.stem_word(word) for word in words]
    assert ours == library_path(words)
    # The list really exercises the stemmer: most words lose an affix.
    assert sum(stem != word for stem, word in zip(ours, words)) > len(words) // 2


def test_known_stems_are_kept():
    stemmer = sastrawi_stemmer()
    assert [stemmer.stem_word(w) for w in ("pengarsipan", "memperkenalkan", "berbalas-balasan",
                                            "penagihan", "kebersamaannya")] == \
        ["arsip", "kenal", "balas", "tagih", "sama"]


def test_the_adapter_reaches_every_module_of_the_library_that_uses_regular_expressions():
    """If a Sastrawi release moves its rules or stops using ``re``, this fails before any stem changes."""
    sastrawi_stemmer()
    patched = use_rule_patterns(True)
    assert patched >= 45, f"only {patched} Sastrawi modules use re: the library changed shape"
    import Sastrawi.Stemmer.Context.Visitor.AbstractDisambiguatePrefixRule as rule_module
    assert rule_module.re is not re


def test_the_adapter_was_checked_against_the_pinned_release():
    # Another release may stem differently or use re differently: re-run this file's identity
    # test against it, then move the pin here and in pyproject.toml.
    assert metadata.version("PySastrawi") == "1.2.1"


def test_each_word_meets_only_the_prefix_rules_its_first_letter_allows():
    from kmapp.search.stemming import _prefix_rules, first_letters

    visitors = sastrawi_stemmer().visitor_provider.prefix_visitors
    assert len(visitors) >= 35
    # Every rule's letters could be read (a release that writes its rules otherwise fails here,
    # and the adapter would quietly try every rule again).
    assert [type(v).__name__ for v in visitors[1:] if first_letters(v) is None] == []
    assert first_letters(visitors[1]) == {"b", "r"}  # berV -> ber-V | be-rV
    assert len(_prefix_rules.by_letter["m"]) < len(visitors) // 2
    assert all(rules[0] is visitors[0] for rules in _prefix_rules.by_letter.values())


def test_a_word_meets_only_the_prefix_rules_its_first_three_letters_allow():
    from kmapp.search.stemming import _prefix_rules, rule_shapes

    visitors = sastrawi_stemmer().visitor_provider.prefix_visitors
    assert [type(v).__name__ for v in visitors[1:] if rule_shapes(v) is None] == []
    # meng-: the rules of mem-, men-, meny- and pe- are left out, those of meng- kept.
    meng = _prefix_rules.rules_for("men")
    assert len(meng) < len(_prefix_rules.by_letter["m"]) and visitors[0] in meng
    assert _prefix_rules.rules_for("pel") != _prefix_rules.rules_for("pen")
    # No prefix starts with "xyl": only the first rule, which always runs.
    assert _prefix_rules.rules_for("xyl") == [visitors[0]]
