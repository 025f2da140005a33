"""Who knows what on PostgreSQL: migration 0014 builds exactly the models' tables, and the
ranking, the people search and knowledge at risk run there as on SQLite."""
from datetime import date, timedelta

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from kmapp.extensions import db
from kmapp.models import Agency, Community, CommunityMember, Departure, MemberRole, Role
from kmapp.people.at_risk import knowledge_at_risk
from kmapp.people.ranking import find_experts, ranked_people

from .conftest import meeting, user
from .fixtures_people import asset
from .test_postgres import pg_app, pytestmark  # noqa: F401  (the schema-per-test fixture, skip rule)

OURS = {"topic_evidence", "declared_expertise", "expertise_settings"}


def _ours(diff) -> bool:
    item = diff[0] if isinstance(diff, list) else diff
    for part in item[1:]:
        table = getattr(part, "table", None)
        name = table.name if table is not None else getattr(part, "name", part)
        if isinstance(name, str) and name in OURS:
            return True
    return False


def test_people_on_postgresql(pg_app):  # noqa: F811
    with pg_app.test_request_context():
        upgrade()
        context = MigrationContext.configure(db.session.connection(), opts={"compare_type": True})
        assert [diff for diff in compare_metadata(context, db.metadata) if _ours(diff)] == []
        agency = Agency(code="ANRI", name="Dinas Arsip", kind="dinas", headcount=10)
        cop = Community(agency=agency, name="Arsip Hebat")
        archivist = user("arsiparis", agency, Role.EMPLOYEE, Role.COP_LEAD)
        reader = user("pembaca", agency, Role.EMPLOYEE)
        cop.members.append(CommunityMember(user=archivist, role=MemberRole.LEAD))
        db.session.add_all([agency, cop])
        for day in (3, 10, 17):
            row = meeting(cop, date(2025, 9, day), "Pengelolaan kearsipan dinamis")
            row.created_by = archivist
            db.session.add(row)
        asset(cop, archivist, "SOP Pengarsipan", ("arsip",))
        db.session.add(Departure(user=archivist, kind="retirement", leaving_on=date.today() + timedelta(days=60)))
        db.session.commit()
        assert ranked_people(["arsip"]) == [(archivist.id, 12)]
        assert [e.explanation for e in find_experts(reader, "pengarsipan")] == ["memimpin 3 pertemuan dan menulis 1 aset"]
        found = knowledge_at_risk(reader, agency.id)
        assert [(item.person.id, item.topics[0].label) for item in found] == [(archivist.id, "arsip")]
