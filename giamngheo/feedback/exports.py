"""The statistics of the feedback register as a table: the screen and its CSV/XLSX download
show the same cells."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.core.exports import table_response

STATS_HEADERS = [
    gettext_lazy("Xếp hạng"),
    gettext_lazy("Nhóm"),
    gettext_lazy("Tiếp nhận"),
    gettext_lazy("Đã trả lời"),
    gettext_lazy("Trả lời đúng hạn"),
    gettext_lazy("Quá hạn chưa trả lời"),
    gettext_lazy("Tỷ lệ đúng hạn (%)"),
    gettext_lazy("Số ngày trả lời (trung vị)"),
]


def stats_cells(row, *, ranked: bool) -> list:
    if not ranked:
        rank = ""
    elif row.rank is None:
        rank = str(_("Chưa đủ số liệu để xếp hạng"))
    else:
        rank = row.rank
    return [
        rank,
        str(row.label),
        row.received,
        row.answered,
        row.answered_on_time,
        row.overdue,
        row.on_time_rate if row.on_time_rate is not None else "",
        row.median_days if row.median_days is not None else "",
    ]


def stats_export(stats, *, fmt: str, filename: str):
    header = [str(h) for h in STATS_HEADERS]
    body = [stats_cells(r, ranked=stats.ranked) for r in stats.rows]
    total = ["", str(_("Tổng cộng")), *stats_cells(stats.total, ranked=False)[2:]]
    return table_response(
        [header, *body, total], fmt=fmt, filename=filename, sheet_title=str(_("Thống kê"))
    )
