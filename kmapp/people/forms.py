"""Forms of the people pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import DataRequired, Length

from .declared import MAX_NAME


class DeclareForm(FlaskForm):
    name = StringField(_l("Topik keahlian"), validators=[
        DataRequired(message=_l("Tulis topik keahlian, minimal 2 karakter.")),
        Length(min=2, max=MAX_NAME, message=_l("Topik keahlian 2 sampai 60 karakter."))])


class WithdrawForm(FlaskForm):
    declared_id = HiddenField()


class HideForm(FlaskForm):
    hidden = BooleanField(_l("Sembunyikan keahlian yang saya nyatakan dari orang lain"))
