"""Drains commit without merging; merges happen when idle or by command; rebuilds in several
processes; the words of "did you mean" follow every path that writes documents."""
import pytest

from kmapp.search import store
from kmapp.search.indexing import merge_when_idle, segment_count
from kmapp.search.rebuild import reindex
from kmapp.search.vocabulary import Vocabulary

from ..fixtures_assets import act_as  # noqa: F401  (fixture)
from ..fixtures_assets import asset_form, pdf_bytes, upload
from ..fixtures_search import indexed_documents, search_page

pytestmark = pytest.mark.whoosh_only  # segments, merges and the word file of Whoosh generations


def _upload(client, world, title, text):
    response = upload(client, asset_form(world.cop_a, world.meeting_a, title=title),
                      (pdf_bytes(text), "berkas.pdf"))
    assert response.status_code == 302


def _vocabulary(app):
    with app.app_context():
        return Vocabulary(store.index_root() / store.current_generation())


def test_each_drain_adds_a_segment_and_the_idle_worker_merges_them(app, client, act_as, world):
    act_as("lead_a")
    with app.app_context():
        app.config["SEARCH_MERGE_AT_SEGMENTS"] = 100
        start = segment_count()
    for number in range(4):
        _upload(client, world, f"Laporan arsip {number}", f"Penyusutan arsip tahap {number}.")
    with app.app_context():
        many = segment_count()
        assert many >= start + 3  # one segment per drain, none merged
        app.config["SEARCH_MERGE_AT_SEGMENTS"] = 4
        assert merge_when_idle() is True
        assert segment_count() < many
        assert merge_when_idle() is False  # few segments now: nothing to do
    assert len(indexed_documents(app)) >= 4


def test_search_merge_command_merges_everything_into_one_segment(app, client, act_as, world, runner):
    act_as("lead_a")
    for number in range(3):
        _upload(client, world, f"Notulen {number}", "Kearsipan dinamis.")
    result = runner.invoke(args=["search-merge", "--all"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert segment_count() == 1
    assert "-> 1" in result.output


def test_a_rebuild_in_two_processes_holds_the_same_documents_and_words(app, client, act_as, world):
    act_as("lead_a")
    for number in range(6):
        _upload(client, world, f"Pedoman amnesia institusional {number}", f"Pengarsipan berkas {number}.")
    before = indexed_documents(app)
    with app.app_context():
        report = reindex(processes=2)
    assert report.documents == len(before)
    assert indexed_documents(app) == before
    assert {"amnesia", "institusional", "pengarsipan", "berkas"} <= _vocabulary(app).known(
        ["amnesia", "institusional", "pengarsipan", "berkas", "tidakada"])
    page = search_page(client, "amnesai").get_data(as_text=True)
    assert "amnesia" in page  # did you mean, from the rebuilt generation's words


def test_the_drain_adds_the_words_of_new_documents_to_the_vocabulary(app, client, act_as, world):
    act_as("lead_a")
    _upload(client, world, "Retensi", "Penyusutan dokumen kepegawaian.")
    assert {"penyusutan", "kepegawaian"} <= _vocabulary(app).known(["penyusutan", "kepegawaian"])


def test_changing_a_meetings_seci_stages_reindexes_its_assets(app, client, act_as, world):
    from ..fixtures_communities import meeting_fields

    act_as("lead_a")
    _upload(client, world, "SOP rujukan", "Alur rujukan pasien.")
    act_as("admin")
    response = client.post(f"/meetings/{world.meeting_a}/edit",
                           data=meeting_fields(seci_stages=["externalization", "combination"]))
    assert response.status_code == 302
    stages = {fields["seci_stage"] for fields in indexed_documents(app).values() if fields["title"] == "SOP rujukan"}
    assert stages == {"externalization,combination"}


def test_check_sees_a_document_whose_meeting_changed_without_its_asset(app, client, act_as, world):
    from kmapp.extensions import db
    from kmapp.models import Meeting
    from kmapp.search.rebuild import compare

    act_as("lead_a")
    _upload(client, world, "SOP rujukan", "Alur rujukan pasien.")
    with app.app_context():
        assert compare().in_step
        # A change that reaches the database by a path that forgot the outbox: the asset's
        # own row (and its timestamp) is untouched, only what its document is made of.
        db.session.get(Meeting, world.meeting_a).set_seci_stages(["internalization"])
        db.session.commit()
        differences = compare()
        assert differences.stale and not differences.missing and not differences.extra
        reindex()
        assert compare().in_step
