"""Forms of the maturity pages. The self-assessment and verification have one small form per
indicator (prefix `i<indicator id>-`), so one indicator can be saved alone (htmx autosave) or
all of them with one plain submit."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (DateField, DecimalField, Form, HiddenField, IntegerField, RadioField, SelectField,
                     StringField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from ..communities.forms import MultiCheckboxField
from ..integers import optional_db_int
from .assessments import MAX_JUSTIFICATION

SCORE_MESSAGE = _l("Skor harus bilangan bulat 1 sampai 5.")


def _score_field(label):
    return IntegerField(label, validators=[Optional(), NumberRange(min=1, max=5, message=SCORE_MESSAGE)])


class IndicatorSelfForm(Form):
    """One indicator of the self-assessment (no CSRF of its own: the page's form carries it)."""
    score = _score_field(_l("Skor (1-5)"))
    justification = TextAreaField(_l("Alasan singkat"), validators=[
        Length(max=MAX_JUSTIFICATION, message=_l("Alasan paling banyak 2.000 karakter."))])
    evidence = MultiCheckboxField(_l("Bukti dari portal"), validate_choice=False)


class IndicatorVerifyForm(Form):
    score = _score_field(_l("Skor terverifikasi (1-5)"))
    reason = TextAreaField(_l("Alasan juri"), validators=[
        Length(max=MAX_JUSTIFICATION, message=_l("Alasan paling banyak 2.000 karakter."))])


class ActionForm(FlaskForm):
    """The page-level form of the self-assessment and verification: CSRF plus which button."""
    action = HiddenField()


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Komentar pendamping"), validators=[
        DataRequired(_l("Tulis komentar.")),
        Length(max=MAX_JUSTIFICATION, message=_l("Komentar paling banyak 2.000 karakter."))])


class EvidenceUploadForm(FlaskForm):
    indicator_id = SelectField(_l("Indikator"), coerce=optional_db_int,
                               validators=[DataRequired(_l("Pilih indikator yang didukung berkas ini."))])
    file = FileField(_l("Berkas bukti"), validators=[DataRequired(_l("Pilih berkas."))])


class ReopenForm(FlaskForm):
    to_state = RadioField(_l("Kembalikan ke"), choices=[
        SelectChoice("submitted", _l("Juri (verifikasi ulang)")),
        SelectChoice("draft", _l("Pengurus CoP (penilaian mandiri diubah)"))],
        default="submitted", validators=[InputRequired(_l("Pilih ke tahap mana penilaian dikembalikan."))])
    reason = TextAreaField(_l("Alasan koreksi"), validators=[
        DataRequired(_l("Tulis alasan koreksi.")),
        Length(max=MAX_JUSTIFICATION, message=_l("Alasan paling banyak 2.000 karakter."))])


class OpenRoundForm(FlaskForm):
    year = IntegerField(_l("Tahun"), validators=[
        InputRequired(_l("Isi tahun.")), NumberRange(min=2020, max=2100, message=_l("Tahun antara 2020 dan 2100."))])
    instrument_id = SelectField(_l("Versi instrumen"), coerce=optional_db_int,
                                validators=[DataRequired(_l("Pilih versi instrumen."))])
    deadline = DateField(_l("Batas pengiriman penilaian mandiri"), validators=[
        DataRequired(_l("Isi batas pengiriman (tanggal)."))])


class ThresholdsForm(FlaskForm):
    level_2_from = DecimalField(_l("Level 2 mulai dari"), places=1)
    level_3_from = DecimalField(_l("Level 3 mulai dari"), places=1)
    level_4_from = DecimalField(_l("Level 4 mulai dari"), places=1)
    level_5_from = DecimalField(_l("Level 5 mulai dari"), places=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in (self.level_2_from, self.level_3_from, self.level_4_from, self.level_5_from):
            field.validators = [InputRequired(_l("Isi batas level (angka).")),
                                NumberRange(min=20, max=100, message=_l("Batas level antara 20 dan 100."))]


class IndicatorForm(FlaskForm):
    code = StringField(_l("Kode tetap"), validators=[
        DataRequired(_l("Isi kode indikator.")),
        Regexp(r"^[A-Za-z0-9-]{1,16}$", message=_l("Kode: huruf, angka dan tanda minus, paling banyak 16."))])
    name = StringField(_l("Nama indikator"), validators=[
        DataRequired(_l("Isi nama indikator.")), Length(max=300, message=_l("Nama paling banyak 300 karakter."))])
    weight = IntegerField(_l("Bobot"), validators=[
        InputRequired(_l("Isi bobot (angka).")), NumberRange(min=1, max=100, message=_l("Bobot antara 1 dan 100."))])
    level_1 = TextAreaField(_l("Level 1 (Inisiasi)"), validators=[DataRequired(_l("Isi deskripsi level."))])
    level_2 = TextAreaField(_l("Level 2 (Pengembangan)"), validators=[DataRequired(_l("Isi deskripsi level."))])
    level_3 = TextAreaField(_l("Level 3 (Standardisasi)"), validators=[DataRequired(_l("Isi deskripsi level."))])
    level_4 = TextAreaField(_l("Level 4 (Optimalisasi)"), validators=[DataRequired(_l("Isi deskripsi level."))])
    level_5 = TextAreaField(_l("Level 5 (Inovasi)"), validators=[DataRequired(_l("Isi deskripsi level."))])


class AssignForm(FlaskForm):
    agency_id = SelectField(_l("Perangkat daerah"), coerce=optional_db_int,
                            validators=[DataRequired(_l("Pilih perangkat daerah."))])
    assessor_id = SelectField(_l("Juri"), coerce=optional_db_int, validators=[DataRequired(_l("Pilih juri."))])


class UnassignForm(FlaskForm):
    agency_id = HiddenField()
    assessor_id = HiddenField()


class WarningSettingsForm(FlaskForm):
    min_level = IntegerField(_l("Diperhatikan mulai level"), validators=[
        InputRequired(_l("Isi angka.")), NumberRange(min=1, max=5, message=_l("Level antara 1 dan 5."))])
    meeting_drop_percent = IntegerField(_l("Pertemuan turun paling sedikit (%) dari triwulan sebelumnya"), validators=[
        InputRequired(_l("Isi angka.")), NumberRange(min=1, max=100, message=_l("Antara 1 dan 100."))])
    utilisation_drop_points = IntegerField(_l("Utilisasi turun paling sedikit (poin persen)"), validators=[
        InputRequired(_l("Isi angka.")), NumberRange(min=1, max=100, message=_l("Antara 1 dan 100."))])
    overdue_reviews = IntegerField(_l("Aset terlambat ditinjau paling sedikit"), validators=[
        InputRequired(_l("Isi angka.")), NumberRange(min=1, max=10000, message=_l("Paling sedikit 1."))])
