"""The report's chart as a PNG, drawn on the server with matplotlib (no browser): complaints a day by level, and
the top reasons. The same picture goes to chat and to the console."""

from __future__ import annotations

import io

from bot.insight.report import Report

# The severity marks' colours (🟢 🟡 🟠 🔴), so the chart reads like the cards.
LEVEL_COLORS = {"none": "#4caf50", "potential": "#f2c12e", "explicit": "#f08c00", "high_risk": "#d32f2f"}
LEVEL_NAMES = {"none": "none", "potential": "potential", "explicit": "explicit", "high risk": "high_risk"}


def report_png(report: Report) -> bytes:
    """Stacked bars of cases opened a day by level, beside the five top reasons."""
    from matplotlib.figure import Figure  # a Figure of its own: no pyplot state shared between threads
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(9, 3.6), dpi=110, layout="constrained")
    days_ax, reasons_ax = fig.subplots(1, 2, width_ratios=[2.3, 1])
    days = [d for d, _ in report.by_day]
    bottom = [0] * len(days)
    for label, level in LEVEL_NAMES.items():
        values = [counts.get(level, 0) for _, counts in report.by_day]
        if any(values):
            days_ax.bar(range(len(days)), values, bottom=bottom, color=LEVEL_COLORS[level], label=label, width=0.8)
            bottom = [b + v for b, v in zip(bottom, values)]
    step = max(1, len(days) // 8)
    days_ax.set_xticks(range(0, len(days), step), [d.strftime("%m-%d") for d in days[::step]], fontsize=8)
    days_ax.set_title(f"Cases opened a day · {report.total} in all", fontsize=10, loc="left")
    days_ax.spines[["top", "right"]].set_visible(False)
    days_ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # cases are counted, never halved
    days_ax.set_ylim(0, max(max(bottom, default=0), 1) * 1.3)  # room for the legend above the tallest day
    if report.total:
        days_ax.legend(fontsize=8, frameon=False, ncols=4, loc="upper left")
    reasons = list(reversed(report.reasons))
    reasons_ax.barh([r.category.replace("_", " ") for r in reasons], [r.n for r in reasons], color="#5c6bc0")
    for i, r in enumerate(reasons):
        reasons_ax.text(r.n, i, f" {r.n} ({r.share:.0%})", va="center", fontsize=8)
    reasons_ax.set_title("Top reasons", fontsize=10, loc="left")
    reasons_ax.tick_params(labelsize=8)
    reasons_ax.spines[["top", "right"]].set_visible(False)
    reasons_ax.set_xlim(0, max([r.n for r in reasons], default=1) * 1.35)
    reasons_ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.suptitle(f"Complaints {report.start:%Y-%m-%d %H:%M} – {report.end:%Y-%m-%d %H:%M}", fontsize=11)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
