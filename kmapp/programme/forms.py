"""Forms of the programme area: the dashboard filter (GET) and the target settings (POST)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, NumberRange, ValidationError

from .. import labels
from ..integers import optional_db_int
from .labels import kind_label

MINIMUM = [InputRequired(_l("Wajib diisi.")), NumberRange(min=0, max=99, message=_l("Isi angka 0 sampai 99."))]


def _quarter_choices(blank_label=None) -> list[SelectChoice]:
    options = [SelectChoice("", blank_label)] if blank_label else []
    return options + [SelectChoice(str(q), labels.quarter_label(q)) for q in labels.QUARTER]


def _optional_int(value):
    return int(value) if value not in (None, "") else None


class DashboardFilterForm(Form):
    """Read from the query string; a plain Form because a GET filter needs no CSRF token."""
    year = SelectField(_l("Tahun"), coerce=int)
    quarter = SelectField(_l("Triwulan"), coerce=_optional_int)
    kind = SelectField(_l("Jenis perangkat daerah"))
    behind = BooleanField(_l("Hanya yang belum memenuhi target"))

    def __init__(self, formdata, years: list[int], kinds: list[str], default_year: int):
        super().__init__(formdata)
        self.year.choices = [SelectChoice(y, str(y)) for y in reversed(years)]
        self.quarter.choices = _quarter_choices(_l("Setahun penuh"))
        self.kind.choices = [SelectChoice("", _l("Semua jenis"))] + [SelectChoice(k, kind_label(k)) for k in kinds]
        if not self.validate():  # an unknown year or kind in a hand-made URL: fall back quietly
            for name, fallback in (("year", default_year), ("quarter", None), ("kind", "")):
                if getattr(self, name).errors:
                    getattr(self, name).data = fallback


class YearForm(Form):
    year = SelectField(_l("Tahun"), coerce=int)

    def __init__(self, formdata, years: list[int], default_year: int):
        super().__init__(formdata)
        self.year.choices = [SelectChoice(y, str(y)) for y in reversed(years)]
        if not self.validate():
            self.year.data = default_year


class TargetMinimumsForm(FlaskForm):
    """What an agency must reach in one Triwulan (the quarter comes from the URL)."""
    min_meetings = IntegerField(_l("Pertemuan minimal"), validators=MINIMUM)
    min_accompanied = IntegerField(_l("Pertemuan didampingi minimal"), validators=MINIMUM)
    min_assets = IntegerField(_l("Aset minimal"), validators=MINIMUM)

    def validate_min_accompanied(self, field):
        """Accompanied meetings are some of the meetings: never more of them."""
        meetings = self.min_meetings.data
        if isinstance(field.data, int) and isinstance(meetings, int) and field.data > meetings:
            raise ValidationError(_l("Pertemuan didampingi tidak boleh lebih banyak dari pertemuan minimal."))


class OverrideTargetForm(TargetMinimumsForm):
    """A different target for one agency in one Triwulan. Both start unchosen, so a form sent
    untouched is refused rather than saved for whichever agency happened to be first."""
    agency_id = SelectField(_l("Perangkat daerah"), coerce=optional_db_int,
                            validators=[DataRequired(_l("Pilih perangkat daerah."))])
    quarter = SelectField(_l("Triwulan"), coerce=optional_db_int,
                          choices=_quarter_choices(_l("— pilih triwulan —")),
                          validators=[DataRequired(_l("Pilih triwulan."))])


class DeleteOverrideForm(FlaskForm):
    """Only the CSRF token: deleting an override is a POST."""
