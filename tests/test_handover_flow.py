"""The handover through the real app: the departing employee sees the notice on his home page, fills the
capture (autosaved per field, or one plain save), submits; only his supervisor confirms; the handover
note is published from the capture meeting and found by search."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import Asset, AssetType, Handover, HandoverState, Meeting, Visibility

from .fixtures_handover import as_user, depart, people

CAPTURE = {"duties": "Mengelola arsip dinamis bidang pelayanan kesehatan.",
           "deadlines": "Laporan arsip setiap tanggal 5.", "contacts": "Bu Sari, Dinas Perpustakaan dan Arsip.",
           "pending_matters": "Penyusutan arsip 2019 menunggu persetujuan.",
           "document_locations": "Folder bersama \\\\arsip\\pelayanan dan lemari B2.",
           "lessons_learned": "Selalu cek retensi sebelum memindahkan berkas."}


@pytest.fixture
def ids(app, world):
    with app.app_context():
        found = people(world)
        departure = depart(found["leaving"], days=120)
        found["handover"] = departure.handover.id
        return found


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_departing_employee_sees_the_notice_and_fills_the_handover(app, client, ids):
    as_user(client, "197001012000031001")
    home = text(client.get("/"))
    assert "tuliskan serah terima pengetahuan" in home and f"/handover/{ids['handover']}" in home

    saved = client.post(f"/handover/{ids['handover']}/fields/duties", data={"duties": CAPTURE["duties"]},
                        headers={"HX-Request": "true"})
    assert saved.status_code == 200 and "<html" not in text(saved) and "Tersimpan" in text(saved)
    with app.app_context():
        handover = db.session.get(Handover, ids["handover"])
        assert handover.duties == CAPTURE["duties"] and handover.state == HandoverState.IN_PROGRESS

    # Without JS: one plain save; sending with required fields empty is refused and loses nothing.
    refused = client.post(f"/handover/{ids['handover']}", data={"duties": CAPTURE["duties"],
                                                                "lessons_learned": "Catatan kecil", "send": "1",
                                                                "visibility": "agency"})
    assert refused.status_code == 422 and "Lengkapi dulu" in text(refused) and "Catatan kecil" in text(refused)
    with app.app_context():
        assert db.session.get(Handover, ids["handover"]).lessons_learned == "Catatan kecil"

    sent = client.post(f"/handover/{ids['handover']}", data={**CAPTURE, "visibility": "all", "send": "1"})
    assert sent.status_code == 302
    with app.app_context():
        handover = db.session.get(Handover, ids["handover"])
        assert handover.state == HandoverState.SUBMITTED and handover.submitted_at is not None
    assert "tuliskan serah terima" not in text(client.get("/"))
    # Submitted: no more edits by the employee.
    assert client.post(f"/handover/{ids['handover']}/fields/duties", data={"duties": "x"}).status_code == 403


def test_only_the_supervisor_confirms_and_the_note_comes_from_the_meeting(app, client, world, ids):
    with app.app_context():
        handover = db.session.get(Handover, ids["handover"])
        for name, value in CAPTURE.items():
            setattr(handover, name, value)
        handover.visibility = Visibility.ALL.value
        handover.meeting_id = world.meeting_a
        handover.state, handover.submitted_at = HandoverState.SUBMITTED.value, db.func.now()
        db.session.commit()
    for login in ("197001012000031001", "admin", "hr.a", "lead.a"):
        as_user(client, login)
        assert client.post(f"/handover/{ids['handover']}/confirm", data={"decision": "confirm"}).status_code == 403
        client.post("/logout")
    as_user(client, "atasan.a")
    assert "menunggu konfirmasi Anda" in text(client.get("/"))
    assert client.post(f"/handover/{ids['handover']}/confirm", data={"decision": "confirm"}).status_code == 302
    with app.app_context():
        handover = db.session.get(Handover, ids["handover"])
        assert handover.state == HandoverState.CONFIRMED and handover.asset_id
        asset = db.session.get(Asset, handover.asset_id)
        assert asset.asset_type == AssetType.HANDOVER_NOTE and asset.meeting_id == world.meeting_a
        assert asset.community_id == db.session.get(Meeting, world.meeting_a).community_id
        assert "penyusutan arsip" in asset.summary.lower()
    found = text(client.get("/search", query_string={"q": "penyusutan arsip"}))
    assert "Catatan serah terima" in found


def test_a_meeting_of_another_agency_cannot_be_linked(app, client, world, ids):
    as_user(client, "197001012000031001")
    response = client.post(f"/handover/{ids['handover']}/meeting", data={"meeting": world.meeting_b})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(Handover, ids["handover"]).meeting_id is None


def test_successor_from_another_agency_only_for_a_transfer(app, client, world, ids):
    as_user(client, "197001012000031001")
    refused = client.post(f"/handover/{ids['handover']}/successors", data={"successor": "guru.b"})
    assert refused.status_code == 422 and "hanya untuk mutasi" in text(refused)
    assert client.post(f"/handover/{ids['handover']}/successors", data={"successor": "rekan.a"}).status_code == 302
    with app.app_context():
        transfer = depart(ids["colleague"], kind="transfer", days=60, to_agency_id=world.agency_b)
        transfer_id = transfer.handover.id
    client.post("/logout")
    as_user(client, "rekan.a")
    assert client.post(f"/handover/{transfer_id}/successors", data={"successor": "guru.b"}).status_code == 302
    page = text(client.get(f"/handover/{transfer_id}"))
    assert "perangkat daerah lain: Dinas Pendidikan" in page


def test_an_overdue_handover_is_flagged(app, client, ids, world):
    with app.app_context():
        soon = depart(ids["colleague"], days=10)
        handover_id = soon.handover.id
    as_user(client, "rekan.a")
    assert "Sudah terlambat" in text(client.get("/"))
    assert "terlambat" in text(client.get(f"/handover/{handover_id}"))
