"""Year over year: an agency's published results, and indicator-by-indicator comparison.

Two assessments made with the same instrument version compare exactly. Across versions the
comparison goes through the indicators' stable codes; an indicator found in only one of the
two versions is listed as unmatched, never dropped.
"""
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ..extensions import db
from ..models import AssessmentState, MaturityAssessment, MaturityIndicator, MaturityInstrument, MaturityRound


@dataclass(frozen=True)
class IndicatorComparison:
    code: str
    earlier: MaturityIndicator | None  # None: the indicator is new in the later version
    later: MaturityIndicator | None    # None: the later version no longer has it
    earlier_score: int | None
    later_score: int | None

    @property
    def matched(self) -> bool:
        return self.earlier is not None and self.later is not None

    @property
    def change(self) -> int | None:
        if self.earlier_score is None or self.later_score is None:
            return None
        return self.later_score - self.earlier_score


def final_scores(assessment: MaturityAssessment) -> dict[int, int | None]:
    """{indicator id: the verified score, or the lead's score before verification}."""
    return {row.indicator_id: row.verified_score if row.verified_score is not None else row.self_score
            for row in assessment.scores}


def compare_assessments(earlier: MaturityAssessment, later: MaturityAssessment) -> list[IndicatorComparison]:
    """Every indicator of both versions, in the later version's order, then the dropped ones."""
    before = {i.code: i for i in earlier.round.instrument.indicators}
    after = {i.code: i for i in later.round.instrument.indicators}
    earlier_scores, later_scores = final_scores(earlier), final_scores(later)
    codes = list(after) + [code for code in before if code not in after]
    return [IndicatorComparison(code, before.get(code), after.get(code),
                                earlier_scores.get(before[code].id) if code in before else None,
                                later_scores.get(after[code].id) if code in after else None)
            for code in codes]


@dataclass(frozen=True)
class YearResult:
    year: int
    assessment_id: int
    total: Decimal
    level: int
    instrument_version: int


def published_history(agency_id: int) -> list[YearResult]:
    """The agency's published results, oldest year first."""
    rows = db.session.execute(
        select(MaturityRound.year, MaturityAssessment.id, MaturityAssessment.total, MaturityAssessment.level,
               MaturityRound.instrument_id)
        .join(MaturityRound, MaturityAssessment.round_id == MaturityRound.id)
        .where(MaturityAssessment.agency_id == agency_id, MaturityAssessment.state == AssessmentState.PUBLISHED)
        .order_by(MaturityRound.year))
    versions = dict(db.session.execute(select(MaturityInstrument.id, MaturityInstrument.version)).all())
    return [YearResult(year, assessment_id, total, level, versions[instrument_id])
            for year, assessment_id, total, level, instrument_id in rows]


def previous_published(assessment: MaturityAssessment) -> MaturityAssessment | None:
    """The agency's latest published assessment of an earlier year."""
    return db.session.scalar(
        select(MaturityAssessment).join(MaturityRound, MaturityAssessment.round_id == MaturityRound.id)
        .where(MaturityAssessment.agency_id == assessment.agency_id,
               MaturityAssessment.state == AssessmentState.PUBLISHED, MaturityRound.year < assessment.round.year)
        .order_by(MaturityRound.year.desc()).limit(1))


@dataclass(frozen=True)
class VersionChange:
    """One indicator that differs between two versions, by code."""
    code: str
    earlier: MaturityIndicator | None  # None: new in the later version
    later: MaturityIndicator | None    # None: removed from the later version

    @property
    def what(self) -> str:
        if self.earlier is None:
            return "added"
        if self.later is None:
            return "removed"
        return "changed"


def version_changes(earlier: MaturityInstrument, later: MaturityInstrument) -> list[VersionChange]:
    """Indicators added, removed, or changed (name, weight or a level descriptor) from `earlier`."""
    before = {i.code: i for i in earlier.indicators}
    after = {i.code: i for i in later.indicators}
    changes = []
    for code in list(after) + [code for code in before if code not in after]:
        old, new = before.get(code), after.get(code)
        if old is not None and new is not None and (old.name, old.weight, old.descriptors) == \
                (new.name, new.weight, new.descriptors):
            continue
        changes.append(VersionChange(code, old, new))
    return changes
