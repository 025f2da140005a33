"""The default KMA rubric: the six aspects the assessors observe, plus leadership involvement and
external collaboration (DOMAIN.md, "Knowledge Management Award"). Each round copies it and the
programme office may change weights and scales until the first score sheet is submitted."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..models import AwardCriterion, AwardRound


@dataclass(frozen=True)
class DefaultCriterion:
    code: str
    name: str
    weight: int


# Weights add up to 100; every aspect is scored 1-5.
DEFAULT_RUBRIC = (
    DefaultCriterion("relevance", "Relevansi Tema", 15),
    DefaultCriterion("participation", "Partisipasi dan Kolaborasi", 15),
    DefaultCriterion("documentation", "Dokumentasi dan Aset Pengetahuan", 15),
    DefaultCriterion("accessibility", "Aksesibilitas dan Diseminasi", 15),
    DefaultCriterion("impact", "Manfaat dan Dampak", 15),
    DefaultCriterion("sustainability", "Keberlanjutan", 15),
    DefaultCriterion("leadership", "Keterlibatan Pimpinan", 5),
    DefaultCriterion("external", "Kolaborasi Eksternal", 5),
)
DEFAULT_SCALE = (1, 5)

# The names as shown (translated); a criterion the admin added keeps its stored name.
CRITERION_LABEL = {
    "relevance": _l("Relevansi Tema"),
    "participation": _l("Partisipasi dan Kolaborasi"),
    "documentation": _l("Dokumentasi dan Aset Pengetahuan"),
    "accessibility": _l("Aksesibilitas dan Diseminasi"),
    "impact": _l("Manfaat dan Dampak"),
    "sustainability": _l("Keberlanjutan"),
    "leadership": _l("Keterlibatan Pimpinan"),
    "external": _l("Kolaborasi Eksternal"),
}


def criterion_label(criterion: AwardCriterion) -> str:
    label = CRITERION_LABEL.get(criterion.code)
    return str(label) if label is not None else criterion.name


def add_default_rubric(award: AwardRound) -> None:
    """Give a new round the default rubric."""
    low, high = DEFAULT_SCALE
    award.criteria = [AwardCriterion(code=item.code, name=item.name, weight=item.weight, scale_min=low,
                                     scale_max=high, position=index)
                      for index, item in enumerate(DEFAULT_RUBRIC)]
