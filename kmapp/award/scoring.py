"""Scoring rules and the ranking.

A score sheet's total (0-100) weighs each criterion's score by where it sits on that criterion's
scale: total = 100 x sum(w * (score - min) / (max - min)) / sum(w). The bottom of a scale is worth
nothing and its top the criterion's whole weight, so scales of different lengths compare.
An agency's total is the mean of its assessors' submitted totals; drafts never count.

Ranking (deterministic, no shared ranks): higher total first; on equal totals (compared at six
decimals, so float noise never decides) the higher mean score on "Manfaat dan Dampak" (impact),
then on "Keberlanjutan" (sustainability), then the agency code alphabetically.

Disagreement: when the highest and lowest assessor totals of one agency differ by more than
AWARD_DISAGREEMENT_MARGIN points, the agency is flagged for moderation.
"""
from dataclasses import dataclass, field
from statistics import fmean

from flask import current_app
from flask_babel import gettext as _

TIE_BREAK_CODES = ("impact", "sustainability")
ROUNDING = 6


class ScoreRefused(ValueError):
    """Entries that break a rule; `errors` maps a criterion id to its reason."""

    def __init__(self, errors: dict[int, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class Entry:
    value: int | None
    comment: str = ""


def check_entries(criteria, entries: dict[int, Entry], submitting: bool) -> dict[int, str]:
    """{criterion id: reason} for every entry that may not be kept (drafts may leave scores empty)."""
    errors = {}
    for criterion in criteria:
        entry = entries.get(criterion.id, Entry(None))
        if entry.value is None:
            if submitting:
                errors[criterion.id] = _("Nilai wajib diisi sebelum lembar dikirim.")
            continue
        if not criterion.scale_min <= entry.value <= criterion.scale_max:
            errors[criterion.id] = _("Nilai %(value)s di luar skala %(low)s–%(high)s.", value=entry.value,
                                     low=criterion.scale_min, high=criterion.scale_max)
        elif submitting and entry.value in (criterion.scale_min, criterion.scale_max) and not entry.comment.strip():
            errors[criterion.id] = _("Nilai %(value)s ada di ujung skala: tuliskan alasannya di komentar.",
                                     value=entry.value)
    return errors


def weighted_total(criteria, values: dict[int, int]) -> float:
    """The sheet's total out of 100 (see the module docstring). Every criterion must have a value."""
    weights = sum(c.weight for c in criteria)
    if weights == 0:
        return 0.0
    earned = sum(c.weight * (values[c.id] - c.scale_min) / (c.scale_max - c.scale_min) for c in criteria)
    return 100 * earned / weights


@dataclass
class Standing:
    """One agency in the ranking."""
    agency_id: int
    code: str
    name: str
    totals: list[float]                       # one per submitted sheet
    aspect_means: dict[int, float] = field(default_factory=dict)
    rank: int = 0
    disagreement: bool = False

    @property
    def total(self) -> float:
        return fmean(self.totals)

    @property
    def spread(self) -> float:
        return max(self.totals) - min(self.totals)


def disagreement_margin() -> float:
    return float(current_app.config["AWARD_DISAGREEMENT_MARGIN"])


def rank(criteria, sheets: list[tuple[int, str, str, dict[int, int]]], margin: float) -> list[Standing]:
    """Rank agencies from their submitted sheets: (agency id, code, name, {criterion id: value}).

    Agencies without a submitted sheet are not ranked.
    """
    by_agency: dict[int, Standing] = {}
    values_by_agency: dict[int, list[dict[int, int]]] = {}
    for agency_id, code, name, values in sheets:
        standing = by_agency.setdefault(agency_id, Standing(agency_id, code, name, []))
        standing.totals.append(weighted_total(criteria, values))
        values_by_agency.setdefault(agency_id, []).append(values)
    tie_ids = [c.id for code in TIE_BREAK_CODES for c in criteria if c.code == code]
    for agency_id, standing in by_agency.items():
        standing.aspect_means = {c.id: fmean(v[c.id] for v in values_by_agency[agency_id]) for c in criteria}
        standing.disagreement = len(standing.totals) > 1 and standing.spread > margin

    def key(s: Standing):
        return (-round(s.total, ROUNDING), *(-round(s.aspect_means.get(i, 0.0), ROUNDING) for i in tie_ids), s.code)

    ordered = sorted(by_agency.values(), key=key)
    for position, standing in enumerate(ordered, start=1):
        standing.rank = position
    return ordered
