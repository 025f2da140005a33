"""`flask check`: stored files against the database, and what `--repair` may delete."""
import os
import time

from kmapp.extensions import db
from kmapp.files.storage import path_of, store_stream
from kmapp.models import AssetFileVersion

from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .fixtures_assets import make_asset, pdf_bytes


def _orphan(app, age_seconds: float, suffix: str = ""):
    import io
    with app.app_context():
        stored = store_stream(io.BytesIO(pdf_bytes("yatim")))
        path = path_of(stored.storage_name)
        if suffix:
            path = path.rename(path.with_suffix(suffix))
    moment = time.time() - age_seconds
    os.utime(path, (moment, moment))
    return path


def test_check_is_clean_after_real_uploads(app, client, act_as, world, runner):
    make_asset(app, client, act_as, world)
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0, result.output
    assert "Berkas sesuai dengan basis data." in result.output and "Indeks sesuai" in result.output


def test_old_orphans_and_partial_files_are_reported_and_repaired_recent_ones_left(app, client, act_as, world,
                                                                                  runner):
    make_asset(app, client, act_as, world)
    old_orphan, old_part = _orphan(app, 7200), _orphan(app, 7200, ".part")
    in_flight = _orphan(app, 5)  # an upload on another server may be just about to commit it
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert f"berkas yatim (tanpa baris di basis data): {old_orphan.name}" in result.output
    assert f"berkas setengah jadi: {old_part.name}" in result.output
    assert "mungkin unggahan yang sedang berjalan): 1" in result.output
    result = runner.invoke(args=["check", "--repair"])
    assert "Diperbaiki: 2 berkas yatim/setengah jadi dihapus." in result.output and result.exit_code == 0
    assert not old_orphan.exists() and not old_part.exists() and in_flight.exists()
    with app.app_context():
        version = db.session.query(AssetFileVersion).one()
        assert path_of(version.storage_name).exists()  # the real file is never touched


def test_a_file_lost_from_disk_is_reported_and_never_papered_over(app, client, act_as, world, runner):
    make_asset(app, client, act_as, world)
    with app.app_context():
        version = db.session.query(AssetFileVersion).one()
        path_of(version.storage_name).unlink()
        version_id = version.id
    result = runner.invoke(args=["check", "--repair"])
    assert result.exit_code == 1 and f"berkas hilang: versi #{version_id}" in result.output
