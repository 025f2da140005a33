"""The demo catalogue is consistent: 51 agencies, one CoP each, valid values, searchable text."""
import ast
import dataclasses
from datetime import date
from pathlib import Path

import pytest

from kmapp.demo import agencies as agencies_module
from kmapp.demo import catalogue
from kmapp.demo.catalogue import (
    AGENCIES,
    AGENCY_KINDS,
    ASSET_TYPES,
    ASSETS,
    BODY_ONLY_ASSET_TITLE,
    COMMUNITIES,
    GENERIC_MEETING_TOPICS,
    KM_STAGES,
    MEETING_FORMATS,
    MEETING_TOPICS,
    SECI_STAGES,
    AssetSeed,
    MeetingSeed,
    agency_by_code,
    community_by_name,
)

NAMED_COPS = {"JIKA Community": "BIRO-PLH", "Jaksel Archives": "KOTA-JAKSEL", "JAK-HIGH": "DINKES"}
COMMUNITY_NAMES = {c.name for c in COMMUNITIES}


def _quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


# --- agencies --------------------------------------------------------------------------

def test_there_are_51_agencies_with_unique_codes_and_names():
    assert len(AGENCIES) == 51
    assert len({a.code for a in AGENCIES}) == 51
    assert len({a.name for a in AGENCIES}) == 51


def test_agency_fields_are_well_formed():
    for agency in AGENCIES:
        assert agency.code == agency.code.upper() and len(agency.code) <= 32, agency
        assert agency.kind in AGENCY_KINDS, agency
        assert agency.headcount > 0, agency
    # AGENCY_KINDS lists exactly the kinds used
    assert set(AGENCY_KINDS) == {a.kind for a in AGENCIES}


def test_headcount_total_is_about_65000():
    assert 60_000 <= sum(a.headcount for a in AGENCIES) <= 70_000


def test_expected_real_agencies_are_present():
    names = {a.name for a in AGENCIES}
    for name in ("Dinas Kesehatan", "Dinas Pendidikan", "Biro Pembangunan dan Lingkungan Hidup",
                 "Badan Pengembangan Sumber Daya Manusia", "Kota Administrasi Jakarta Selatan",
                 "Kabupaten Administrasi Kepulauan Seribu", "Sekretariat DPRD", "Inspektorat"):
        assert name in names
    assert agency_by_code("BPSDM").name == "Badan Pengembangan Sumber Daya Manusia"
    with pytest.raises(KeyError):
        agency_by_code("NOPE")


# --- communities -----------------------------------------------------------------------

def test_one_community_per_agency():
    assert len(COMMUNITIES) == 51
    assert len(COMMUNITY_NAMES) == 51
    codes = [c.agency_code for c in COMMUNITIES]
    assert sorted(codes) == sorted(a.code for a in AGENCIES)


def test_community_texts_are_filled_in():
    for community in COMMUNITIES:
        assert len(community.name) <= 200
        assert community.theme.endswith("."), community.name
        assert 2 <= community.description.count(". ") + 1 <= 3, community.name


@pytest.mark.parametrize("name,agency_code", sorted(NAMED_COPS.items()))
def test_named_communities_belong_to_the_right_agency(name, agency_code):
    assert community_by_name(name).agency_code == agency_code


def test_named_community_themes():
    assert "SIPPT/IPPT/IPPR" in community_by_name("JIKA Community").theme
    jaksel = community_by_name("Jaksel Archives").theme
    assert "SIKD" in jaksel and "SRCA" in jaksel
    assert "diabetes" in community_by_name("JAK-HIGH").theme


# --- meetings --------------------------------------------------------------------------

def test_meeting_topics_cover_the_named_communities_across_2025():
    assert set(MEETING_TOPICS) == set(NAMED_COPS)
    for name, meetings in MEETING_TOPICS.items():
        assert len(meetings) >= 4, name
        assert all(m.held_on.year == 2025 for m in meetings), name
        assert {_quarter(m.held_on) for m in meetings} == {1, 2, 3, 4}, name
        assert all(m.held_on.weekday() < 5 for m in meetings), "meetings fall on working days"


def test_meeting_values_are_valid():
    for meetings in MEETING_TOPICS.values():
        for meeting in meetings:
            assert meeting.format in MEETING_FORMATS
            assert meeting.seci_stages and set(meeting.seci_stages) <= set(SECI_STAGES)
            assert len(set(meeting.seci_stages)) == len(meeting.seci_stages)
            assert meeting.head_count > 0 and len(meeting.topic) <= 300
            assert meeting.agenda.startswith("1. ")
            assert meeting.minutes_md.startswith("## ") and "\n- " in meeting.minutes_md


def test_the_500_participant_hybrid_meeting():
    big = [m for m in MEETING_TOPICS["JAK-HIGH"] if m.held_on == date(2025, 11, 10)]
    assert len(big) == 1
    assert big[0].format == "hybrid" and big[0].head_count == 500


def test_generic_topics():
    assert len(GENERIC_MEETING_TOPICS) >= 20
    assert len({t.topic for t in GENERIC_MEETING_TOPICS}) == len(GENERIC_MEETING_TOPICS)
    topic, agenda = GENERIC_MEETING_TOPICS[0]
    assert topic and agenda.startswith("1. ")


# --- assets ----------------------------------------------------------------------------

def test_assets_are_valid():
    assert 35 <= len(ASSETS) <= 45
    assert len({a.title for a in ASSETS}) == len(ASSETS)
    for asset in ASSETS:
        assert asset.community_name in COMMUNITY_NAMES, asset.title
        assert asset.asset_type in ASSET_TYPES, asset.title
        assert asset.km_stage in KM_STAGES, asset.title
        assert asset.tags and all(t == t.lower() and len(t) <= 60 for t in asset.tags), asset.title
        assert len(set(asset.tags)) == len(asset.tags), asset.title
        assert 3 <= len(asset.body.split("\n\n")) <= 8, asset.title
        assert asset.summary and len(asset.title) <= 300


def test_assets_use_every_type_and_stage():
    assert {a.asset_type for a in ASSETS} == set(ASSET_TYPES)
    assert {a.km_stage for a in ASSETS} == set(KM_STAGES)


def test_asset_meeting_topics_refer_to_real_meetings():
    for asset in ASSETS:
        if asset.meeting_topic:
            topics = {m.topic for m in MEETING_TOPICS[asset.community_name]}
            assert asset.meeting_topic in topics, asset.title


@pytest.mark.parametrize("community,asset_type,word", [
    ("JIKA Community", "technical_guide", "fasum"),
    ("JIKA Community", "lesson_learned", "aset negara"),
    ("Jaksel Archives", "sop", "tiktok"),
    ("Jaksel Archives", "technical_guide", "srca"),
    ("JAK-HIGH", "module", "diabetes"),
    ("JAK-HIGH", "report", "500"),
])
def test_required_assets_of_named_communities(community, asset_type, word):
    assert any(a.community_name == community and a.asset_type == asset_type
               and word in a.title.lower() for a in ASSETS)


def test_most_assets_belong_to_other_communities():
    others = {a.community_name for a in ASSETS} - set(NAMED_COPS)
    assert len(others) >= 20


def test_body_only_asset_is_found_only_through_its_body():
    holders = [a for a in ASSETS if "diarsipkan" in a.body.lower()]
    assert [a.title for a in holders] == [BODY_ONLY_ASSET_TITLE]
    asset = holders[0]
    for text in (asset.title, asset.summary, " ".join(asset.tags)):
        assert "arsip" not in text.lower()


def test_diarsipkan_appears_nowhere_else():
    texts = [m.topic + m.agenda + m.minutes_md for ms in MEETING_TOPICS.values() for m in ms]
    texts += [t.topic + t.agenda for t in GENERIC_MEETING_TOPICS]
    texts += [a.title + a.summary + " ".join(a.tags) for a in ASSETS]
    texts += [a.body for a in ASSETS if a.title != BODY_ONLY_ASSET_TITLE]
    texts += [c.name + c.theme + c.description for c in COMMUNITIES]
    assert not any("diarsipkan" in text.lower() for text in texts)


def test_bodies_carry_the_vocabulary_search_tests_rely_on():
    bodies = " ".join(a.body for a in ASSETS)
    for phrase in ("amnesia institusi", "Knowledge Management", "Community of Practice",
                   "pengarsipan", "kearsipan", "penagihan", "tagihan"):
        assert phrase in bodies, phrase


# --- module hygiene --------------------------------------------------------------------

def test_records_are_frozen():
    for record in (AGENCIES[0], COMMUNITIES[0], ASSETS[0], MEETING_TOPICS["JAK-HIGH"][0]):
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.name = "x"  # type: ignore[misc]
    assert dataclasses.is_dataclass(AssetSeed) and dataclasses.is_dataclass(MeetingSeed)


def test_modules_import_only_the_standard_library():
    allowed = {"dataclasses", "datetime", "textwrap"}
    for module in (agencies_module, catalogue):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert {alias.name.split(".")[0] for alias in node.names} <= allowed
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                assert node.module.split(".")[0] in allowed, node.module
