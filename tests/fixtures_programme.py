"""Small builders for the programme tests: assets, accesses, agencies (on top of `world`)."""
from datetime import date, datetime

from kmapp.extensions import db
from kmapp.models import Agency, Asset, AssetAccess, Community, Meeting, QuarterTarget, Role
from kmapp.programme.dashboard import Filters, build_dashboard

from .conftest import meeting, user

TODAY = date(2026, 1, 15)  # every Triwulan of 2025 is over


def published_asset(community, source_meeting, published_on, km_stage="creation", **extra) -> Asset:
    asset = Asset(community=community, meeting=source_meeting, title=extra.pop("title", "Aset"),
                  asset_type="sop", km_stage=km_stage, published_on=published_on, **extra)
    db.session.add(asset)
    return asset


def access(asset, reader, day: date) -> AssetAccess:
    """An access as the asset page records it: the reader's agency copied onto the row."""
    db.session.flush()
    row = AssetAccess(asset_id=asset.id, user_id=reader.id, agency_id=reader.agency_id, accessed_on=day)
    db.session.add(row)
    return row


def meeting_with_asset(community, held_on: date, accompanied: bool = False, seci=()) -> Meeting:
    """A meeting that also produced an asset the same day: enough for the built-in target."""
    held = meeting(community, held_on, f"Pertemuan {held_on}")
    held.set_seci_stages(seci)
    if accompanied:
        held.accompanied_at = datetime.combine(held_on, datetime.min.time())
    db.session.add(held)
    published_asset(community, held, held_on)
    return held


def dashboard(year=2025, quarter=None, kind=None, behind_only=False, today=TODAY):
    return build_dashboard(Filters(year, quarter, kind, behind_only), today)


def row_of(board, agency_id):
    return next(row for row in board.rows if row.id == agency_id)


def add_agency(code: str, headcount: int, kind: str = "badan") -> tuple[Agency, Community]:
    agency = Agency(code=code, name=f"Badan {code}", kind=kind, headcount=headcount)
    community = Community(agency=agency, name=f"CoP {code}")
    db.session.add_all([agency, community])
    return agency, community


def reader(name: str, agency) -> object:
    person = user(name, agency, Role.EMPLOYEE)
    db.session.flush()
    return person


def override(year, quarter, agency_id, meetings, assets, accompanied=0) -> QuarterTarget:
    row = QuarterTarget(year=year, quarter=quarter, agency_id=agency_id, min_meetings=meetings,
                        min_assets=assets, min_accompanied=accompanied)
    db.session.add(row)
    return row
