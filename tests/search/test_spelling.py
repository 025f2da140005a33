from kmapp.search.spelling import single_edits


def test_single_edits_cover_the_four_kinds_of_typo():
    edits = single_edits("arsip")
    assert {"arsp", "arsipp", "arsio", "arisp"} <= edits  # del, ins, sub, transpose
    assert "rasip" in edits  # first two letters swapped
    assert "arsip" not in edits


def test_single_edits_keep_the_first_letter_otherwise():
    assert all(edit[0] == "a" or edit.startswith("ra") for edit in single_edits("arsip"))
