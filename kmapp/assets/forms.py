"""Forms of the assets area (messages in Bahasa Indonesia through Babel)."""
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from sqlalchemy import select
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, ValidationError

from .. import labels
from ..dates import list_date
from ..extensions import db
from ..integers import optional_db_int
from ..models import AssetType, Community, KmStage, Meeting, Visibility
from .filetypes import ACCEPT_ATTRIBUTE
from .services import AssetFields, normalise_tags

MEETING_CHOICES_LIMIT = 60


def optional_int(value):
    """An id from a select (or link parameter); None for blank or anything no row could have."""
    return optional_db_int(value)


def _placeholder(label) -> list[SelectChoice]:
    return [SelectChoice("", label)]


class AssetForm(FlaskForm):
    """Describing an asset: used to edit, and (with CoP and files) to upload."""
    title = StringField(_l("Judul"), validators=[DataRequired(_l("Isi judul aset.")),
                                                 Length(max=300, message=_l("Judul paling panjang 300 karakter."))])
    summary = TextAreaField(_l("Ringkasan"), validators=[
        DataRequired(_l("Tulis ringkasan singkat: apa isi aset ini dan untuk siapa.")),
        Length(max=5000, message=_l("Ringkasan paling panjang 5.000 karakter."))])
    asset_type = SelectField(_l("Jenis aset"), validate_choice=False,
                             choices=_placeholder(_l("— pilih jenis —")) + labels.choices(labels.ASSET_TYPE),
                             validators=[AnyOf([t.value for t in AssetType], message=_l("Pilih jenis aset."))])
    km_stage = SelectField(_l("Tahap siklus KM"), validate_choice=False,
                           choices=_placeholder(_l("— pilih tahap —")) + labels.choices(labels.KM_STAGE),
                           validators=[AnyOf([s.value for s in KmStage], message=_l("Pilih tahap siklus KM."))])
    meeting = SelectField(_l("Pertemuan asal"), coerce=optional_int, validate_choice=False)
    tags = StringField(_l("Tag"), validators=[Length(max=600, message=_l("Tag terlalu panjang."))],
                       render_kw={"list": "tag_options", "autocomplete": "off"})
    visibility = RadioField(_l("Dapat dilihat oleh"), default=Visibility.ALL.value,
                            choices=labels.choices(labels.VISIBILITY),
                            validators=[AnyOf([v.value for v in Visibility],
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
        self.meeting.flags.required = required

    def validate_meeting(self, field):
        allowed = {choice.value for choice in self.meeting.choices if choice.value != ""}
        if field.data is not None and field.data not in allowed:
            raise ValidationError(_l("Pilih pertemuan dari daftar pertemuan CoP ini."))
        if field.data is None and self.meeting_required:
            raise ValidationError(_l("Pilih pertemuan asal: sejak Triwulan IV 2025 setiap aset harus lahir "
                                     "dari pertemuan komunitas."))

    def to_fields(self) -> AssetFields:
        return AssetFields(title=self.title.data or "", summary=self.summary.data or "",
                           asset_type=self.asset_type.data, km_stage=self.km_stage.data,
                           visibility=self.visibility.data, meeting_id=self.meeting.data,
                           tags=normalise_tags(self.tags.data or ""))


class AssetUploadForm(AssetForm):
    cop = SelectField(_l("Komunitas (CoP)"), coerce=optional_int, validate_choice=False,
                      validators=[DataRequired(_l("Pilih CoP pemilik aset."))])
    files = MultipleFileField(_l("Berkas"), render_kw={"accept": ACCEPT_ATTRIBUTE, "multiple": True})

    def set_community_choices(self, communities: list[Community]) -> None:
        choices = [] if len(communities) == 1 else _placeholder(_l("— pilih CoP —"))
        self.cop.choices = choices + [SelectChoice(c.id, f"{c.name} ({c.agency.name})") for c in communities]

    def validate_files(self, field):
        if not any(upload and upload.filename for upload in field.data or []):
            raise ValidationError(_l("Pilih minimal satu berkas."))


class NewFileForm(FlaskForm):
    """Another version of one of the asset's files, or an extra file."""
    target = SelectField(_l("Berkas yang diperbarui"), coerce=optional_int, validate_choice=False)
    file = FileField(_l("Berkas"), render_kw={"accept": ACCEPT_ATTRIBUTE})
    change_note = TextAreaField(_l("Apa yang berubah?"), validators=[
        DataRequired(_l("Tulis singkat apa yang berubah pada versi ini.")),
        Length(max=2000, message=_l("Catatan paling panjang 2.000 karakter."))])

    def set_target_choices(self, asset) -> None:
        """Called per request: plain `gettext` gives a str, which the widget escapes. A lazy string
        formatted with the file name would count as safe markup and put the name in unescaped."""
        self.target.choices = [SelectChoice("", _l("Berkas tambahan (baru)"))] + [
            SelectChoice(f.id, gettext("Versi baru dari: %(name)s", name=f.current.original_name))
            for f in asset.files]

    def validate_target(self, field):
        allowed = {choice.value for choice in self.target.choices if choice.value != ""}
        if field.data is not None and field.data not in allowed:
            raise ValidationError(_l("Pilih berkas dari daftar."))

    def validate_file(self, field):
        if not (field.data and field.data.filename):
            raise ValidationError(_l("Pilih berkas."))


class VoteForm(FlaskForm):
    useful = StringField(validators=[AnyOf(["1", "0"], message=_l("Jawaban tidak dikenal."))])


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token (mark reviewed)."""
