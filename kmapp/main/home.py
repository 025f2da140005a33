"""What the home page shows each person: ways into the assets and something to read.

(Each person's tasks come from tasks.py.) Every count and list here covers only the assets
the viewer may open (policy.asset_visibility_clause).
"""
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..clock import local_today
from ..extensions import db
from ..models import Agency, Asset, AssetAccess, Community, Tag, User
from ..models.assets import asset_tag
from ..policy import asset_visibility_clause

RECENT_LIMIT = 8
POPULAR_DAYS = 90
TAG_LIMIT = 15


def recent_assets(user: User, limit: int = RECENT_LIMIT) -> list[Asset]:
    # The list names each asset's CoP: loaded in the same query, not one query per asset.
    return list(db.session.scalars(select(Asset).options(joinedload(Asset.community))
                                   .where(asset_visibility_clause(user))
                                   .order_by(Asset.published_on.desc(), Asset.id.desc()).limit(limit)))


def popular_assets(user: User, limit: int = 5) -> list[tuple[Asset, int]]:
    """The assets most employees opened lately (distinct readers), among those `user` may see."""
    since = local_today() - timedelta(days=POPULAR_DAYS)
    readers = func.count(func.distinct(AssetAccess.user_id))
    statement = (select(Asset, readers).options(joinedload(Asset.community)).join(AssetAccess, AssetAccess.asset_id == Asset.id)
                 .where(asset_visibility_clause(user), AssetAccess.accessed_on >= since)
                 .group_by(Asset.id).order_by(readers.desc(), Asset.id.desc()).limit(limit))
    return [(asset, count) for asset, count in db.session.execute(statement)]


def assets_by_type(user: User) -> dict[str, int]:
    """{asset type: visible assets}, only the types that have some."""
    statement = (select(Asset.asset_type, func.count(Asset.id)).where(asset_visibility_clause(user))
                 .group_by(Asset.asset_type))
    return dict(db.session.execute(statement).all())


def agencies_with_assets(user: User) -> list[tuple[str, str, int]]:
    """(code, name, visible assets) of every agency with at least one, by name."""
    count = func.count(Asset.id)
    statement = (select(Agency.code, Agency.name, count).join(Community, Community.agency_id == Agency.id)
                 .join(Asset, Asset.community_id == Community.id).where(asset_visibility_clause(user))
                 .group_by(Agency.id, Agency.code, Agency.name).order_by(Agency.name))
    return [(code, name, assets) for code, name, assets in db.session.execute(statement)]


def popular_tags(user: User, limit: int = TAG_LIMIT) -> list[tuple[str, int]]:
    """The tags on most visible assets, then by name."""
    count = func.count(Asset.id)
    statement = (select(Tag.name, count).join(asset_tag, asset_tag.c.tag_id == Tag.id)
                 .join(Asset, Asset.id == asset_tag.c.asset_id).where(asset_visibility_clause(user))
                 .group_by(Tag.id, Tag.name).order_by(count.desc(), Tag.name).limit(limit))
    return [(name, assets) for name, assets in db.session.execute(statement)]
