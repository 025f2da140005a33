"""One person's page for admins: roles, agency and CoP memberships, each change audited.

The rules (own admin role, roles a membership needs) live in accounts/access.py; refusals come
back as form errors on the same page, with the admin's input kept.
"""
from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ..accounts.access import AccessRefused, change_access, remove_membership, set_membership
from ..accounts.provisioning import AccountError
from ..extensions import db
from ..htmx import render_page
from ..models import Agency, Community, MemberRole, User
from ..policy import get_or_404
from . import bp
from .forms import ActionForm, MembershipForm, ToggleActiveForm, UserAccessForm


def _agency_choices() -> list[SelectChoice]:
    agencies = db.session.execute(select(Agency.id, Agency.name).order_by(Agency.name))
    return [SelectChoice("", _("— tanpa perangkat daerah —"))] + [SelectChoice(i, name) for i, name in agencies]


def _community_choices() -> list[SelectChoice]:
    rows = db.session.execute(select(Community.id, Community.name, Agency.name).join(Community.agency)
                              .order_by(Community.name))
    return [SelectChoice("", _("— pilih komunitas —"))] + [SelectChoice(i, f"{name} · {agency}")
                                                           for i, name, agency in rows]


def _access_form(person: User, submitted: bool = False) -> UserAccessForm:
    """The person's roles and agency, or (`submitted`) what the admin sent."""
    form = UserAccessForm() if submitted else UserAccessForm(
        formdata=None, data={"roles": sorted(person.roles), "agency_id": person.agency_id})
    form.agency_id.choices = _agency_choices()
    return form


def _membership_form(submitted: bool = False) -> MembershipForm:
    form = MembershipForm() if submitted else MembershipForm(formdata=None, data={"role": MemberRole.MEMBER.value})
    form.community_id.choices = _community_choices()
    return form


def _page(person: User, access_form=None, membership_form=None):
    """The person's page; a form that was refused comes back with its errors and input."""
    memberships = sorted(person.memberships, key=lambda m: m.community.name)
    return render_page("admin/user.html", person=person, memberships=memberships,
                       access_form=access_form or _access_form(person),
                       membership_form=membership_form or _membership_form(),
                       action_form=ActionForm(), toggle_form=ToggleActiveForm())


@bp.get("/users/<int:user_id>")
def user_page(user_id: int):
    return _page(get_or_404(User, user_id))


@bp.post("/users/<int:user_id>/access")
def save_access(user_id: int):
    person = get_or_404(User, user_id)
    form = _access_form(person, submitted=True)
    if not form.validate():
        return _page(person, access_form=form)
    agency = db.session.get(Agency, form.agency_id.data) if form.agency_id.data else None
    try:
        changed = change_access(person, form.roles.data or [], agency, current_user)
    except (AccessRefused, AccountError) as refused:  # refused before anything was changed
        form.roles.errors = [str(refused)]
        return _page(person, access_form=form)
    db.session.commit()
    flash(_("Peran dan perangkat daerah %(name)s disimpan.", name=person.name) if changed
          else _("Tidak ada perubahan."), "success")
    return redirect(url_for("admin.user_page", user_id=person.id))


@bp.post("/users/<int:user_id>/memberships")
def save_membership(user_id: int):
    person = get_or_404(User, user_id)
    form = _membership_form(submitted=True)
    if not form.validate():
        return _page(person, membership_form=form)
    community = get_or_404(Community, form.community_id.data)
    try:
        outcome = set_membership(person, community, MemberRole(form.role.data), current_user)
    except AccessRefused as refused:
        form.role.errors = [str(refused)]
        return _page(person, membership_form=form)
    db.session.commit()
    flash(_("Keanggotaan %(name)s di %(cop)s disimpan.", name=person.name, cop=community.name) if outcome
          else _("Tidak ada perubahan."), "success")
    return redirect(url_for("admin.user_page", user_id=person.id))


@bp.post("/users/<int:user_id>/memberships/<int:cop_id>/delete")
def delete_membership(user_id: int, cop_id: int):
    person, community = get_or_404(User, user_id), get_or_404(Community, cop_id)
    if ActionForm().validate() and remove_membership(person, community, current_user):
        db.session.commit()
        flash(_("%(name)s tidak lagi tercatat di %(cop)s.", name=person.name, cop=community.name), "success")
    return redirect(url_for("admin.user_page", user_id=person.id))
