"""Forms of the discussions (messages in Bahasa Indonesia through Babel)."""
from flask_babel import gettext as _, lazy_gettext as _l
from flask_babel import format_decimal
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .. import labels
from ..clock import local_today
from ..communities.forms import MeetingDate
from ..communities.minutes import LINE_WEIGHT, MAX_MARKUP_WEIGHT, markup_weight
from ..models import AssetType, KmStage, ThreadKind, Visibility

MAX_POST_CHARS = 10_000
MAX_OUTCOME_CHARS = 10_000
THREAD_KIND = {ThreadKind.DISCUSSION.value: _l("Diskusi"), ThreadKind.QUESTION.value: _l("Pertanyaan")}


def _renderable(form, field):
    """Rendered once when written, within the minutes' bounded cost (communities/minutes.py)."""
    if field.data and markup_weight(field.data) > MAX_MARKUP_WEIGHT:
        raise ValidationError(_("Teks memuat terlalu banyak baris atau tanda format untuk ditampilkan; batasnya "
                                "sekitar %(lines)s baris.", lines=format_decimal(MAX_MARKUP_WEIGHT // LINE_WEIGHT)))


def _body(label):
    return TextAreaField(label, validators=[
        DataRequired(_l("Tulis isi tanggapan.")),
        Length(max=MAX_POST_CHARS, message=_l("Paling banyak 10.000 karakter.")), _renderable])


class ReplyForm(FlaskForm):
    body = _body(_l("Tanggapan Anda"))


class ThreadForm(FlaskForm):
    title = StringField(_l("Judul"), validators=[DataRequired(_l("Tulis judul diskusi.")),
                                                 Length(max=200, message=_l("Judul paling banyak 200 karakter."))])
    kind = RadioField(_l("Jenis"), choices=labels.choices(THREAD_KIND), default=ThreadKind.DISCUSSION.value)
    agenda_item = SelectField(_l("Butir agenda pertemuan"), choices=[], validate_choice=False)
    body = _body(_l("Pembuka diskusi"))
    opens_on = MeetingDate(_l("Dibuka tanggal"), validators=[Optional()])
    closes_on = MeetingDate(_l("Ditutup setelah tanggal"), validators=[Optional()])

    def validate_closes_on(self, field):
        if field.data and self.opens_on.data and field.data < self.opens_on.data:
            raise ValidationError(_("Tanggal tutup tidak boleh sebelum tanggal buka."))
        if field.data and field.data < local_today():
            raise ValidationError(_("Tanggal tutup sudah lewat; pilih hari ini atau sesudahnya."))

    def validate_agenda_item(self, field):
        allowed = {value for value, _label in field.choices}
        if field.data and field.data not in allowed:
            raise ValidationError(_("Pilih butir dari agenda pertemuan."))


class HideForm(FlaskForm):
    reason = StringField(_l("Alasan (dibaca penulisnya)"), validators=[
        DataRequired(_l("Tulis alasan menyembunyikan tanggapan ini.")),
        Length(max=300, message=_l("Alasan paling banyak 300 karakter."))])


class OutcomeForm(FlaskForm):
    outcome = TextAreaField(_l("Hasil diskusi"), validators=[
        DataRequired(_l("Tulis hasil diskusi.")),
        Length(max=MAX_OUTCOME_CHARS, message=_l("Paling banyak 10.000 karakter.")), _renderable])
    close_now = BooleanField(_l("Tutup diskusi sekarang"))


class PublishForm(FlaskForm):
    title = StringField(_l("Judul aset"), validators=[DataRequired(_l("Tulis judul aset.")),
                                                      Length(max=300, message=_l("Judul paling banyak 300 karakter."))])
    asset_type = SelectField(_l("Jenis aset"), choices=labels.choices(labels.ASSET_TYPE),
                             default=AssetType.LESSON_LEARNED.value)
    km_stage = SelectField(_l("Tahap siklus KM"), choices=labels.choices(labels.KM_STAGE),
                           default=KmStage.CREATION.value)
    visibility = SelectField(_l("Siapa yang dapat membaca"), choices=labels.choices(labels.VISIBILITY),
                             default=Visibility.COMMUNITY.value)


class MeetingLinkForm(FlaskForm):
    """A thread opened before its meeting was logged is hung on it afterwards (a meeting is
    recorded once held)."""
    meeting_id = SelectField(_l("Pertemuan"), choices=[], validate_choice=False)
    agenda_item = StringField(_l("Butir agenda"), validators=[
        Length(max=300, message=_l("Butir agenda paling banyak 300 karakter."))])

    def validate_meeting_id(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_("Pilih pertemuan CoP ini."))
