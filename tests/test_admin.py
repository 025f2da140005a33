"""The admin pages refuse the wrong thing (issue 12, point 8): deactivation asks first, roles,
agency and CoP memberships are edited with server-side checks, and every change is audited."""
import json

from bs4 import BeautifulSoup
from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import AuditLog, CommunityMember, User

from .conftest import csrf_token_from


def _user(app, user_id) -> User:
    with app.app_context():
        person = db.session.get(User, user_id)
        _ = (person.role_rows, person.memberships)
        return person


def _audit(app, action: str) -> list[AuditLog]:
    with app.app_context():
        return list(db.session.scalars(select(AuditLog).where(AuditLog.action == action).order_by(AuditLog.id)))


def _membership(app, cop_id, user_id) -> str | None:
    with app.app_context():
        return db.session.scalar(select(CommunityMember.role).where(
            CommunityMember.community_id == cop_id, CommunityMember.user_id == user_id))


def test_deactivating_asks_for_confirmation_without_javascript(app, client, login_as, world):
    login_as("admin")
    question = client.post(f"/admin/users/{world.employee}/active?q=peg")
    page = BeautifulSoup(question.data, "html.parser")
    assert question.status_code == 200 and "Nonaktifkan akun Pegawai?" in page.find("h1").get_text()
    assert _user(app, world.employee).active  # nothing happened yet
    form = page.find("form", action=f"/admin/users/{world.employee}/active?q=peg")
    assert form.find("input", attrs={"name": "confirm"})["value"] == "yes"  # a plain form: no JavaScript needed
    assert page.find("a", string="Batal")["href"] == "/admin/users?q=peg"
    done = client.post(f"/admin/users/{world.employee}/active", data={"confirm": "yes"})
    assert done.status_code == 302 and not _user(app, world.employee).active
    assert [json.loads(row.after) for row in _audit(app, "user.active_changed")] == [{"active": False}]
    again = client.post(f"/admin/users/{world.employee}/active")  # activating needs no question
    assert again.status_code == 302 and _user(app, world.employee).active


def test_the_user_list_links_each_person_and_warns_before_deactivating(client, login_as, world):
    login_as("admin")
    page = BeautifulSoup(client.get("/admin/users?q=pegawai").data, "html.parser")
    assert page.find("a", href=f"/admin/users/{world.employee}").get_text() == "Pegawai"
    assert page.find("button", string="Nonaktifkan…")  # the ellipsis: a question follows


def test_admin_edits_roles_and_agency_audited(app, client, login_as, world):
    login_as("admin")
    page = BeautifulSoup(client.get(f"/admin/users/{world.employee}").data, "html.parser")
    assert page.find("input", attrs={"name": "roles", "value": "employee"}).has_attr("checked")
    assert page.find("select", attrs={"name": "agency_id"}).find("option", selected=True)["value"] == str(world.agency_b)
    response = client.post(f"/admin/users/{world.employee}/access",
                           data={"roles": ["employee", "cop_lead"], "agency_id": str(world.agency_a)})
    assert response.status_code == 302
    person = _user(app, world.employee)
    assert person.roles == {"employee", "cop_lead"} and person.agency_id == world.agency_a
    (row,) = _audit(app, "user.access_changed")
    assert json.loads(row.before) == {"roles": ["employee"], "agency_id": world.agency_b}
    assert json.loads(row.after) == {"roles": ["cop_lead", "employee"], "agency_id": world.agency_a}
    assert row.actor_id == world.admin
    client.post(f"/admin/users/{world.employee}/access", data={"roles": ["employee", "cop_lead"],
                                                                "agency_id": str(world.agency_a)})
    assert len(_audit(app, "user.access_changed")) == 1  # unchanged: no audit noise


def test_an_admin_cannot_remove_his_own_admin_role(app, client, login_as, world):
    login_as("admin")
    response = client.post(f"/admin/users/{world.admin}/access", data={"roles": ["employee"], "agency_id": ""})
    assert response.status_code == 200
    assert "Anda tidak dapat mencabut peran Admin BPSDM dari akun Anda sendiri." in response.get_data(as_text=True)
    assert _user(app, world.admin).roles == {"admin"} and not _audit(app, "user.access_changed")


def test_a_role_a_membership_needs_cannot_be_taken_away(app, client, login_as, world):
    login_as("admin")
    response = client.post(f"/admin/users/{world.lead_a}/access", data={"roles": ["employee"],
                                                                         "agency_id": str(world.agency_a)})
    text = BeautifulSoup(response.data, "html.parser").get_text()
    assert "Peran Pengurus CoP masih diperlukan: Lead.A tercatat sebagai Ketua/pengurus di JAK-HIGH" in text
    assert "cop_lead" in _user(app, world.lead_a).roles


def test_cop_memberships_need_the_matching_role_and_are_audited(app, client, login_as, world):
    login_as("admin")
    page = BeautifulSoup(client.get(f"/admin/users/{world.employee}").data, "html.parser")
    assert page.find("select", attrs={"name": "community_id"}).find("option", selected=True)["value"] == ""
    refused = client.post(f"/admin/users/{world.employee}/memberships",
                          data={"community_id": str(world.cop_b), "role": "facilitator"})
    assert "Pegawai belum memiliki peran Pendamping; berikan peran itu dulu." in refused.get_data(as_text=True)
    refused = client.post(f"/admin/users/{world.employee}/memberships",
                          data={"community_id": str(world.cop_b), "role": "lead"})
    assert "Pegawai belum memiliki peran Pengurus CoP" in refused.get_data(as_text=True)
    assert _membership(app, world.cop_b, world.employee) is None
    untouched = client.post(f"/admin/users/{world.employee}/memberships", data={"community_id": "", "role": "member"})
    assert "Pilih komunitas." in untouched.get_data(as_text=True)

    assert client.post(f"/admin/users/{world.employee}/memberships",
                       data={"community_id": str(world.cop_b), "role": "member"}).status_code == 302
    assert _membership(app, world.cop_b, world.employee) == "member"
    client.post(f"/admin/users/{world.employee}/access", data={"roles": ["employee", "facilitator"],
                                                                "agency_id": str(world.agency_b)})
    assert client.post(f"/admin/users/{world.employee}/memberships",
                       data={"community_id": str(world.cop_b), "role": "facilitator"}).status_code == 302
    assert _membership(app, world.cop_b, world.employee) == "facilitator"
    assert client.post(f"/admin/users/{world.employee}/memberships/{world.cop_b}/delete").status_code == 302
    assert _membership(app, world.cop_b, world.employee) is None
    actions = [(row.action, row.entity_id, row.actor_id) for row in _audit(app, "community_member.added")
               + _audit(app, "community_member.updated") + _audit(app, "community_member.removed")]
    key = f"{world.cop_b}:{world.employee}"
    assert actions == [("community_member.added", key, world.admin), ("community_member.updated", key, world.admin),
                       ("community_member.removed", key, world.admin)]
    removed = _audit(app, "community_member.removed")[0]
    assert json.loads(removed.before) == {"community_id": world.cop_b, "role": "facilitator"} and removed.after is None


def test_only_admins_edit_access(client, login_as, world):
    login_as("lead_a")
    assert client.get(f"/admin/users/{world.employee}").status_code == 403
    for path, data in ((f"/admin/users/{world.employee}/access", {"roles": ["admin"]}),
                       (f"/admin/users/{world.employee}/memberships", {"community_id": str(world.cop_a), "role": "lead"}),
                       (f"/admin/users/{world.lead_a}/memberships/{world.cop_a}/delete", {})):
        assert client.post(path, data=data).status_code == 403


def test_admin_forms_carry_a_csrf_token_and_refuse_without_it(app, client, login_as, world):
    login_as("admin")
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(f"/admin/users/{world.employee}").get_data(as_text=True)
    assert page.count('name="csrf_token"') >= 3  # access, membership and (de)activation forms
    refused = client.post(f"/admin/users/{world.employee}/access", data={"roles": ["admin"], "agency_id": ""})
    assert refused.status_code == 400 and "admin" not in _user(app, world.employee).roles
    token = csrf_token_from(page)
    accepted = client.post(f"/admin/users/{world.employee}/access",
                           data={"roles": ["employee"], "agency_id": "", "csrf_token": token})
    assert accepted.status_code == 302 and _user(app, world.employee).agency_id is None
