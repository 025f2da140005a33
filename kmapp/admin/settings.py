"""The programme office's settings page: who sees attendee names and minutes of meetings."""
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired

from ..extensions import db
from ..htmx import render_page
from ..models import AttendeeVisibility, MinutesVisibility
from ..programme_settings import change_setting, setting_value
from . import bp

ATTENDEE_CHOICES = [
    SelectChoice(AttendeeVisibility.MEMBERS.value, _l("Anggota, pengurus dan pendamping CoP, serta admin (bawaan)")),
    SelectChoice(AttendeeVisibility.AGENCY.value, _l("Seperti di atas, ditambah seluruh pegawai perangkat daerah CoP")),
    SelectChoice(AttendeeVisibility.ALL.value, _l("Semua pengguna yang masuk")),
]
MINUTES_CHOICES = [
    SelectChoice(MinutesVisibility.PUBLIC_ASSETS.value,
                 _l("Semua pengguna bila pertemuan menghasilkan aset yang terbuka untuk semua; jika belum, hanya "
                    "anggota CoP (bawaan)")),
    SelectChoice(MinutesVisibility.MEMBERS.value, _l("Anggota, pengurus dan pendamping CoP, serta admin")),
    SelectChoice(MinutesVisibility.AGENCY.value, _l("Seperti di atas, ditambah seluruh pegawai perangkat daerah CoP")),
    SelectChoice(MinutesVisibility.ALL.value, _l("Semua pengguna yang masuk")),
]
FIELDS = {"attendees": "attendee_visibility", "minutes": "minutes_visibility"}  # form field -> setting


def _one_of(choices: list[SelectChoice]) -> list:
    # Our own message for a hand-made value (WTForms' "Not a valid choice" is English).
    return [InputRequired(_l("Pilih salah satu.")),
            AnyOf([choice.value for choice in choices], message=_l("Pilih salah satu pilihan yang tersedia."))]


class VisibilityForm(FlaskForm):
    attendees = RadioField(_l("Siapa yang melihat nama dalam daftar hadir pertemuan"), choices=ATTENDEE_CHOICES,
                           validate_choice=False, validators=_one_of(ATTENDEE_CHOICES))
    minutes = RadioField(_l("Siapa yang membaca notulen pertemuan"), choices=MINUTES_CHOICES,
                         validate_choice=False, validators=_one_of(MINUTES_CHOICES))


def _handover_form(formdata=None):
    from ..handover.departures import handover_settings
    from ..handover.forms import HandoverSettingsForm
    from ..handover.settings import SETTING_FIELDS
    row = handover_settings()
    return HandoverSettingsForm(formdata=formdata, data={name: getattr(row, name) for name in SETTING_FIELDS},
                                prefix="handover")


@bp.route("/settings", methods=["GET", "POST"])
def settings():
    """Admins only (the blueprint refuses everyone else); every change is audited."""
    form = VisibilityForm(data={field: setting_value(name) for field, name in FIELDS.items()})
    if form.validate_on_submit():
        changed = [change_setting(name, getattr(form, field).data, current_user) for field, name in FIELDS.items()]
        db.session.commit()
        flash(_("Pengaturan disimpan.") if any(changed) else _("Tidak ada yang berubah."), "success")
        return redirect(url_for("admin.settings"))
    return render_page("admin/settings.html", form=form, handover_form=_handover_form(formdata=None))


@bp.post("/settings/handover")
def handover_settings_save():
    """Retirement age per position class and the overdue window of handovers (kmapp/handover/)."""
    from ..handover.settings import save_handover_settings
    handover_form = _handover_form(formdata=request.form)
    if not handover_form.validate_on_submit():
        form = VisibilityForm(formdata=None, data={field: setting_value(name) for field, name in FIELDS.items()})
        return render_page("admin/settings.html", form=form, handover_form=handover_form, status=422)
    changed = save_handover_settings({name: field.data for name, field in handover_form._fields.items()
                                      if name != "csrf_token"}, current_user)
    db.session.commit()
    flash(_("Pengaturan disimpan.") if changed else _("Tidak ada yang berubah."), "success")
    return redirect(url_for("admin.settings") + "#handover")
