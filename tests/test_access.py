"""The sign-in wall and the permission matrix at the edges of the app."""
from werkzeug.routing import BuildError

PUBLIC = {"auth.login", "main.healthz", "main.set_language", "static"}


def _sample_url(app, rule):
    values = {arg: 1 for arg in rule.arguments}
    if "filename" in values:
        values["filename"] = "app.css"
    with app.test_request_context():
        from flask import url_for
        try:
            return url_for(rule.endpoint, **values)
        except BuildError:
            return None


def test_every_route_refuses_anonymous_users_except_login_and_healthz(app, client):
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        url = _sample_url(app, rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(url, method=method)
            assert response.status_code in (302, 401), (rule.endpoint, method, response.status_code)
            if response.status_code == 302:
                assert response.headers["Location"].startswith("/login"), rule.endpoint
            checked += 1
    assert checked >= 5


def test_healthz_and_login_are_public(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/login").status_code == 200


def test_healthz_reports_database_and_index(client):
    state = client.get("/healthz").get_json()
    assert state["database"]["ok"] is True
    assert state["search_index"]["ok"] is False  # nothing indexed yet in a fresh instance


def test_employee_cannot_open_admin_pages(client, login_as):
    login_as("employee")
    response = client.get("/admin/users")
    assert response.status_code == 403
    assert "Akses ditolak" in response.get_data(as_text=True)


def test_cop_lead_cannot_open_admin_pages_or_toggle_users(client, world, login_as):
    login_as("lead_a")
    assert client.get("/admin/users").status_code == 403
    assert client.post(f"/admin/users/{world.employee}/active").status_code == 403


def test_admin_user_list_has_two_shapes(client, login_as):
    login_as("admin")
    full = client.get("/admin/users?q=pegawai")
    part = client.get("/admin/users?q=pegawai", headers={"HX-Request": "true"})
    assert "<html" in full.get_data(as_text=True)
    body = part.get_data(as_text=True)
    assert "<html" not in body and "Pegawai" in body
    assert "HX-Request" in part.headers["Vary"]
