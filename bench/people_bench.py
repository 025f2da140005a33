"""People search benchmark: "who knows about X" over 65,000 employees.

Builds the dashboard benchmark's programme (bench/dashboard_bench.py: 51 agencies, 65,000
employees, 5 years of meetings, 50,000 assets; accesses kept small, they play no part here),
then gives it what the expert locator reads: meeting topics and the CoP lead who ran each,
named attendees, asset titles, tags and authors, declared expertise for a share of employees.
It rebuilds the topic evidence (`flask people-reindex`), then times the people search
(find_experts, as an admin and as an ordinary employee), the search results page's panel of
three, and full GETs of /people?q= and a people page. Or, with --existing, only measures a
database that is already there (e.g. the seeded demo).

    .venv/bin/python bench/people_bench.py                      # generate, ~2-4 minutes
    .venv/bin/python bench/people_bench.py --existing sqlite:////path/instance/kmapp.db
"""
import argparse
import os
import random
import sys
import tempfile
import time
from datetime import datetime
from types import SimpleNamespace

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import sqlalchemy as sa  # noqa: E402

from bench.dashboard_bench import PASSWORD, _admin, _fast_loading, generate, insert_chunks, measure  # noqa: E402
from kmapp import create_app  # noqa: E402
from kmapp.extensions import db  # noqa: E402
from kmapp.models import (Asset, Attendance, DeclaredExpertise, Meeting, Tag, TopicEvidence, User,  # noqa: E402
                          asset_tag)
from kmapp.people.evidence import rebuild_topic_evidence  # noqa: E402
from kmapp.people.ranking import find_experts, query_terms, ranked_people  # noqa: E402

TOPICS = ("arsip dinamis", "pengelolaan arsip", "retensi arsip", "pelayanan publik", "perizinan berusaha",
          "pengadaan barang jasa", "keuangan daerah", "penyusunan anggaran", "kesehatan ibu anak", "gizi balita",
          "diabetes melitus", "imunisasi", "kurikulum merdeka", "pembelajaran daring", "drainase kota",
          "pengelolaan sampah", "ruang terbuka hijau", "transportasi umum", "kepegawaian", "pensiun pegawai",
          "mutasi pegawai", "satu data", "keamanan informasi", "aplikasi layanan", "pemadam kebakaran",
          "bencana banjir", "pajak daerah", "retribusi parkir", "aset daerah", "audit internal")
WORDS = ("penyusunan", "pedoman", "evaluasi", "strategi", "praktik baik", "pelatihan", "koordinasi", "digitalisasi")
QUERIES = ("pengarsipan", "diabetes", "pengelolaan sampah", "pegawai", "pelatihan", "zzzzz")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=65_000)
    parser.add_argument("--assets", type=int, default=50_000)
    parser.add_argument("--attendees", type=int, default=40, help="named attendees per meeting")
    parser.add_argument("--declared-share", type=float, default=0.05, help="employees who declare expertise")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--existing", help="measure this database as it is (no generation)")
    parser.add_argument("--seed", type=int, default=11)
    return parser.parse_args()


def enrich(args, rng: random.Random) -> dict:
    """Topics, leaders, attendees, authors, tags and declarations on the generated programme."""
    staff: dict[int, list[int]] = {}
    for user_id, agency_id in db.session.execute(sa.select(User.id, User.agency_id)):
        staff.setdefault(agency_id, []).append(user_id)
    # Each agency's CoP is run by 1-3 leads and works on 3-6 topics.
    leads = {agency: rng.sample(people, min(3, len(people))) for agency, people in staff.items()}
    themes = {agency: rng.sample(TOPICS, rng.randint(3, 6)) for agency in staff}
    agency_of_cop = dict(db.session.execute(sa.text("SELECT id, agency_id FROM community")).all())
    meetings = db.session.execute(sa.select(Meeting.id, Meeting.community_id)).all()
    connection = db.session.connection()
    connection.execute(sa.update(Meeting.__table__).where(Meeting.__table__.c.id == sa.bindparam("mid"))
                       .values(topic=sa.bindparam("t"), created_by_id=sa.bindparam("by")),
                       [{"mid": mid, "t": f"{rng.choice(WORDS).title()} {rng.choice(themes[agency_of_cop[cop]])}",
                         "by": rng.choice(leads[agency_of_cop[cop]])} for mid, cop in meetings])
    attendance = ((mid, user_id) for mid, cop in meetings
                  for user_id in rng.sample(staff[agency_of_cop[cop]], min(args.attendees, len(staff[agency_of_cop[cop]]))))
    attended = insert_chunks(Attendance.__table__, ((i + 1, mid, uid) for i, (mid, uid) in enumerate(attendance)),
                             ("id", "meeting_id", "user_id"))
    tag_names = sorted({word for topic in TOPICS for word in (topic, topic.split()[0])})
    insert_chunks(Tag.__table__, ((i + 1, name) for i, name in enumerate(tag_names)), ("id", "name"))
    tag_ids = {name: i + 1 for i, name in enumerate(tag_names)}
    assets = db.session.execute(sa.select(Asset.id, Asset.community_id)).all()
    updates, links = [], []
    for asset_id, cop in assets:
        agency = agency_of_cop[cop]
        topic = rng.choice(themes[agency])
        author = rng.choice(leads[agency]) if rng.random() < 0.7 else rng.choice(staff[agency])
        updates.append({"aid": asset_id, "t": f"{rng.choice(WORDS).title()} {topic} {asset_id}", "by": author})
        links += [(asset_id, tag_ids[topic]), (asset_id, tag_ids[topic.split()[0]])]
    connection.execute(sa.update(Asset.__table__).where(Asset.__table__.c.id == sa.bindparam("aid"))
                       .values(title=sa.bindparam("t"), created_by_id=sa.bindparam("by")), updates)
    insert_chunks(asset_tag, iter(sorted(set(links))), ("asset_id", "tag_id"))
    declarers = rng.sample(range(1, args.employees + 1), int(args.employees * args.declared_share))
    now = datetime.now()
    declared = insert_chunks(DeclaredExpertise.__table__, (
        (i * 3 + k + 1, uid, name, now)
        for i, uid in enumerate(declarers) for k, name in enumerate(rng.sample(TOPICS, 3))),
        ("id", "user_id", "name", "created_at"))
    db.session.commit()
    return {"attendance": attended, "declared": declared}


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    workdir = tempfile.mkdtemp(prefix="people-bench-")
    url = args.existing or f"sqlite:///{os.path.join(workdir, 'bench.db')}"
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "JOBS_WORKER": "external",
                      "SQLALCHEMY_DATABASE_URI": url}, instance_path=os.path.join(workdir, "instance"))
    facts, timings = {}, {}
    with app.app_context():
        if not args.existing:
            db.create_all()
            with _fast_loading():
                gen = SimpleNamespace(employees=args.employees, years=5, assets=args.assets, accesses=1000,
                                      repeat=args.repeat)
                facts = generate(gen, rng, timings)
                started = time.perf_counter()
                facts.update(enrich(args, rng))
                timings["topics, attendees, authors, tags, declarations"] = time.perf_counter() - started
            _admin()
        started = time.perf_counter()
        evidence_rows = rebuild_topic_evidence()
        db.session.commit()
        timings["rebuild topic evidence (people-reindex)"] = time.perf_counter() - started
        rows = _measure(app, args)
        _report(args, facts, timings, rows, evidence_rows)


def _measure(app, args) -> list[dict]:
    admin = db.session.scalar(sa.select(User).where(User.username == "admin"))
    employee = db.session.scalar(sa.select(User).where(User.username.is_(None), User.active.is_(True))
                                 .order_by(User.id.desc()).limit(1))
    rows = []
    for query in QUERIES:
        terms = query_terms(query)
        rows.append(measure(f"ranked_people({query!r}) (all evidence, 40)", lambda: ranked_people(terms), args.repeat))
        rows.append(measure(f"find_experts({query!r}) as admin", lambda: find_experts(admin, query), args.repeat))
        rows.append(measure(f"find_experts({query!r}, limit=3) as employee (search panel)",
                            lambda: find_experts(employee, query, limit=3), args.repeat))
    top = ranked_people(query_terms(QUERIES[0]), 1)
    db.session.remove()
    client = app.test_client()
    if args.existing:
        login, password = "admin", "demo12345"
    else:
        login, password = "admin", PASSWORD
    assert client.post("/login", data={"login": login, "password": password}).status_code == 302

    def get(url):
        def run():
            response = client.get(url, headers={"Accept-Encoding": "gzip"})
            assert response.status_code == 200, response.status_code
            run.size, run.raw = len(response.data), len(response.get_data())
        return run
    urls = [f"/people?q={QUERIES[0]}", f"/people?q={QUERIES[1]}"] + ([f"/people/{top[0][0]}"] if top else [])
    for url in urls:
        runner = get(url)
        row = measure(f"GET {url}", runner, args.repeat)
        row["bytes"] = runner.size
        rows.append(row)
    return rows


def _report(args, facts, timings, rows, evidence_rows):
    dialect = db.engine.dialect.name
    employees = db.session.scalar(sa.select(sa.func.count()).select_from(User))
    print(f"\n## People search benchmark ({dialect}{', existing database' if args.existing else ''})\n")
    print(f"{employees:,} accounts, {db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)):,} meetings, "
          f"{db.session.scalar(sa.select(sa.func.count()).select_from(Attendance)):,} named attendances, "
          f"{db.session.scalar(sa.select(sa.func.count()).select_from(Asset)):,} assets, "
          f"{db.session.scalar(sa.select(sa.func.count()).select_from(DeclaredExpertise)):,} declared topics; "
          f"{evidence_rows:,} topic evidence rows; {args.repeat} timed runs after one warm-up.\n")
    if timings:
        print("| step | seconds |\n| --- | ---: |")
        for label, seconds in timings.items():
            print(f"| {label} | {seconds:.1f} |")
    print("\n| measurement | p50 ms | max ms | p50 CPU ms | response (gzip) |\n| --- | ---: | ---: | ---: | ---: |")
    for row in rows:
        size = f"{row['bytes'] / 1024:.1f} KB" if "bytes" in row else ""
        print(f"| {row['label']} | {row['p50'] * 1000:.1f} | {row['max'] * 1000:.1f} | {row['cpu'] * 1000:.1f} | {size} |")
    print(f"\nLoad average (1, 5, 15 min): {', '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores.")


if __name__ == "__main__":
    main()
