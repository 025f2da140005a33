"""Small charts drawn on the server as inline SVG: no chart library, no script.

Pure functions from numbers to markup. Each chart carries its numbers as text labels and
tells its series apart by pattern as well as colour, so it reads in greyscale, on paper and
for colour-blind readers; `role="img"` with a <title> names it for screen readers, and the
pages put the same numbers in a table beside it.
"""
from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup, escape

from .. import labels
from .figures import UTILISATION_TARGET

INK, MUTED = "#1c2330", "#5a6475"
FONT = 'font-family="system-ui, Arial, sans-serif" font-size="12"'


@dataclass(frozen=True)
class Series:
    """One kind of bar: its legend label and its look (a fill, maybe a pattern id)."""
    label: str
    fill: str


@dataclass(frozen=True)
class Group:
    """One position on the x axis (a Triwulan) with one value per series."""
    label: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: a label, a ratio (None: not applicable) and its text."""
    label: str
    ratio: float | None
    text: str


# Hatching and dots: the series differ without colour (and print on a mono laser).
PATTERNS = (
    '<pattern id="{p}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="#0b4f8a"/></pattern>'
    '<pattern id="{p}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
    '<rect width="5" height="5" fill="#e8eef5"/><circle cx="2.5" cy="2.5" r="1.3" fill="{ink}"/></pattern>'
)


def _open_svg(width: int, height: int, title: str, prefix: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
            f'role="img" aria-labelledby="{prefix}-title" class="chart" {FONT}>',
            f'<title id="{prefix}-title">{escape(title)}</title>',
            "<defs>" + PATTERNS.format(p=prefix, ink=INK) + "</defs>"]


def series_fills(prefix: str) -> tuple[str, str, str]:
    """Solid, hatched, dotted: the three looks a grouped bar chart uses, in order."""
    return "#0b4f8a", f"url(#{prefix}-hatch)", f"url(#{prefix}-dots)"


def grouped_bars_svg(groups: list[Group], series: list[Series], title: str, prefix: str = "trend",
                     width: int = 640, height: int = 240) -> Markup:
    """Vertical bars per group (e.g. per Triwulan), one per series, each labelled with its value."""
    top, bottom, left, legend_h = 18, 28, 8, 22
    plot_h = height - top - bottom - legend_h
    peak = max((v for group in groups for v in group.values), default=0) or 1
    slot = (width - left * 2) / max(len(groups), 1)
    bar_w = min(34, (slot - 16) / max(len(series), 1))
    parts = _open_svg(width, height, title, prefix)
    base_y = top + plot_h + legend_h
    parts.append(_legend(series, left, 14))
    for index, group in enumerate(groups):
        x0 = left + index * slot + (slot - bar_w * len(series)) / 2
        for position, (value, kind) in enumerate(zip(group.values, series)):
            h = plot_h * value / peak
            x = x0 + position * bar_w
            parts.append(f'<rect x="{x:.1f}" y="{base_y - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                         f'fill="{kind.fill}" stroke="{INK}" stroke-width="0.6"/>')
            parts.append(f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{base_y - h - 3:.1f}" text-anchor="middle" '
                         f'fill="{INK}">{value}</text>')
        parts.append(f'<text x="{left + index * slot + slot / 2:.1f}" y="{height - 8}" text-anchor="middle" '
                     f'fill="{INK}" font-weight="600">{escape(group.label)}</text>')
    parts.append(f'<line x1="{left}" x2="{width - left}" y1="{base_y}" y2="{base_y}" stroke="{INK}"/>')
    parts.append("</svg>")
    # Numbers formatted here and labels passed through escape(): no text reaches the SVG raw.
    return Markup("".join(parts))  # nosec B704


def _legend(series: list[Series], x: int, y: int) -> str:
    items, offset = [], x
    for kind in series:
        items.append(f'<rect x="{offset}" y="{y - 10}" width="14" height="12" fill="{kind.fill}" '
                     f'stroke="{INK}" stroke-width="0.6"/><text x="{offset + 19}" y="{y}" fill="{INK}">'
                     f'{escape(kind.label)}</text>')
        offset += 28 + 7 * len(kind.label)
    return "".join(items)


def ratio_bars_svg(bars: list[Bar], target: float, target_label: str, title: str, prefix: str = "util",
                   width: int = 640) -> Markup:
    """Horizontal bars of ratios (0-100%) with a dashed target line.

    Bars that reach the target are solid, those below are hatched; every bar has its
    number; a bar without a ratio shows its text (e.g. "—") and no bar.
    """
    row_h, top, label_w, text_w = 16, 22, 130, 56
    height = top + row_h * len(bars) + 8
    scale = width - label_w - text_w
    solid, hatched, _ = series_fills(prefix)
    parts = _open_svg(width, height, title, prefix)
    for index, bar in enumerate(bars):
        y = top + index * row_h
        parts.append(f'<text x="{label_w - 6}" y="{y + 11}" text-anchor="end" fill="{INK}">{escape(bar.label)}</text>')
        end = label_w
        if bar.ratio is not None:
            w = scale * min(bar.ratio, 1.0)
            fill = solid if bar.ratio >= target else hatched
            parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 5}" fill="{fill}" '
                         f'stroke="{INK}" stroke-width="0.5"/>')
            end = label_w + w
        parts.append(f'<text x="{end + 4:.1f}" y="{y + 11}" fill="{INK}">{escape(bar.text)}</text>')
    target_x = label_w + scale * target
    parts.append(f'<line x1="{target_x:.1f}" x2="{target_x:.1f}" y1="{top - 4}" y2="{height - 4}" stroke="{INK}" '
                 f'stroke-width="1.5" stroke-dasharray="5 3"/>')
    parts.append(f'<text x="{target_x:.1f}" y="{top - 8}" text-anchor="middle" fill="{INK}" font-weight="600">'
                 f'{escape(target_label)}</text>')
    parts.append(f'<line x1="{label_w}" x2="{label_w}" y1="{top - 2}" y2="{height - 4}" stroke="{MUTED}"/>')
    parts.append("</svg>")
    # Numbers formatted here and labels passed through escape(): no text reaches the SVG raw.
    return Markup("".join(parts))  # nosec B704


def quarter_trend_chart(totals, year: int) -> Markup:
    """The four Triwulan of a year: agencies that met, meetings held, meetings accompanied."""
    solid, hatched, dotted = series_fills("trend")
    series = [Series(_("PD memenuhi target"), dotted), Series(_("Pertemuan"), solid),
              Series(_("Didampingi"), hatched)]
    groups = [Group(labels.tw(t.quarter), (t.agencies_met, t.meetings, t.accompanied)) for t in totals]
    return grouped_bars_svg(groups, series, _("Tren per triwulan %(year)s", year=year), prefix="trend")


def utilisation_chart(rows, period: str, percent) -> Markup:
    """Each agency's utilisation against the 50% target, lowest first (no headcount: last)."""
    ordered = sorted(rows, key=lambda row: (row.utilisation.ratio is None, row.utilisation.ratio or 0.0))
    bars = [Bar(row.code, row.utilisation.ratio, percent(row.utilisation.ratio)) for row in ordered]
    return ratio_bars_svg(bars, UTILISATION_TARGET, _("Target %(p)s", p=percent(UTILISATION_TARGET)),
                          _("Utilisasi aset per perangkat daerah, %(period)s", period=period), prefix="util")
