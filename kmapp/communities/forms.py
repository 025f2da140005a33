"""Forms of the meeting log, the accompaniment and the quarter locks."""
from datetime import date

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (DateField, Field, IntegerField, RadioField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .. import labels
from ..integers import db_int
from ..models import MeetingFormat
from .attendance import AttendeeError, active_users_by_login, parse_guest_lines, parse_login_lines, users_by_id
from ..clock import local_today
from .minutes import LINE_WEIGHT, MAX_MARKUP_WEIGHT, MAX_MINUTES_CHARS, markup_weight

EARLIEST_MEETING = date(2000, 1, 1)
MAX_HEAD_COUNT = 100_000


class MeetingDate(DateField):
    """A date from <input type=date> (YYYY-MM-DD) or typed as DD/MM/YYYY on older browsers."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
                         invalid_value_message=_l("Tanggal tidak dikenali; tulis seperti 14/08/2025."), **kwargs)

    def process_formdata(self, valuelist):
        text = " ".join(valuelist or []).strip()
        if not text:
            self.data = None  # reported once, by the "required" validator
            return
        super().process_formdata([text])


class UserIdsField(Field):
    """The attendee chips: repeated inputs named `attendees`, each carrying a user id."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, default=list, **kwargs)

    def process_formdata(self, valuelist):
        try:
            self.data = list(dict.fromkeys(db_int(value) for value in valuelist))
        except ValueError:
            self.data = []
            raise ValueError(_("Daftar peserta rusak; pilih ulang peserta.")) from None


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class MeetingForm(FlaskForm):
    held_on = MeetingDate(_l("Tanggal pertemuan"), validators=[DataRequired(_l("Isi tanggal pertemuan."))])
    topic = StringField(_l("Topik"), validators=[
        DataRequired(_l("Isi topik pertemuan.")), Length(max=300, message=_l("Topik paling banyak 300 karakter."))])
    agenda = TextAreaField(_l("Agenda"), validators=[
        Length(max=5000, message=_l("Agenda paling banyak 5.000 karakter."))])
    format = RadioField(_l("Bentuk pertemuan"), choices=labels.choices(labels.MEETING_FORMAT),
                        default=MeetingFormat.OFFLINE.value,
                        validators=[InputRequired(_l("Pilih bentuk pertemuan."))])
    place = StringField(_l("Tempat atau tautan"), validators=[
        Length(max=300, message=_l("Tempat atau tautan paling banyak 300 karakter."))])
    head_count = IntegerField(_l("Jumlah peserta"), validators=[
        InputRequired(_l("Isi jumlah peserta (angka).")),
        NumberRange(min=0, max=MAX_HEAD_COUNT, message=_l("Jumlah peserta harus antara 0 dan 100.000."))])
    seci_stages = MultiCheckboxField(_l("Tahap SECI"), choices=labels.choices(labels.SECI_STAGE),
                                     validators=[DataRequired(_l("Pilih minimal satu tahap SECI."))])
    minutes = TextAreaField(_l("Notulen"), validators=[
        Length(max=MAX_MINUTES_CHARS, message=_l("Notulen paling banyak 50.000 karakter."))])
    attendees = UserIdsField(_l("Peserta terdaftar"))
    attendee_logins = TextAreaField(_l("NIP peserta, satu per baris"), validators=[Optional()])
    guests = TextAreaField(_l("Tamu dari luar, satu per baris: Nama — Instansi"), validators=[Optional()])

    def __init__(self, *args, already_attending: frozenset[int] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        # Filled by validate(): the people and guests the lists name.
        self.already_attending = already_attending
        self.people = []
        self.guest_list = []

    def validate_held_on(self, field):
        if field.data and field.data > local_today():
            raise ValidationError(_("Tanggal pertemuan tidak boleh di masa depan; catat pertemuan setelah "
                                    "berlangsung."))
        if field.data and field.data < EARLIEST_MEETING:
            raise ValidationError(_("Tanggal pertemuan terlalu lampau; periksa tahunnya."))

    def validate_minutes(self, field):
        # Rendered once when saved, within a bounded cost (see communities/minutes.py).
        if field.data and markup_weight(field.data) > MAX_MARKUP_WEIGHT:
            raise ValidationError(_(
                "Notulen memuat terlalu banyak baris atau tanda format ([ ] * _ < dan sejenisnya) untuk "
                "ditampilkan; batasnya sekitar %(lines)s baris. Ringkas notulen, atau unggah versi lengkapnya "
                "sebagai aset pengetahuan.", lines=format_decimal(MAX_MARKUP_WEIGHT // LINE_WEIGHT)))

    def validate(self, extra_validators=None) -> bool:
        """Fields first, then the attendee lists (database look-ups) and the head count."""
        fields_ok = super().validate(extra_validators)
        self._resolve_people()
        self._resolve_guests()
        self._check_head_count()
        return fields_ok and not (self.attendees.errors or self.attendee_logins.errors
                                  or self.guests.errors or self.head_count.errors)

    def _resolve_people(self) -> None:
        picked = _loaded_or_errors(self.attendees, lambda: users_by_id(self.attendees.data or [],
                                                                       self.already_attending))
        typed = _loaded_or_errors(self.attendee_logins,
                                  lambda: active_users_by_login(parse_login_lines(self.attendee_logins.data)))
        self.people = list({person.id: person for person in picked + typed}.values())

    def _resolve_guests(self) -> None:
        self.guest_list = _loaded_or_errors(self.guests, lambda: parse_guest_lines(self.guests.data))

    def _check_head_count(self) -> None:
        named = len(self.people) + len(self.guest_list)
        if self.head_count.data is not None and not self.head_count.errors and self.head_count.data < named:
            self.head_count.errors = list(self.head_count.errors) + [_(
                "Jumlah peserta (%(count)s) lebih kecil dari jumlah peserta yang disebut namanya (%(named)s). "
                "Naikkan jumlah peserta atau periksa daftar hadir.", count=self.head_count.data, named=named)]


def _loaded_or_errors(field, load) -> list:
    """Run a look-up for `field`; on AttendeeError show its messages on the field."""
    try:
        return load()
    except AttendeeError as error:
        field.errors = list(field.errors) + error.messages
        return []


class AccompanimentForm(FlaskForm):
    feedback = TextAreaField(_l("Umpan balik untuk CoP (opsional)"), validators=[
        Length(max=5000, message=_l("Umpan balik paling banyak 5.000 karakter."))])


class QuarterLockForm(FlaskForm):
    """Only the CSRF token: year and quarter are in the URL, the button says lock or unlock."""
