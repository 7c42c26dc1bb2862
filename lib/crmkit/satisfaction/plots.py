"""Chapter 07's figures: the gap chart, the IPA quadrants, repurchase by box, NPS with
intervals, and the delivered-value bars.

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

QUADRANT_COLOURS = {
    "concentrate_here": PALETTE[3],
    "keep_up": PALETTE[2],
    "low_priority": "#999999",
    "possible_overkill": PALETTE[1],
}


def _rows(table: object, argument: str, columns: list[str]) -> pd.DataFrame:
    require_numeric(table, argument, columns)
    if table.empty:
        raise ValueError(f"{argument} has no rows: pass the table the lesson computed.")
    return table


def _interval_bars(ax: Axes, positions: np.ndarray, table: pd.DataFrame, column: str) -> None:
    ax.errorbar(
        table[column], positions,
        xerr=[table[column] - table["lower"], table["upper"] - table[column]],
        fmt="none", ecolor="#333333", capsize=3, linewidth=1.2,
    )  # fmt: skip


def gap_chart(gaps: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Perception - expectation per component, with 95% intervals; shortfalls in vermillion.

    ``gaps`` is the table of :func:`crmkit.satisfaction.gap_table`.

    >>> gaps = pd.DataFrame({"gap": [0.3, -0.9], "lower": [0.2, -1.0], "upper": [0.4, -0.8]},
    ...                     index=["product", "time_cost"])
    >>> gap_chart(gaps).get_xlabel()
    'Perception - expectation (scale points), with 95% interval'
    """
    table = _rows(gaps, "gaps", ["gap", "lower", "upper"])
    require_axes(ax)
    with course_style():
        ax = new_axes(ax)
        positions = np.arange(len(table))
        colours = [PALETTE[3] if upper < 0 else PALETTE[0] for upper in table["upper"]]
        ax.barh(positions, table["gap"], color=colours, height=0.6)
        _interval_bars(ax, positions, table, "gap")
        ax.axvline(0, color="#333333", linewidth=1)
        ax.set_yticks(positions, [str(key).replace("_", " ") for key in table.index])
        ax.invert_yaxis()
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("Perception - expectation (scale points), with 95% interval")
        ax.set_title("Where the company falls short of expectations")
    return ax


def ipa_quadrants(ipa: pd.DataFrame, title: str = "", ax: Axes | None = None) -> Axes:
    """The importance-performance plot: one labelled point per component, the cross-hairs at the
    means, each point coloured by its quadrant.

    ``ipa`` is the table of :func:`crmkit.satisfaction.ipa_table`.

    >>> ipa = pd.DataFrame({"performance": [5.0, 4.0], "importance": [6.0, 3.0],
    ...     "quadrant": ["keep_up", "low_priority"]}, index=["product", "image"])
    >>> len(ipa_quadrants(ipa).texts)
    2
    """
    require_frame(ipa, "ipa", ["performance", "importance", "quadrant"])
    table = _rows(ipa, "ipa", ["performance", "importance"])
    require_axes(ax)
    with course_style():
        ax = new_axes(ax)
        for quadrant, colour in QUADRANT_COLOURS.items():
            part = table[table["quadrant"] == quadrant]
            if len(part):
                ax.scatter(part["performance"], part["importance"], s=60, color=colour,
                           label=quadrant.replace("_", " "), zorder=3)  # fmt: skip
        for name, row in table.iterrows():  # eight points: one label each
            ax.annotate(str(name).replace("_", " "), (row["performance"], row["importance"]),
                        xytext=(5, 4), textcoords="offset points", fontsize=9)  # fmt: skip
        ax.axvline(table["performance"].mean(), color="#777777", linestyle="--", linewidth=1)
        ax.axhline(table["importance"].mean(), color="#777777", linestyle="--", linewidth=1)
        ax.grid(axis="x")
        ax.set_xlabel("Performance (mean perception, 1-7)")
        ax.set_ylabel("Importance")
        ax.set_title(title or "Importance-performance analysis")
        ax.legend(loc="best", fontsize=8)
    return ax


def repurchase_by_box(repurchase: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Share who repurchased per overall-satisfaction box (%), with 95% intervals; the top box
    highlighted.

    ``repurchase`` is the table of :func:`crmkit.satisfaction.repurchase_by_box`.

    >>> table = pd.DataFrame({"rate": [0.5, 0.55, 0.8], "lower": [0.4, 0.45, 0.7],
    ...     "upper": [0.6, 0.65, 0.9]}, index=[3, 4, 5])
    >>> len(repurchase_by_box(table).patches)
    3
    """
    table = _rows(repurchase, "repurchase", ["rate", "lower", "upper"]) * 100
    require_axes(ax)
    labels = [str(key) for key in repurchase.index]
    with course_style():
        ax = new_axes(ax)
        positions = np.arange(len(table))
        top = [key == repurchase.index.max() for key in repurchase.index]
        colours = [PALETTE[2] if is_top else PALETTE[0] for is_top in top]
        ax.bar(positions, table["rate"], color=colours, width=0.6)
        ax.errorbar(
            positions, table["rate"],
            yerr=[table["rate"] - table["lower"], table["upper"] - table["rate"]],
            fmt="none", ecolor="#333333", capsize=4, linewidth=1.2,
        )  # fmt: skip
        ax.set_xticks(positions, labels)
        ax.set_ylim(0, 100)
        ax.set_xlabel("Overall satisfaction (5 = top box)")
        ax.set_ylabel("Ordered again 6-12 months on (%)")
        ax.set_title("Satisfied is not loyal: only the top box stands out")
    return ax


def nps_intervals(nps: pd.DataFrame, title: str = "", ax: Axes | None = None) -> Axes:
    """NPS per group (points) with its bootstrap interval, and the zero line.

    ``nps`` is the table of :func:`crmkit.satisfaction.nps_table`.

    >>> table = pd.DataFrame({"nps": [10.0, -20.0], "lower": [0.0, -40.0], "upper": [20.0, 0.0]},
    ...                      index=["T01", "T02"])
    >>> bool(nps_intervals(table).get_xlim()[0] <= -40)
    True
    """
    table = _rows(nps, "nps", ["nps", "lower", "upper"])
    require_axes(ax)
    with course_style():
        ax = new_axes(ax)
        positions = np.arange(len(table))
        ax.scatter(table["nps"], positions, color=PALETTE[0], s=40, zorder=3)
        _interval_bars(ax, positions, table, "nps")
        ax.axvline(0, color=PALETTE[3], linestyle="--", linewidth=1)
        ax.set_yticks(positions, [str(key) for key in table.index])
        ax.invert_yaxis()
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ax.set_xlim(max(-100.0, table["lower"].min() - 10), min(100.0, table["upper"].max() + 10))
        ax.set_xlabel("Net Promoter Score (points), with 95% bootstrap interval")
        ax.set_title(title or "Net Promoter Score")
    return ax


def delivered_value(profile: pd.Series, title: str = "", ax: Axes | None = None) -> Axes:
    """The eight components of a delivered-value profile: value components up, costs down,
    and the delivered value (total value - total cost) in the title.

    ``profile`` is a Series of the eight components (:func:`crmkit.satisfaction.survey_profile`).

    >>> profile = pd.Series({"product": 6, "service": 5, "personnel": 5, "image": 4,
    ...     "money_cost": 4, "time_cost": 3, "mental_cost": 2, "physical_cost": 2})
    >>> len(delivered_value(profile).patches)
    8
    """
    from crmkit.satisfaction.survey import BENEFITS, COSTS
    from crmkit.satisfaction.value import delivered_value as totals

    result = totals(profile)
    require_axes(ax)
    values = [float(profile[name]) for name in BENEFITS]
    costs = [-float(profile[name]) for name in COSTS]
    labels = [name.replace("_cost", "") for name in (*BENEFITS, *COSTS)]
    with course_style():
        ax = new_axes(ax)
        bars = ax.bar(labels, values + costs, color=[PALETTE[2]] * 4 + [PALETTE[3]] * 4)
        ax.bar_label(bars, labels=[f"{abs(v):.1f}" for v in values + costs], padding=2, fontsize=9)
        ax.axhline(0, color="#333333", linewidth=1)
        ax.set_ylim(-8, 8)
        ax.set_ylabel("Value (up) and cost (down), 1-7")
        ax.tick_params(axis="x", rotation=20)
        ax.set_title(
            title
            or f"Value {result['total_value']:.1f} - cost {result['total_cost']:.1f} = "
            f"delivered value {result['delivered_value']:.1f}"
        )
    return ax
