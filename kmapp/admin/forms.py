"""Forms of the admin pages: a person's access, CoP memberships and (de)activation."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField
from wtforms.validators import DataRequired

from .. import labels
from ..communities.forms import MultiCheckboxField
from ..integers import optional_db_int


class UserAccessForm(FlaskForm):
    """Roles and agency; the agency choices are set by the view (every agency, or none)."""
    roles = MultiCheckboxField(_l("Peran"), choices=labels.choices(labels.ROLE))
    agency_id = SelectField(_l("Perangkat daerah"), coerce=optional_db_int)


class MembershipForm(FlaskForm):
    """Add the person to a CoP, or change his role there; the CoP choices are set by the view."""
    community_id = SelectField(_l("Komunitas (CoP)"), coerce=optional_db_int,
                               validators=[DataRequired(_l("Pilih komunitas."))])
    role = SelectField(_l("Peran di CoP"), choices=labels.choices(labels.MEMBER_ROLE),
                       validators=[DataRequired(_l("Pilih peran di CoP."))])


class ToggleActiveForm(FlaskForm):
    """(De)activate an account. Deactivating needs `confirm` = "yes", sent only by the
    confirmation page, so it works without JavaScript and cannot happen by one stray click."""
    confirm = HiddenField()


class ActionForm(FlaskForm):
    """Only the CSRF token: removing a membership is a POST."""
