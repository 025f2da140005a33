"""People pages: /people (search by topic), /people/<id> (a person's work), and the person's
own declared expertise (htmx block `declared_expertise`, or a redirect without JS)."""
from flask import redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..htmx import is_htmx_request, render_page
from ..integers import optional_db_int
from ..policy import can_edit_declared_expertise, can_view_knowledge_at_risk, is_admin, person_for_view, require
from . import bp
from .declared import DeclarationError, declare, set_hidden, withdraw
from .forms import DeclareForm, HideForm, WithdrawForm
from .profile import declared_expertise, declared_hidden, person_profile
from .ranking import find_experts
from .tasks import at_risk_agencies

MAX_QUERY = 200


@bp.get("/people")
def search():
    query = (request.args.get("q") or "").strip()[:MAX_QUERY]
    experts = find_experts(current_user, query) if query else []
    return render_page("people/search.html", "people_results", query=query, experts=experts)


@bp.get("/people/<int:user_id>")
def person_page(user_id: int):
    person = person_for_view(user_id)
    return render_page("people/person.html", profile=person_profile(current_user, person),
                       **_declared_context(person))


def _declared_context(person, form: DeclareForm | None = None, error: str | None = None) -> dict:
    own = can_edit_declared_expertise(current_user, person)
    return {"person": person, "own": own, "declared": declared_expertise(person) if own else None,
            "declare_form": form or (DeclareForm(formdata=None) if own else None),
            "hide_form": HideForm(data={"hidden": declared_hidden(person)}) if own else None,
            "withdraw_form": WithdrawForm() if own else None, "declare_error": error}


def _declared_block(form: DeclareForm | None = None, error: str | None = None):
    """After a change: the block for htmx (200 even on an error, so htmx swaps it in), without
    JS a redirect to the page, or the page again with the input kept and the reason (422)."""
    failed = error is not None or bool(form is not None and form.errors)
    if is_htmx_request():
        return render_page("people/person.html", "declared_expertise", **_declared_context(current_user, form, error))
    if not failed:
        return redirect(url_for("people.person_page", user_id=current_user.id) + "#declared_expertise")
    return render_page("people/person.html", status=422, profile=person_profile(current_user, current_user),
                       **_declared_context(current_user, form, error))


@bp.post("/people/me/expertise")
def declare_expertise():
    require(current_user.is_authenticated)
    form = DeclareForm()
    if not form.validate_on_submit():
        return _declared_block(form)
    try:
        declare(current_user, form.name.data)
    except DeclarationError as refused:
        return _declared_block(form, str(refused))
    db.session.commit()
    return _declared_block()


@bp.post("/people/me/expertise/remove")
def withdraw_expertise():
    form = WithdrawForm()
    declared_id = optional_db_int(form.declared_id.data)
    if form.validate_on_submit() and declared_id is not None and withdraw(current_user, declared_id):
        db.session.commit()
    return _declared_block()


@bp.post("/people/me/expertise/hide")
def hide_expertise():
    form = HideForm()
    if form.validate_on_submit():
        set_hidden(current_user, bool(form.hidden.data))
        db.session.commit()
    return _declared_block()


@bp.get("/people/at-risk")
def at_risk():
    """Knowledge at risk per agency: an admin sees every agency (or one), a CoP lead his own."""
    from ..models import Agency
    from .at_risk import knowledge_at_risk
    agency_id = optional_db_int(request.args.get("agency"))
    if agency_id is not None:
        agency = db.session.get(Agency, agency_id)
        require(agency is not None and can_view_knowledge_at_risk(current_user, agency_id))
        agencies = [agency]
    else:
        agencies = at_risk_agencies(current_user)
        require(bool(agencies) or is_admin(current_user))
    if is_admin(current_user) and agency_id is None:
        found = knowledge_at_risk(current_user)
    else:
        found = [item for agency in agencies for item in knowledge_at_risk(current_user, agency.id)]
    groups: dict = {}
    for item in found:
        groups.setdefault(item.person.agency, []).append(item)
    return render_page("people/at_risk.html", groups=sorted(groups.items(), key=lambda pair: pair[0].name),
                       agencies=agencies, chosen=agency_id)
