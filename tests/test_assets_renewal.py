"""File versions, reviews, the due list, overdue marks and tag suggestions."""
import io
import json
from datetime import timedelta

from bs4 import BeautifulSoup
from sqlalchemy import select

from kmapp.assets import rules
from kmapp.extensions import db
from kmapp.models import Asset, AuditLog, SearchOutbox

from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .fixtures_assets import docx_bytes, exe_bytes, make_asset, pdf_bytes, png_bytes, stored_files


def _set_review(app, asset_id, days_from_today):
    with app.app_context():
        asset = db.session.get(Asset, asset_id)
        asset.next_review_on = rules.today() + timedelta(days=days_from_today)
        db.session.commit()


def _new_version(client, asset_id, content, name, file_id=None, note="Tabel biaya diperbarui", htmx=False):
    data = {"file": (io.BytesIO(content), name), "change_note": note, "target": str(file_id or "")}
    return client.post(f"/assets/{asset_id}/files/new", data=data, content_type="multipart/form-data",
                       headers={"HX-Request": "true"} if htmx else {})


def _extra_file(client, asset_id, content, name, note="", htmx=False):
    data = {"file": (io.BytesIO(content), name), "change_note": note}
    return client.post(f"/assets/{asset_id}/files/add", data=data, content_type="multipart/form-data",
                       headers={"HX-Request": "true"} if htmx else {})


def _first_file(app, asset_id) -> int:
    with app.app_context():
        return db.session.get(Asset, asset_id).files[0].id


def test_new_version_keeps_the_old_one_and_shows_the_history(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    with app.app_context():
        file_id = db.session.get(Asset, asset_id).files[0].id
    _set_review(app, asset_id, -10)
    act_as("lead_a")
    response = _new_version(client, asset_id, pdf_bytes("versi dua"), "sop-v2.pdf", file_id)
    assert response.status_code == 302
    page = client.get(f"/assets/{asset_id}").get_data(as_text=True)
    assert "Riwayat versi (2)" in page and "Tabel biaya diperbarui" in page and "Unggahan pertama" in page
    assert "sop-v2.pdf" in page and "Lead.A" in page and "Lewat jadwal tinjau" not in page
    with app.app_context():
        asset = db.session.get(Asset, asset_id)
        versions = asset.files[0].versions
        assert [v.version_no for v in versions] == [1, 2] and len(asset.files) == 1
        assert asset.last_reviewed_on == rules.today()  # a new version counts as a review
        assert db.session.scalar(select(AuditLog.action).where(AuditLog.action == "asset.version_added"))
        old_version = versions[0].id
    old = client.get(f"/assets/{asset_id}/files/{old_version}/download")
    assert old.status_code == 200 and old.headers["Content-Disposition"].endswith("sop.pdf")
    old.close()
    assert len(stored_files(app)) == 2


def test_an_extra_file_is_added_as_a_new_file(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    act_as("lead_a")
    assert _extra_file(client, asset_id, docx_bytes(), "lampiran.docx").status_code == 302
    with app.app_context():
        assert len(db.session.get(Asset, asset_id).files) == 2


def test_a_rejected_version_keeps_the_note_and_leaves_nothing(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    act_as("lead_a")
    response = _new_version(client, asset_id, exe_bytes(), "pembaruan.pdf", note="Catatan saya", htmx=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body and "HX-Request" in response.headers["Vary"]
    assert "pembaruan.pdf: Isi berkas bukan PDF" in body and "Catatan saya" in body
    assert len(stored_files(app)) == 1


def test_htmx_version_upload_sends_the_browser_to_the_asset_page(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    act_as("lead_a")
    response = _new_version(client, asset_id, pdf_bytes("v2"), "v2.pdf", _first_file(app, asset_id), htmx=True)
    assert response.status_code == 200 and response.headers["HX-Redirect"] == f"/assets/{asset_id}"


def test_mark_reviewed_moves_the_next_review_by_the_type_interval(app, client, act_as, world):
    app.config["REVIEW_MONTHS_BY_TYPE"] = {"regulation": 24}
    app.config["JOBS_WORKER"] = "external"  # keep the outbox rows to count them
    asset_id = make_asset(app, client, act_as, world, asset_type="regulation")
    _set_review(app, asset_id, -3)
    act_as("lead_a")
    assert "Lewat jadwal tinjau" in client.get(f"/assets/{asset_id}").get_data(as_text=True)
    assert client.post(f"/assets/{asset_id}/review", data={"note": "Tarif masih berlaku"}).status_code == 302
    with app.app_context():
        asset = db.session.get(Asset, asset_id)
        assert asset.last_reviewed_on == rules.today()
        assert asset.next_review_on == rules.add_months(rules.today(), 24)
        assert db.session.scalar(select(AuditLog.action).where(AuditLog.action == "asset.reviewed"))
        assert len(db.session.scalars(select(SearchOutbox).where(SearchOutbox.asset_id == asset_id)).all()) == 2
    assert "Lewat jadwal tinjau" not in client.get(f"/assets/{asset_id}").get_data(as_text=True)


def test_due_list_shows_own_cop_assets_due_within_30_days_overdue_first(app, client, act_as, world):
    later = make_asset(app, client, act_as, world, title="Jatuh tempo 20 hari")
    overdue = make_asset(app, client, act_as, world, title="Terlambat")
    far = make_asset(app, client, act_as, world, title="Masih lama")
    other_cop = make_asset(app, client, act_as, world, cop=world.cop_b, who="lead_b", title="Milik CoP lain")
    for asset_id, days in ((later, 20), (overdue, -5), (far, 90), (other_cop, -5)):
        _set_review(app, asset_id, days)
    act_as("lead_a")
    page = client.get("/assets/due").get_data(as_text=True)
    assert page.index("Terlambat") < page.index("Jatuh tempo 20 hari")
    assert "Masih lama" not in page and "Milik CoP lain" not in page
    assert "Lewat jadwal tinjau" in page and "Segera ditinjau" in page and "Aset jatuh tempo" in page  # nav entry
    act_as("admin")
    assert "Milik CoP lain" in client.get("/assets/due").get_data(as_text=True)
    act_as("employee")
    assert client.get("/assets/due").status_code == 403


def test_due_list_partial_and_review_from_the_list(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    _set_review(app, asset_id, -1)
    act_as("lead_a")
    listing = client.get("/assets/due", headers={"HX-Request": "true"})
    assert "<html" not in listing.get_data(as_text=True) and "HX-Request" in listing.headers["Vary"]
    row = client.post(f"/assets/{asset_id}/review", data={"next": "/assets/due", "note": "Masih sesuai SOP"},
                      headers={"HX-Request": "true"})
    body = row.get_data(as_text=True)
    assert body.lstrip().startswith("<tr>") and "Ditinjau; berikutnya" in body and "HX-Request" in row.headers["Vary"]
    plain = client.post(f"/assets/{asset_id}/review", data={"next": "https://evil.example/", "note": "Dicek"})
    assert plain.headers["Location"] == "/"  # never an outside address


def test_tag_suggestions_complete_the_last_tag_in_both_shapes(app, client, act_as, world):
    make_asset(app, client, act_as, world, tags="pelayanan publik, pelatihan, gizi")
    act_as("lead_a")
    partial = client.get("/assets/tags?q=gizi, pel", headers={"HX-Request": "true"})
    body = partial.get_data(as_text=True)
    assert "<html" not in body and "HX-Request" in partial.headers["Vary"]
    assert '<option value="gizi, pelayanan publik">' in body and '<option value="gizi, pelatihan">' in body
    assert "gizi, gizi" not in body
    page = client.get("/assets/tags?q=pel").get_data(as_text=True)
    assert "<html" in page and "pelatihan" in page
    wildcard = client.get("/assets/tags?q=%25", headers={"HX-Request": "true"})
    assert "<option" not in wildcard.get_data(as_text=True)  # % is not a wildcard


def _suggested(client, typed: str) -> str:
    return client.get("/assets/tags", query_string={"q": typed}, headers={"HX-Request": "true"}).get_data(as_text=True)


def test_tag_suggestions_only_offer_tags_of_assets_the_user_may_see(app, client, act_as, world):
    make_asset(app, client, act_as, world, title="Notulen internal", visibility="community", tags="rahasiaunik")
    make_asset(app, client, act_as, world, title="Anggaran dinas", visibility="agency", tags="rahasiadinas")
    withdrawn = make_asset(app, client, act_as, world, title="Ditarik", tags="rahasiaditarik")
    make_asset(app, client, act_as, world, title="Terbuka", tags="rahasiaterbuka")
    with app.app_context():
        db.session.get(Asset, withdrawn).status = "withdrawn"
        db.session.commit()
    for who in ("employee", "lead_b"):  # another agency, not in the CoP
        act_as(who)
        offered = _suggested(client, "rahasia")
        assert "rahasiaterbuka" in offered, who
        assert "rahasiaunik" not in offered and "rahasiadinas" not in offered and "rahasiaditarik" not in offered
    for who in ("lead_a", "admin"):  # they may edit all four
        act_as(who)
        offered = _suggested(client, "rahasia")
        assert all(tag in offered for tag in ("rahasiaunik", "rahasiadinas", "rahasiaditarik", "rahasiaterbuka")), who


# Issue 12, point 4: a new version replaces the old one; an extra file is its own action; a
# review without a new file needs a one-line note.

def _soup(response):
    return BeautifulSoup(response.data, "html.parser")


def test_unggah_versi_baru_preselects_the_file_and_says_which_version_replaced_which(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world, files=[(pdf_bytes("versi satu"), "sop.pdf"),
                                                             (png_bytes(), "alur.png")])
    with app.app_context():
        sop, alur = (f.id for f in db.session.get(Asset, asset_id).files)
        first_version = db.session.get(Asset, asset_id).files[0].current.id
    act_as("lead_a")
    page = _soup(client.get(f"/assets/{asset_id}"))
    per_file = page.select(f'a[href="/assets/{asset_id}/files/new?file={alur}"]')
    assert [a.get_text(strip=True) for a in per_file] == ["Unggah versi baru"]
    assert per_file[0]["aria-label"] == "Unggah versi baru: alur.png"
    assert page.find("a", href=f"/assets/{asset_id}/files/add").get_text(strip=True) == "Tambah berkas lain"
    for headers in ({}, {"HX-Request": "true"}):
        form = _soup(client.get(f"/assets/{asset_id}/files/new?file={alur}", headers=headers))
        assert form.find("select", id="target").find("option", selected=True).get_text() == "Versi baru dari: alur.png"
        assert "Berkas tambahan" not in form.get_text()  # adding a file is the other action
    response = _new_version(client, asset_id, pdf_bytes("versi dua"), "sop-v2.pdf", sop)
    assert response.status_code == 302
    flash = _soup(client.get(response.headers["Location"])).find("p", class_="flash-success").get_text()
    assert "Versi 2 menggantikan versi 1 dari “sop-v2.pdf”" in flash
    old = client.get(f"/assets/{asset_id}/files/{first_version}/download")
    assert old.status_code == 200 and old.data == pdf_bytes("versi satu")  # the old version stays downloadable
    old.close()
    with app.app_context():
        asset = db.session.get(Asset, asset_id)
        assert [len(f.versions) for f in asset.files] == [2, 1] and asset.files[0].current.original_name == "sop-v2.pdf"


def test_the_only_file_is_preselected_and_a_version_needs_a_file_to_replace(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    act_as("lead_a")
    form = _soup(client.get(f"/assets/{asset_id}/files/new"))
    assert form.find("select", id="target").find("option", selected=True).get_text() == "Versi baru dari: sop.pdf"
    response = _new_version(client, asset_id, pdf_bytes("dua"), "dua.pdf", file_id=None)
    assert response.status_code == 422 and "Pilih berkas yang diperbarui." in response.get_data(as_text=True)
    with app.app_context():
        assert [len(f.versions) for f in db.session.get(Asset, asset_id).files] == [1]


def test_tambah_berkas_lain_adds_a_file_beside_the_others(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    act_as("lead_a")
    for headers in ({}, {"HX-Request": "true"}):
        page = client.get(f"/assets/{asset_id}/files/add", headers=headers)
        assert page.status_code == 200 and ("<html" in page.get_data(as_text=True)) == (not headers)
        assert _soup(page).find("form", class_="upload-form").find("select") is None  # not a version of anything
    assert "<h1>Tambah berkas lain</h1>" in client.get(f"/assets/{asset_id}/files/add").get_data(as_text=True)
    response = _extra_file(client, asset_id, docx_bytes(), "lampiran.docx", note="Daftar hadir")
    assert response.status_code == 302
    flash = _soup(client.get(response.headers["Location"])).find("p", class_="flash-success").get_text()
    assert "Berkas tambahan “lampiran.docx” tersimpan." in flash
    htmx = _extra_file(client, asset_id, pdf_bytes("tiga"), "lampiran-2.pdf", htmx=True)
    assert htmx.status_code == 200 and htmx.headers["HX-Redirect"] == f"/assets/{asset_id}"
    with app.app_context():
        files = db.session.get(Asset, asset_id).files
        assert [(f.current.original_name, f.current.version_no) for f in files] == [
            ("sop.pdf", 1), ("lampiran.docx", 1), ("lampiran-2.pdf", 1)]
        assert files[1].current.change_note == "Daftar hadir"
    act_as("lead_b")
    assert client.get(f"/assets/{asset_id}/files/add").status_code == 403
    assert _extra_file(client, asset_id, pdf_bytes(), "x.pdf").status_code == 403


def _review_log(app, asset_id):
    with app.app_context():
        return [json.loads(row.after) for row in db.session.scalars(
            select(AuditLog).where(AuditLog.action == "asset.reviewed", AuditLog.entity_id == str(asset_id)))]


def test_marking_reviewed_without_a_new_file_needs_a_one_line_note(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    _set_review(app, asset_id, -2)
    act_as("lead_a")
    box = _soup(client.get(f"/assets/{asset_id}")).find("details", class_="review-box")
    note = box.find("input", attrs={"name": "note"})
    assert note.has_attr("required") and note["maxlength"] == "200"
    assert note["data-msg-required"].startswith("Tulis satu baris catatan")
    # Without JavaScript: the form comes back as a page that says what is missing.
    refused = client.post(f"/assets/{asset_id}/review", data={"note": "   "})
    assert refused.status_code == 422 and "Tulis satu baris catatan" in refused.get_data(as_text=True)
    assert _soup(refused).find("form", class_="card").find("input", attrs={"name": "note"}) is not None
    too_long = client.post(f"/assets/{asset_id}/review", data={"note": "x" * 201})
    assert too_long.status_code == 422 and "paling panjang 200 karakter" in too_long.get_data(as_text=True)
    # From the due list with htmx: its row comes back with the message, still to be reviewed.
    row = client.post(f"/assets/{asset_id}/review", data={"next": "/assets/due"}, headers={"HX-Request": "true"})
    body = row.get_data(as_text=True)
    assert row.status_code == 200 and body.lstrip().startswith("<tr>") and "Tulis satu baris catatan" in body
    assert "Ditinjau; berikutnya" not in body and "HX-Request" in row.headers["Vary"]
    assert _review_log(app, asset_id) == []
    with app.app_context():
        assert db.session.get(Asset, asset_id).last_reviewed_on is None
    assert client.get(f"/assets/{asset_id}/review?next=/assets/due").status_code == 200  # the no-JS page
    done = client.post(f"/assets/{asset_id}/review", data={"note": "Tarif 2026 dicek, masih berlaku"})
    assert done.status_code == 302
    assert [entry["note"] for entry in _review_log(app, asset_id)] == ["Tarif 2026 dicek, masih berlaku"]
    page = client.get(f"/assets/{asset_id}").get_data(as_text=True)
    assert "Tarif 2026 dicek, masih berlaku" in page and "Lewat jadwal tinjau" not in page
    # A new version later is the newer review: the old note is no longer shown as the last one.
    _new_version(client, asset_id, pdf_bytes("v2"), "v2.pdf", _first_file(app, asset_id))
    assert "Tarif 2026 dicek" not in client.get(f"/assets/{asset_id}").get_data(as_text=True)


def test_the_due_list_asks_for_the_note_in_each_row(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    _set_review(app, asset_id, -1)
    act_as("lead_a")
    row = _soup(client.get("/assets/due")).find("form", class_="review-inline")
    note = row.find("input", attrs={"name": "note"})
    assert note["id"] == f"note-{asset_id}" and note.has_attr("required") and row.has_attr("data-validate")
    assert row.find("label", attrs={"for": f"note-{asset_id}"}).get_text() == "Catatan tinjauan"


def test_the_overdue_alarm_goes_only_to_those_who_can_act(app, client, act_as, world):
    """Issue 12.3: the CoP's lead and admins see the red banner and badge; a reader sees when the
    asset was published and last reviewed, without an alarm he can do nothing about."""
    from bs4 import BeautifulSoup
    asset_id = make_asset(app, client, act_as, world, title="SOP usang")
    related = make_asset(app, client, act_as, world, title="SOP usang kedua")
    for overdue in (asset_id, related):
        _set_review(app, overdue, -10)
    for who in ("lead_a", "admin"):
        act_as(who)
        page = BeautifulSoup(client.get(f"/assets/{asset_id}").data, "html.parser")
        assert "Lewat jadwal tinjau" in page.find("h1").get_text(), who
        assert "lewat jadwal tinjau" in page.find("p", class_="flash-error").get_text(), who
    for who in ("employee", "lead_b", "facilitator"):  # may read it, may not review it
        act_as(who)
        page = BeautifulSoup(client.get(f"/assets/{asset_id}").data, "html.parser")
        text = page.get_text()
        assert "Lewat jadwal tinjau" not in text and "lewat jadwal tinjau" not in text, who
        assert page.find(class_="badge-bad") is None and page.find("p", class_="flash-error") is None, who
        with app.app_context():
            published = rules.today().strftime("%-d")  # the long date starts with the day
        assert page.find("p", class_="review-dates").get_text().startswith(f"Diterbitkan {published} "), who


def test_the_agency_pages_overdue_list_is_for_its_leads_and_the_programme(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world, cop=world.cop_b, who="lead_b", title="Modul usang")
    _set_review(app, asset_id, -10)
    act_as("employee")  # works at agency B, leads nothing
    assert "Tinjauan aset yang terlambat" not in client.get(f"/programme/agencies/{world.agency_b}").get_data(as_text=True)
    for who in ("lead_b", "admin"):
        act_as(who)
        assert "Modul usang" in client.get(f"/programme/agencies/{world.agency_b}").get_data(as_text=True), who
