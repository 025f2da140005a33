from hypothesis import given, settings, strategies as st
from kmapp.search.analysis import (
    INDONESIAN_STOP_WORDS,
    analyze,
    surface_words,
    stem_word,
    surface_analyzer,
)


def test_archive_family_shares_one_term():
    terms = {analyze(word)[0] for word in ["pengarsipan", "arsip", "diarsipkan", "kearsipan"]}
    assert terms == {"arsip"}


def test_billing_forms_share_one_term():
    assert analyze("penagihan") == analyze("tagihan") == ["tagih"]


def test_english_words_survive_consistently():
    assert analyze("Knowledge Management") == ["knowledge", "management"]
    assert analyze("Community of Practice") == ["community", "of", "practice"]
    assert analyze("management") == analyze("MANAGEMENT")


def test_stop_words_are_dropped_but_not_english_content():
    assert analyze("yang dan di ke dari untuk dengan pada ini itu adalah") == []
    assert analyze("arsip yang baik") == ["arsip", "baik"]
    assert "management" not in INDONESIAN_STOP_WORDS
    assert len(INDONESIAN_STOP_WORDS) >= 150


def test_positions_are_renumbered_after_stop_words():
    # Whoosh reuses one Token object, so read the values while iterating.
    tokens = [(t.text, t.pos) for t in surface_analyzer()("arsip yang elektronik", positions=True)]
    assert tokens == [("arsip", 0), ("elektronik", 1)]


def test_numbers_codes_and_short_words_are_not_stemmed():
    assert stem_word("2024") == "2024"
    assert stem_word("uu11") == "uu11"
    assert stem_word("dia") == "dia"


def test_unknown_words_pass_through_unchanged():
    assert stem_word("kalupasento") == "kalupasento"
    assert stem_word("dashboard") == "dashboard"


def test_stem_cache_is_bounded():
    assert stem_word.cache_info().maxsize == 200_000


def test_surface_analyzer_keeps_readable_words():
    assert analyze("Pengetahuan Café", surface_analyzer()) == ["pengetahuan", "cafe"]


def test_surface_words_are_the_distinct_terms_without_stop_words():
    assert surface_words("Arsip arsip ARSIP dan data", None, "data baru Café") == {"arsip", "data", "baru", "cafe"}


TEXTS = [
    "Pengarsipan dokumen yang DIARSIPKAN oleh Dinas Kearsipan, 1.000.000 lembar di jakarta.go.id",
    "Café naïve résumé: Über die Ölpreise dan kebijakan publik untuk warga",
    "Knowledge Management & Community of Practice — best practice, lesson learned!",
    "yang dan di ke dari a b c arsip x y z pengelolaan arsip elektronik",
    "berbalas-balasan memperkenalkan penagihan kebersamaannya UU11/2024 İstanbul ß",
    "", "   ", "dan yang", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 数据 данные арсип",
]
OPTIONS = [
    {}, {"positions": True}, {"positions": True, "chars": True},
    {"positions": True, "chars": True, "removestops": False},
    {"positions": True, "keeporiginal": True, "start_pos": 7, "start_char": 100, "mode": "query"},
    {"chars": True, "removestops": False, "mode": "index"},
    {"positions": True, "tokenize": False},
]


def token_tuples(analyzer, text, options):
    return [(t.text, getattr(t, "pos", None), getattr(t, "startchar", None), getattr(t, "endchar", None),
             t.stopped, getattr(t, "original", None)) for t in analyzer(text, **options)]


def test_the_one_pass_analyzers_give_exactly_the_tokens_of_whooshs_chain():
    from kmapp.search.analysis import indonesian_analyzer, stemmed_chain, surface_chain

    for one_pass, chain in ((indonesian_analyzer(), stemmed_chain()), (surface_analyzer(), surface_chain())):
        for text in TEXTS:
            for options in OPTIONS:
                assert token_tuples(one_pass, text, options) == token_tuples(chain, text, options), (text, options)
    assert [t.text for t in indonesian_analyzer()(TEXTS[0])][:3] == ["arsip", "dokumen", "arsip"]


WORDS = ["yang", "dan", "Arsip", "pengarsipan", "DIKELOLA", "café", "uu11", "1.000", "a", "x", "the",
         "jakarta.go.id", "berbalas-balasan", "İ", "ß", "knowledge", "—", ",", "  ", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=30),
       st.sampled_from(OPTIONS[:-1]))
def test_the_one_pass_analyzer_matches_the_chain_on_generated_text(pieces, options):
    from kmapp.search.analysis import indonesian_analyzer, stemmed_chain

    text = " ".join(pieces)
    assert token_tuples(indonesian_analyzer(), text, options) == token_tuples(stemmed_chain(), text, options)
