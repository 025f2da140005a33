"""What the home page shows each person: something to read, and their next task."""
from datetime import timedelta

from sqlalchemy import func, select

from ..assets.usage import assets_due_for_review
from ..clock import local_today
from ..extensions import db
from ..models import Asset, AssetAccess, Meeting, MemberRole, Role, User
from ..policy import asset_visibility_clause, is_admin

RECENT_LIMIT = 8
POPULAR_DAYS = 90
AWAITING_DAYS = 120


def recent_assets(user: User, limit: int = RECENT_LIMIT) -> list[Asset]:
    return list(db.session.scalars(select(Asset).where(asset_visibility_clause(user))
                                   .order_by(Asset.published_on.desc(), Asset.id.desc()).limit(limit)))


def popular_assets(user: User, limit: int = 5) -> list[tuple[Asset, int]]:
    """The assets most employees opened lately (distinct readers), among those `user` may see."""
    since = local_today() - timedelta(days=POPULAR_DAYS)
    readers = func.count(func.distinct(AssetAccess.user_id))
    statement = (select(Asset, readers).join(AssetAccess, AssetAccess.asset_id == Asset.id)
                 .where(asset_visibility_clause(user), AssetAccess.accessed_on >= since)
                 .group_by(Asset.id).order_by(readers.desc(), Asset.id.desc()).limit(limit))
    return [(asset, count) for asset, count in db.session.execute(statement)]


def awaiting_accompaniment(user: User, limit: int = 8) -> list[Meeting]:
    """Recent meetings of the facilitator's CoPs that nobody has confirmed accompanying yet."""
    if not user.has_role(Role.FACILITATOR):
        return []
    communities = list(user.community_ids(MemberRole.FACILITATOR))
    since = local_today() - timedelta(days=AWAITING_DAYS)
    return list(db.session.scalars(
        select(Meeting).where(Meeting.community_id.in_(communities), Meeting.accompanied_at.is_(None),
                              Meeting.held_on >= since)
        .order_by(Meeting.held_on.desc()).limit(limit)))


def reviews_due(user: User) -> int:
    """How many assets this lead (or admin) should review within the next month."""
    if not (is_admin(user) or user.community_ids(MemberRole.LEAD)):
        return 0
    return db.session.scalar(select(func.count()).select_from(assets_due_for_review(user).subquery()))
