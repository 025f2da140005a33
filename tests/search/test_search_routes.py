"""GET /search through the real app: uploads searchable at once, visibility, facets, both shapes."""
import gzip
import re

from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import Asset

from ..fixtures_assets import act_as  # noqa: F401  (fixture)
from ..fixtures_assets import asset_form, pdf_bytes, upload
from ..fixtures_search import search_page, total_of

SECRET_WORD_TEXT = "Rekam medis pasien yang sudah selesai dirawat diarsipkan di ruang rekam medis."


def _upload(client, world, title, text, **fields):
    response = upload(client, asset_form(world.cop_a, world.meeting_a, title=title, **fields),
                      (pdf_bytes(text), f"{title}.pdf"))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_an_uploaded_pdf_is_searchable_by_a_word_inside_it_right_after_the_upload(app, client, act_as, world):
    act_as("lead_a")
    asset_id = _upload(client, world, "Protokol Kebersihan", SECRET_WORD_TEXT)
    act_as("employee")
    page = search_page(client, "pengarsipan").get_data(as_text=True)  # the PDF says "diarsipkan"
    assert total_of(page) == 1
    assert f'href="/assets/{asset_id}">Protokol Kebersihan</a>' in page
    assert "<mark>" in page and "Dinas Kesehatan" in page and "JAK-HIGH" in page


def test_an_agency_only_asset_is_invisible_to_another_agency_in_hits_counts_and_facets(app, client, act_as, world):
    act_as("lead_a")
    _upload(client, world, "Anggaran Internal Puskesmas", "Rincian anggaran puskesmas kecamatan.",
            visibility="agency", asset_type="report")
    _upload(client, world, "Anggaran Terbuka Puskesmas", "Ringkasan anggaran puskesmas untuk umum.")
    own = search_page(client, "anggaran").get_data(as_text=True)
    assert total_of(own) == 2 and "Anggaran Internal" in own and "Laporan" in own
    act_as("employee")  # Dinas Pendidikan
    other = search_page(client, "anggaran").get_data(as_text=True)
    assert total_of(other) == 1 and "Anggaran Internal" not in other
    assert "Laporan" not in other  # the report type facet would count the hidden asset
    assert re.search(r"Dinas Kesehatan</a> <span class=\"muted\">\(1\)", other)


def test_htmx_gets_only_the_results_block_and_the_page_works_without_js(app, client, act_as, world):
    act_as("lead_a")
    _upload(client, world, "Panduan Vaksinasi", "Jadwal vaksinasi pegawai.")
    full = search_page(client, "vaksinasi")
    body = full.get_data(as_text=True)
    assert "<html" in body and 'hx-get="/search"' in body and 'hx-target="#search_results"' in body
    assert "HX-Request" in full.headers["Vary"]
    partial = search_page(client, "vaksinasi", htmx=True)
    fragment = partial.get_data(as_text=True)
    assert "<html" not in fragment and "Panduan Vaksinasi" in fragment and "HX-Request" in partial.headers["Vary"]
    assert len(gzip.compress(fragment.encode())) < 10_000 and len(gzip.compress(body.encode())) < 50_000
    # the search box of every page points here
    assert 'action="/search"' in client.get("/").get_data(as_text=True)


def test_facet_links_keep_the_query_and_toggle_off(app, client, act_as, world):
    act_as("lead_a")
    _upload(client, world, "SOP Rujukan", "Alur rujukan pasien.", asset_type="sop")
    _upload(client, world, "Laporan Rujukan", "Evaluasi rujukan pasien.", asset_type="report")
    page = search_page(client, "rujukan").get_data(as_text=True)
    link = re.search(r'href="([^"]*type=report[^"]*)">Laporan</a>', page).group(1).replace("&amp;", "&")
    assert "q=rujukan" in link
    filtered = client.get(link).get_data(as_text=True)
    assert total_of(filtered) == 1 and "Laporan Rujukan" in filtered and "SOP Rujukan" not in filtered
    remove = re.search(r'<strong>Laporan</strong> \(1\) <a href="([^"]*)"', filtered).group(1).replace("&amp;", "&")
    assert "type=" not in remove and total_of(client.get(remove).get_data(as_text=True)) == 2


def test_did_you_mean_pagination_and_newest_sort(app, client, act_as, world):
    act_as("lead_a")
    for number in range(12):
        # distinct files: identical ones would be grouped into one row (test_similar_results.py)
        _upload(client, world, f"Catatan Amnesia Institusional {number:02d}", f"Mencegah amnesia institusional {number}.")
    page = search_page(client, "amnesai").get_data(as_text=True)
    assert "Menampilkan hasil untuk" in page and ">amnesia</strong></a>" in page and total_of(page) == 12
    first = search_page(client, "amnesia", sort="newest").get_data(as_text=True)
    second = search_page(client, "amnesia", sort="newest", page=2).get_data(as_text=True)
    assert "Halaman 1 dari 2" in first and "Halaman 2 dari 2" in second
    titles = re.findall(r"Catatan Amnesia Institusional \d\d", first + second)
    assert first.count('class="hit"') == 10 and second.count('class="hit"') == 2 and len(set(titles)) == 12
    assert 'href="/search?q=amnesia&amp;sort=newest&amp;page=2"' in first


def test_an_encrypted_pdf_uploads_and_its_page_says_the_text_could_not_be_read(app, client, act_as, world, tmp_path):
    from .sample_files import write_encrypted_pdf
    write_encrypted_pdf(tmp_path / "rahasia.pdf", ["Isi rahasia"])
    act_as("lead_a")
    response = upload(client, asset_form(world.cop_a, world.meeting_a, title="Dokumen Terkunci"),
                      ((tmp_path / "rahasia.pdf").read_bytes(), "rahasia.pdf"))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Teks berkas rahasia.pdf tidak dapat dibaca untuk pencarian." in page and "terenkripsi" in page
    with app.app_context():
        asset = db.session.scalars(select(Asset)).one()
        assert asset.files[0].current.extraction_warning == "Teks tidak dapat dibaca: PDF terenkripsi."
    assert total_of(search_page(client, "terkunci").get_data(as_text=True)) == 1  # title still indexed
