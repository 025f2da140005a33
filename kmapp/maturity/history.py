"""An agency's maturity across years for its programme page: a small chart and a table."""
from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup

from ..programme.charts import Group, Series, grouped_bars_svg, series_fills
from .comparison import YearResult, published_history
from .presenting import LEVEL_NAME, score_text


@dataclass(frozen=True)
class MaturityHistory:
    results: list[YearResult]  # oldest first
    chart: Markup | None


def _number(total):
    """95.5 stays 95.5, 94.0 becomes 94 (the chart prints the value as it is)."""
    return int(total) if total == int(total) else float(total)


def agency_maturity(agency) -> MaturityHistory:
    results = published_history(agency.id)
    if not results:
        return MaturityHistory([], None)
    solid, _hatched, _dotted = series_fills("maturity")
    groups = [Group(str(result.year), (_number(result.total),)) for result in results]
    chart = grouped_bars_svg(groups, [Series(_("Skor maturitas (dari 100)"), solid)],
                             _("Skor maturitas %(agency)s per tahun", agency=agency.name), prefix="maturity",
                             width=360, height=180)
    return MaturityHistory(results, chart)


def maturity_context(agency) -> dict:
    """What templates/maturity/_agency_history.html needs, for the agency page's context."""
    return {"maturity": agency_maturity(agency), "maturity_score": score_text, "maturity_level_name": LEVEL_NAME}
