"""The client's real address behind trusted proxies (PROXY_HOPS), and forged headers ignored."""
from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import LoginAttempt

import pytest

from .conftest import PASSWORD, World, make_test_app

PROXY = {"REMOTE_ADDR": "10.0.0.5"}  # the load balancer or nginx, as the app server sees it


def _app(tmp_path, **config):
    app = make_test_app(tmp_path, **config)
    with app.app_context():
        World()
    return app


def sign_in(client, forwarded_for, password="wrong-password"):
    return client.post("/login", data={"login": "pegawai", "password": password}, environ_base=PROXY,
                       headers={"X-Forwarded-For": forwarded_for})


def _addresses(app):
    with app.app_context():
        return db.session.scalars(select(LoginAttempt.address).order_by(LoginAttempt.id)).all()


def test_behind_one_trusted_proxy_each_client_is_throttled_by_its_own_address(tmp_path):
    app = _app(tmp_path, PROXY_HOPS=1)
    client = app.test_client()
    for _ in range(5):
        sign_in(client, "203.0.113.7")
    assert _addresses(app) == ["203.0.113.7"] * 5
    assert sign_in(client, "203.0.113.7", PASSWORD).status_code == 429
    # Another office behind the same balancer is not locked out by the first one's failures.
    assert sign_in(app.test_client(), "198.51.100.20", PASSWORD).status_code == 302


def test_only_the_last_hop_is_trusted_so_a_forged_header_does_not_pick_the_address(tmp_path):
    app = _app(tmp_path, PROXY_HOPS=1)
    # The client sent its own X-Forwarded-For; the proxy appended the address it really saw.
    sign_in(app.test_client(), "1.2.3.4, 203.0.113.7")
    assert _addresses(app) == ["203.0.113.7"]


def test_without_proxy_hops_the_header_is_ignored(tmp_path):
    app = _app(tmp_path)
    sign_in(app.test_client(), "203.0.113.7")
    assert _addresses(app) == ["10.0.0.5"]


def test_a_negative_number_of_hops_is_refused_at_start_up(tmp_path):
    with pytest.raises(ValueError, match="PROXY_HOPS"):
        make_test_app(tmp_path, PROXY_HOPS=-1)
