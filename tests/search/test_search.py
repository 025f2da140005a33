import datetime as dt

import pytest
from markupsafe import Markup

from kmapp.search.visibility import Viewer

from .conftest import ASSETS, build_index, search

PUBLIC = Viewer()
BPRD_MEMBER = Viewer(agency_code="BPRD")
ARSIPARIS = Viewer(agency_code="DISKOMINFO", community_ids=frozenset({1}))
ADMIN = Viewer(is_admin=True)


def ids(page):
    return {hit.asset_id for hit in page.hits}


def test_stemming_matches_affixed_forms(asset_index):
    assert ids(search(asset_index, "kearsipan", visible_to=PUBLIC)) == {"a1"}
    assert ids(search(asset_index, "tagihan", visible_to=PUBLIC)) == {"a2"}
    assert ids(search(asset_index, "penagihan", visible_to=PUBLIC)) == {"a2"}


def test_english_terms_are_findable(asset_index):
    assert ids(search(asset_index, "knowledge management", visible_to=PUBLIC)) == {"a1", "a2"}
    assert ids(search(asset_index, "Management", visible_to=PUBLIC)) == {"a1", "a2", "a3"}


def test_words_are_anded_by_default(asset_index):
    assert ids(search(asset_index, "arsip elektronik", visible_to=PUBLIC)) == {"a1"}


def test_or_operator(asset_index):
    page = search(asset_index, "retribusi OR pelayanan", visible_to=PUBLIC)
    assert ids(page) == {"a2", "a3"}


def test_minus_and_not_exclude(asset_index):
    assert ids(search(asset_index, "management -pasar", visible_to=PUBLIC)) == {"a1", "a3"}
    assert ids(search(asset_index, "management NOT pasar", visible_to=PUBLIC)) == {"a1", "a3"}


def test_lone_exclusion_lists_everything_else(asset_index):
    assert ids(search(asset_index, "-arsip", visible_to=PUBLIC)) == {"a2", "a3"}


def test_quoted_phrase_requires_adjacent_words(asset_index):
    assert ids(search(asset_index, '"community of practice"', visible_to=PUBLIC)) == {"a3"}
    assert search(asset_index, '"practice community"', visible_to=PUBLIC).total == 0


def test_phrase_tolerates_affixes_and_stop_words(asset_index):
    page = search(asset_index, '"pelayanan yang publik"', visible_to=PUBLIC)
    assert ids(page) == {"a3"}


@pytest.mark.parametrize("junk", ['"unclosed', "((", ")", "OR", "AND AND", "-", "a:b", "*", '""',
                                  "[a TO b]", "title:", "^2", "\\", "NOT", "~"])
def test_malformed_queries_never_raise(asset_index, junk):
    page = search(asset_index, junk, visible_to=PUBLIC)
    assert page.total >= 0


def test_blank_query_lists_visible_assets(asset_index):
    assert ids(search(asset_index, "  ", visible_to=PUBLIC)) == {"a1", "a2", "a3"}


def test_visibility_public_viewer(asset_index):
    page = search(asset_index, "arsip", visible_to=PUBLIC)
    assert ids(page) == {"a1"}
    assert page.total == 1
    assert dict(page.facets["agency"]) == {"DISKOMINFO": 1}


def test_agency_only_asset_counted_for_its_agency_only(asset_index):
    own = search(asset_index, "arsip", visible_to=BPRD_MEMBER)
    assert ids(own) == {"a1", "a4"}
    assert dict(own.facets["agency"]) == {"DISKOMINFO": 1, "BPRD": 1}
    other = search(asset_index, "arsip", visible_to=ARSIPARIS)
    assert "a4" not in ids(other)
    assert "BPRD" not in dict(other.facets["agency"])
    assert other.total == 2  # a1 and the community asset a5


def test_community_asset_visible_to_members_only(asset_index):
    assert "a5" in ids(search(asset_index, "arsiparis", visible_to=ARSIPARIS))
    assert "a5" not in ids(search(asset_index, "arsiparis", visible_to=BPRD_MEMBER))
    outsider = Viewer(agency_code="DISKOMINFO", community_ids=frozenset({2}))
    assert "a5" not in ids(search(asset_index, "arsiparis", visible_to=outsider))


def test_unknown_visibility_is_admin_only(asset_index):
    assert "a6" not in ids(search(asset_index, "rahasia", visible_to=BPRD_MEMBER))
    page = search(asset_index, "arsip", visible_to=ADMIN)
    assert ids(page) == {"a1", "a4", "a5", "a6"}
    assert page.total == 4


def test_facet_counts_follow_filters(asset_index):
    page = search(asset_index, "", visible_to=ADMIN)
    assert dict(page.facets["agency"]) == {"DISKOMINFO": 3, "BPRD": 3}
    assert dict(page.facets["year"]) == {2021: 1, 2022: 1, 2023: 2, 2024: 2}
    filtered = search(asset_index, "", visible_to=ADMIN, filters={"year": 2024})
    assert filtered.total == 2
    assert dict(filtered.facets["asset_type"]) == {"laporan": 1, "materi": 1}
    assert dict(filtered.facets["km_stage"]) == {"share": 2}


def test_filter_values_are_ored_within_a_field(asset_index):
    page = search(asset_index, "", visible_to=PUBLIC, filters={"asset_type": ["pedoman", "laporan"]})
    assert ids(page) == {"a1", "a2"}


def test_bad_filter_value_matches_nothing(asset_index):
    assert search(asset_index, "", visible_to=PUBLIC, filters={"year": "abc"}).total == 0


def test_unknown_filter_field_is_a_programming_error(asset_index):
    with pytest.raises(ValueError):
        search(asset_index, "", visible_to=PUBLIC, filters={"visibility": "all"})


def test_sort_newest_and_pagination(asset_index):
    first = search(asset_index, "", visible_to=PUBLIC, sort="newest", page=1, pagelen=2)
    second = search(asset_index, "", visible_to=PUBLIC, sort="newest", page=2, pagelen=2)
    assert [h.asset_id for h in first.hits] == ["a2", "a3"]
    assert [h.asset_id for h in second.hits] == ["a1"]
    assert first.total == second.total == 3
    assert first.page_count == 2


def test_page_beyond_the_end_is_empty(asset_index):
    page = search(asset_index, "", visible_to=PUBLIC, page=9)
    assert page.hits == [] and page.total == 3


def test_title_match_ranks_first(asset_index):
    page = search(asset_index, "pelayanan", visible_to=PUBLIC)
    assert page.hits[0].asset_id == "a3"


def test_hit_fields(asset_index):
    hit = search(asset_index, "retribusi", visible_to=PUBLIC).hits[0]
    assert hit.asset_id == "a2"
    assert hit.title == "Laporan Penagihan Retribusi Pasar"
    assert hit.agency_name == "Badan Pendapatan Daerah"
    assert hit.asset_type == "laporan" and hit.year == 2024


def test_snippet_is_safe_html_with_marks(asset_index):
    hit = search(asset_index, "management", visible_to=PUBLIC, filters={"asset_type": "materi"}).hits[0]
    assert isinstance(hit.snippet, Markup)
    assert "<mark>management</mark>" in hit.snippet
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet


def test_snippet_highlights_affixed_forms(asset_index):
    hit = search(asset_index, "arsip", visible_to=PUBLIC).hits[0]
    assert "<mark>diarsipkan</mark>" in hit.snippet


def test_snippet_falls_back_to_summary(asset_index):
    hit = search(asset_index, "evaluasi", visible_to=PUBLIC).hits[0]
    assert hit.snippet == Markup("<mark>Evaluasi</mark> tagihan retribusi tahun 2024.")


def test_excluded_words_are_not_highlighted(asset_index):
    hit = search(asset_index, "penagihan -amnesia", visible_to=PUBLIC).hits[0]
    assert "<mark>Penagihan</mark>" in hit.snippet


def test_did_you_mean_suggests_a_real_word_and_shows_its_results(asset_index):
    page = search(asset_index, "amnesai", visible_to=PUBLIC)
    assert page.suggestion == "amnesia"
    assert page.showing_results_for == "amnesia"
    assert ids(page) == {"a1"}
    assert page.query_text == "amnesai"


def test_did_you_mean_keeps_the_rest_of_the_query(asset_index):
    page = search(asset_index, "pedoman amnesai", visible_to=PUBLIC)
    assert page.suggestion == "pedoman amnesia"


def test_no_suggestion_for_words_that_exist(asset_index):
    page = search(asset_index, "amnesia", visible_to=PUBLIC)
    assert page.suggestion is None and page.showing_results_for is None


def test_suggestion_never_reveals_words_of_invisible_assets(asset_index):
    # "keuangan" only occurs in the BPRD agency-only asset a4.
    assert search(asset_index, "keuangn", visible_to=PUBLIC).suggestion is None
    assert search(asset_index, "keuangn", visible_to=BPRD_MEMBER).suggestion == "keuangan"


@pytest.mark.whoosh_only  # writes with Whoosh's writer (the postgres writer: test_postgres_backend.py)
def test_reindexing_replaces_a_document(build):
    index = build(ASSETS[:1])
    changed = dict(ASSETS[0], title="Judul Baru Sekali", visibility="agency")
    with index.writer() as writer:
        from kmapp.search.schema import document_fields
        writer.update_document(**document_fields(changed))
    assert search(index, "", visible_to=PUBLIC).total == 0
    assert [h.title for h in search(index, "", visible_to=ADMIN).hits] == ["Judul Baru Sekali"]
    index.close()


def _copies(count, **fields):
    """`count` assets of one CoP each (cop n), visible to all, with ``fields`` in common."""
    return [{"asset_id": f"c{n}", "title": f"Panduan Banjir {n}", "body": "Evakuasi saat banjir.",
             "agency": f"AG{n}", "cop": n, "asset_type": "sop", "year": 2025, "visibility": "all",
             "published": dt.datetime(2025, 1, 1 + n), **fields} for n in range(1, count + 1)]


def test_identical_files_are_one_row_and_still_count_as_assets(build):
    index = build(_copies(10, file_sha256=["ab" * 32]) + ASSETS)
    page = search(index, "banjir", visible_to=PUBLIC)
    assert page.total == 10 and page.group_count == 1 and len(page.hits) == 1
    assert page.hits[0].similar_total == 9 and len(page.hits[0].similar) == 9
    assert page.hits[0].similar_from_other_cops
    assert dict(page.facets["asset_type"]) == {"sop": 10} and sum(dict(page.facets["agency"]).values()) == 10


def test_same_title_groups_across_cops_only_and_groups_are_components_of_the_matches(build):
    docs = _copies(3, title="Laporan Kegiatan Triwulan III") + [
        {"asset_id": "same-cop", "title": "laporan kegiatan, triwulan III!", "body": "Banjir lagi.", "cop": 1,
         "visibility": "all"},
        {"asset_id": "lone1", "title": "Notulen", "body": "Banjir satu.", "cop": 9, "visibility": "all"},
        {"asset_id": "lone2", "title": "Notulen", "body": "Banjir dua.", "cop": 9, "visibility": "all"},
    ]
    index = build(docs)
    page = search(index, "banjir", visible_to=PUBLIC)
    assert page.total == 6 and page.group_count == 3
    grouped = next(hit for hit in page.hits if hit.similar_total)
    assert grouped.similar_total == 3  # the three copies and "same-cop": cops 1, 2, 3 and 1
    assert grouped.similar_from_other_cops == all(other.cop != grouped.cop for other in grouped.similar)
    # Matching only one CoP's copies: nothing from two CoPs, nothing grouped.
    assert search(index, "banjir", visible_to=PUBLIC, filters={"cop": "1"}).group_count == 2


def test_pages_count_groups_and_a_group_is_never_split(build):
    docs = _copies(5, file_sha256=["cd" * 32]) + [
        {"asset_id": f"x{n}", "title": f"Catatan Banjir {n}", "body": "Banjir.", "cop": 50 + n, "visibility": "all",
         "published": dt.datetime(2024, 1, 1 + n)} for n in range(4)]
    index = build(docs)
    pages = [search(index, "banjir", visible_to=PUBLIC, page=n, pagelen=2, sort="newest") for n in (1, 2, 3)]
    assert [page.page_count for page in pages] == [3, 3, 3] and [len(page.hits) for page in pages] == [2, 2, 1]
    shown = [a for page in pages for hit in page.hits for a in (hit.asset_id, *(s.asset_id for s in hit.similar))]
    assert sorted(shown) == sorted(doc["asset_id"] for doc in docs)


def test_grouping_keys_ignore_case_punctuation_and_file_order():
    from kmapp.search.similar import content_key, title_key
    assert title_key("Rangkuman: Rapat-Koordinasi") == title_key("rangkuman rapat  koordinasi") != 0
    assert title_key("") == title_key("  ?! ") == 0
    assert content_key(["AA" * 32, "bb" * 32]) == content_key(["bb" * 32, "aa" * 32]) != content_key(["aa" * 32])
    assert content_key([]) == 0


def test_a_big_group_lists_a_dozen_by_agency_and_counts_the_rest(build):
    from kmapp.search.searching import SIMILAR_SHOWN
    index = build(_copies(SIMILAR_SHOWN + 5, file_sha256=["ef" * 32]))
    hit = search(index, "banjir", visible_to=PUBLIC).hits[0]
    assert hit.similar_total == SIMILAR_SHOWN + 4 and len(hit.similar) == SIMILAR_SHOWN
    assert [other.agency for other in hit.similar] == sorted(other.agency for other in hit.similar)
