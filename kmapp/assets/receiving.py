"""The files of one upload form: the ones just sent, or the ones kept from the last try.

Used by every form that takes files (a new asset, a new version, an extra file), so they all
behave alike: a file just sent replaces a kept one; when anything else on the form is wrong,
a file that passed its checks is kept (kmapp/assets/pending.py) and the form says so.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _

from ..models import User
from .pending import KeptFile, PendingUploadGone, keep, look_up, release, take
from .uploads import AcceptedFile, UploadRejected, accept_files


@dataclass
class Received:
    new: list[AcceptedFile] = field(default_factory=list)  # sent now, stored and checked
    kept: list[KeptFile] = field(default_factory=list)  # waiting from an earlier try
    errors: list[str] = field(default_factory=list)


def gone_message() -> str:
    return _("Berkas yang diterima sebelumnya sudah tidak tersedia (lewat batas waktu). Pilih berkas lagi.")


def receive(sent: list, tokens: list[str], user: User) -> Received:
    """Store and check the files sent now; without any, look up the kept ones."""
    chosen = [upload for upload in sent if upload is not None and upload.filename]
    errors = []
    if chosen:
        try:
            new = accept_files(chosen)
        except UploadRejected as rejected:
            errors = rejected.errors + [_("Isian lain tetap tersimpan di formulir; pilih lagi berkas yang benar.")]
        else:
            release(tokens, user)  # the file chosen now replaces the one kept
            return Received(new=new)
    kept, any_gone = look_up(tokens, user)
    return Received(kept=kept, errors=errors + ([gone_message()] if any_gone else []))


def receive_with_form(form, files_field, user: User) -> list[AcceptedFile] | None:
    """Validate `form` and receive its files: the files to save when everything is right.

    Otherwise None, with the errors on the form, and a file just received kept for the next
    try (`form.show_kept`), however long it took to send.
    """
    valid = form.validate_on_submit()
    sent = files_field.data if isinstance(files_field.data, list) else [files_field.data]
    received = receive(sent, form.kept.data, user)
    files_field.errors = list(files_field.errors) + received.errors
    if not valid or received.errors:
        if received.new:
            received.kept = keep(received.new, user)
        form.show_kept(received.kept)
        return None
    if received.new:
        return received.new
    try:
        return take([kept.token for kept in received.kept], user)
    except PendingUploadGone:
        files_field.errors.append(gone_message())
        form.show_kept([])
        return None


def still_kept(form, user: User) -> None:
    """After a save failed: show again the kept files (a failed save puts them back)."""
    form.show_kept(look_up(form.kept.data, user)[0])
