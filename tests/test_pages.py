"""The layout: language, safe headers, error pages, static caching, page weight."""
import gzip
import re


def test_safe_headers_on_every_page(client):
    response = client.get("/login")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_signed_in_pages_are_not_stored_by_caches(client, login_as):
    login_as("employee")
    assert "no-store" in client.get("/").headers["Cache-Control"]


def test_static_files_have_versioned_urls_cached_for_a_year(client):
    page = client.get("/login").get_data(as_text=True)
    css = re.search(r'href="(/static/app\.css\?v=[0-9a-f]{12})"', page).group(1)
    js = re.search(r'src="(/static/vendor/htmx-[0-9.]+\.min\.js\?v=[0-9a-f]{12})"', page).group(1)
    for url in (css, js):
        response = client.get(url)
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"]
        assert "immutable" in response.headers["Cache-Control"]
        response.close()


def test_english_can_be_chosen_and_is_remembered_for_the_user(client, login_as):
    login_as("employee")
    assert "Beranda" in client.get("/").get_data(as_text=True)
    client.post("/language", data={"lang": "en", "back": "/"})
    page = client.get("/").get_data(as_text=True)
    assert 'lang="en"' in page and "Home" in page and "Beranda" not in page
    client.post("/logout")
    client.post("/login", data={"login": "pegawai", "password": "rahasia-123"})
    assert 'lang="en"' in client.get("/").get_data(as_text=True)


def test_not_found_page_uses_the_layout_in_indonesian(client, login_as):
    login_as("employee")
    response = client.get("/tidak-ada")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in page and "Portal KM" in page


def test_htmx_error_gets_a_fragment_not_a_page(client, login_as):
    login_as("employee")
    response = client.get("/admin/users", headers={"HX-Request": "true"})
    assert response.status_code == 403 and "<html" not in response.get_data(as_text=True)


def test_home_page_is_compressed_and_light(client, login_as):
    login_as("admin")
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"
    assert len(response.data) < 50 * 1024
    assert b"<html" in gzip.decompress(response.data)


def test_csrf_is_enforced_when_enabled(app, client, world):
    app.config["WTF_CSRF_ENABLED"] = True
    refused = client.post("/login", data={"login": "pegawai", "password": "rahasia-123"})
    assert refused.status_code == 400
    from .conftest import csrf_token_from
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    accepted = client.post("/login", data={"login": "pegawai", "password": "rahasia-123", "csrf_token": token})
    assert accepted.status_code == 302
