"""The journeys of the issue, step by step, shared by the tests with and without JavaScript.

Selectors follow what a person sees (labels, link text, the agreed URLs), not CSS internals, so that
the features built in parallel can change their markup without breaking these tests.
"""
import re
from datetime import date

from playwright.sync_api import expect


SITE_SEARCH_LABEL = "Cari aset pengetahuan"
SEARCH_AS_YOU_TYPE = "input[name=q][hx-get], input[type=search][hx-get]"
# Result titles link to /assets/<id>; download links are /assets/<id>/files/<version>/download.
RESULT_LINKS = "#content a[href^='/assets/']:not([href*='/files/']):not([href*='/new'])"
DOWNLOAD_LINKS = "a[href*='/files/'][href$='/download']"
# Facets are plain links adding a filter to the query (the names of kmapp.search.schema.FACET_FIELDS).
FACET_LINKS = ", ".join(f"#content a[href*='q='][href*='{name}=']" for name in ("agency", "asset_type", "year", "km_stage"))


def search_from_the_header(page, words: str) -> None:
    box = page.get_by_role("searchbox", name=SITE_SEARCH_LABEL)
    box.fill(words)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?(.*&)?q=" + re.escape(words.replace(" ", "+"))))


def a_word_of_the_first_result(page) -> str:
    """The longest word of the first hit's title: typing it is bound to find something."""
    title = page.locator(RESULT_LINKS).first.inner_text()
    return max(re.findall(r"[A-Za-z]{4,}", title), key=len).lower()


def type_in_search_as_you_type(page) -> str:
    """On the search page, replace the words with one from the first hit; return what was typed."""
    word = a_word_of_the_first_result(page)
    page.locator(SEARCH_AS_YOU_TYPE).first.fill(word)
    return word


def filter_by_first_facet(page) -> str:
    """Click the first facet link; return the filter it added (e.g. `asset_type=sop`)."""
    facet = page.locator(FACET_LINKS).first
    expect(facet).to_be_visible()
    chosen = re.search(r"(agency|asset_type|year|km_stage)=[^&]+", facet.get_attribute("href")).group(0)
    facet.click()
    expect(page).to_have_url(re.compile(re.escape(chosen)))
    return chosen


def open_first_result(page) -> None:
    result = page.locator(RESULT_LINKS).first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(r"/assets/\d+$"))
    expect(page.get_by_role("heading", level=1)).not_to_be_empty()


def download_first_file(page) -> bytes:
    with page.expect_download() as download:
        page.locator(DOWNLOAD_LINKS).first.click()
    content = download.value.path().read_bytes()
    assert content, "the downloaded file is empty"
    return content


def filter_by_type(page, asset_type: str) -> None:
    facet = page.locator(f"#content a[href*='q='][href*='type={asset_type}']").first
    expect(facet).to_be_visible()
    facet.click()
    expect(page).to_have_url(re.compile(f"type={asset_type}"))


def employee_searches_filters_opens_and_downloads(page, words: str = "arsip") -> None:
    """An employee looking for a procedure: SOPs have files (a handover note, say, is text only,
    and the first agency facet is his own, where the one hit may be such a note)."""
    search_from_the_header(page, words)
    filter_by_type(page, "sop")
    open_first_result(page)
    download_first_file(page)


def open_my_community(page, name: str = "JAK-HIGH") -> str:
    """From the home page, open the CoP page of `name` (in "Komunitas saya"); return its path."""
    page.goto("/")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page).to_have_url(re.compile(r"/cops/\d+$"))
    return re.search(r"/cops/\d+", page.url).group(0)


def meeting_form_opener(page):
    """The "Catat pertemuan" link (or button) of the CoP page."""
    return page.get_by_role("link", name="Catat pertemuan").or_(
        page.get_by_role("button", name="Catat pertemuan")).first


def open_meeting_form(page) -> None:
    """Click "Catat pertemuan" on the CoP page: the form loads in place through htmx."""
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as answer:
        meeting_form_opener(page).click()
    assert "<html" not in answer.value.text(), "the meeting form must come as a fragment"
    expect(page.get_by_label("Topik")).to_be_visible()


def fill_meeting_form(page, topic: str, held_on: date | None = None) -> None:
    page.get_by_label("Tanggal pertemuan").fill((held_on or date.today()).isoformat())
    page.get_by_label("Topik").fill(topic)
    page.get_by_label("Agenda").fill("1. Berbagi praktik baik\n2. Rencana tindak lanjut")
    page.get_by_label("Luring (tatap muka)").check()
    page.get_by_label("Jumlah peserta").fill("12")
    page.get_by_label("Sosialisasi").check()
    page.get_by_label(re.compile("^Tamu dari luar")).fill("Budi Santoso — Kementerian Kesehatan")


def add_attendee_with_the_picker(page, name_part: str) -> str:
    """Type part of a name in the attendee search (htmx), add the first match; return the chip's name."""
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.get_by_label(re.compile("^Tambah pegawai")).fill(name_part)
    page.get_by_role("button", name="Tambah", exact=True).first.click()
    chip = page.get_by_role("checkbox", name=re.compile(name_part)).first
    expect(chip).to_be_checked()
    return chip.evaluate("box => box.labels[0].textContent.trim()")


def submit_form(page, button_name: re.Pattern = re.compile(r"^(Simpan|Unggah|Kirim)")) -> None:
    """Click the form's main button (its wording may change: "Simpan pertemuan", "Unggah aset", ...)."""
    page.locator("#content").get_by_role("button", name=button_name).first.click()


def upload_asset_in_place(page, meeting_topic: str, title: str, file_path) -> None:
    """On the CoP page: "Unggah aset" beside the meeting loads the upload form in place (htmx),
    the meeting is preselected; uploading swaps in a confirmation and refreshes the asset list."""
    meeting_row = page.locator("#meeting_timeline li").filter(
        has=page.get_by_role("link", name=meeting_topic, exact=True))
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as answer:
        meeting_row.get_by_role("link", name="Unggah aset").click()
    assert "<html" not in answer.value.text(), "the upload form must come as a fragment"
    form = page.locator("#asset_form")
    expect(form.get_by_label("Pertemuan asal").locator("option:checked")).to_contain_text(meeting_topic)
    form.get_by_label("Judul").fill(title)
    form.get_by_label("Ringkasan").fill("Hasil pertemuan: langkah kerja yang disepakati bersama.")
    form.get_by_label("Jenis aset").select_option(label="Laporan")
    form.get_by_label("Tahap siklus KM").select_option(label="Penyimpanan Pengetahuan")
    form.locator("input[type=file]").set_input_files(str(file_path))
    with page.expect_response(lambda r: r.request.method == "POST" and r.request.headers.get("hx-request") == "true"):
        form.get_by_role("button", name="Unggah dan terbitkan").click()
    expect(form.get_by_role("status")).to_contain_text(f"Aset tersimpan: {title}")
    expect(page.locator("#cop_assets_list").get_by_role("link", name=title, exact=True)).to_be_visible()


def meeting_links(page) -> list[str]:
    hrefs = page.locator("#content a[href^='/meetings/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return list(dict.fromkeys(href for href in hrefs if re.fullmatch(r"/meetings/\d+", href)))


TASKS_HEADING = "Perlu tindakan Anda"
QUARTER_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def running_quarter_name(today: date | None = None) -> str:
    """"Triwulan IV": the quarter the live server is in (it runs on this machine's clock)."""
    today = today or date.today()
    return f"Triwulan {QUARTER_ROMAN[(today.month - 1) // 3 + 1]}"


def first_task(page):
    """The first item of the home page's task list ("Perlu tindakan Anda")."""
    return page.get_by_role("region", name=TASKS_HEADING).get_by_role("listitem").first


def review_alarms(page):
    """What a review alarm looks like on an asset page: the red badge or the red banner."""
    return page.locator("#content").get_by_text(re.compile("lewat jadwal tinjau", re.IGNORECASE))


# --- KM Award -------------------------------------------------------------------------------

AWARD_SHEET_LINK = "Buka lembar nilai"


def assessor_opens_an_unscored_sheet(page) -> str:
    """From the home page's task to the first agency he has not scored yet; returns its name."""
    page.locator("#content").get_by_role("link", name="Nilai nominasi").first.click()
    row = page.locator("#my_sheets tbody tr").filter(has_text="belum dinilai").first
    agency = row.locator("td").first.inner_text()
    row.get_by_role("link", name=re.compile(AWARD_SHEET_LINK)).click()
    return agency


def assessor_scores_and_submits(page, score: str = "4") -> None:
    """Every aspect scored on its scale with a short comment, then the sheet is sent."""
    sheet = page.locator("#score_sheet")
    for field in sheet.locator("input[name^='score_']").all():
        field.fill(score)
    for field in sheet.locator("textarea[name^='comment_']").all():
        field.fill("Didukung bukti pertemuan dan aset di portal.")
    sheet.get_by_role("button", name="Kirim lembar nilai").click()


def admin_finalises_the_round(page, year: int) -> None:
    page.goto(f"/award/{year}")
    page.get_by_role("button", name="Finalisasi hasil").click()


def admin_reopens_the_round(page, year: int, reason: str) -> None:
    page.goto(f"/award/{year}")
    page.locator("textarea[name='reason'], input[name='reason']").first.fill(reason)
    page.get_by_role("button", name="Buka kembali").click()
