"""SQLite as a production database: pragmas, and several processes writing at once."""
import os
import subprocess
import sys
import textwrap

from sqlalchemy import func, select, text

from kmapp.extensions import db
from kmapp.models import AuditLog

WRITER = textwrap.dedent("""
    import sys
    from sqlalchemy import func, select
    from kmapp import create_app
    from kmapp.audit import record_change
    from kmapp.extensions import db
    from kmapp.models import AuditLog

    app = create_app({"SECRET_KEY": "x"}, instance_path=sys.argv[1])
    with app.app_context():
        for i in range(int(sys.argv[3])):
            # Read, then write, in one transaction: the pattern that fails with
            # "database is locked" when transactions start deferred.
            seen = db.session.scalar(select(func.count()).select_from(AuditLog))
            record_change("test.write", ("worker", sys.argv[2]), None, {"i": i, "seen": seen})
            db.session.commit()
    print("done")
""")


def test_connection_pragmas(app):
    with app.app_context():
        pragmas = {name: db.session.execute(text(f"PRAGMA {name}")).scalar()
                   for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")}
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2, "busy_timeout": 15000}


def test_two_processes_writing_at_once_never_see_a_lock_error(app, tmp_path):
    instance = app.instance_path
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    workers = [subprocess.Popen([sys.executable, "-c", WRITER, instance, name, "150"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for name in ("a", "b")]
    outputs = [worker.communicate(timeout=240) for worker in workers]
    for worker, (out, err) in zip(workers, outputs):
        assert worker.returncode == 0 and "locked" not in err, err[-2000:]
        assert out.strip() == "done"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditLog)) == 300
