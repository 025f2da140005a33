"""Uploading from the CoP page: the upload form loads in place and the asset list refreshes."""
from .fixtures_assets import act_as, asset_form, pdf_bytes, upload  # noqa: F401  (fixture)


def test_cop_page_offers_in_place_upload_per_meeting_to_its_lead(client, act_as, world):
    act_as("lead_a")
    page = client.get(f"/cops/{world.cop_a}").get_data(as_text=True)
    assert f'hx-get="/assets/new?cop={world.cop_a}&amp;meeting={world.meeting_a}"' in page
    assert 'hx-trigger="assetCreated from:body"' in page
    act_as("employee")
    assert "/assets/new" not in client.get(f"/cops/{world.cop_a}").get_data(as_text=True)


def test_asset_list_partial_shows_a_new_upload_in_both_shapes(app, client, act_as, world):
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2999-01-01"
    act_as("lead_a")
    before = client.get(f"/cops/{world.cop_a}/assets", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Panduan dari pertemuan" not in before
    created = upload(client, asset_form(world.cop_a, world.meeting_a, title="Panduan dari pertemuan"),
                     (pdf_bytes(), "panduan.pdf"), htmx=True)
    assert "assetCreated" in created.headers["HX-Trigger"]
    part = client.get(f"/cops/{world.cop_a}/assets", headers={"HX-Request": "true"})
    body = part.get_data(as_text=True)
    assert "<html" not in body and "Panduan dari pertemuan" in body and "1 aset" in body
    assert "HX-Request" in part.headers["Vary"]
    full = client.get(f"/cops/{world.cop_a}/assets").get_data(as_text=True)
    assert "<html" in full and "Panduan dari pertemuan" in full
