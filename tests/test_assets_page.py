"""The asset page: visibility, downloads and their headers, access records, votes, related assets, edit."""
import gzip
from datetime import timedelta

import pytest
from sqlalchemy import select

from kmapp.assets import rules
from kmapp.extensions import db
from kmapp.models import AccessKind, Asset, AssetAccess, AssetVote, AuditLog

from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .fixtures_assets import asset_form, make_asset, pdf_bytes, png_bytes


@pytest.fixture
def asset_id(app, client, act_as, world):
    return make_asset(app, client, act_as, world, files=[(pdf_bytes(), "Panduan Ñusantara.pdf"),
                                                         (png_bytes(), "alur.png")])


def _versions(app, asset_id):
    with app.app_context():
        asset = db.session.get(Asset, asset_id)
        return [f.current.id for f in asset.files]


def _accesses(app, asset_id):
    with app.app_context():
        return [(a.user_id, a.agency_id, a.kind) for a in db.session.scalars(
            select(AssetAccess).where(AssetAccess.asset_id == asset_id))]


def test_page_shows_metadata_files_and_review_date(client, act_as, world, asset_id):
    act_as("employee")
    page = client.get(f"/assets/{asset_id}").get_data(as_text=True)
    for expected in ("SOP Pelayanan Kesehatan Kerja", "Dinas Kesehatan", f'href="/cops/{world.cop_a}"',
                     "Panduan Ñusantara.pdf", "PDF ·", "PNG ·", "Riwayat versi (1)", "Tinjauan berikutnya",
                     "Belum ada penilaian."):
        assert expected in page
    assert "Ubah" not in page and "Tandai sudah ditinjau" not in page  # not an editor


@pytest.mark.parametrize("visibility, who, status", [
    ("all", "employee", 200), ("agency", "employee", 404), ("agency", "admin", 200),
    ("community", "employee", 404), ("community", "lead_b", 404), ("community", "facilitator", 200),
    ("community", "lead_a", 200)])
def test_visibility_decides_who_may_open_and_download(app, client, act_as, world, visibility, who, status):
    asset = make_asset(app, client, act_as, world, visibility=visibility)
    act_as(who)
    version = _versions(app, asset)[0]
    assert client.get(f"/assets/{asset}").status_code == status
    response = client.get(f"/assets/{asset}/files/{version}/download")
    assert response.status_code == status
    response.close()


def test_download_is_an_attachment_with_unicode_name_and_sandbox(client, act_as, app, asset_id):
    act_as("employee")
    pdf, _png = _versions(app, asset_id)
    response = client.get(f"/assets/{asset_id}/files/{pdf}/download")
    disposition = response.headers["Content-Disposition"]
    assert response.status_code == 200 and disposition.startswith("attachment")
    assert "filename*=UTF-8''Panduan%20%C3%91usantara.pdf" in disposition
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "private" in response.headers["Cache-Control"] and "public" not in response.headers["Cache-Control"]
    assert response.data.startswith(b"%PDF-")
    response.close()


def test_inline_view_for_pdf_and_images_and_ranges_for_large_files(client, act_as, app, asset_id):
    act_as("employee")
    pdf, png = _versions(app, asset_id)
    view = client.get(f"/assets/{asset_id}/files/{png}/view")
    assert view.headers["Content-Type"] == "image/png" and view.headers["Content-Disposition"].startswith("inline")
    assert view.headers["Content-Security-Policy"] == "sandbox"
    view.close()
    part = client.get(f"/assets/{asset_id}/files/{pdf}/view", headers={"Range": "bytes=0-4"})
    assert part.status_code == 206 and part.data == b"%PDF-" and part.headers["Content-Type"] == "application/pdf"
    part.close()


def test_text_is_viewed_as_plain_text_and_office_files_only_download(app, client, act_as, world):
    from .fixtures_assets import docx_bytes
    asset = make_asset(app, client, act_as, world, files=[(b"# Catatan\n<b>tebal</b>", "catatan.md"),
                                                          (docx_bytes(), "panduan.docx")])
    text, docx = _versions(app, asset)
    act_as("employee")
    view = client.get(f"/assets/{asset}/files/{text}/view")
    assert view.headers["Content-Type"] == "text/plain; charset=utf-8"
    view.close()
    redirected = client.get(f"/assets/{asset}/files/{docx}/view")
    assert redirected.status_code == 302 and redirected.headers["Location"].endswith("/download")


def test_version_of_another_asset_is_not_found(app, client, act_as, world, asset_id):
    other = make_asset(app, client, act_as, world, title="Aset lain")
    act_as("employee")
    foreign = _versions(app, other)[0]
    assert client.get(f"/assets/{asset_id}/files/{foreign}/download").status_code == 404


def test_opening_and_downloading_record_one_access_per_user_and_day(app, client, act_as, world, asset_id):
    act_as("employee")
    pdf = _versions(app, asset_id)[0]
    client.get(f"/assets/{asset_id}")
    client.get(f"/assets/{asset_id}")
    client.get(f"/assets/{asset_id}/files/{pdf}/download").close()
    assert _accesses(app, asset_id) == [(world.employee, world.agency_b, AccessKind.OPEN.value)]
    act_as("admin")
    client.get(f"/assets/{asset_id}/files/{pdf}/download").close()
    assert (world.admin, world.agency_a, "download") in _accesses(app, asset_id)
    with app.app_context():  # tomorrow counts again
        db.session.execute(AssetAccess.__table__.update().values(accessed_on=rules.today() - timedelta(days=1)))
        db.session.commit()
    act_as("employee")
    client.get(f"/assets/{asset_id}")
    assert len(_accesses(app, asset_id)) == 3


def test_vote_as_htmx_partial_and_as_plain_form(app, client, act_as, world, asset_id):
    act_as("employee")
    response = client.post(f"/assets/{asset_id}/vote", data={"useful": "1"}, headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body and "HX-Request" in response.headers["Vary"]
    assert "Berguna bagi 1 dari 1 pembaca" in body and 'aria-pressed="true"' in body
    act_as("admin")
    plain = client.post(f"/assets/{asset_id}/vote", data={"useful": "0"})
    assert plain.status_code == 302 and plain.headers["Location"].endswith(f"/assets/{asset_id}#asset_vote")
    client.post(f"/assets/{asset_id}/vote", data={"useful": "1"})  # changing one's mind replaces the vote
    assert "Berguna bagi 2 dari 2 pembaca" in client.get(f"/assets/{asset_id}").get_data(as_text=True)
    with app.app_context():
        assert len(db.session.scalars(select(AssetVote)).all()) == 2


def test_vote_on_an_invisible_asset_is_not_found(app, client, act_as, world):
    asset = make_asset(app, client, act_as, world, visibility="community")
    act_as("employee")
    assert client.post(f"/assets/{asset}/vote", data={"useful": "1"}).status_code == 404


def test_related_assets_share_tags_and_respect_visibility(app, client, act_as, world):
    base = make_asset(app, client, act_as, world, tags="gizi, diabetes")
    tagged = make_asset(app, client, act_as, world, cop=world.cop_b, who="lead_b", title="Menu sehat",
                        tags="gizi", asset_type="module")
    hidden = make_asset(app, client, act_as, world, title="Rahasia CoP", visibility="community", tags="gizi")
    unrelated = make_asset(app, client, act_as, world, cop=world.cop_b, who="lead_b", title="Kurikulum",
                           tags="sekolah", asset_type="report")
    act_as("employee")
    page = client.get(f"/assets/{base}").get_data(as_text=True)
    assert f'href="/assets/{tagged}"' in page
    assert f'href="/assets/{hidden}"' not in page and f'href="/assets/{unrelated}"' not in page


@pytest.mark.parametrize("who, status", [
    ("lead_a", 200), ("admin", 200), ("lead_b", 403), ("facilitator", 403), ("employee", 403)])
def test_edit_permission_matrix(app, client, act_as, world, asset_id, who, status):
    act_as(who)
    assert client.get(f"/assets/{asset_id}/edit").status_code == status
    assert client.get(f"/assets/{asset_id}/files/new").status_code == status
    assert client.post(f"/assets/{asset_id}/review", data={"note": "Isi masih benar"}).status_code in (
        (302,) if status == 200 else (status,))


def test_unassigned_facilitator_may_not_edit(app, client, act_as, world):
    asset = make_asset(app, client, act_as, world, cop=world.cop_b, who="lead_b")  # facilitator not in cop_b
    act_as("facilitator")
    assert client.get(f"/assets/{asset}").status_code == 200
    assert client.post(f"/assets/{asset}/edit", data=asset_form(world.cop_b, title="X")).status_code == 403


def test_edit_changes_the_asset_and_keeps_an_audit_trail(app, client, act_as, world, asset_id):
    act_as("lead_a")
    form = asset_form(world.cop_a, world.meeting_a, title="Judul baru", tags="Baru", visibility="agency")
    assert client.post(f"/assets/{asset_id}/edit", data=form).status_code == 302
    with app.app_context():
        asset = db.session.get(Asset, asset_id)
        assert (asset.title, asset.visibility, [t.name for t in asset.tags]) == ("Judul baru", "agency", ["baru"])
        log = db.session.scalar(select(AuditLog).where(AuditLog.action == "asset.updated"))
        assert '"Judul baru"' in log.after and "SOP Pelayanan" in log.before


def test_download_page_is_light_and_partials_are_small(app, client, act_as, world, asset_id):
    act_as("lead_a")
    page = client.get(f"/assets/{asset_id}", headers={"Accept-Encoding": "gzip"})
    form = client.get(f"/assets/new?cop={world.cop_a}", headers={"HX-Request": "true"})
    vote = client.post(f"/assets/{asset_id}/vote", data={"useful": "1"}, headers={"HX-Request": "true"})
    assert page.headers["Content-Encoding"] == "gzip" and len(page.data) < 50 * 1024
    assert len(gzip.compress(form.data)) < 10 * 1024 and len(gzip.compress(vote.data)) < 10 * 1024



def test_edit_keeps_the_triwulan_iv_rule_but_spares_historic_imports(app, client, act_as, world):
    with_meeting = make_asset(app, client, act_as, world, meeting=world.meeting_a)
    without = make_asset(app, client, act_as, world, title="Arsip lama")  # like a bulk import
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2000-01-01"
    act_as("lead_a")
    refused = client.post(f"/assets/{with_meeting}/edit", data=asset_form(world.cop_a, None))
    assert refused.status_code == 422 and "Pilih pertemuan asal" in refused.get_data(as_text=True)
    assert client.post(f"/assets/{without}/edit", data=asset_form(world.cop_a, None)).status_code == 302
