"""Forms of the award area. The nomination and score forms get one field per rubric criterion,
built for the round at hand (`nomination_form`, `score_form`)."""
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import DateField, FieldList, Form, FormField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..communities.forms import MultiCheckboxField
from ..integers import optional_db_int
from .nominations import NARRATIVE_MAX
from .rubric import criterion_label
from .scoring import Entry

COMMENT_MAX = 2000


class CriterionForm(Form):
    """One rubric line (inside RoundForm; its CSRF token covers it)."""
    weight = IntegerField(_l("Bobot"), validators=[InputRequired(_l("Isi bobot.")),
                                                   NumberRange(0, 100, _l("Bobot 0 sampai 100."))])
    scale_min = IntegerField(_l("Skala dari"), validators=[InputRequired(_l("Isi skala.")),
                                                           NumberRange(0, 10, _l("Skala mulai 0 sampai 10."))])
    scale_max = IntegerField(_l("sampai"), validators=[InputRequired(_l("Isi skala.")),
                                                       NumberRange(1, 100, _l("Skala sampai 1 hingga 100."))])

    def validate_scale_max(self, field):
        if isinstance(field.data, int) and isinstance(self.scale_min.data, int) and field.data <= self.scale_min.data:
            raise ValidationError(_l("Ujung atas skala harus lebih besar dari ujung bawah."))


class RoundForm(FlaskForm):
    year = IntegerField(_l("Tahun"), validators=[InputRequired(_l("Isi tahun.")),
                                                 NumberRange(2024, 2100, _l("Tahun 2024 sampai 2100."))])
    title = StringField(_l("Nama penghargaan"), validators=[DataRequired(_l("Isi nama penghargaan.")),
                                                            Length(max=200, message=_l("Paling banyak 200 karakter."))])
    winners_count = IntegerField(_l("Jumlah pemenang"), default=15, validators=[
        InputRequired(_l("Isi jumlah pemenang.")), NumberRange(1, 200, _l("Jumlah pemenang 1 sampai 200."))])
    submission_deadline = DateField(_l("Batas pengiriman nominasi"),
                                    validators=[InputRequired(_l("Isi batas pengiriman nominasi."))])
    ceremony_on = DateField(_l("Tanggal malam penganugerahan"), validators=[Optional()])
    criteria = FieldList(FormField(CriterionForm))

    def validate_criteria(self, field):
        weights = [entry.form.weight.data for entry in field.entries if isinstance(entry.form.weight.data, int)]
        if field.entries and not sum(weights):
            raise ValidationError(gettext("Jumlah bobot harus lebih dari 0."))  # a str: shown beside entry errors


class NarrativeForm(FlaskForm):
    """Autosave of one narrative (htmx, on change)."""
    text = TextAreaField(validators=[Length(max=NARRATIVE_MAX, message=_l("Narasi paling banyak 4.000 karakter."))])


class NominationFormBase(FlaskForm):
    meetings = MultiCheckboxField(_l("Pertemuan sebagai bukti"), coerce=int, validate_choice=True)
    assets = MultiCheckboxField(_l("Aset sebagai bukti"), coerce=int, validate_choice=True)
    save = SubmitField(_l("Simpan draf"))
    send = SubmitField(_l("Kirim nominasi"))

    criteria: list = []

    def narratives(self) -> dict[int, str]:
        return {c.id: (self[f"narrative_{c.id}"].data or "").strip() for c in self.criteria}

    def narrative_field(self, criterion):
        return self[f"narrative_{criterion.id}"]


def nomination_form(award, meetings, assets, **kwargs) -> NominationFormBase:
    """The nomination form of `award`: a narrative per criterion and the agency's evidence."""
    class NominationForm(NominationFormBase):
        pass
    for criterion in award.criteria:
        setattr(NominationForm, f"narrative_{criterion.id}", TextAreaField(
            criterion_label(criterion),
            validators=[Length(max=NARRATIVE_MAX, message=_l("Narasi paling banyak 4.000 karakter."))]))
    form = NominationForm(**kwargs)
    form.criteria = list(award.criteria)
    form.meetings.choices = [SelectChoice(m.id, m.topic) for m in meetings]
    form.assets.choices = [SelectChoice(a.id, a.title) for a in assets]
    return form


class AttachmentForm(FlaskForm):
    files = MultipleFileField(_l("Lampiran"))


class ScoreFormBase(FlaskForm):
    save = SubmitField(_l("Simpan draf"))
    send = SubmitField(_l("Kirim lembar nilai"))

    criteria: list = []

    def entries(self) -> dict[int, Entry]:
        """What was typed; a score that is not a whole number is reported by the field."""
        return {c.id: Entry(self[f"score_{c.id}"].data, (self[f"comment_{c.id}"].data or "").strip())
                for c in self.criteria}


class WholeNumber(StringField):
    """A score: empty (a draft) or a whole number; anything else is an error that says so."""

    def process_formdata(self, valuelist):
        self.raw = valuelist[0].strip() if valuelist else ""
        self.data = None
        if self.raw:
            try:
                self.data = int(self.raw)
            except ValueError:
                self.data = None
                raise ValueError(str(_l("Nilai harus bilangan bulat."))) from None

    def _value(self):
        return getattr(self, "raw", None) or ("" if self.data is None else str(self.data))


def score_form(award, **kwargs) -> ScoreFormBase:
    class ScoreForm(ScoreFormBase):
        pass
    for criterion in award.criteria:
        setattr(ScoreForm, f"score_{criterion.id}", WholeNumber(criterion_label(criterion)))
        setattr(ScoreForm, f"comment_{criterion.id}", TextAreaField(
            _l("Komentar"), validators=[Length(max=COMMENT_MAX, message=_l("Komentar paling banyak 2.000 karakter."))]))
    form = ScoreForm(**kwargs)
    form.criteria = list(award.criteria)
    return form


class AssignForm(FlaskForm):
    agency_id = SelectField(_l("Perangkat daerah"), coerce=optional_db_int,
                            validators=[DataRequired(_l("Pilih perangkat daerah."))])
    assessor_id = SelectField(_l("Juri"), coerce=optional_db_int, validators=[DataRequired(_l("Pilih juri."))])


class ConfirmForm(FlaskForm):
    """Only the CSRF token: unassign, finalise."""


class ReopenForm(FlaskForm):
    reason = TextAreaField(_l("Alasan membuka kembali"), validators=[
        DataRequired(_l("Tuliskan alasan membuka kembali.")),
        Length(min=10, max=2000, message=_l("Alasan 10 sampai 2.000 karakter."))])
