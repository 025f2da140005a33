"""Issue 12, point 1: search never hides why it found nothing.

Active filters are always shown as removable chips, the page's box keeps exactly those,
"Cari tanpa saringan (N)" on 0 hits, one search box on /search, the agency facet with the
viewer's own agency first and every agency behind "lihat semua", CoP/SECI/tag filters.
"""
import re

from bs4 import BeautifulSoup

from kmapp.extensions import db
from kmapp.models import Meeting

from ..fixtures_assets import act_as  # noqa: F401  (fixture)
from ..fixtures_assets import asset_form, pdf_bytes, upload
from ..fixtures_search import (add_communities, form_fields, search_page, submit_search_form, total_of,
                               upload_to)


def _upload(client, world, title, text, cop="cop_a", meeting="meeting_a", **fields):
    response = upload(client, asset_form(getattr(world, cop), getattr(world, meeting), title=title, **fields),
                      (pdf_bytes(text), f"{title}.pdf"))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _sop_and_flood_assets(client, act_as, world):
    act_as("lead_a")
    _upload(client, world, "SOP Pengangkutan Sampah", "Prosedur pengangkutan sampah harian.", asset_type="sop")
    _upload(client, world, "SOP Penerimaan Surat", "Prosedur penerimaan surat masuk.", asset_type="sop")
    _upload(client, world, "Laporan Banjir Kemang", "Genangan banjir di Kemang.", asset_type="report")
    _upload(client, world, "Pembelajaran Banjir Cawang", "Evakuasi warga saat banjir.", asset_type="lesson_learned")
    _upload(client, world, "Praktik Baik Pompa Banjir", "Pompa air menahan banjir.", asset_type="best_practice")
    act_as("employee")


def _chips(html):
    """[(text, remove href)] of the active-filter chips."""
    soup = BeautifulSoup(html, "html.parser")
    return [(" ".join(chip.get_text(" ").split()), chip.find("a")["href"])
            for chip in soup.select(".filter-chip")]


def _link(html, text):
    soup = BeautifulSoup(html, "html.parser")
    found = soup.find("a", string=re.compile(re.escape(text)))
    assert found is not None, f"no link {text!r}"
    return found["href"]


def test_issue_12_a_new_query_in_the_page_box_shows_the_kept_filter_and_the_search_without_it(app, client, act_as,
                                                                                                world):
    _sop_and_flood_assets(client, act_as, world)
    assert total_of(search_page(client, "banjir").get_data(as_text=True)) == 3
    first = search_page(client, "sop").get_data(as_text=True)
    sop_only = client.get(re.search(r'href="([^"]*type=sop[^"]*)">SOP</a>', first).group(1).replace("&amp;", "&"))
    for htmx in (False, True):  # Enter in the box, or search-as-you-type
        typed = submit_search_form(client, sop_only.get_data(as_text=True), "banjir", htmx=htmx).get_data(as_text=True)
        assert total_of(typed) == 0
        chips = _chips(typed)
        assert [text for text, _remove in chips] == ["Jenis aset: SOP × Hapus saringan Jenis aset: SOP"]
        removed = client.get(chips[0][1]).get_data(as_text=True)
        assert total_of(removed) == 3 and not _chips(removed)
        assert "Cari tanpa saringan (3)" in typed
        assert total_of(client.get(_link(typed, "Cari tanpa saringan")).get_data(as_text=True)) == 3


def test_chips_show_with_zero_hits_each_removes_only_itself_and_no_offer_when_nothing_matches_at_all(
        app, client, act_as, world):
    _sop_and_flood_assets(client, act_as, world)
    page = search_page(client, "banjir", type="video", agency="DINKES").get_data(as_text=True)
    assert total_of(page) == 0
    chips = _chips(page)
    assert [text.split(" ×")[0] for text, _ in chips] == ["Perangkat daerah: Dinas Kesehatan", "Jenis aset: Video"]
    assert "type=video" in chips[0][1] and "agency=" not in chips[0][1]
    assert "agency=DINKES" in chips[1][1] and "type=" not in chips[1][1]
    assert "Cari tanpa saringan (3)" in page and "Hapus semua saringan" in page
    nothing = search_page(client, "zzzzqx", type="video").get_data(as_text=True)
    assert _chips(nothing) and "Cari tanpa saringan" not in nothing
    blank = search_page(client, "", type="video").get_data(as_text=True)  # no words, only a filter
    assert _chips(blank) and "Cari tanpa saringan (5)" in blank


def test_one_search_box_on_the_search_page_and_the_same_filters_in_every_shape(app, client, act_as, world):
    _sop_and_flood_assets(client, act_as, world)
    other_page = BeautifulSoup(client.get("/cops").get_data(as_text=True), "html.parser")
    header_form = other_page.select_one("header form[role=search]")
    assert header_form["action"] == "/search"
    assert [i["name"] for i in header_form.find_all("input")] == ["q"]  # a fresh search: words only
    home = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser")  # its own large box instead
    home_form = home.select_one("main form[role=search]")
    assert home_form["action"] == "/search" and [i["name"] for i in home_form.find_all("input")] == ["q"]
    full = search_page(client, "banjir", type="report", stage="creation").get_data(as_text=True)
    assert full.count('type="search"') == 1 and 'id="site-q"' not in full and full.count('role="search"') == 1
    wanted = [("q", "banjir"), ("type", "report"), ("stage", "creation")]
    assert form_fields(full) == wanted
    partial = search_page(client, "banjir", htmx=True, type="report", stage="creation").get_data(as_text=True)
    assert "<html" not in partial
    # After a swap the form sends its box plus the filters that came with the chips.
    assert [("q", "banjir")] + form_fields(partial) == wanted
    remove_stage = dict((text.split(":")[0], href) for text, href in _chips(partial))["Tahap siklus KM"]
    swapped = client.get(remove_stage, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert form_fields(swapped) == [("type", "report")] and total_of(swapped) == 1


def test_agency_facet_puts_the_viewers_agency_first_and_lists_all_behind_lihat_semua(app, client, act_as, world):
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2999-01-01"
    cops = add_communities(app, 8) + [world.cop_a, world.cop_a, world.cop_b]  # DISDIK: 1 asset, the fewest
    act_as("admin")
    for number, cop in enumerate(cops):
        upload_to(client, cop, f"Rapat Koordinasi {number}", pdf_bytes(f"Koordinasi lintas bidang nomor {number}."))
    act_as("employee")  # Dinas Pendidikan
    soup = BeautifulSoup(search_page(client, "koordinasi").get_data(as_text=True), "html.parser")
    heading = soup.find("h2", string="Perangkat daerah")
    shown = [a.get_text() for a in heading.find_next_sibling("ul").find_all("a")]
    assert shown[0] == "Dinas Pendidikan" and shown[1] == "Dinas Kesehatan" and len(shown) == 5
    everything = heading.find_next_sibling("details")
    assert everything.summary.get_text() == "lihat semua (10)"
    listed = [li.get_text(" ", strip=True) for li in everything.find_all("li")]
    assert len(listed) == 10 and listed[0] == "Badan Uji AG 01 (1)" and "Dinas Kesehatan (2)" in listed
    assert sum(int(re.search(r"\((\d+)\)$", text).group(1)) for text in listed) == 11


def test_cop_seci_stage_and_tag_filters_work_from_the_url_and_the_page(app, client, act_as, world):
    with app.app_context():
        db.session.get(Meeting, world.meeting_a).set_seci_stages(["socialization"])
        db.session.commit()
    act_as("lead_a")
    _upload(client, world, "Drainase Kampung", "Saluran air kampung.", tags="banjir, drainase")
    act_as("lead_b")
    _upload(client, world, "Kurikulum Sekolah Aman", "Saluran air sekolah.", cop="cop_b", meeting="meeting_b",
            tags="kurikulum")
    act_as("employee")
    page = search_page(client, "saluran").get_data(as_text=True)
    assert total_of(page) == 2
    for heading, label, param in (("Komunitas (CoP)", "JAK-HIGH", f"cop={world.cop_a}"),
                                  ("Tahap SECI", "Sosialisasi", "seci=socialization"),
                                  ("Tag", "drainase", "tag=drainase")):
        href = _link(page, label)
        assert param in href and BeautifulSoup(page, "html.parser").find("h2", string=heading)
        filtered = client.get(href).get_data(as_text=True)
        assert total_of(filtered) == 1 and "Drainase Kampung" in filtered and "Kurikulum Sekolah" not in filtered
        assert _chips(filtered)[0][0].startswith(f"{heading}: {label}")
    by_url = {"cop": str(world.cop_b), "tag": "KURIKULUM"}
    assert "Kurikulum Sekolah Aman" in search_page(client, "saluran", **by_url).get_data(as_text=True)
    assert total_of(search_page(client, "saluran", **by_url).get_data(as_text=True)) == 1
    assert total_of(search_page(client, "saluran", seci="internalization").get_data(as_text=True)) == 0
    assert total_of(search_page(client, "saluran", cop="tidak-ada").get_data(as_text=True)) == 0
