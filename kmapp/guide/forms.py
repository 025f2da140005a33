from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from .. import labels
from ..communities.minutes import MAX_MINUTES_CHARS
from ..models import GuideSection

SECTIONS = {
    GuideSection.PLAN.value: _l("Rencana kerja"),
    GuideSection.ROLES.value: _l("Peran dan wewenang"),
    GuideSection.MODULE.value: _l("Modul langkah demi langkah"),
    GuideSection.OTHER.value: _l("Lainnya"),
}


class GuidePageForm(FlaskForm):
    title = StringField(_l("Judul"), validators=[DataRequired(_l("Tulis judul halaman.")), Length(max=200)])
    section = SelectField(_l("Bagian"), choices=labels.choices(SECTIONS), default=GuideSection.MODULE.value)
    position = IntegerField(_l("Urutan dalam bagian"), default=100,
                            validators=[Optional(), NumberRange(0, 10_000, _l("Urutan 0 sampai 10.000."))])
    body = TextAreaField(_l("Isi (Markdown)"), validators=[
        Length(max=MAX_MINUTES_CHARS, message=_l("Isi paling panjang %(max)d karakter; pecah menjadi beberapa "
                                                  "halaman."))])
    change_note = StringField(_l("Catatan perubahan"), validators=[Optional(), Length(max=300)])
