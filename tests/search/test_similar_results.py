"""Issue 12, point 2: identical results are grouped, totals and facets keep counting assets."""
import re

import pytest
from bs4 import BeautifulSoup

from kmapp.search import store
from kmapp.search.rebuild import compare, reindex
from kmapp.search.schema import build_schema

from ..fixtures_assets import act_as  # noqa: F401  (fixture)
from ..fixtures_assets import asset_form, pdf_bytes
from ..fixtures_search import add_communities, indexed_documents, search_page, total_of, upload_to

FLOOD_GUIDE = pdf_bytes("Panduan tanggap darurat banjir: evakuasi, posko, logistik.")


@pytest.fixture
def admin_uploads(app, act_as):
    """The admin may upload to any CoP; no meeting needed in these tests."""
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2999-01-01"
    return act_as("admin")


def _rows(html):
    """[(title, [similar asset links])] of the hits on the page."""
    soup = BeautifulSoup(html, "html.parser")
    return [(hit.select_one(".hit-title").get_text(), [a["href"] for a in hit.select(".similar a")])
            for hit in soup.select("li.hit")]


def _facet(html, heading):
    """{label: count} of one facet; the complete list when some are behind "lihat semua"."""
    shown = BeautifulSoup(html, "html.parser").find("h2", string=heading).find_next_sibling("ul")
    more = shown.find_next_sibling()
    items = (more if more is not None and more.name == "details" else shown).find_all("li")
    return {li.find(["a", "strong"]).get_text(): int(re.search(r"\((\d+)\)", li.get_text()).group(1)) for li in items}


def test_ten_identical_files_from_ten_cops_are_one_row_counted_as_ten_assets(app, client, act_as, admin_uploads,
                                                                                world):
    cops = add_communities(app, 10)
    for number, cop in enumerate(cops):  # each agency names its copy its own way
        upload_to(client, cop, f"Panduan Tanggap Banjir {number}", FLOOD_GUIDE, asset_type="sop")
    upload_to(client, world.cop_a, "Laporan Banjir Kemang", pdf_bytes("Genangan banjir di Kemang."),
              asset_type="report")
    act_as("employee")
    page = search_page(client, "banjir").get_data(as_text=True)
    rows = _rows(page)
    assert total_of(page) == 11 and len(rows) == 2
    grouped = [similar for _title, similar in rows if similar]
    assert len(grouped) == 1 and len(set(grouped[0])) == 9
    assert "+ 9 aset serupa dari CoP lain" in page and "(2 baris: aset serupa dikelompokkan)" in page
    assert _facet(page, "Jenis aset") == {"SOP": 10, "Laporan": 1}
    agencies = _facet(page, "Perangkat daerah")
    assert sum(agencies.values()) == 11 and agencies["Dinas Kesehatan"] == 1 and len(agencies) == 11
    assert "Halaman" not in page  # two rows: one page
    only_sop = search_page(client, "banjir", type="sop").get_data(as_text=True)
    assert total_of(only_sop) == 10 and len(_rows(only_sop)) == 1
    partial = search_page(client, "banjir", htmx=True).get_data(as_text=True)
    assert "+ 9 aset serupa dari CoP lain" in partial and "<html" not in partial


def test_same_title_from_different_cops_is_grouped_but_repeats_within_one_cop_are_not(app, client, act_as,
                                                                                      admin_uploads, world):
    cops = add_communities(app, 2)
    titles = ["Rangkuman Rapat Koordinasi", "RANGKUMAN: rapat koordinasi", "Rangkuman  Rapat-Koordinasi"]
    for number, (cop, title) in enumerate(zip([world.cop_a] + cops, titles)):
        upload_to(client, cop, title, pdf_bytes(f"Koordinasi rapat ke-{number}: isi yang berbeda."))
    for number in range(2):
        upload_to(client, world.cop_b, "Notulen Koordinasi Internal", pdf_bytes(f"Catatan koordinasi {number}."))
    act_as("employee")
    page = search_page(client, "koordinasi").get_data(as_text=True)
    rows = _rows(page)
    assert total_of(page) == 5 and len(rows) == 3
    assert sorted(len(similar) for _title, similar in rows) == [0, 0, 2]
    assert "+ 2 aset serupa dari CoP lain" in page
    assert [title for title, _ in rows].count("Notulen Koordinasi Internal") == 2


def test_groups_never_split_across_pages(app, client, act_as, admin_uploads, world):
    cops = add_communities(app, 10)
    for cop in cops:
        upload_to(client, cop, "Panduan Tanggap Banjir", FLOOD_GUIDE)
    for number in range(12):
        upload_to(client, world.cop_a, f"Catatan Banjir {number:02d}", pdf_bytes(f"Catatan banjir nomor {number}."))
    act_as("employee")
    seen = []
    for sort in ("relevance", "newest"):
        first = search_page(client, "banjir", sort=sort).get_data(as_text=True)
        second = search_page(client, "banjir", sort=sort, page=2).get_data(as_text=True)
        assert total_of(first) == total_of(second) == 22
        assert "Halaman 1 dari 2" in first and "Halaman 2 dari 2" in second
        rows = _rows(first) + _rows(second)
        assert len(_rows(first)) == 10 and len(_rows(second)) == 3
        links = re.findall(r'class="hit-title" href="(/assets/\d+)"', first + second)
        links += [href for _title, similar in rows for href in similar]
        assert len(links) == len(set(links)) == 22  # every asset once, the group whole on one page
        seen.append(links)
    assert set(seen[0]) == set(seen[1])


def test_a_similar_asset_the_viewer_may_no_longer_open_is_not_listed(app, client, act_as, admin_uploads, world):
    cops = add_communities(app, 1)
    narrowed = upload_to(client, world.cop_a, "Panduan Banjir", FLOOD_GUIDE)
    upload_to(client, world.cop_b, "Panduan Banjir", FLOOD_GUIDE)
    upload_to(client, cops[0], "Panduan Banjir", FLOOD_GUIDE)
    app.config["JOBS_WORKER"] = "external"  # the index keeps the old state: nothing drains
    response = client.post(f"/assets/{narrowed}/edit", data=asset_form(world.cop_a, None, title="Panduan Banjir",
                                                                     visibility="community"))
    assert response.status_code == 302
    act_as("employee")
    page = search_page(client, "banjir").get_data(as_text=True)
    rows = _rows(page)
    assert total_of(page) == 2 and len(rows) == 1 and len(rows[0][1]) == 1
    assert f"/assets/{narrowed}" not in page and "+ 1 aset serupa dari CoP lain" in page


@pytest.mark.whoosh_only  # an old Whoosh generation
def test_an_index_older_than_the_grouping_columns_keeps_working_until_reindex_adds_them(app, client, act_as,
                                                                                       admin_uploads, world):
    old_schema = build_schema()
    for name in ("content_key", "title_key", "cop_number"):
        old_schema.remove(name)
    with app.app_context():
        root = store.index_root()
        generation = store.new_generation(root)
        (root / generation).mkdir(exist_ok=True)
        from whoosh.filedb.filestore import FileStorage
        FileStorage(str(root / generation), supports_mmap=False).create_index(old_schema).close()
        store.point_to(root, generation)
    for cop in (world.cop_a, world.cop_b):
        upload_to(client, cop, "Panduan Tanggap Banjir", FLOOD_GUIDE)
    assert len(indexed_documents(app)) == 2  # written without the new fields
    act_as("employee")
    assert len(_rows(search_page(client, "banjir").get_data(as_text=True))) == 2  # nothing grouped yet
    with app.app_context():
        assert compare().missing_fields == ["content_key", "cop_number", "title_key"]
        assert not compare().in_step
        reindex()
        assert compare().in_step
    page = search_page(client, "banjir").get_data(as_text=True)
    assert total_of(page) == 2 and len(_rows(page)) == 1 and "+ 1 aset serupa dari CoP lain" in page
