from kmapp.search.analysis import (
    INDONESIAN_STOP_WORDS,
    analyze,
    distinct_words_text,
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


def test_distinct_words_text_deduplicates_case_insensitively():
    assert distinct_words_text("Arsip arsip ARSIP data", "data baru") == "arsip data baru"
