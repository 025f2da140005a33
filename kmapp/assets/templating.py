"""Template helpers of the assets area, available to every template (others show badges too)."""
from flask_babel import format_decimal
from flask_login import current_user

from ..policy import can_edit_asset
from . import bp, rules
from .filetypes import KIND_BY_CONTENT_TYPE


@bp.app_template_global("asset_overdue")
def asset_overdue(asset) -> bool:
    return rules.is_overdue(asset)


@bp.app_template_global("asset_due_soon")
def asset_due_soon(asset) -> bool:
    return rules.is_due_soon(asset)


@bp.app_template_global("review_alarm")
def review_alarm(asset) -> str | None:
    """"overdue" or "due_soon" for the people who can act on it (the CoP's leads, admins).

    Readers get None: a red "lewat jadwal tinjau" they cannot do anything about only makes them
    distrust the asset; they see when it was published and last reviewed instead.
    """
    if not (current_user.is_authenticated and can_edit_asset(current_user, asset)):
        return None
    if rules.is_overdue(asset):
        return "overdue"
    return "due_soon" if rules.is_due_soon(asset) else None


@bp.app_template_filter("filesize")
def filesize(size_bytes: int) -> str:
    """1.234.567 -> "1,2 MB" (in the reader's locale)."""
    size = float(size_bytes or 0)
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{format_decimal(size, format='#,##0.#')} {unit}"
        size /= 1024
    return f"{format_decimal(size, format='#,##0.#')} GB"


@bp.app_template_filter("file_kind")
def file_kind(content_type: str) -> str:
    kind = KIND_BY_CONTENT_TYPE.get(content_type)
    return kind.label if kind else content_type


@bp.app_template_global("file_viewable")
def file_viewable(content_type: str) -> bool:
    kind = KIND_BY_CONTENT_TYPE.get(content_type)
    return bool(kind and kind.inline)


@bp.app_template_global("ocr_state")
def ocr_state(version):
    from ..ocr.status import ocr_state as state_of  # the OCR area imports the models only
    return state_of(version)
