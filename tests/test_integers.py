"""Numbers in URLs, query strings and forms: out of the database's range means "not there", never a 500."""
import pytest

from kmapp.integers import MAX_DB_INT, db_int, optional_db_int

from .fixtures_assets import act_as, asset_form, asset_count, make_asset, pdf_bytes, upload  # noqa: F401
from .fixtures_communities import jakarta_today, meeting_fields

BEYOND_SQLITE = str(2**63)       # SQLite refuses the parameter
BEYOND_POSTGRES = str(2**31)     # PostgreSQL's INTEGER ends at 2^31-1
THOUSAND_DIGITS = "9" * 1000


@pytest.fixture
def no_propagation(app):
    """Let a crash become the 500 page a user would see, so that status codes can be compared."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


def test_db_int_accepts_the_integer_range_and_nothing_else():
    assert db_int("1") == 1 and db_int(" 42 ") == 42 and db_int(str(MAX_DB_INT)) == MAX_DB_INT
    for bad in ("0", "-3", BEYOND_POSTGRES, BEYOND_SQLITE, THOUSAND_DIGITS, "abc", "", "1.5"):
        with pytest.raises(ValueError):
            db_int(bad)
    assert optional_db_int(BEYOND_SQLITE) is None and optional_db_int("") is None and optional_db_int(None) is None


@pytest.mark.parametrize("number", [BEYOND_SQLITE, BEYOND_POSTGRES, THOUSAND_DIGITS, "0"])
@pytest.mark.parametrize("path", ["/assets/{n}", "/assets/{n}/edit", "/assets/1/files/{n}/download",
                                  "/assets/{n}/files/1/view", "/cops/{n}", "/cops/{n}/assets", "/meetings/{n}",
                                  "/meetings/{n}/edit", "/programme/agencies/{n}"])
def test_an_id_beyond_the_database_range_in_a_url_is_not_found(no_propagation, client, act_as, world, path, number):
    act_as("admin")
    assert client.get(path.format(n=number)).status_code == 404


@pytest.mark.parametrize("path", ["/admin/users/{n}/active", "/programme/targets/overrides/{n}/delete",
                                  "/assets/{n}/vote", "/assets/{n}/review", "/meetings/{n}/accompaniment"])
def test_posting_to_an_id_beyond_the_range_is_not_found(no_propagation, client, act_as, world, path):
    act_as("admin")
    assert client.post(path.format(n=BEYOND_SQLITE)).status_code == 404


@pytest.mark.parametrize("url", [f"/assets/due?page={BEYOND_SQLITE}", f"/admin/users?page={BEYOND_SQLITE}",
                                 "/admin/users?page=-4", f"/people/lookup?q=pegawai&cop={BEYOND_SQLITE}",
                                 f"/assets/new?cop={BEYOND_SQLITE}", f"/assets/new?meeting={BEYOND_SQLITE}",
                                 f"/search?page={BEYOND_SQLITE}", f"/programme/?year={BEYOND_SQLITE}",
                                 f"/programme/targets?year={BEYOND_SQLITE}", f"/assets/new?cop={THOUSAND_DIGITS}"])
def test_a_huge_number_in_the_query_string_falls_back_to_the_default(no_propagation, client, act_as, world, url):
    act_as("admin")
    assert client.get(url).status_code == 200


def test_a_huge_file_number_on_the_new_version_page_preselects_nothing(no_propagation, app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    assert client.get(f"/assets/{asset_id}/files/new?file={BEYOND_SQLITE}").status_code == 200


def test_a_huge_cop_or_meeting_in_the_upload_form_counts_as_none_chosen(no_propagation, app, client, act_as, world):
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2999-01-01"
    act_as("lead_a")
    huge_cop = upload(client, {**asset_form(world.cop_a), "cop": BEYOND_SQLITE}, (pdf_bytes(), "sop.pdf"))
    assert huge_cop.status_code == 302  # no CoP chosen: the lead's only CoP is taken
    huge_meeting = upload(client, asset_form(world.cop_a, meeting=BEYOND_SQLITE), (pdf_bytes(), "sop.pdf"))
    assert huge_meeting.status_code == 302  # no meeting chosen (none is required here)
    assert asset_count(app) == 2


def test_a_huge_attendee_id_is_a_form_error(no_propagation, client, login_as, world):
    login_as("lead_a")
    response = client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting_fields(attendees=[BEYOND_SQLITE]))
    assert response.status_code == 200  # the form again, with its error
    assert "Daftar peserta rusak" in response.get_data(as_text=True)


@pytest.mark.parametrize("year", ["99999", "1", "1999", BEYOND_POSTGRES])
@pytest.mark.parametrize("action", ["lock", "unlock"])
def test_a_quarter_lock_year_outside_the_plausible_range_is_refused(no_propagation, app, client, login_as, world,
                                                                    year, action):
    login_as("admin")
    status = client.post(f"/quarters/{year}/4/{action}").status_code
    assert status in (400, 404)
    next_year = jakarta_today(app).year + 1
    assert client.post(f"/quarters/{next_year + 1}/1/{action}").status_code == 400
    assert client.post(f"/quarters/{next_year}/1/{action}").status_code == 302  # refused as not finished
