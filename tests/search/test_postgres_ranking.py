"""The PostgreSQL backend's postings (search_posting): ranking equals the Whoosh engine's BM25F on
the same documents (exact and through champion lists), and the rows follow every write, deletion
and rollback in the transaction that makes it."""
import datetime as dt
import random

import pytest
import sqlalchemy as sa

from kmapp.search.postgres import ranking as pg_ranking
from kmapp.search.postgres.postings import clear_statistics
from kmapp.search.postgres.searching import PostgresSearch
from kmapp.search.postgres.tables import FIELDS, create_search_tables, search_document, search_posting
from kmapp.search.postgres.writing import delete_documents, put_documents
from kmapp.search.searching import clear_caches, search
from kmapp.search.visibility import Viewer

from ..postgres_schema import URL, fresh_schema
from .conftest import ASSETS, build_index

pytestmark = pytest.mark.skipif(not URL, reason="TEST_DATABASE_URL is not set")

ADMIN = Viewer(is_admin=True)
WORDS = ("arsip dokumen pelayanan publik retribusi pasar keuangan anggaran kesehatan pendidikan "
         "jalan banjir sampah air bersih pajak daerah laporan kajian pedoman").split()


def corpus():
    """Thirty assets whose words recur with different frequencies, fields and lengths."""
    rng = random.Random(13)
    assets = []
    for number in range(30):
        body = " ".join(rng.choice(WORDS[: rng.randint(4, len(WORDS))]) for _ in range(rng.randint(3, 120)))
        assets.append({
            "asset_id": f"c{number}", "title": " ".join(rng.sample(WORDS, rng.randint(1, 4))),
            "summary": " ".join(rng.sample(WORDS, rng.randint(0, 6))), "body": body,
            "tags": rng.sample(WORDS, rng.randint(0, 2)), "agency": "BPRD", "asset_type": "kajian",
            "year": 2020 + number % 5, "visibility": "all", "published": dt.datetime(2024, 1, 1 + number % 28),
        })
    return assets


@pytest.fixture
def postgres():
    with fresh_schema() as url:
        engine = sa.create_engine(url)
        connection = engine.connect()
        create_search_tables(connection)
        connection.commit()
        clear_statistics()
        try:
            yield connection
        finally:
            connection.close()
            engine.dispose()


def ranked(target, text, **options):
    if isinstance(target, PostgresSearch):
        page = target.search(text, visible_to=ADMIN, **options)
    else:
        page = search(target, text, visible_to=ADMIN, **options)
    return [(hit.asset_id, round(hit.score, 6)) for hit in page.hits]


QUERIES = ["arsip", "pajak daerah", "banjir OR sampah OR kesehatan", '"air bersih"', "laporan -kajian",
           "pelayanan publik pasar"]


@pytest.mark.parametrize("text", QUERIES)
def test_ranking_and_scores_equal_the_whoosh_engine(postgres, tmp_path, text):
    assets = corpus()
    whoosh = build_index(tmp_path / "ix", assets)
    clear_caches()
    put_documents(postgres, assets)
    postgres.commit()
    ours = ranked(PostgresSearch(lambda: postgres), text, pagelen=20)
    assert ours  # the query finds something: the comparison is not vacuous
    assert ours == ranked(whoosh, text, pagelen=20)
    whoosh.close()


@pytest.mark.parametrize("text", ["arsip", "laporan -kajian", "banjir OR sampah", "pajak daerah"])
def test_champion_lists_rank_like_scoring_every_match(postgres, monkeypatch, text):
    put_documents(postgres, corpus())
    postgres.commit()
    searching = PostgresSearch(lambda: postgres)
    exact = ranked(searching, text, pagelen=3)
    assert searching.search(text, visible_to=ADMIN).total > 3  # more matches than the page
    monkeypatch.setattr(pg_ranking, "EXACT_SCORING_BUDGET", 0)  # champion lists (they cover everything)
    assert ranked(searching, text, pagelen=3) == exact
    monkeypatch.setattr(pg_ranking, "CHAMPION_SIZE", 1)  # too short to fill a page: every match scored
    assert ranked(searching, text, pagelen=3) == exact


def test_champion_candidates_that_do_not_match_are_left_out(postgres, monkeypatch):
    put_documents(postgres, corpus())
    postgres.commit()
    searching = PostgresSearch(lambda: postgres)
    monkeypatch.setattr(pg_ranking, "EXACT_SCORING_BUDGET", 0)
    holding = {term: {row.asset_id for row in postgres.execute(
        sa.select(search_document.c.asset_id).where(search_document.c.doc_id.in_(
            sa.select(search_posting.c.doc_id).where(search_posting.c.term == term))))} for term in ("lapor", "kaji")}
    assert holding["lapor"] & holding["kaji"]  # champion lists of "laporan" hold documents to leave out
    total = searching.search("laporan -kajian", visible_to=ADMIN).total
    shown = set()
    for page in range(1, (total - 1) // 2 + 1):  # pages before the last: fewer than all matches ranked
        shown |= {hit.asset_id for hit in searching.search("laporan -kajian", visible_to=ADMIN, page=page,
                                                           pagelen=2).hits}
    assert shown and not shown & holding["kaji"]
    assert shown <= holding["lapor"]


def postings_of(connection, asset_id):
    rows = connection.execute(
        sa.select(search_posting.c.field, search_posting.c.term, search_posting.c.weight)
        .join(search_document, search_document.c.doc_id == search_posting.c.doc_id)
        .where(search_document.c.asset_id == asset_id))
    return {(FIELDS[field], term, weight) for field, term, weight in rows}


def test_postings_follow_a_metadata_edit_in_its_transaction_and_a_rollback_restores_them(postgres):
    put_documents(postgres, ASSETS)
    postgres.commit()
    searching = PostgresSearch(lambda: postgres)
    assert "a2" not in dict(ranked(searching, "arsip", pagelen=20))
    before = postings_of(postgres, "a2")
    assert ("title", "tagih", 3.0) in before and ("body", "tagih", 1.0) in before
    put_documents(postgres, [dict(ASSETS[1], title="Arsip Arsip Pasar", visibility="agency")])
    after = postings_of(postgres, "a2")
    assert ("title", "arsip", 6.0) in after and ("title", "tagih", 3.0) not in after
    assert {row for row in after if row[0] == "body"} == {row for row in before if row[0] == "body"}
    # The same transaction already finds and ranks it by the new title, and hides it from others.
    assert dict(ranked(searching, "arsip", pagelen=20))["a2"] > 0
    assert "a2" not in {hit.asset_id for hit in searching.search("pasar", visible_to=Viewer()).hits}
    postgres.rollback()
    assert postings_of(postgres, "a2") == before
    assert "a2" in {hit.asset_id for hit in searching.search("pasar", visible_to=Viewer()).hits}


def test_a_new_body_replaces_its_postings_and_a_deletion_removes_them(postgres):
    put_documents(postgres, ASSETS)
    postgres.commit()
    searching = PostgresSearch(lambda: postgres)
    put_documents(postgres, [dict(ASSETS[0], body="Banjir rob di pesisir utara.")])
    body = {term for field, term, _ in postings_of(postgres, "a1") if field == "body"}
    assert body == {"banjir", "rob", "pesisir", "utara"}
    assert ranked(searching, "banjir")[0][0] == "a1"
    postgres.commit()
    doc_id = postgres.scalar(sa.select(search_document.c.doc_id).where(search_document.c.asset_id == "a1"))
    delete_documents(postgres, ["a1"])
    assert postgres.scalar(sa.select(sa.func.count()).select_from(search_posting)
                           .where(search_posting.c.doc_id == doc_id)) == 0
    assert searching.search("banjir", visible_to=ADMIN).total == 0
    postgres.rollback()
    assert searching.search("banjir", visible_to=ADMIN).total == 1


def test_a_search_leaves_the_transactions_planner_settings_as_they_were(postgres):
    put_documents(postgres, ASSETS)
    PostgresSearch(lambda: postgres).search("arsip", visible_to=ADMIN)
    assert postgres.scalar(sa.text("SELECT current_setting('enable_seqscan')")) == "on"
    postgres.execute(sa.text("SET LOCAL jit = off"))
    PostgresSearch(lambda: postgres).search("arsip", visible_to=ADMIN)
    assert postgres.scalar(sa.text("SELECT current_setting('jit')")) == "off"
