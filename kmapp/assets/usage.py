"""How employees use assets: access records (utilisation), votes, related assets, review lists."""
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import joinedload

from ..database import write_transaction
from ..extensions import db
from ..models import AccessKind, Asset, AssetAccess, AssetVote, Community, User, asset_tag
from ..policy import asset_visibility_clause, is_admin
from ..models.enums import AssetStatus, MemberRole
from . import rules
from .readers import dialect_insert, record_readers

RELATED_LIMIT = 5


def record_access(asset: Asset, user: User, kind: AccessKind) -> None:
    """Count this user once per asset and day (the first kind of the day is kept).

    Called during GETs: a cheap read first, so range requests for a video or repeated
    opens do not each take the write lock; the insert ignores a concurrent duplicate.
    """
    day = rules.today()
    seen = db.session.scalar(select(AssetAccess.id).where(
        AssetAccess.asset_id == asset.id, AssetAccess.user_id == user.id, AssetAccess.accessed_on == day))
    if seen is not None:
        return
    values = dict(asset_id=asset.id, user_id=user.id, agency_id=user.agency_id, accessed_on=day,
                  kind=kind.value)
    with write_transaction() as session:
        connection = session.connection()
        insert = dialect_insert(connection)
        connection.execute(insert(AssetAccess.__table__).values(**values).on_conflict_do_nothing(
            index_elements=["asset_id", "user_id", "accessed_on"]))
        # The reader of the period, for utilisation: in the same transaction (readers.py).
        record_readers(connection, [(user.agency_id, user.id, day)])


@dataclass(frozen=True)
class VoteSummary:
    useful: int
    total: int
    mine: bool | None  # this user's answer, None if not given


def vote(asset: Asset, user: User, useful: bool) -> None:
    """Record or change this user's answer to "was this useful?"."""
    row = db.session.get(AssetVote, (asset.id, user.id))
    if row is None:
        db.session.add(AssetVote(asset_id=asset.id, user_id=user.id, useful=useful))
    else:
        row.useful = useful
    db.session.commit()


def vote_summary(asset: Asset, user: User) -> VoteSummary:
    useful, total = db.session.execute(
        select(func.coalesce(func.sum(case((AssetVote.useful, 1), else_=0)), 0), func.count())
        .where(AssetVote.asset_id == asset.id)).one()
    mine = db.session.scalar(select(AssetVote.useful).where(
        AssetVote.asset_id == asset.id, AssetVote.user_id == user.id))
    return VoteSummary(int(useful), int(total), mine)


def related_assets(asset: Asset, user: User, limit: int = RELATED_LIMIT) -> list[Asset]:
    """Visible assets sharing tags (most shared first), else the same CoP or type; one query."""
    tag_ids = [tag.id for tag in asset.tags]
    shared = (select(func.count()).select_from(asset_tag)
              .where(asset_tag.c.asset_id == Asset.id, asset_tag.c.tag_id.in_(tag_ids))
              .correlate(Asset).scalar_subquery()) if tag_ids else None
    kin = [Asset.community_id == asset.community_id, Asset.asset_type == asset.asset_type]
    order = [(Asset.community_id == asset.community_id).desc(), Asset.published_on.desc(), Asset.id.desc()]
    if shared is not None:
        kin.append(shared > 0)
        order.insert(0, shared.desc())
    # Each row's review badge asks the asset's CoP: loaded with it, not one query per row.
    statement = (select(Asset).options(joinedload(Asset.community))
                 .where(asset_visibility_clause(user), Asset.id != asset.id, or_(*kin))
                 .order_by(*order).limit(limit))
    return list(db.session.scalars(statement))


def assets_due_for_review(user: User, horizon_days: int = rules.DUE_SOON_DAYS):
    """Published assets whose review is due within `horizon_days`, overdue first.

    Leads see their own CoPs' assets; admins see all. Returns a select() for pagination.
    """
    until = rules.today() + timedelta(days=horizon_days)
    statement = (select(Asset).join(Community)
                 .where(Asset.status == AssetStatus.PUBLISHED, Asset.next_review_on.is_not(None),
                        Asset.next_review_on <= until)
                 .order_by(Asset.next_review_on, Asset.id))
    if not is_admin(user):
        statement = statement.where(Asset.community_id.in_(list(user.community_ids(MemberRole.LEAD))))
    return statement
