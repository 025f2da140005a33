"""Wire size (gzip) of the CoP and meeting partials on the demo data.

Works on a throw-away copy of the demo database (the "saved" answer writes a meeting):
    KMAPP_INSTANCE_PATH=/path/to/demo-instance .venv/bin/python scripts/measure_meeting_partials.py
"""
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kmapp import create_app  # noqa: E402
from kmapp.demo.seed import DEMO_PASSWORD  # noqa: E402
from kmapp.extensions import db  # noqa: E402
from kmapp.models import Community, Meeting  # noqa: E402

HX_GZIP = {"HX-Request": "true", "Accept-Encoding": "gzip"}


def measure(client, label, method, url, data=None, headers=HX_GZIP):
    response = client.open(url, method=method, data=data, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    assert response.headers.get("Content-Encoding") == "gzip", url
    print(f"{label:<44} {len(response.data):>6} B gzip   ({url})")


def main() -> None:
    source = Path(os.environ.get("KMAPP_INSTANCE_PATH", "instance")) / "kmapp.db"
    scratch = Path(tempfile.mkdtemp(prefix="km-measure-"))
    with sqlite3.connect(source) as live, sqlite3.connect(scratch / "kmapp.db") as copy:
        live.backup(copy)  # WAL-safe, unlike copying the file
    app = create_app({"WTF_CSRF_ENABLED": False}, instance_path=str(scratch))
    with app.app_context():
        cop = db.session.execute(db.select(Community).where(Community.name == "JAK-HIGH")).scalar_one()
        cop_id = cop.id
        last = db.session.execute(db.select(Meeting).where(Meeting.community_id == cop_id)
                                  .order_by(Meeting.held_on.desc())).scalars().first()
        meeting_id = last.id
        busiest = db.session.execute(db.select(Meeting.community_id, db.func.count()).group_by(Meeting.community_id)
                                     .order_by(db.func.count().desc())).first()
    client = app.test_client()
    client.post("/login", data={"login": "lead.dinkes", "password": DEMO_PASSWORD})
    fields = {"held_on": "2025-11-20", "topic": "Ukur", "format": "hybrid", "head_count": "30",
              "seci_stages": "socialization", "minutes": "**Hasil**"}
    measure(client, "timeline (GET /cops/<id>, htmx)", "GET", f"/cops/{cop_id}")
    client.post("/logout")
    client.post("/login", data={"login": "admin", "password": DEMO_PASSWORD})
    measure(client, f"timeline, busiest CoP ({busiest[1]} meetings)", "GET", f"/cops/{busiest[0]}")
    client.post("/logout")
    client.post("/login", data={"login": "lead.dinkes", "password": DEMO_PASSWORD})
    measure(client, "meeting form, new (htmx)", "GET", f"/cops/{cop_id}/meetings/new")
    measure(client, "meeting form, edit (htmx)", "GET", f"/meetings/{meeting_id}/edit")
    measure(client, "meeting form with errors (htmx POST)", "POST", f"/cops/{cop_id}/meetings/new",
            data={**fields, "head_count": "-1"})
    measure(client, "autocomplete, 10 matches (q=ah)", "GET", f"/people/lookup?q=ah&cop={cop_id}")
    measure(client, "autocomplete, by NIP prefix (q=19)", "GET", f"/people/lookup?q=19&cop={cop_id}")
    measure(client, "saved: timeline + oob form + figures", "POST", f"/cops/{cop_id}/meetings/new", data=fields)
    measure(client, "CoP list filtered (q=dinas, htmx)", "GET", "/cops?q=dinas")
    measure(client, "CoP list, all 51 (full page)", "GET", "/cops", headers={"Accept-Encoding": "gzip"})
    measure(client, "CoP page (full page)", "GET", f"/cops/{cop_id}", headers={"Accept-Encoding": "gzip"})
    client.post("/logout")
    client.post("/login", data={"login": "fasilitator", "password": DEMO_PASSWORD})
    measure(client, "accompaniment confirmed (htmx POST)", "POST", f"/meetings/{meeting_id}/accompaniment",
            data={"feedback": "Baik."})
    measure(client, "meeting page (full page)", "GET", f"/meetings/{meeting_id}", headers={"Accept-Encoding": "gzip"})
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
