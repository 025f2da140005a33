"""The early-warning list (a page, and the dashboard's htmx panel) and its settings."""
from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..htmx import render_page
from ..labels import triwulan
from ..policy import can_manage_maturity, can_view_programme, require
from . import bp, presenting
from .forms import WarningSettingsForm
from .rounds import today
from .warning import SETTING_FIELDS, last_two_quarters, save_warning_settings, slipping_agencies, warning_settings


@bp.get("/watch")
def watch():
    """Full page without JS; the dashboard loads block `maturity_watch` below its matrix."""
    require(can_view_programme(current_user))
    earlier, later = last_two_quarters(today())
    return render_page("maturity/watch.html", "maturity_watch", slipping=slipping_agencies(today()),
                       settings=warning_settings(), compared=(triwulan(*earlier), triwulan(*later)),
                       **presenting.context())


@bp.route("/watch/settings", methods=["GET", "POST"])
def warning_settings_page():
    require(can_manage_maturity(current_user))
    current = warning_settings()
    form = WarningSettingsForm(data={name: getattr(current, name) for name in SETTING_FIELDS})
    if form.validate_on_submit():
        changed = save_warning_settings({name: getattr(form, name).data for name in SETTING_FIELDS}, current_user)
        db.session.commit()
        flash(_("Pengaturan peringatan disimpan.") if changed else _("Tidak ada perubahan."), "success")
        return redirect(url_for("maturity.watch"))
    return render_page("maturity/warning_settings.html", form=form)
