"""Backup while the database is in use, then restore it."""
import json

from sqlalchemy import func, select

from kmapp.extensions import db
from kmapp.files.storage import path_of
from kmapp.models import Agency, Asset


def test_backup_then_restore_brings_back_database_and_uploads(demo_app, tmp_path):
    app, runner = demo_app, demo_app.test_cli_runner()
    destination = tmp_path / "backup-1"
    result = runner.invoke(args=["backup", str(destination)])
    assert result.exit_code == 0, result.output
    assert "integrity_check ok" in result.output
    manifest = json.loads((destination / "manifest.json").read_text())
    assert manifest["upload_files"] > 100
    with app.app_context():
        first = db.session.scalar(select(Asset).order_by(Asset.id))
        stored = first.files[0].current.storage_name
        assets_before = db.session.scalar(select(func.count()).select_from(Asset))
        # Disaster: agencies renamed, a file lost.
        db.session.execute(Agency.__table__.update().values(name=Agency.name + " (rusak)"))
        db.session.commit()
        path_of(stored).unlink()

    refused = runner.invoke(args=["restore", str(destination)])
    assert refused.exit_code != 0 and "--yes" in refused.output
    result = runner.invoke(args=["restore", str(destination), "--yes"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Asset)) == assets_before
        assert not db.session.scalar(select(func.count()).where(Agency.name.like("%(rusak)")))
        assert path_of(stored).is_file()
    # The restored index answers a search (the demo's body-only word, as any employee).
    from kmapp.demo.catalogue import BODY_ONLY_ASSET_TITLE
    from kmapp.search.store import current_searcher
    from kmapp.search.searching import search
    from kmapp.search.visibility import Viewer
    with app.app_context():
        titles = [hit.title for hit in search(current_searcher(), "pengarsipan", visible_to=Viewer()).hits]
        assert BODY_ONLY_ASSET_TITLE in titles


def test_backup_refuses_a_non_empty_destination(app, runner, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    result = runner.invoke(args=["backup", str(tmp_path / "full")])
    assert result.exit_code != 0 and "tidak kosong" in result.output


def test_demo_seed_builds_the_reported_programme(demo_app):
    app = demo_app
    from kmapp.models import Meeting
    with app.app_context():
        q3 = db.session.execute(select(
            func.count(func.distinct(Meeting.community_id)), func.count(),
            func.count(Meeting.accompanied_at)).where(Meeting.year == 2025, Meeting.quarter == 3)).one()
        assert tuple(q3) == (42, 45, 33)
        assert db.session.scalar(select(func.count()).select_from(Agency)) == 51
