"""Upload forms check themselves before the slow upload starts (issue 12, point 5).

With JavaScript on, an empty required field is reported inline, in the server's own Indonesian
words, and nothing is sent; the browser's own bubbles stay off.
"""
from playwright.sync_api import expect

TITLE_MESSAGE = "Isi judul aset."


def _fill_all_but_the_title(form, file_path) -> None:
    form.get_by_label("Ringkasan").fill("Langkah kerja yang disepakati dalam pertemuan.")
    form.get_by_label("Jenis aset").select_option(label="Laporan")
    form.get_by_label("Tahap siklus KM").select_option(label="Penyimpanan Pengetahuan")
    meeting = form.get_by_label("Pertemuan asal")
    meeting.select_option(index=1)  # the newest meeting of the CoP (required since Triwulan IV 2025)
    form.locator("input[type=file]").set_input_files(str(file_path))


def test_an_empty_title_is_reported_in_indonesian_and_nothing_is_sent(page_as, require_served, tmp_path):
    require_served("lead.dinkes", "/assets/new", "the upload page")
    page = page_as("lead.dinkes")
    page.goto("/assets/new")
    form = page.locator("form.upload-form")
    notes = tmp_path / "notulen-cek.md"
    notes.write_text("# Notulen\n\nCek isian sebelum mengunggah.\n", encoding="utf-8")
    _fill_all_but_the_title(form, notes)
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)

    form.get_by_role("button", name="Unggah dan terbitkan").click()
    title = form.get_by_label("Judul", exact=True)
    title_field = form.locator(".field").filter(has=page.get_by_label("Judul", exact=True))
    expect(title_field.get_by_role("alert")).to_have_text(TITLE_MESSAGE)
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_be_focused()
    assert form.evaluate("form => form.noValidate"), "the browser's own bubbles must be off"
    page.wait_for_timeout(300)  # a request, had one been started, would be on its way by now
    assert posts == [], posts
    expect(form.locator("[data-upload-progress]")).to_be_hidden()

    title.fill("Notulen yang diperiksa peramban")
    expect(title_field.get_by_role("alert")).to_have_count(0)  # fixed: the message goes
    with page.expect_response(lambda r: r.request.method == "POST" and "/assets/new" in r.url) as answer:
        form.get_by_role("button", name="Unggah dan terbitkan").click()
    assert answer.value.ok
    expect(page.locator("#asset_form").get_by_role("status")).to_contain_text(
        "Aset tersimpan: Notulen yang diperiksa peramban")


def test_a_kept_file_can_be_put_aside_for_another(page_as, require_served, tmp_path):
    """The server kept the file of a try with errors; "Pilih berkas lain" puts it aside, and the
    file input is required again in the browser."""
    require_served("lead.dinkes", "/assets/new", "the upload page")
    page = page_as("lead.dinkes")
    page.goto("/assets/new")
    form = page.locator("#asset_form form")
    notes = tmp_path / "notulen-simpan.md"
    notes.write_text("# Notulen\n\nBerkas yang disimpan server.\n", encoding="utf-8")
    _fill_all_but_the_title(form, notes)
    form.evaluate("form => form.removeAttribute('data-validate')")  # as if the check had not run
    with page.expect_response(lambda r: r.request.method == "POST"):
        form.get_by_role("button", name="Unggah dan terbitkan").click()  # the title is empty
    expect(page.locator("#asset_form").get_by_text(TITLE_MESSAGE)).to_be_visible()
    kept = page.locator("#asset_form [data-kept]")
    expect(kept).to_contain_text("Berkas notulen-simpan.md sudah diterima")
    page.locator("#asset_form").get_by_label("Judul").fill("Judul yang pas")
    with page.expect_file_chooser():
        kept.get_by_role("button", name="Pilih berkas lain").click()
    expect(page.locator("#asset_form [data-kept]")).to_have_count(0)
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.locator("#asset_form").get_by_role("button", name="Unggah dan terbitkan").click()
    files_field = page.locator("#asset_form .field").filter(has=page.locator("input[type=file]"))
    expect(files_field.get_by_role("alert")).to_have_text("Pilih minimal satu berkas.")
    page.wait_for_timeout(300)
    assert posts == [], posts
