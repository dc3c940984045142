"""Charts drawn on the server as SVG: no JavaScript, no style attribute (strict CSP), a title and
a description for screen readers, and the page always shows the same figures as a table.

Colours reach WCAG AA contrast (≥ 4.5:1) on white; the two lines of the trend differ by dash and
marker shape as well, so colour is never the only difference.
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

RED = "#9b1c1c"  # 7.4:1 on white
BLUE = "#0b4a8b"  # 8.6:1 on white
INK = "#1a1a1a"
GRID = "#767676"  # 4.5:1 on white
MAX_BARS = 40
# Label sizes of the trend chart, in its own units (420 wide).
TICK, LABEL = 14, 16


def _pct(value: Decimal | float | None) -> str:
    if value is None:
        return "—"
    return number_format(value, 2, use_l10n=True) + " %"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def trend_chart(*, rows, chart_id: str) -> SafeString:
    """Poor and near-poor rates by year. ``rows``: YearRow list, oldest first."""
    points = [r for r in rows if r.figures.poor_rate is not None]
    if not points:
        return mark_safe("")
    # Narrow and with its legend under the plot, not beside it: the whole chart fits a 320 px
    # phone at a readable size (scaled to 288 px, 16-unit labels are 11 px), where a 700-unit
    # chart with a side legend needed 512 px and hid its last year and legend off screen.
    width, height = 420, 330
    left, right, top, bottom = 62, 22, 20, 86
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(
        max(float(max(r.figures.poor_rate, r.figures.near_poor_rate or 0)) for r in points)
    )
    step_x = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return left + (i * step_x if len(points) > 1 else plot_w / 2)

    def y(value: Decimal | None) -> float:
        return top + plot_h - (float(value or 0) / top_value) * plot_h

    title = _("Tỷ lệ hộ nghèo và hộ cận nghèo theo năm")
    first, last = points[0], points[-1]
    desc = _(
        "Tỷ lệ hộ nghèo từ %(a)s năm %(ya)s đến %(b)s năm %(yb)s; tỷ lệ hộ cận nghèo từ %(c)s "
        "đến %(d)s. Số liệu đầy đủ trong bảng ngay dưới biểu đồ."
    ) % {
        "a": _pct(first.figures.poor_rate),
        "ya": first.year,
        "b": _pct(last.figures.poor_rate),
        "yb": last.year,
        "c": _pct(first.figures.near_poor_rate),
        "d": _pct(last.figures.near_poor_rate),
    }
    parts = [
        f'<svg class="chart chart-trend" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for k in range(5):
        value = top_value * k / 4
        gy = top + plot_h - plot_h * k / 4
        parts.append(
            f'<line x1="{left}" y1="{gy:.1f}" x2="{left + plot_w}" y2="{gy:.1f}" '
            f'stroke="{GRID}" stroke-width="{1 if k == 0 else 0.5}"/>'
            f'<text x="{left - 6}" y="{gy + 5:.1f}" text-anchor="end" font-size="{TICK}" '
            f'fill="{INK}">{escape(_pct(value))}</text>'
        )
    for i, row in enumerate(points):
        parts.append(
            f'<text x="{x(i):.1f}" y="{top + plot_h + 22}" text-anchor="middle" '
            f'font-size="{LABEL}" fill="{INK}">{row.year}</text>'
        )
    series = [
        ("poor_rate", _("Tỷ lệ hộ nghèo"), RED, "", "circle"),
        ("near_poor_rate", _("Tỷ lệ hộ cận nghèo"), BLUE, ' stroke-dasharray="6 4"', "square"),
    ]
    for n, (name, label, colour, dash, marker) in enumerate(series):
        coords = [(x(i), y(getattr(r.figures, name))) for i, r in enumerate(points)]
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        for (cx, cy), row in zip(coords, points, strict=True):
            value = escape(_pct(getattr(row.figures, name)))
            if marker == "circle":
                parts.append(
                    f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{colour}">'
                    f"<title>{row.year}: {value}</title></circle>"
                )
            else:
                parts.append(
                    f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" '
                    f'fill="{colour}"><title>{row.year}: {value}</title></rect>'
                )
        # The legend: one row per series under the years, starting at the plot's left edge.
        ly = top + plot_h + 44 + n * 22
        lx = left
        parts.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 28}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2.5"{dash}/>'
            f'<text x="{lx + 36}" y="{ly + 5}" font-size="{LABEL}" fill="{INK}">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text escaped above


def bar_chart(*, rows, chart_id: str, caption: str) -> SafeString:
    """Poor rate of each row (BreakdownRow), in the table's order, at most ``MAX_BARS``."""
    shown = [r for r in rows if r.figures.poor_rate is not None][:MAX_BARS]
    if not shown:
        return mark_safe("")
    label_w, bar_w, value_w, bar_h, gap, top = 220, 340, 80, 18, 8, 8
    width = label_w + bar_w + value_w
    height = top * 2 + len(shown) * (bar_h + gap)
    top_value = _nice_max(float(max(r.figures.poor_rate for r in shown)))
    highest = max(shown, key=lambda r: r.figures.poor_rate)
    lowest = min(shown, key=lambda r: r.figures.poor_rate)
    desc = _(
        "%(n)s đơn vị. Cao nhất: %(hi)s (%(hv)s); thấp nhất: %(lo)s (%(lv)s). "
        "Số liệu đầy đủ trong bảng ngay dưới biểu đồ."
    ) % {
        "n": len(shown),
        "hi": highest.name,
        "hv": _pct(highest.figures.poor_rate),
        "lo": lowest.name,
        "lv": _pct(lowest.figures.poor_rate),
    }
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(caption)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for i, row in enumerate(shown):
        by = top + i * (bar_h + gap)
        length = float(row.figures.poor_rate) / top_value * bar_w
        name = row.name if len(row.name) <= 30 else row.name[:29] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{by + 14}" text-anchor="end" font-size="13" '
            f'fill="{INK}">{escape(name)}</text>'
            f'<rect x="{label_w}" y="{by}" width="{max(length, 1):.1f}" height="{bar_h}" '
            f'fill="{RED}"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{by + 14}" font-size="13" '
            f'fill="{INK}">{escape(_pct(row.figures.poor_rate))}</text>'
        )
    parts.append(
        f'<line x1="{label_w}" y1="{top - 4}" x2="{label_w}" y2="{height - top + 4}" '
        f'stroke="{GRID}"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 — every text escaped above
