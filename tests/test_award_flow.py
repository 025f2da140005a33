"""The award through the real app: a round, nominations, scoring, finalisation, results, reopening."""
import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import AuditLog, AwardResult, AwardRound, Nomination, ScoreSheet

from .conftest import sign_in
from .fixtures_assets import exe_bytes, pdf_bytes
from .fixtures_award import YEAR, all_scores, as_user, criteria_ids, extra_assessors, make_round, sheet_fields


@pytest.fixture
def award(app, world):
    with app.app_context():
        make_round()
        ids = extra_assessors(world) | criteria_ids()
    return type("AwardIds", (), ids)


def text(response) -> str:
    return BeautifulSoup(response.data, "html.parser").get_text(" ", strip=True)


def assign(client, world, agency_id, assessor_id):
    return client.post(f"/award/{YEAR}/assignments", data={"agency_id": str(agency_id), "assessor_id": str(assessor_id)})


def narratives(ids) -> dict:
    return {f"narrative_{ids[code]}": f"Narasi {code}" for code in all_scores(3)}


def test_admin_creates_a_round_with_the_default_rubric(app, client, world, login_as):
    login_as("admin")
    response = client.post("/award/new", data={"year": "2027", "title": "KMA 2027", "winners_count": "15",
                                               "submission_deadline": "2027-10-31", "ceremony_on": "2027-12-10"})
    assert response.status_code == 302
    with app.app_context():
        award = db.session.scalar(select(AwardRound).where(AwardRound.year == 2027))
        assert [c.name for c in award.criteria][:6] == ["Relevansi Tema", "Partisipasi dan Kolaborasi",
                                                        "Dokumentasi dan Aset Pengetahuan", "Aksesibilitas dan Diseminasi",
                                                        "Manfaat dan Dampak", "Keberlanjutan"]
        assert len(award.criteria) == 8 and sum(c.weight for c in award.criteria) == 100
        assert award.winners_count == 15
    again = client.post("/award/new", data={"year": "2027", "title": "lagi", "winners_count": "15",
                                            "submission_deadline": "2027-10-31"})
    assert again.status_code == 422 and "Penghargaan tahun 2027 sudah ada." in text(again)


def test_lead_keeps_a_draft_then_submits_with_evidence_and_an_attachment(app, client, world, award, login_as):
    login_as("lead_a")
    url = f"/award/{YEAR}/nominations/{world.agency_a}"
    page = client.get(url)
    assert page.status_code == 200 and "Narasi per aspek" in text(page)
    # Autosave of one field (htmx), then the whole draft without JS.
    saved = client.post(f"{url}/narratives/{award.relevance}", data={f"narrative_{award.relevance}": "Tema layanan"},
                        headers={"HX-Request": "true"})
    assert saved.status_code == 200 and "Tersimpan." in text(saved) and "<html" not in saved.get_data(as_text=True)
    half = {f"narrative_{award.impact}": "Dampak nyata", "meetings": [str(world.meeting_a)], "save": "1"}
    assert client.post(url, data=half).status_code == 302
    with app.app_context():
        nomination = db.session.scalar(select(Nomination))
        assert {n.criterion_id: n.text for n in nomination.narratives}[award.impact] == "Dampak nyata"
        assert [e.meeting_id for e in nomination.evidence] == [world.meeting_a]
        assert not nomination.submitted
    # Sending with empty aspects is refused with the reason; what was typed stays on the form.
    refused = client.post(url, data={**half, "send": "1"})
    assert refused.status_code == 422 and "semua aspek wajib diisi" in text(refused)
    assert "Dampak nyata" in refused.get_data(as_text=True)
    # Attachments: checked by content like asset uploads.
    bad = client.post(f"{url}/attachments", data={"files": [(io.BytesIO(exe_bytes()), "laporan.pdf")]},
                      content_type="multipart/form-data")
    assert bad.status_code == 302 and "laporan.pdf" in text(client.get(bad.headers["Location"]))
    good = client.post(f"{url}/attachments", data={"files": [(io.BytesIO(pdf_bytes("bukti")), "bukti.pdf")]},
                       content_type="multipart/form-data")
    assert good.status_code == 302
    sent = client.post(url, data={**narratives(award.__dict__), "meetings": [str(world.meeting_a)], "send": "1"})
    assert sent.status_code == 302
    with app.app_context():
        nomination = db.session.scalar(select(Nomination))
        assert nomination.submitted and [a.original_name for a in nomination.attachments] == ["bukti.pdf"]
        attachment_id = nomination.attachments[0].id
    download = client.get(f"{url}/attachments/{attachment_id}")
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    download.close()
    # Submitted: no more changes.
    again = client.post(url, data={**half})
    assert again.status_code == 422 and "sudah dikirim" in text(again)


def test_a_passed_deadline_refuses_the_submission_with_the_date(app, client, world, login_as):
    with app.app_context():
        make_round(deadline=date(2026, 1, 5))
        ids = criteria_ids()
    login_as("lead_a")
    url = f"/award/{YEAR}/nominations/{world.agency_a}"
    assert "5 Januari 2026" in text(client.get(url))
    response = client.post(url, data={**narratives(ids), "send": "1"})
    assert response.status_code == 422
    assert "Batas pengiriman nominasi 5 Januari 2026 sudah lewat" in text(response)
    with app.app_context():
        assert db.session.scalar(select(Nomination)) is None


def test_out_of_scale_and_missing_comments_are_refused_and_the_draft_is_kept(app, client, world, award, login_as):
    login_as("admin")
    assign(client, world, world.agency_b, world.assessor)
    client.post("/logout")
    as_user(client, "juri")
    url = f"/award/{YEAR}/scores/{world.agency_b}"
    draft = sheet_fields(award.__dict__, {"relevance": 4, "impact": 3}, send=False)
    assert client.post(url, data=draft).status_code == 302
    out = client.post(url, data=sheet_fields(award.__dict__, all_scores(3, impact=7)))
    assert out.status_code == 422 and "Nilai 7 di luar skala 1–5." in text(out)
    assert 'value="7"' in out.get_data(as_text=True)  # the input is kept on the form
    words = client.post(url, data=sheet_fields(award.__dict__, all_scores(3, leadership="x")))
    assert words.status_code == 422 and "Nilai harus bilangan bulat." in text(words)
    bare = client.post(url, data=sheet_fields(award.__dict__, all_scores(3, impact=5), comments={}))
    assert bare.status_code == 422 and "Nilai 5 ada di ujung skala" in text(bare)
    with app.app_context():
        sheet = db.session.scalar(select(ScoreSheet))
        assert not sheet.submitted
        assert {s.criterion_id: s.value for s in sheet.scores}[award.relevance] == 4  # the draft survived
    page = client.get(url)
    assert 'value="4"' in page.get_data(as_text=True)


def score_everything(client, world, award):
    """juri and juri2 score both agencies: A 75 and 95 (mean 85, spread 20), B 95 and 75 (mean 85)."""
    ids = award.__dict__
    client.post("/logout")
    as_user(client, "juri")
    assert client.post(f"/award/{YEAR}/scores/{world.agency_a}", data=sheet_fields(ids, all_scores(4))).status_code == 302
    b_first = all_scores(5, leadership=3, external=3)  # 90 + 2.5 + 2.5 = 95
    assert client.post(f"/award/{YEAR}/scores/{world.agency_b}", data=sheet_fields(ids, b_first)).status_code == 302
    client.post("/logout")
    as_user(client, "juri2")
    a_second = all_scores(5, leadership=1)  # 90 + 0 + 5 = 95
    assert client.post(f"/award/{YEAR}/scores/{world.agency_a}", data=sheet_fields(ids, a_second)).status_code == 302
    assert client.post(f"/award/{YEAR}/scores/{world.agency_b}", data=sheet_fields(ids, all_scores(4))).status_code == 302
    client.post("/logout")


def test_finalise_publish_export_certificate_and_audited_reopen(app, client, world, award, login_as):
    login_as("admin")
    for agency in (world.agency_a, world.agency_b):
        for assessor in (world.assessor, award.juri2):
            assert assign(client, world, agency, assessor).status_code == 302
    score_everything(client, world, award)
    login_as("admin")
    round_page = text(client.get(f"/award/{YEAR}"))
    assert "selisih 20,0 poin" in round_page or "selisih 20.0 poin" in round_page  # the disagreement flag
    with app.app_context():
        app.config["AWARD_DISAGREEMENT_MARGIN"] = 25
    assert "selisih 20" not in text(client.get(f"/award/{YEAR}"))
    with app.app_context():
        db.session.get(AwardRound, 1).winners_count = 1
        db.session.commit()
    response = client.post(f"/award/{YEAR}/finalise")
    assert response.status_code == 302
    with app.app_context():
        results = db.session.scalars(select(AwardResult).order_by(AwardResult.rank)).all()
        # Equal totals (85) and equal impact and sustainability means (4.5): the agency code decides.
        assert [(r.agency_id, r.rank, r.total, r.winner) for r in results] == [
            (world.agency_a, 1, 85.0, True), (world.agency_b, 2, 85.0, False)]
    # Every employee sees the results.
    client.post("/logout")
    login_as("employee")
    page = client.get(f"/award/{YEAR}/results")
    assert page.status_code == 200
    rows = BeautifulSoup(page.data, "html.parser").select("table.results tbody tr")
    assert [r.find_all("td")[1].get_text(" ", strip=True).split(" pemenang")[0] for r in rows] == [
        "Dinas Kesehatan", "Dinas Pendidikan"]
    assert "pemenang" in rows[0].get_text() and "pemenang" not in rows[1].get_text()
    assert client.get(f"/award/{YEAR}/certificates/{world.agency_a}").status_code == 200
    assert client.get(f"/award/{YEAR}/certificates/{world.agency_b}").status_code == 404  # not a winner
    export = client.get(f"/award/{YEAR}/results.xlsx")
    assert export.status_code == 200
    assert_xlsx(export.data, award)
    # Immutable: the assessor cannot change a sheet, the admin cannot reassign.
    client.post("/logout")
    as_user(client, "juri")
    changed = client.post(f"/award/{YEAR}/scores/{world.agency_a}", data=sheet_fields(award.__dict__, all_scores(2)))
    assert "sudah final" in text(client.get(changed.headers["Location"]))
    client.post("/logout")
    login_as("admin")
    refused = assign(client, world, world.agency_a, award.juri2)
    assert refused.status_code == 422
    # Reopen needs a reason, which is audited with the ranking it replaced.
    assert client.post(f"/award/{YEAR}/reopen", data={"reason": "x"}).status_code == 422
    assert client.post(f"/award/{YEAR}/reopen", data={"reason": "Salah input nilai juri 2"}).status_code == 302
    with app.app_context():
        row = db.session.scalar(select(AuditLog).where(AuditLog.action == "award.reopened"))
        assert json.loads(row.after) == {"reason": "Salah input nilai juri 2"}
        assert json.loads(row.before)["ranking"][0] == [1, world.agency_a, 85.0]
        assert db.session.scalar(select(AwardResult)) is None
        kept = db.session.scalar(select(ScoreSheet).where(ScoreSheet.agency_id == world.agency_a,
                                                          ScoreSheet.assessor_id == world.assessor))
        assert {s.value for s in kept.scores} == {4}  # the change tried after finalisation was refused
        assert db.session.scalar(select(AuditLog).where(AuditLog.action == "award.finalised")) is not None
    client.post("/logout")
    login_as("employee")
    assert client.get(f"/award/{YEAR}/results").status_code == 404  # reopened: no longer published


def assert_xlsx(data: bytes, award):
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency of the exports
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            assert "Dinas Kesehatan" in book.read("xl/sharedStrings.xml").decode()
        return
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Peringkat", "Kode", "Perangkat daerah", "Nilai total", "Pemenang", "Jumlah juri")
    assert rows[0][6:] == ("Relevansi Tema", "Partisipasi dan Kolaborasi", "Dokumentasi dan Aset Pengetahuan",
                           "Aksesibilitas dan Diseminasi", "Manfaat dan Dampak", "Keberlanjutan",
                           "Keterlibatan Pimpinan", "Kolaborasi Eksternal")
    assert rows[1][:6] == (1, "DINKES", "Dinas Kesehatan", 85, "Ya", 2)
    assert rows[1][6:] == (4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 2.5, 4.5)
    assert rows[2][:6] == (2, "DISDIK", "Dinas Pendidikan", 85, "Tidak", 2)


def rubric_fields(award_row, weights=None, title="KMA 2026") -> dict:
    fields = {"title": title, "winners_count": "10", "submission_deadline": "2099-10-31", "ceremony_on": ""}
    for index, criterion in enumerate(award_row.criteria):
        weight = (weights or {}).get(criterion.code, criterion.weight)
        fields |= {f"criteria-{index}-weight": str(weight), f"criteria-{index}-scale_min": "1",
                   f"criteria-{index}-scale_max": "5"}
    return fields


def test_the_rubric_is_editable_until_the_first_sheet_is_sent(app, client, world, award, login_as):
    login_as("admin")
    with app.app_context():
        row = db.session.get(AwardRound, 1)
        changed = rubric_fields(row, {"leadership": 10})
        flat = rubric_fields(row, {code: 0 for code in all_scores(3)})
        bad_scale = rubric_fields(row) | {"criteria-0-scale_max": "1"}
    assert client.get(f"/award/{YEAR}/edit").status_code == 200
    assert client.post(f"/award/{YEAR}/edit", data=changed).status_code == 302
    assert "Jumlah bobot harus lebih dari 0." in text(client.post(f"/award/{YEAR}/edit", data=flat))
    assert "Ujung atas skala harus lebih besar" in text(client.post(f"/award/{YEAR}/edit", data=bad_scale))
    with app.app_context():
        row = db.session.get(AwardRound, 1)
        assert {c.code: c.weight for c in row.criteria}["leadership"] == 10 and row.winners_count == 10
    assign(client, world, world.agency_a, world.assessor)
    client.post("/logout")
    as_user(client, "juri")
    assert client.post(f"/award/{YEAR}/scores/{world.agency_a}", data=sheet_fields(award.__dict__, all_scores(3))
                       ).status_code == 302
    client.post("/logout")
    login_as("admin")
    with app.app_context():
        again = rubric_fields(db.session.get(AwardRound, 1), {"leadership": 20})
    refused = client.post(f"/award/{YEAR}/edit", data=again)
    assert refused.status_code == 422 and "Rubrik tidak dapat diubah" in text(refused)
    with app.app_context():
        assert {c.code: c.weight for c in db.session.get(AwardRound, 1).criteria}["leadership"] == 10
    # Dates and the number of winners may still change.
    assert client.post(f"/award/{YEAR}/edit", data=again | {"criteria-6-weight": "10", "winners_count": "12"}
                       ).status_code == 302


def test_the_score_sheet_is_kept_as_a_draft_whenever_a_field_changes(app, client, world, award, login_as):
    login_as("admin")
    assign(client, world, world.agency_b, world.assessor)
    client.post("/logout")
    as_user(client, "juri")
    url = f"/award/{YEAR}/scores/{world.agency_b}"
    page = client.get(url).get_data(as_text=True)
    assert f'hx-post="{url}/autosave"' in page and 'id="sheet_saved"' in page
    typed = sheet_fields(award.__dict__, {"relevance": 2, "impact": 5}, comments={"impact": "Dampak luas"}, send=False)
    saved = client.post(f"{url}/autosave", data=typed, headers={"HX-Request": "true"})
    assert saved.status_code == 200 and "Draf lembar nilai disimpan." in text(saved)
    assert "<html" not in saved.get_data(as_text=True)
    refused = client.post(f"{url}/autosave", data=sheet_fields(award.__dict__, {"relevance": 9}, send=False),
                          headers={"HX-Request": "true"})
    assert "Nilai 9 di luar skala 1–5." in text(refused)
    with app.app_context():
        sheet = db.session.scalar(select(ScoreSheet))
        values = {s.criterion_id: (s.value, s.comment) for s in sheet.scores}
        assert values[award.relevance] == (2, "") and values[award.impact] == (5, "Dampak luas")
        assert not sheet.submitted
    # Without htmx the same URL answers with the page and a message.
    plain = client.post(f"{url}/autosave", data=typed)
    assert plain.status_code == 302 and "Draf lembar nilai disimpan." in text(client.get(plain.headers["Location"]))
    client.post("/logout")
    as_user(client, "juri2")  # not assigned: refused
    assert client.post(f"{url}/autosave", data=typed, headers={"HX-Request": "true"}).status_code == 403
