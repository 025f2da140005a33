"""An agency's award history across years, for its programme page (table and a small chart)."""
from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import func, select

from ..extensions import db
from ..models import AwardResult, AwardRound
from ..programme.charts import Bar, ratio_bars_svg


@dataclass(frozen=True)
class AwardYear:
    year: int
    title: str
    rank: int | None        # None: finalised without this agency in the ranking
    total: float | None
    winner: bool
    ranked: int             # agencies in that year's ranking


def award_history(agency_id: int) -> list[AwardYear]:
    """Every finalised round, oldest first, with the agency's rank and total (three queries)."""
    finalised = list(db.session.scalars(select(AwardRound).where(AwardRound.status == "finalised")
                                        .order_by(AwardRound.year)))
    if not finalised:
        return []
    ids = [r.id for r in finalised]
    mine = {row.round_id: row for row in db.session.scalars(
        select(AwardResult).where(AwardResult.agency_id == agency_id, AwardResult.round_id.in_(ids)))}
    counts = dict(db.session.execute(select(AwardResult.round_id, func.count()).where(AwardResult.round_id.in_(ids))
                                     .group_by(AwardResult.round_id)).all())
    return [AwardYear(r.year, r.title, mine[r.id].rank if r.id in mine else None,
                      mine[r.id].total if r.id in mine else None, bool(r.id in mine and mine[r.id].winner),
                      counts.get(r.id, 0)) for r in finalised]


def award_history_chart(history: list[AwardYear], number) -> Markup:
    """The totals per year (0-100) as bars; the dashed line marks 50."""
    bars = [Bar(str(item.year), None if item.total is None else item.total / 100,
                "—" if item.total is None else _("%(total)s (peringkat %(rank)s)", total=number(item.total),
                                                 rank=item.rank)) for item in history]
    return ratio_bars_svg(bars, 0.5, "50", _("Nilai KM Award per tahun"), prefix="award")


def award_history_context(agency_id: int) -> dict:
    """What templates/award/_agency_history.html needs (the agency page passes it on)."""
    from ..programme.labels import number
    history = award_history(agency_id)
    return {"award_history": history,
            "award_history_svg": award_history_chart(history, lambda v: number(round(v, 2))) if history else None}
