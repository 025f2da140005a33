"""Words for levels and states, shared by the maturity pages and the agency page."""
from flask_babel import lazy_gettext as _l

from ..models import AssessmentState

LEVEL_NAME = {1: _l("Inisiasi"), 2: _l("Pengembangan"), 3: _l("Standardisasi"), 4: _l("Optimalisasi"),
              5: _l("Inovasi")}
STATE_LABEL = {
    AssessmentState.DRAFT: _l("Draf"),
    AssessmentState.SUBMITTED: _l("Menunggu verifikasi"),
    AssessmentState.VERIFIED: _l("Terverifikasi"),
    AssessmentState.PUBLISHED: _l("Diterbitkan"),
}
STATE_BADGE = {AssessmentState.DRAFT: "", AssessmentState.SUBMITTED: "badge-warn",
               AssessmentState.VERIFIED: "badge-ok", AssessmentState.PUBLISHED: "badge-ok"}


def score_text(value) -> str:
    """A total such as 95.5 or 94 (no trailing ".0"), for "94/100"."""
    if value is None:
        return "—"
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def context() -> dict:
    return {"LEVEL_NAME": LEVEL_NAME, "STATE_LABEL": STATE_LABEL, "STATE_BADGE": STATE_BADGE,
            "score_text": score_text}
