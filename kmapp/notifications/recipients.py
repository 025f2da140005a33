"""Who hears of what, as SQL: recipients are chosen and their notifications written by one
INSERT ... SELECT per event, so 300 members of a CoP (or 65,000 employees) cost one statement,
not one row at a time. Visibility is part of the choice: nobody hears of an asset he may not open.
"""
from sqlalchemy import and_, exists, false, or_, select, true, union

from ..models import (Asset, AssetStatus, CommunityMember, MemberRole, Role, User, UserRole, Visibility, Watch,
                      WatchTarget, asset_tag)


def _has_role(role: Role):
    return exists().where(UserRole.user_id == User.id, UserRole.role == role.value)


def _member_of(community_id: int, *roles: MemberRole):
    clause = exists().where(CommunityMember.user_id == User.id, CommunityMember.community_id == community_id)
    if roles:
        clause = clause.where(CommunityMember.role.in_([r.value for r in roles]))
    return clause


def can_view_asset_clause(asset: Asset):
    """`policy.can_view_asset` as a condition on User rows (for a published asset)."""
    if asset.status != AssetStatus.PUBLISHED:
        return false()
    editors_and_facilitators = or_(
        _has_role(Role.ADMIN),
        and_(_has_role(Role.COP_LEAD), _member_of(asset.community_id, MemberRole.LEAD)),
        and_(_has_role(Role.FACILITATOR), _member_of(asset.community_id, MemberRole.FACILITATOR)))
    if asset.visibility == Visibility.ALL:
        return true()
    if asset.visibility == Visibility.AGENCY:
        return or_(User.agency_id == asset.community.agency_id, editors_and_facilitators)
    return or_(_member_of(asset.community_id), editors_and_facilitators)


def interested_in_asset(asset: Asset):
    """Ids of the CoP's people, of those who watch the CoP and of those who watch one of its tags."""
    return union(
        select(CommunityMember.user_id).where(CommunityMember.community_id == asset.community_id),
        select(Watch.user_id).where(Watch.target == WatchTarget.COMMUNITY.value,
                                    Watch.target_id == asset.community_id),
        select(Watch.user_id).join(asset_tag, and_(Watch.target == WatchTarget.TAG.value,
                                                   Watch.target_id == asset_tag.c.tag_id))
        .where(asset_tag.c.asset_id == asset.id),
    )


def asset_recipients(asset: Asset, actor_id: int | None):
    """Active people interested in `asset` who may open it, its author left out."""
    statement = select(User.id).where(User.active.is_(True), User.id.in_(interested_in_asset(asset)),
                                      can_view_asset_clause(asset))
    if actor_id is not None:
        statement = statement.where(User.id != actor_id)
    return statement


def facilitators_of(community_id: int):
    return select(User.id).where(User.active.is_(True), _has_role(Role.FACILITATOR),
                                 _member_of(community_id, MemberRole.FACILITATOR))


def leads_of(community_ids: list[int]):
    """Active CoP leads of any of `community_ids`."""
    return select(User.id).where(User.active.is_(True), _has_role(Role.COP_LEAD), exists().where(
        CommunityMember.user_id == User.id, CommunityMember.community_id.in_(community_ids),
        CommunityMember.role == MemberRole.LEAD.value))
