"""From indicator scores to a total out of 100 and a level: pure functions, no request needed.

The formula (documented on the instrument page):

    total = 100 × Σ(weight × score) / (5 × Σ weight), rounded half-up to one decimal

so every indicator at 5 gives 100 and every indicator at 1 gives 20. In the default
instrument the weights are multiples of 5 and add up to 200, so the total moves in steps of
0.5 (94/100 and 95.5/100 are both reachable). The level is the highest whose threshold (a
property of the instrument version) the total reaches; below the level-2 threshold it is 1.
"""
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from ..models.maturity import SCORE_MAX, SCORE_MIN

ONE_DECIMAL = Decimal("0.1")


class ScoreOutOfRange(ValueError):
    """A score outside 1-5."""


def check_score(score: int) -> int:
    if not isinstance(score, int) or isinstance(score, bool) or not SCORE_MIN <= score <= SCORE_MAX:
        raise ScoreOutOfRange(score)
    return score


def weighted_total(weighted_scores: Iterable[tuple[int, int]]) -> Decimal | None:
    """(weight, score) pairs -> total out of 100 (one decimal); None without any pair."""
    pairs = [(weight, check_score(score)) for weight, score in weighted_scores]
    weights = sum(weight for weight, _ in pairs)
    if not pairs or weights <= 0:
        return None
    exact = Decimal(100 * sum(weight * score for weight, score in pairs)) / Decimal(SCORE_MAX * weights)
    return exact.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def level_for(total: Decimal, thresholds: Iterable[Decimal]) -> int:
    """The level (1-5) of `total` given the lowest totals of levels 2, 3, 4 and 5."""
    level = 1
    for candidate, lowest in enumerate(thresholds, start=2):
        if total >= Decimal(lowest):
            level = candidate
    return level


def instrument_total(instrument, scores: Mapping[int, int | None]) -> Decimal | None:
    """The total over every indicator of `instrument`; None unless each has a score
    ({indicator id: score})."""
    pairs = []
    for indicator in instrument.indicators:
        score = scores.get(indicator.id)
        if score is None:
            return None
        pairs.append((indicator.weight, score))
    return weighted_total(pairs)
