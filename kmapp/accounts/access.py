"""What an admin changes about a person's access: roles, agency and CoP memberships, audited.

Rules kept here (the admin pages only show their refusals):
- nobody removes their own admin role (the programme office cannot lock itself out);
- a CoP role needs the matching portal role: a membership as lead ("Ketua/pengurus") needs the
  Pengurus CoP role and one as facilitator ("Pendamping") the Pendamping role. policy.leads and
  policy.facilitates ask for both, so a membership without its role would silently grant nothing;
  the admin is told to give the role first rather than the role being granted behind his back.
- for the same reason a role cannot be taken away while a membership still needs it.
Role names are checked with the CLI's own rules (provisioning.known_roles).
"""
from flask_babel import gettext
from sqlalchemy import select

from .. import labels
from ..audit import record_change
from ..extensions import db
from ..models import Agency, Community, CommunityMember, MemberRole, Role, User
from .provisioning import known_roles

# The portal role a CoP role needs.
ROLE_NEEDED = {MemberRole.LEAD: Role.COP_LEAD, MemberRole.FACILITATOR: Role.FACILITATOR}


class AccessRefused(ValueError):
    """Why a change of access is refused, in Bahasa Indonesia (shown to the admin)."""


def _access_snapshot(user: User) -> dict:
    return {"roles": sorted(user.roles), "agency_id": user.agency_id}


def change_access(user: User, roles, agency: Agency | None, actor: User) -> bool:
    """Give `user` exactly `roles` and `agency`, audited; False when nothing changed."""
    wanted = known_roles(roles)
    if user.id == actor.id and user.has_role(Role.ADMIN) and Role.ADMIN.value not in wanted:
        raise AccessRefused(gettext("Anda tidak dapat mencabut peran Admin BPSDM dari akun Anda sendiri."))
    for membership in sorted(user.memberships, key=lambda m: m.community.name):
        needed = ROLE_NEEDED.get(MemberRole(membership.role))
        if needed is not None and needed.value not in wanted:
            raise AccessRefused(gettext(
                "Peran %(role)s masih diperlukan: %(name)s tercatat sebagai %(member_role)s di %(cop)s. "
                "Ubah atau hapus keanggotaan itu dulu.", role=labels.ROLE[needed], name=user.name,
                member_role=labels.MEMBER_ROLE[MemberRole(membership.role)], cop=membership.community.name))
    before = _access_snapshot(user)
    user.set_roles(wanted)
    user.agency_id = agency.id if agency else None
    after = _access_snapshot(user)
    if before == after:
        return False
    record_change("user.access_changed", user, before, after, actor=actor)
    return True


def _membership_key(user: User, community: Community) -> tuple[str, str]:
    return "community_member", f"{community.id}:{user.id}"


def set_membership(user: User, community: Community, role: MemberRole, actor: User) -> str | None:
    """Add `user` to the CoP in `role`, or change his role there; audited.

    Returns "added", "updated", or None when he already held that role.
    """
    role = MemberRole(role)
    needed = ROLE_NEEDED.get(role)
    if needed is not None and not user.has_role(needed):
        raise AccessRefused(gettext("%(name)s belum memiliki peran %(role)s; berikan peran itu dulu.",
                                    name=user.name, role=labels.ROLE[needed]))
    membership = db.session.execute(select(CommunityMember).where(
        CommunityMember.community_id == community.id, CommunityMember.user_id == user.id)).scalar_one_or_none()
    if membership is not None and membership.role == role.value:
        return None
    before = {"community_id": community.id, "role": membership.role} if membership else None
    if membership is None:
        membership = CommunityMember(community=community, user=user, role=role.value)
        db.session.add(membership)
    membership.role = role.value
    record_change("community_member.added" if before is None else "community_member.updated",
                  _membership_key(user, community), before, {"community_id": community.id, "role": role.value},
                  actor=actor)
    return "added" if before is None else "updated"


def remove_membership(user: User, community: Community, actor: User) -> bool:
    """Take `user` out of the CoP, audited; False when he was not in it."""
    membership = db.session.execute(select(CommunityMember).where(
        CommunityMember.community_id == community.id, CommunityMember.user_id == user.id)).scalar_one_or_none()
    if membership is None:
        return False
    record_change("community_member.removed", _membership_key(user, community),
                  {"community_id": community.id, "role": membership.role}, None, actor=actor)
    user.memberships.remove(membership)
    db.session.delete(membership)
    return True
