"""Recording departures one by one and by CSV (line-numbered errors, good rows kept, idempotent), the
position class and supervisor columns of import-users, and the handover settings."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from kmapp.extensions import db
from kmapp.handover.departures import handover_settings
from kmapp.models import Departure, HandoverSettings, User

from .fixtures_handover import as_user, people


@pytest.fixture
def ids(app, world):
    with app.app_context():
        return people(world)


def text(response) -> str:
    return response.get_data(as_text=True)


def in_days(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def test_a_departure_is_recorded_with_its_handover(app, client, world, ids):
    as_user(client, "hr.a")
    response = client.post(f"/handover/agencies/{world.agency_a}/departures",
                           data={"login": "197001012000031001", "kind": "transfer", "leaving_on": in_days(40),
                                 "to_agency": world.agency_b})
    assert response.status_code == 302
    with app.app_context():
        departure = db.session.scalar(select(Departure).where(Departure.user_id == ids["leaving"]))
        assert departure.to_agency_id == world.agency_b and departure.handover.supervisor_id == ids["boss"]
    page = text(client.get(f"/handover/agencies/{world.agency_a}"))
    assert "Pergi.A" in page and "Dinas Pendidikan" in page and "belum dimulai" in page


@pytest.mark.parametrize("fields, reason", [
    ({"kind": "retirement", "leaving_on": "2020-01-01"}, "sudah lewat"),
    ({"kind": "transfer", "leaving_on": in_days(30)}, "Pilih tujuannya"),
    ({"kind": "retirement", "leaving_on": "bukan tanggal"}, "Tanggal tidak dikenali"),
])
def test_a_bad_departure_is_refused_with_the_reason_and_keeps_the_input(client, world, ids, fields, reason):
    as_user(client, "hr.a")
    response = client.post(f"/handover/agencies/{world.agency_a}/departures",
                           data={"login": "197001012000031001", **fields})
    assert response.status_code == 422 and reason in text(response)
    assert 'value="197001012000031001"' in text(response)


def test_a_leaving_date_before_the_appointment_is_refused(app):
    from kmapp.handover.recording import DepartureError, check_departure
    with app.app_context():
        person = User(nip="199001012030011001", name="Calon", agency_id=None)  # appointed January 2030
        with pytest.raises(DepartureError, match="sebelum tanggal pengangkatan"):
            check_departure(person, "retirement", date(2029, 6, 1), None, today=date(2026, 12, 1))


CSV = """nip_or_username,kind,leaving_on,to_agency_code
197001012000031001,pensiun,{soon},
rekan.a,mutasi,{later},DISDIK
guru.b,pensiun,{soon},
tidak.ada,pensiun,{soon},
atasan.a,liburan,{soon},
hr.a,pensiun,2020-01-01,
lead.a,mutasi,{soon},NOPE
rekan.a,mutasi,{later},DISDIK
"""


def test_departures_csv_reports_bad_rows_and_keeps_good_ones(app, client, world, ids, runner, tmp_path):
    body = CSV.format(soon=in_days(60), later=in_days(200))
    path = tmp_path / "departures.csv"
    path.write_text(body, encoding="utf-8")
    result = runner.invoke(args=["import-departures", str(path)])
    assert "dibuat 3, diperbarui 0, tidak berubah 0, ditolak 5" in result.output, result.output
    for line, reason in [(5, "tidak ditemukan"), (6, "liburan"), (7, "sudah lewat"), (8, "NOPE"),
                         (9, "lebih dari sekali")]:
        assert f"baris {line}: " in result.output and reason in result.output, (line, result.output)
    again = runner.invoke(args=["import-departures", str(path)])
    assert "dibuat 0, diperbarui 0, tidak berubah 3" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Departure)) == 3

    # On the web, an HR officer's file may only name his own agency's staff.
    from io import BytesIO
    as_user(client, "hr.b")
    response = client.post(f"/handover/agencies/{world.agency_b}/import",
                           data={"file": (BytesIO(body.encode()), "kepergian.csv")},
                           content_type="multipart/form-data")
    page = text(response)
    assert "tidak berubah 1" in page and "bukan pegawai perangkat daerah Anda" in page


def test_import_users_reads_position_class_and_supervisor(app, runner, tmp_path, world):
    path = tmp_path / "users.csv"
    path.write_text("nip_or_username,name,email,agency_code,roles,position_class,supervisor\n"
                    "196512312000031001,Bu Kepala,,DINKES,employee,senior_executive,\n"
                    "197001012000031001,Pak Staf,,DINKES,employee,functional_middle,196512312000031001\n"
                    "staf.dua,Staf Dua,,DINKES,employee,astronaut,\n"
                    "staf.tiga,Staf Tiga,,DINKES,employee,,siapa.ini\n", encoding="utf-8")
    result = runner.invoke(args=["import-users", str(path)])
    assert "baris 4: Kelas jabatan tidak dikenal: astronaut" in result.output
    assert "baris 5: Atasan tidak ditemukan: siapa.ini" in result.output
    with app.app_context():
        staff = db.session.scalar(select(User).where(User.nip == "197001012000031001"))
        assert staff.position_class == "functional_middle" and staff.supervisor.name == "Bu Kepala"
    again = runner.invoke(args=["import-users", str(path)])
    assert "dibuat 0, diperbarui 0, tidak berubah 3" in again.output, again.output


def test_retirement_ages_are_a_programme_setting(app, client, world):
    as_user(client, "admin")
    page = text(client.get("/admin/settings"))
    assert "Fungsional ahli utama" in page and 'value="65"' in page
    refused = client.post("/admin/settings/handover", data={
        "handover-overdue_days": "30", "handover-age_administrative": "58", "handover-age_functional_junior": "58",
        "handover-age_functional_middle": "60", "handover-age_senior_executive": "60",
        "handover-age_functional_top": "99"})
    assert refused.status_code == 422 and "Usia pensiun antara 40 dan 75" in text(refused)
    assert client.post("/admin/settings/handover", data={
        "handover-overdue_days": "45", "handover-age_administrative": "58", "handover-age_functional_junior": "58",
        "handover-age_functional_middle": "62", "handover-age_senior_executive": "60",
        "handover-age_functional_top": "65"}).status_code == 302
    with app.app_context():
        row = db.session.get(HandoverSettings, 1)
        assert (row.overdue_days, row.age_functional_middle) == (45, 62)
        assert handover_settings().retirement_ages()["functional_middle"] == 62
    client.post("/logout")
    as_user(client, "lead.a")
    assert client.post("/admin/settings/handover", data={"handover-overdue_days": "1"}).status_code in (403, 404)
