"""Chapter 05's figures: the two pyramids, Pareto curves, the migration heat map, selling time.

Each function draws inside ``course_style()`` and returns its matplotlib Axes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crmkit._validate import require_axes, require_frame, require_numeric
from crmkit.style import PALETTE, course_style, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def _rows(table: object, argument: str, columns: list[str], source: str) -> pd.DataFrame:
    """A table with these numeric columns and at least one row."""
    require_numeric(table, argument, columns)
    if table.empty:
        raise ValueError(f"{argument} has no rows: pass the table from {source}.")
    return table


def pyramids(summary: pd.DataFrame, title: str = "", ax: Axes | None = None) -> Axes:
    """The count pyramid beside the profit pyramid: each tier's share of customers and of profit.

    ``summary`` is a table from ``tiers.tier_summary`` or ``tiers.pyramid_summary`` (one row
    per tier, best first). Bars are centred, so the count pyramid stands on its base and the
    profit pyramid stands on its tip; a tier that loses money is drawn in red, marked (loss).

    >>> summary = pd.DataFrame({"customer_share": [0.05, 0.15, 0.8],
    ...     "profit_share": [0.7, 0.4, -0.1]}, index=["platinum", "gold", "lead"])
    >>> len(pyramids(summary).patches)
    6
    """
    summary = _rows(summary, "summary", ["customer_share", "profit_share"], "tiers.tier_summary")
    require_axes(ax)
    counts = summary["customer_share"].to_numpy(dtype="float64")
    profits = summary["profit_share"].to_numpy(dtype="float64")
    gap = max(np.abs(counts).max(), np.abs(profits).max(), 0.1) * 1.25
    levels = np.arange(len(summary))[::-1]
    with course_style():
        ax = new_axes(ax)
        for centre, shares, colour in ((0.0, counts, PALETTE[0]), (gap, profits, PALETTE[2])):
            losing = shares < 0
            widths = np.abs(shares)
            ax.barh(
                levels,
                widths,
                left=centre - widths / 2,
                height=0.8,
                color=[PALETTE[3] if flag else colour for flag in losing],
            )
            for level, share, width, flag in zip(levels, shares, widths, losing, strict=True):
                ax.annotate(
                    f"{share:.0%}" + (" (loss)" if flag else ""),
                    (centre + width / 2, level),
                    xytext=(4, 0),
                    textcoords="offset points",
                    ha="left",
                    va="center",
                    fontsize=9,
                )
        ax.set_yticks(levels, [str(label) for label in summary.index])
        ax.set_xticks([0.0, gap], ["Share of customers", "Share of profit"])
        ax.set_xlim(-gap * 0.6, gap * 1.6)
        ax.grid(False)
        ax.set_title(title or "How many customers each tier has, and how much profit it brings")
    return ax


def pareto_curves(curves: dict[str, pd.DataFrame], ax: Axes | None = None) -> Axes:
    """Pareto curves: cumulative share of the total against the share of customers, one per table.

    ``curves`` maps a name (the legend, e.g. ``"revenue"``) to a table from
    ``tiers.pareto_curve``. The 80% line and the top 20% of customers are marked.

    >>> curve = pd.DataFrame({"customer_share": [0.25, 0.5, 0.75, 1.0],
    ...     "cumulative_share": [0.6, 0.85, 0.95, 1.0]})
    >>> len(pareto_curves({"revenue": curve}).get_lines())
    3
    """
    if not isinstance(curves, dict) or not curves:
        raise TypeError(
            "curves must be a dict from a name to a Pareto curve, e.g. "
            "{'revenue': tiers.pareto_curve(revenue)}."
        )
    for name, curve in curves.items():
        _rows(curve, f"curves[{name!r}]", ["customer_share", "cumulative_share"], "pareto_curve")
    require_axes(ax)
    with course_style():
        ax = new_axes(ax)
        for (name, curve), colour in zip(curves.items(), PALETTE, strict=False):
            x = [0.0, *(curve["customer_share"] * 100).tolist()]
            y = [0.0, *(curve["cumulative_share"] * 100).tolist()]
            ax.plot(x, y, color=colour, linewidth=2, label=str(name))
        ax.axhline(80, color="#555555", linestyle="--", linewidth=1, label="80% of the total")
        ax.axvline(20, color="#555555", linestyle=":", linewidth=1.5, label="top 20% of customers")
        ax.set_xlim(0, 100)
        ax.set_xlabel("Customers ranked by the measure, largest first (%)")
        ax.set_ylabel("Cumulative share of the total (%)")
        ax.set_title("Pareto curves")
        ax.legend(loc="lower right")
    return ax


def migration_heatmap(shares: pd.DataFrame, title: str = "", ax: Axes | None = None) -> Axes:
    """A heat map of a migration matrix's row shares: where each tier's customers went.

    ``shares`` is a table from ``tiers.migration_shares`` (rows: the earlier tier, columns:
    the later one). Each cell is labelled with its share.

    >>> shares = pd.DataFrame({"gold": [0.75, 0.25], "iron": [0.25, 0.75]}, index=["gold", "iron"])
    >>> len(migration_heatmap(shares).texts)
    4
    """
    require_frame(shares, "shares")
    shares = _rows(shares, "shares", list(shares.columns), "tiers.migration_shares")
    require_axes(ax)
    values = shares.to_numpy(dtype="float64")
    with course_style():
        ax = new_axes(ax)
        image = ax.imshow(np.nan_to_num(values), cmap="Blues", vmin=0, vmax=1, aspect="auto")
        for (row, column), value in np.ndenumerate(values):
            text = "-" if np.isnan(value) else f"{value:.0%}"
            dark = not np.isnan(value) and value > 0.55
            ax.text(column, row, text, ha="center", va="center", fontsize=9,
                    color="#ffffff" if dark else "#000000")  # fmt: skip
        ax.set_xticks(range(values.shape[1]), [str(c) for c in shares.columns])
        ax.set_yticks(range(values.shape[0]), [str(r) for r in shares.index])
        ax.set_xlabel(str(shares.columns.name or "tier in the later year"))
        ax.set_ylabel(str(shares.index.name or "tier in the earlier year"))
        ax.grid(False)
        ax.figure.colorbar(image, ax=ax, label="Share of the row")
        ax.set_title(title or "Where each tier's customers went")
    return ax


def selling_time(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Share of accounts, of sales visits, and the rule of thumb's share of selling time, by group.

    ``table`` is the table from ``tiers.selling_time``.

    >>> table = pd.DataFrame({"account_share": [0.1, 0.3, 0.6], "time_share": [0.3, 0.4, 0.3],
    ...     "rule_time_share": [0.6, 0.3, 0.1]}, index=["key", "normal", "small"])
    >>> len(selling_time(table).patches)
    9
    """
    columns = {
        "account_share": "share of accounts",
        "time_share": "share of sales visits (actual)",
        "rule_time_share": "share of selling time (rule of thumb)",
    }
    table = _rows(table, "table", list(columns), "tiers.selling_time")
    require_axes(ax)
    positions = np.arange(len(table))
    with course_style():
        ax = new_axes(ax)
        for k, ((column, label), colour) in enumerate(
            zip(columns.items(), (PALETTE[4], PALETTE[0], PALETTE[1]), strict=True)
        ):
            values = table[column].fillna(0.0).to_numpy() * 100
            bars = ax.bar(positions + (k - 1) * 0.27, values, width=0.27, color=colour, label=label)
            ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=2, fontsize=8)
        ax.set_xticks(positions, [str(group) for group in table.index])
        ax.set_ylabel("%")
        ax.set_title("Selling time by group: actual and rule of thumb")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8)
    return ax
