"""A small hand-built world for the expert locator: who wrote, led and attended what on
"arsip" and "diabetes", with assets and meetings some viewers may not open."""
from dataclasses import dataclass
from datetime import date

import pytest

from kmapp.extensions import db
from kmapp.models import (Agency, Asset, AssetStatus, Attendance, Community, CommunityMember, MemberRole, Role, Tag,
                          User, Visibility)

from .conftest import meeting, user


def asset(community, author, title, tags=(), visibility=Visibility.ALL, status=AssetStatus.PUBLISHED,
          meeting_row=None):
    row = Asset(community=community, title=title, asset_type="sop", km_stage="storage", visibility=visibility,
                status=status, created_by=author, meeting=meeting_row, published_on=date(2025, 8, 20))
    for name in tags:
        row.tags.append(db.session.query(Tag).filter_by(name=name).one_or_none() or Tag(name=name))
    db.session.add(row)
    db.session.flush()
    return row


@dataclass
class People:
    archivist: int  # led 3 archive meetings, wrote 2 archive assets
    clerk: int  # attended 2 archive meetings
    nurse: int  # wrote one diabetes asset visible only to JAK-HIGH's agency
    secret_meeting: int  # an archive meeting of JAK-HIGH with a members-only attendee list
    restricted_asset: int


@pytest.fixture
def people(app, world):
    """In Dinas Pendidikan's CoP (cop_b): the archivist leads archive meetings; in JAK-HIGH (cop_a)
    the nurse writes an agency-only asset and the clerk attends a members-only meeting."""
    with app.app_context():
        cop_a, cop_b = db.session.get(Community, world.cop_a), db.session.get(Community, world.cop_b)
        agency_a, agency_b = db.session.get(Agency, world.agency_a), db.session.get(Agency, world.agency_b)
        archivist = user("arsiparis", agency_b, Role.EMPLOYEE, Role.COP_LEAD)
        clerk = user("juru.tulis", agency_b, Role.EMPLOYEE)
        nurse = user("perawat", agency_a, Role.EMPLOYEE)
        cop_b.members += [CommunityMember(user=archivist, role=MemberRole.LEAD),
                          CommunityMember(user=clerk, role=MemberRole.MEMBER)]
        db.session.flush()
        meetings = []
        for day, topic in ((3, "Pengelolaan arsip dinamis"), (10, "Penyusutan arsip inaktif"),
                           (17, "Digitalisasi kearsipan sekolah")):
            row = meeting(cop_b, date(2025, 9, day), topic)
            row.created_by = archivist
            db.session.add(row)
            meetings.append(row)
        meetings[0].attendances.append(Attendance(user=clerk))
        meetings[1].attendances.append(Attendance(user=clerk))
        asset(cop_b, archivist, "SOP Pengarsipan Surat Masuk", ("arsip", "surat"))
        asset(cop_b, archivist, "Panduan Jadwal Retensi", ("arsip",))
        restricted = asset(cop_a, nurse, "Panduan Diabetes untuk ASN", ("diabetes",), visibility=Visibility.AGENCY)
        asset(cop_a, nurse, "Draf diabetes", ("diabetes",), status=AssetStatus.DRAFT)
        secret = meeting(cop_a, date(2025, 9, 20), "Rahasia arsip rekam medis")
        secret.attendances.append(Attendance(user=clerk))
        db.session.add(secret)
        db.session.commit()
        return People(archivist.id, clerk.id, nurse.id, secret.id, restricted.id)
