"""Chapter 02's figures: the profit bridge, the whale curve, cost shares, the value matrix, look-alike lift.

Each function draws inside ``course_style()`` and returns its matplotlib Axes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from crmkit._validate import (
    require_axes,
    require_frame,
    require_numeric,
)
from crmkit.selection.profitability import COST_COMPONENTS
from crmkit.style import PALETTE, course_style, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def profit_bridge(profitability: pd.DataFrame, title: str = "", ax: Axes | None = None) -> Axes:
    """From revenue to profit, one cost component at a time (a waterfall), in thousand CNY.

    ``profitability`` is a table from ``selection.customer_profitability`` (all rows are
    added up: pass one customer's row as a one-row table, or the whole table).

    >>> table = pd.DataFrame({"revenue": [1000.0], "cost_of_goods": [600.0], "delivery": [50.0],
    ...     "rush_order": [0.0], "return": [20.0], "sales_visit": [30.0], "support_call": [5.0],
    ...     "repair": [0.0], "rebate": [40.0], "late_payment_cost": [5.0], "bad_debt": [0.0],
    ...     "profit": [250.0]})
    >>> len(profit_bridge(table).patches)
    12
    """
    labels = ["revenue", *COST_COMPONENTS, "profit"]
    require_numeric(profitability, "profitability", labels)  # (also checks the columns exist)
    require_axes(ax)
    totals = profitability[labels].sum() / 1000
    with course_style():
        ax = new_axes(ax)
        running = totals["revenue"]
        lefts, widths, colours = [0.0], [totals["revenue"]], [PALETTE[0]]
        for step in COST_COMPONENTS:
            lefts.append(running)
            widths.append(-totals[step])
            colours.append(PALETTE[1] if step == "cost_of_goods" else PALETTE[3])
            running -= totals[step]
        lefts.append(0.0)
        widths.append(totals["profit"])
        colours.append(PALETTE[2] if totals["profit"] >= 0 else PALETTE[3])
        positions = list(range(len(labels)))
        ax.barh(positions, widths, left=lefts, color=colours)
        span = max(abs(totals["revenue"]), 1e-9)
        for y, (left, width) in enumerate(zip(lefts, widths, strict=True)):
            value = totals[labels[y]] if y in (0, len(labels) - 1) else -totals[labels[y]]
            x = max(left, left + width)
            ax.annotate(
                f"{value:,.1f}",
                (x, y),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        ax.set_yticks(positions, [label.replace("_", " ") for label in labels])
        ax.invert_yaxis()
        ax.set_xlim(min(0.0, min(lefts) - 0.05 * span, totals["profit"] * 1.1), span * 1.15)
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ax.axvline(0, color="#555555", linewidth=0.8)
        ax.set_xlabel("Thousand CNY")
        ax.set_title(title or "From revenue to profit")
    return ax


def _curve_points(curve: object, argument: str) -> tuple[list[float], list[float]]:
    """The x (% of customers) and y (% of profit) of a whale curve table, from (0, 0)."""
    require_numeric(curve, argument, ["customer_share", "cumulative_share"])
    if curve.empty:
        raise ValueError(f"{argument} has no rows: pass the table from selection.whale_curve().")
    x = [0.0, *(curve["customer_share"] * 100).tolist()]
    y = [0.0, *(curve["cumulative_share"] * 100).tolist()]
    return x, y


def whale_curve(
    curve: pd.DataFrame,
    ax: Axes | None = None,
    others: dict[str, pd.DataFrame] | None = None,
    label: str = "all costs assigned",
) -> Axes:
    """The whale curve: cumulative profit (% of the total) against customers ranked by profit.

    ``curve`` is the table from ``selection.whale_curve``. The peak and the top 20% are marked.
    ``others`` adds more curves (name -> table), for instance profit under another way of
    assigning costs, drawn dashed; ``label`` names ``curve`` in the legend when there are others.

    >>> curve = pd.DataFrame({"customer_share": [0.25, 0.5, 0.75, 1.0],
    ...     "cumulative_share": [0.8, 1.2, 1.3, 1.0]})
    >>> whale_curve(curve).get_ylabel()
    'Cumulative profit (% of total)'
    >>> len(whale_curve(curve, others={"simple": curve}).get_lines())
    5
    """
    x, y = _curve_points(curve, "curve")
    require_axes(ax)
    if others is None:
        others = {}
    if not isinstance(others, dict):
        raise TypeError(
            "others must be a dict from a name to a table from selection.whale_curve()."
        )
    extra = {str(name): _curve_points(table, f"others[{name!r}]") for name, table in others.items()}
    peak = max(range(len(y)), key=y.__getitem__)
    with course_style():
        ax = new_axes(ax)
        ax.plot(x, y, color=PALETTE[0], linewidth=2, label=label if extra else None)
        for (name, (x2, y2)), colour in zip(
            extra.items(), [PALETTE[5], PALETTE[2], PALETTE[7]], strict=False
        ):
            ax.plot(x2, y2, color=colour, linewidth=2, linestyle="--", label=name)
        ax.axhline(100, color="#555555", linestyle="--", linewidth=1, label="total profit (100%)")
        ax.axvline(20, color=PALETTE[1], linestyle=":", linewidth=1.5, label="top 20% of customers")
        ax.plot([x[peak]], [y[peak]], "o", color=PALETTE[3])
        ax.annotate(
            f"peak: {y[peak]:.0f}% of profit\nfrom the top {x[peak]:.0f}% of customers",
            (x[peak], y[peak]),
            xytext=(-10, -60),
            textcoords="offset points",
            ha="right",
            fontsize=9,
        )
        highest = max([*y, *(max(points[1]) for points in extra.values())])
        ax.set_xlim(0, 100)
        ax.set_ylim(0, highest * 1.12)
        ax.set_xlabel("Customers ranked by profit, most profitable first (%)")
        ax.set_ylabel("Cumulative profit (% of total)")
        ax.set_title("The whale curve")
        ax.legend(loc="lower right")
    return ax


_CH02_COST_GROUPS = {
    "cost of goods": ("cost_of_goods",),
    "returns": ("return",),
    "sales visits": ("sales_visit",),
    "rebates": ("rebate",),
    "late payment and bad debt": ("late_payment_cost", "bad_debt"),
    "deliveries, rush orders, calls, repairs": ("delivery", "rush_order", "support_call", "repair"),
}


def cost_breakdown(shares: pd.DataFrame, title: str = "", ax: Axes | None = None) -> Axes:
    """Each account's costs as a share of its revenue, stacked: past 100% it loses money.

    ``shares`` is a table from ``selection.cost_shares`` (one row per account, labelled
    by its index).

    >>> shares = pd.DataFrame({"cost_of_goods": [0.6, 0.85], "delivery": [0.01, 0.01],
    ...     "rush_order": [0.0, 0.01], "return": [0.01, 0.08], "sales_visit": [0.01, 0.05],
    ...     "support_call": [0.0, 0.01], "repair": [0.0, 0.0], "rebate": [0.01, 0.1],
    ...     "late_payment_cost": [0.0, 0.02], "bad_debt": [0.0, 0.1]}, index=["B1", "B2"])
    >>> len(cost_breakdown(shares).patches)
    12
    """
    columns = [column for group in _CH02_COST_GROUPS.values() for column in group]
    require_numeric(shares, "shares", columns)
    require_axes(ax)
    if shares.empty:
        raise ValueError("shares has no rows: pass rows of selection.cost_shares().")
    labels = [str(label) for label in shares.index]
    with course_style():
        ax = new_axes(ax)
        left = pd.Series(0.0, index=shares.index)
        for (group, parts), colour in zip(_CH02_COST_GROUPS.items(), PALETTE[1:], strict=False):
            width = shares[list(parts)].fillna(0.0).sum(axis=1) * 100
            ax.barh(labels, width.to_numpy(), left=left.to_numpy(), color=colour, label=group)
            left = left + width
        ax.axvline(100, color="#000000", linewidth=1.5, linestyle="--")
        ax.annotate(
            "revenue = 100%",
            (100, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -10),
            textcoords="offset points",
            fontsize=9,
        )
        ax.invert_yaxis()
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("Cost as % of the account's revenue")
        ax.set_title(title or "Where the revenue goes")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3, fontsize=8)
    return ax


def _label_points(ax: Axes, points: list[tuple[object, float, float]]) -> None:
    """Name each point, the names stacked one above the other with a line to their point."""
    if not points:
        return
    low, high = ax.get_ylim()
    step = (high - low) * 0.07
    top = max(point[2] for point in points)
    for row, (name, px, py) in enumerate(sorted(points, key=lambda point: point[1])):
        ax.annotate(
            str(name),
            (px, py),
            xytext=(px, top + step * (row + 1.5)),
            textcoords="data",
            fontsize=9,
            ha="center",
            arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.7},
        )


def value_matrix(
    matrix: pd.DataFrame,
    current_split: float | None = None,
    potential_split: float | None = None,
    label: list[str] | tuple[str, ...] = (),
    xlabel: str = "Current value (thousand CNY)",
    ylabel: str = "Growth potential (thousand CNY)",
    ax: Axes | None = None,
) -> Axes:
    """The customer relative value matrix: current value against potential, by quadrant.

    ``matrix`` is the table from ``selection.value_matrix``; the split lines default to
    the medians, as there. Customers named in ``label`` are annotated, their names
    stacked above the points with a thin line to each, so that close points stay readable.

    >>> matrix = pd.DataFrame({"current_value": [10.0, 50.0, -5.0, 80.0],
    ...     "potential": [900.0, 0.0, 0.0, 400.0],
    ...     "quadrant": ["promising", "mature", "marginal", "star"]}, index=list("ABCD"))
    >>> len(value_matrix(matrix).collections)
    4
    """
    require_frame(matrix, "matrix", ["current_value", "potential", "quadrant"])
    require_numeric(matrix, "matrix", ["current_value", "potential"])
    require_axes(ax)
    if matrix.empty:
        raise ValueError("matrix has no rows: pass the table from selection.value_matrix().")
    if isinstance(label, str) or not isinstance(label, list | tuple):
        raise TypeError(
            "label must be a list of customer ids to name in the figure, e.g. ['B061']."
        )
    splits = []
    for name, split, column in (
        ("current_split", current_split, "current_value"),
        ("potential_split", potential_split, "potential"),
    ):
        if split is None:
            split = float(matrix[column].median())
        elif isinstance(split, bool) or not isinstance(split, int | float):
            raise TypeError(f"{name} must be a number (or None for the median), but got {split!r}.")
        splits.append(split / 1000)
    x = matrix["current_value"] / 1000
    y = matrix["potential"] / 1000
    quadrant = matrix["quadrant"].astype("string")
    names = {
        "marginal": "I marginal",
        "promising": "II promising",
        "mature": "III mature",
        "star": "IV star",
    }
    with course_style():
        ax = new_axes(ax)
        for (key, text), colour in zip(
            names.items(), [PALETTE[3], PALETTE[1], PALETTE[0], PALETTE[2]], strict=True
        ):
            keep = (quadrant == key).fillna(False).to_numpy()
            ax.scatter(
                x[keep], y[keep], s=18, alpha=0.7, color=colour, label=f"{text} ({int(keep.sum())})"
            )
        ax.axvline(splits[0], color="#555555", linestyle="--", linewidth=1)
        ax.axhline(splits[1], color="#555555", linestyle="--", linewidth=1)
        _label_points(
            ax,
            [
                (customer, x[customer], y[customer])
                for customer in label
                if customer in matrix.index
            ],
        )
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(axis="both")
        ax.set_title("Customer relative value matrix")
        ax.legend(loc="upper right", fontsize=8)
    return ax


def lookalike_lift(
    tables: dict[str, pd.DataFrame], title: str = "", ax: Axes | None = None
) -> Axes:
    """Lift by score band (1 = most similar first), one group of bars per table.

    ``tables`` maps a name (the legend) to a table from ``selection.lift_table``.

    >>> table = pd.DataFrame({"lift": [2.0, 1.0, 0.0]}, index=pd.Index([1, 2, 3], name="band"))
    >>> len(lookalike_lift({"converted": table}).patches)
    3
    """
    if not isinstance(tables, dict) or not tables:
        raise TypeError(
            "tables must be a dict from a name to a lift table, e.g. {'converted': lift_table(...)}."
        )
    for name, table in tables.items():
        require_frame(table, f"tables[{name!r}]", ["lift"])
        require_numeric(table, f"tables[{name!r}]", ["lift"])
    require_axes(ax)
    import numpy as np

    width = 0.8 / len(tables)
    with course_style():
        ax = new_axes(ax)
        for k, ((name, table), colour) in enumerate(zip(tables.items(), PALETTE, strict=False)):
            positions = np.arange(len(table)) + (k - (len(tables) - 1) / 2) * width
            bars = ax.bar(
                positions, table["lift"].to_numpy(), width=width, color=colour, label=name
            )
            ax.bar_label(bars, labels=[f"{v:.2f}" for v in table["lift"]], padding=2, fontsize=8)
        first = next(iter(tables.values()))
        ax.set_xticks(np.arange(len(first)), [str(band) for band in first.index])
        ax.axhline(1, color="#555555", linestyle="--", linewidth=1)
        ax.set_xlabel("Score band (1 = most similar)")
        ax.set_ylabel("Lift (rate / overall rate)")
        ax.set_title(title or "Lift by look-alike score band")
        ax.legend(loc="upper right")
    return ax
