"""Forms of the departures and handover pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import IntegerField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional

from .. import labels
from ..communities.forms import MeetingDate
from ..integers import optional_db_int
from ..models import DepartureKind, PositionClass, Visibility
from ..models.handover import CAPTURE_FIELDS
from .handovers import MAX_FIELD_CHARS
from .labels import CAPTURE_LABELS, KIND, POSITION_CLASS

LOGIN_HELP = _l("NIP (18 angka) atau nama pengguna")


class DepartureForm(FlaskForm):
    login = StringField(_l("Pegawai"), validators=[DataRequired(_l("Isi NIP atau nama pengguna pegawai.")),
                                                   Length(max=64)])
    kind = RadioField(_l("Jenis"), choices=[SelectChoice(k.value, KIND[k]) for k in DepartureKind],
                      validate_choice=False, validators=[
                          InputRequired(_l("Pilih mutasi atau pensiun.")),
                          AnyOf([k.value for k in DepartureKind], message=_l("Pilih mutasi atau pensiun."))])
    leaving_on = MeetingDate(_l("Tanggal keluar (TMT)"), validators=[InputRequired(_l("Isi tanggal keluar."))])
    to_agency = SelectField(_l("Perangkat daerah tujuan (untuk mutasi)"), coerce=optional_db_int,
                            validate_choice=False, validators=[Optional()])


class ImportForm(FlaskForm):
    file = FileField(_l("Berkas CSV"), validators=[DataRequired(_l("Pilih berkas CSV."))])


class ActionForm(FlaskForm):
    """CSRF only: cancel, submit, confirm and similar one-button forms."""


class PositionForm(FlaskForm):
    position_class = SelectField(_l("Kelas jabatan"), choices=[SelectChoice("", _l("(belum dicatat: usia pensiun 58)"))]
                                 + [SelectChoice(c.value, POSITION_CLASS[c]) for c in PositionClass],
                                 validate_choice=False, validators=[
                                     AnyOf(["", *(c.value for c in PositionClass)],
                                           message=_l("Pilih salah satu kelas jabatan."))])
    supervisor = StringField(_l("Atasan langsung"), validators=[Optional(), Length(max=64)],
                             description=LOGIN_HELP)


def _capture_field(name: str) -> TextAreaField:
    return TextAreaField(CAPTURE_LABELS[name], validators=[
        Length(max=MAX_FIELD_CHARS, message=_l("Paling banyak 20.000 karakter."))])


class HandoverForm(FlaskForm):
    duties = _capture_field("duties")
    deadlines = _capture_field("deadlines")
    contacts = _capture_field("contacts")
    pending_matters = _capture_field("pending_matters")
    document_locations = _capture_field("document_locations")
    lessons_learned = _capture_field("lessons_learned")
    visibility = RadioField(_l("Siapa yang boleh membaca catatan serah terima setelah terbit"),
                            choices=[SelectChoice(v.value, labels.VISIBILITY[v]) for v in Visibility],
                            default=Visibility.AGENCY.value, validate_choice=False,
                            validators=[AnyOf([v.value for v in Visibility], message=_l("Pilih salah satu."))])
    save = SubmitField(_l("Simpan draf"))
    send = SubmitField(_l("Kirim ke atasan untuk dikonfirmasi"))

    def capture(self) -> dict[str, str]:
        return {name: getattr(self, name).data or "" for name in CAPTURE_FIELDS}


class CaptureFieldForm(FlaskForm):
    """One capture field, as htmx autosaves it (the field keeps its name from the whole form)."""
    text = TextAreaField(validators=[Length(max=MAX_FIELD_CHARS, message=_l("Paling banyak 20.000 karakter."))])


class SuccessorForm(FlaskForm):
    successor = StringField(_l("Tambah penerus"), validators=[DataRequired(_l("Isi NIP atau nama pengguna penerus.")),
                                                               Length(max=64)], description=LOGIN_HELP)


class MeetingLinkForm(FlaskForm):
    meeting = SelectField(_l("Pertemuan penggalian pengetahuan (wawancara serah terima)"), coerce=optional_db_int,
                          validate_choice=False, validators=[Optional()])


def _age_field(position_class: PositionClass) -> IntegerField:
    # The same bounds as the database's check constraint.
    return IntegerField(POSITION_CLASS[position_class], validators=[
        InputRequired(_l("Isi usia pensiun.")), NumberRange(40, 75, message=_l("Usia pensiun antara 40 dan 75."))])


class HandoverSettingsForm(FlaskForm):
    overdue_days = IntegerField(_l("Serah terima terlambat bila belum dikirim saat tanggal keluar tinggal (hari)"),
                                validators=[InputRequired(_l("Isi jumlah hari.")),
                                            NumberRange(1, 365, message=_l("Antara 1 dan 365 hari."))])
    age_administrative = _age_field(PositionClass.ADMINISTRATIVE)
    age_functional_junior = _age_field(PositionClass.FUNCTIONAL_JUNIOR)
    age_functional_middle = _age_field(PositionClass.FUNCTIONAL_MIDDLE)
    age_senior_executive = _age_field(PositionClass.SENIOR_EXECUTIVE)
    age_functional_top = _age_field(PositionClass.FUNCTIONAL_TOP)
