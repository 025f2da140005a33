"""Serving an asset's files (download, inline view), new versions and extra files."""
from flask import abort, current_app, flash, make_response, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..files.storage import path_of
from ..htmx import is_htmx_request, render_page
from ..models import AccessKind, Asset, AssetFileVersion
from ..ocr.status import ocr_state
from ..policy import asset_for_view, can_edit_asset, require
from . import bp
from .filetypes import KIND_BY_CONTENT_TYPE
from .forms import ExtraFileForm, NewFileForm, optional_int
from .receiving import receive_with_form
from .services import add_file_version
from .uploads import describe_limit, max_file_bytes
from .usage import record_access

# Served files are documents, never pages: a sandboxed document cannot run scripts or reach
# the portal's cookies even if a browser were tricked into rendering it. Chrome and Safari
# refuse to start their PDF viewer in a sandboxed document, so an inline PDF (its bytes
# checked to be a PDF at upload, served as application/pdf with nosniff) keeps the site CSP.
SANDBOX = "sandbox"


def _version_of(asset: Asset, version_id: int) -> AssetFileVersion:
    version = db.session.get(AssetFileVersion, version_id)
    if version is None or version.file.asset_id != asset.id:
        abort(404)
    return version


def _send(version: AssetFileVersion, *, as_attachment: bool, mimetype: str):
    path = path_of(version.storage_name)
    if not path.is_file():
        current_app.logger.error("stored file missing: version %s (%s)", version.id, version.storage_name)
        abort(404)
    response = send_file(path, mimetype=mimetype, as_attachment=as_attachment,
                         download_name=version.original_name, conditional=True, max_age=0, etag=version.sha256)
    if as_attachment or mimetype != "application/pdf":
        response.headers["Content-Security-Policy"] = SANDBOX
    response.cache_control.private = True
    return response


@bp.get("/<int:asset_id>/files/<int:version_id>/download")
def download(asset_id: int, version_id: int):
    asset = asset_for_view(asset_id)
    version = _version_of(asset, version_id)
    record_access(asset, current_user, AccessKind.DOWNLOAD)
    return _send(version, as_attachment=True, mimetype=version.content_type or "application/octet-stream")


@bp.get("/<int:asset_id>/files/<int:version_id>/view")
def view(asset_id: int, version_id: int):
    """Inline only for PDF, images, video, and text (as text/plain); anything else downloads."""
    asset = asset_for_view(asset_id)
    version = _version_of(asset, version_id)
    kind = KIND_BY_CONTENT_TYPE.get(version.content_type)
    if kind is None or not kind.inline:
        return redirect(url_for(".download", asset_id=asset.id, version_id=version.id))
    record_access(asset, current_user, AccessKind.OPEN)
    mimetype = "text/plain" if kind.key in ("txt", "md") else kind.content_type  # charset added: utf-8
    return _send(version, as_attachment=False, mimetype=mimetype)


def _file_page(asset: Asset, form, *, extra: bool):
    # htmx swaps only 2xx answers: a form with errors goes back as 200 to be shown.
    status = 422 if form.errors and not is_htmx_request() else 200
    return render_page("assets/new_file.html", "file_form", status=status, form=form, asset=asset, extra=extra,
                       limit=describe_limit(), max_bytes=max_file_bytes())


def _saved(asset: Asset, message: str):
    flash(message, "success")
    destination = url_for(".show", asset_id=asset.id)
    if is_htmx_request():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = destination  # the whole asset page, with its history
        return response
    return redirect(destination)


@bp.route("/<int:asset_id>/files/new", methods=["GET", "POST"])
def new_file(asset_id: int):
    """"Unggah versi baru": the new version replaces the file's current one (old ones stay
    downloadable from the history). The file is preselected by `?file=`, or when it is the only one."""
    asset = asset_for_view(asset_id)
    require(can_edit_asset(current_user, asset))
    if not asset.files:
        return redirect(url_for(".add_file", asset_id=asset.id))
    form = NewFileForm()
    form.set_target_choices(asset)
    if request.method == "GET":
        only = asset.files[0].id if len(asset.files) == 1 else None
        form.target.data = optional_int(request.args.get("file")) or only
        return _file_page(asset, form, extra=False)
    uploads = receive_with_form(form, form.file, current_user)
    if uploads is None:
        return _file_page(asset, form, extra=False)
    target = next(f for f in asset.files if f.id == form.target.data)
    replaced = target.current.version_no
    version = add_file_version(asset, uploads[0], form.change_note.data, current_user, target)
    return _saved(asset, _("Versi %(new)s menggantikan versi %(old)s dari “%(name)s”. Versi lama tetap dapat "
                           "diunduh dari riwayat versi.", new=version.version_no, old=replaced,
                           name=version.original_name))


@bp.route("/<int:asset_id>/files/add", methods=["GET", "POST"])
def add_file(asset_id: int):
    """"Tambah berkas lain": another file beside the asset's files (not a version of one)."""
    asset = asset_for_view(asset_id)
    require(can_edit_asset(current_user, asset))
    form = ExtraFileForm()
    if request.method == "GET":
        return _file_page(asset, form, extra=True)
    uploads = receive_with_form(form, form.file, current_user)
    if uploads is None:
        return _file_page(asset, form, extra=True)
    version = add_file_version(asset, uploads[0], form.change_note.data or "", current_user)
    return _saved(asset, _("Berkas tambahan “%(name)s” tersimpan.", name=version.original_name))


@bp.get("/<int:asset_id>/files/<int:version_id>/ocr")
def ocr_status(asset_id: int, version_id: int):
    """The recognition line of one file; polled by htmx only while the job runs."""
    asset = asset_for_view(asset_id)
    version = _version_of(asset, version_id)
    response = make_response(render_template("assets/_ocr_status.html", asset=asset, version=version,
                                             ocr=ocr_state(version)))
    response.vary.add("HX-Request")
    return response


@bp.get("/<int:asset_id>/files/<int:version_id>/searchable.pdf")
def searchable_pdf(asset_id: int, version_id: int):
    """The scan with its recognised text layer: a derived file, readable by whoever may read the original."""
    asset = asset_for_view(asset_id)
    version = _version_of(asset, version_id)
    if not version.ocr_pdf_name:
        abort(404)
    path = path_of(version.ocr_pdf_name)
    if not path.is_file():
        current_app.logger.error("searchable PDF missing: version %s (%s)", version.id, version.ocr_pdf_name)
        abort(404)
    record_access(asset, current_user, AccessKind.DOWNLOAD)
    stem = version.original_name.rsplit(".", 1)[0] or "dokumen"
    response = send_file(path, mimetype="application/pdf", as_attachment=True, download_name=f"{stem}-teks.pdf",
                         conditional=True, max_age=0)
    response.headers["Content-Security-Policy"] = SANDBOX
    response.cache_control.private = True
    return response
