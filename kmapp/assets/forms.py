"""Forms of the assets area (messages in Bahasa Indonesia through Babel).

Every required field is marked (`flags.required`: the star, and `required` for browsers without
our script) and carries the server's own message in `data-msg-required`, which static/app.js
shows when a field is empty, before a large file is sent.
"""
import re

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from sqlalchemy import select
from wtforms import Field, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, StopValidation, ValidationError

from .. import labels
from ..dates import list_date
from ..extensions import db
from ..integers import optional_db_int
from ..models import AssetType, Community, KmStage, Meeting, Visibility
from .filetypes import ACCEPT_ATTRIBUTE
from .services import REVIEW_NOTE_MAX_CHARS, AssetFields, normalise_tags
from .uploads import MAX_FILES_PER_UPLOAD

MEETING_CHOICES_LIMIT = 60
MEETING_REQUIRED = _l("Pilih pertemuan asal: sejak Triwulan IV 2025 setiap aset harus lahir dari pertemuan komunitas.")
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")


def optional_int(value):
    """An id from a select (or link parameter); None for blank or anything no row could have."""
    return optional_db_int(value)


def _placeholder(label) -> list[SelectChoice]:
    return [SelectChoice("", label)]


class Chosen(AnyOf):
    """A choice the user must make (AnyOf, marked required)."""
    field_flags = {"required": True}


class FileChosen:
    """A file must be sent, unless one was kept from an earlier try (the form's `kept` field)."""
    field_flags = {"required": True}

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        sent = field.data if isinstance(field.data, list) else [field.data]
        if not any(upload and upload.filename for upload in sent) and not form.kept.data:
            raise StopValidation(self.message)


class KeptUploadsField(Field):
    """Tokens of files received with an earlier try (hidden inputs, written by the template);
    at most `limit`, the files the form takes (a crafted extra token is ignored, never used)."""

    def __init__(self, label=None, validators=None, limit: int = MAX_FILES_PER_UPLOAD, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.limit = limit

    def process_formdata(self, valuelist):
        self.data = list(dict.fromkeys(value for value in valuelist if TOKEN.fullmatch(value)))[:self.limit]

    def process_data(self, value):
        self.data = list(value or [])


def _required_message(field):
    for validator in field.validators:
        if getattr(validator, "field_flags", {}).get("required") and getattr(validator, "message", None):
            return validator.message
    return None


def check_in_browser(field, message=None) -> None:
    """Mark `field` required, with the server's message for the browser check."""
    field.flags.required = True
    message = message or _required_message(field)
    field.render_kw = {**(field.render_kw or {}), "data-msg-required": str(message)}


def uncheck_in_browser(field) -> None:
    field.flags.required = False
    field.render_kw = {k: v for k, v in (field.render_kw or {}).items() if k != "data-msg-required"}


class BrowserChecked:
    """Mixin: required fields carry their message for the browser check (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self:
            if field.flags.required and _required_message(field):
                check_in_browser(field)


class KeepsFiles:
    """Mixin for forms with files: `kept_files` are shown as received, and no file is then required."""
    kept_files: list = []

    def show_kept(self, kept: list) -> None:
        self.kept_files = kept
        self.kept.data = [item.token for item in kept]
        # Still checked in the browser when the kept file is put aside ("Pilih berkas lain").
        self.file_field.flags.required = not kept

    @property
    def file_field(self):
        raise NotImplementedError


class AssetForm(BrowserChecked, FlaskForm):
    """Describing an asset: used to edit, and (with CoP and files) to upload."""
    title = StringField(_l("Judul"), validators=[DataRequired(_l("Isi judul aset.")),
                                                 Length(max=300, message=_l("Judul paling panjang 300 karakter."))])
    summary = TextAreaField(_l("Ringkasan"), validators=[
        DataRequired(_l("Tulis ringkasan singkat: apa isi aset ini dan untuk siapa.")),
        Length(max=5000, message=_l("Ringkasan paling panjang 5.000 karakter."))])
    asset_type = SelectField(_l("Jenis aset"), validate_choice=False,
                             choices=_placeholder(_l("— pilih jenis —")) + labels.choices(labels.ASSET_TYPE),
                             validators=[Chosen([t.value for t in AssetType], message=_l("Pilih jenis aset."))])
    km_stage = SelectField(_l("Tahap siklus KM"), validate_choice=False,
                           choices=_placeholder(_l("— pilih tahap —")) + labels.choices(labels.KM_STAGE),
                           validators=[Chosen([s.value for s in KmStage], message=_l("Pilih tahap siklus KM."))])
    meeting = SelectField(_l("Pertemuan asal"), coerce=optional_int, validate_choice=False)
    tags = StringField(_l("Tag"), validators=[Length(max=600, message=_l("Tag terlalu panjang."))],
                       render_kw={"list": "tag_options", "autocomplete": "off"})
    visibility = RadioField(_l("Dapat dilihat oleh"), default=Visibility.ALL.value,
                            choices=labels.choices(labels.VISIBILITY),
                            validators=[Chosen([v.value for v in Visibility],
                                               message=_l("Pilih siapa yang dapat melihat."))])

    meeting_required = False

    def set_meeting_choices(self, community: Community | None, required: bool) -> None:
        """The CoP's meetings, newest first; "none" only while the Triwulan IV rule allows it."""
        self.meeting_required = required
        none_label = _l("— pilih pertemuan —") if required else _l("— tanpa pertemuan —")
        choices = _placeholder(none_label)
        if community is not None:
            meetings = db.session.scalars(select(Meeting).where(Meeting.community_id == community.id)
                                          .order_by(Meeting.held_on.desc(), Meeting.id.desc())
                                          .limit(MEETING_CHOICES_LIMIT))
            choices += [SelectChoice(m.id, f"{list_date(m.held_on)} — {m.topic}") for m in meetings]
        self.meeting.choices = choices
        if required:
            check_in_browser(self.meeting, MEETING_REQUIRED)
        else:
            uncheck_in_browser(self.meeting)

    def validate_meeting(self, field):
        allowed = {choice.value for choice in self.meeting.choices if choice.value != ""}
        if field.data is not None and field.data not in allowed:
            raise ValidationError(_l("Pilih pertemuan dari daftar pertemuan CoP ini."))
        if field.data is None and self.meeting_required:
            raise ValidationError(MEETING_REQUIRED)

    def to_fields(self) -> AssetFields:
        return AssetFields(title=self.title.data or "", summary=self.summary.data or "",
                           asset_type=self.asset_type.data, km_stage=self.km_stage.data,
                           visibility=self.visibility.data, meeting_id=self.meeting.data,
                           tags=normalise_tags(self.tags.data or ""))


class AssetUploadForm(KeepsFiles, AssetForm):
    cop = SelectField(_l("Komunitas (CoP)"), coerce=optional_int, validate_choice=False,
                      validators=[DataRequired(_l("Pilih CoP pemilik aset."))])
    files = MultipleFileField(_l("Berkas"), validators=[FileChosen(_l("Pilih minimal satu berkas."))],
                              render_kw={"accept": ACCEPT_ATTRIBUTE, "multiple": True})
    kept = KeptUploadsField()

    @property
    def file_field(self):
        return self.files

    def set_community_choices(self, communities: list[Community]) -> None:
        choices = [] if len(communities) == 1 else _placeholder(_l("— pilih CoP —"))
        self.cop.choices = choices + [SelectChoice(c.id, f"{c.name} ({c.agency.name})") for c in communities]


class NewFileForm(KeepsFiles, BrowserChecked, FlaskForm):
    """A new version of one of the asset's files (it replaces the current one; old ones stay)."""
    target = SelectField(_l("Berkas yang diperbarui"), coerce=optional_int, validate_choice=False,
                         validators=[DataRequired(_l("Pilih berkas yang diperbarui."))])
    file = FileField(_l("Berkas versi baru"), validators=[FileChosen(_l("Pilih berkas."))],
                     render_kw={"accept": ACCEPT_ATTRIBUTE})
    change_note = TextAreaField(_l("Apa yang berubah?"), validators=[
        DataRequired(_l("Tulis singkat apa yang berubah pada versi ini.")),
        Length(max=2000, message=_l("Catatan paling panjang 2.000 karakter."))])
    kept = KeptUploadsField(limit=1)

    @property
    def file_field(self):
        return self.file

    def set_target_choices(self, asset) -> None:
        """Called per request: plain `gettext` gives a str, which the widget escapes. A lazy string
        formatted with the file name would count as safe markup and put the name in unescaped."""
        self.target.choices = [SelectChoice("", _l("— pilih berkas —"))] + [
            SelectChoice(f.id, gettext("Versi baru dari: %(name)s", name=f.current.original_name))
            for f in asset.files]

    def validate_target(self, field):
        allowed = {choice.value for choice in self.target.choices if choice.value != ""}
        if field.data is not None and field.data not in allowed:
            raise ValidationError(_l("Pilih berkas dari daftar."))


class ExtraFileForm(KeepsFiles, BrowserChecked, FlaskForm):
    """Another file for the asset (an attachment beside the ones it has)."""
    file = FileField(_l("Berkas tambahan"), validators=[FileChosen(_l("Pilih berkas."))],
                     render_kw={"accept": ACCEPT_ATTRIBUTE})
    change_note = TextAreaField(_l("Keterangan (opsional)"), validators=[
        Length(max=2000, message=_l("Catatan paling panjang 2.000 karakter."))])
    kept = KeptUploadsField(limit=1)

    @property
    def file_field(self):
        return self.file


class VoteForm(FlaskForm):
    useful = StringField(validators=[AnyOf(["1", "0"], message=_l("Jawaban tidak dikenal."))])


class ReviewForm(BrowserChecked, FlaskForm):
    """Marking an asset reviewed without a new file: one line on what was checked."""
    note = StringField(_l("Catatan tinjauan"), validators=[
        DataRequired(_l("Tulis satu baris catatan: apa yang diperiksa dan mengapa isinya masih benar.")),
        Length(max=REVIEW_NOTE_MAX_CHARS, message=_l("Catatan tinjauan paling panjang 200 karakter."))],
        render_kw={"maxlength": REVIEW_NOTE_MAX_CHARS, "autocomplete": "off"})
