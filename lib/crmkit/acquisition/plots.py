"""Chapter 03's figures: the funnel, conversion with intervals, value against cost, payback.

Each function draws inside ``course_style()`` and returns its matplotlib Axes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from crmkit._validate import (
    require_frame,
)
from crmkit.style import PALETTE, course_style, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def funnel(counts: pd.Series, title: str = "Lead funnel", ax: Axes | None = None) -> Axes:
    """A lead funnel: one centred bar per stage, labelled with the count and the step rate.

    ``counts`` holds the number of leads reaching each stage, in funnel order
    (for example one row of :func:`crmkit.acquisition.funnel`).

    >>> counts = pd.Series({"lead": 200, "contacted": 150, "qualified": 60, "proposal": 40, "won": 20})
    >>> [round(p.get_width()) for p in funnel(counts).patches]
    [200, 150, 60, 40, 20]
    """
    if not isinstance(counts, pd.Series):
        raise TypeError(
            f"counts must be a pandas Series (leads per stage), but got a {type(counts).__name__}."
        )
    if counts.empty or not pd.api.types.is_numeric_dtype(counts) or counts.isna().any():
        raise ValueError("counts must hold a number of leads for each stage, with no gaps.")
    if (counts < 0).any() or counts.iloc[0] <= 0:
        raise ValueError("counts must be 0 or more, and the first stage must have leads.")
    values = counts.to_numpy(dtype="float64")
    with course_style():
        ax = new_axes(ax)
        positions = list(range(len(values)))
        colours = [PALETTE[0]] * (len(values) - 1) + [PALETTE[2]]
        ax.barh(positions, values, left=-values / 2, color=colours, height=0.75)
        ax.invert_yaxis()
        ax.set_yticks(positions, [str(stage) for stage in counts.index])
        for position, value in enumerate(values):
            share = f"{value / values[0]:.0%} of leads"
            ax.text(
                0,
                position,
                f"{value:,.0f}",
                ha="center",
                va="center",
                color="white",
                fontsize=10,
                fontweight="bold",
            )
            step = (
                ""
                if position == 0 or values[position - 1] == 0
                else (f", {value / values[position - 1]:.0%} of previous")
            )
            ax.text(
                values[0] / 2 + values[0] * 0.03, position, share + step, va="center", fontsize=9
            )
        ax.set_xlim(-values[0] / 2 * 1.05, values[0] * 1.15)
        ax.set_xticks([])
        ax.grid(False)
        ax.spines["bottom"].set_visible(False)
        ax.spines["left"].set_visible(False)
        ax.set_title(title)
    return ax


def funnel_by_method(
    funnel_counts: pd.DataFrame, highlight: list[str] | None = None, ax: Axes | None = None
) -> Axes:
    """Share of each method's leads that reached each stage, one line per method.

    ``funnel_counts`` comes from :func:`crmkit.acquisition.funnel` (rows =
    methods, columns = stages). Highlighted methods are coloured and labelled;
    the others are grey.

    >>> table = pd.DataFrame({"lead": [10, 20], "won": [5, 2]}, index=["a", "b"])
    >>> len(funnel_by_method(table, highlight=["a"]).lines)
    2
    """
    require_frame(funnel_counts, "funnel_counts")
    if funnel_counts.empty or funnel_counts.shape[1] < 2:
        raise ValueError("funnel_counts needs at least one row and two stage columns.")
    numeric = funnel_counts.select_dtypes("number")
    if numeric.shape[1] != funnel_counts.shape[1]:
        raise TypeError("funnel_counts must hold numbers of leads only (one column per stage).")
    first = funnel_counts.iloc[:, 0].astype("float64")
    if (first <= 0).any():
        raise ValueError("Every row of funnel_counts needs leads in its first stage.")
    shares = funnel_counts.astype("float64").div(first, axis=0) * 100
    highlight = [str(name) for name in (highlight or [])]
    unknown = [name for name in highlight if name not in set(map(str, shares.index))]
    if unknown:
        raise ValueError(
            f"highlight names rows that are not in funnel_counts: {', '.join(unknown)}."
        )
    stages = [str(column) for column in shares.columns]
    with course_style():
        ax = new_axes(ax)
        colours = iter(PALETTE[1:] + PALETTE[:1])
        for name, row in shares.iterrows():
            if str(name) in highlight:
                ax.plot(
                    stages,
                    row.to_numpy(),
                    marker="o",
                    linewidth=2.2,
                    color=next(colours),
                    label=str(name),
                    zorder=3,
                )
            else:
                ax.plot(stages, row.to_numpy(), color="#bbbbbb", linewidth=1, zorder=2)
        if highlight:
            ax.legend(loc="upper right")
        ax.set_ylim(0, 105)
        ax.set_ylabel("Share of the method's leads (%)")
        ax.set_title("How far each method's leads get")
    return ax


def conversion_intervals(
    rates: pd.DataFrame, overall: float | None = None, ax: Axes | None = None
) -> Axes:
    """Each group's conversion rate with its interval, sorted: a dot and a whisker per group.

    ``rates`` needs the columns ``rate``, ``lower`` and ``upper`` (fractions),
    as :func:`crmkit.acquisition.conversion_rates` returns. ``overall`` draws
    a dashed line at the overall rate.

    >>> rates = pd.DataFrame({"rate": [0.1, 0.3], "lower": [0.05, 0.2], "upper": [0.2, 0.4]},
    ...     index=["sms", "referral"])
    >>> conversion_intervals(rates, overall=0.15).get_xlabel()
    'Leads won (%), with 95% interval'
    """
    require_frame(rates, "rates", ["rate", "lower", "upper"])
    table = rates[["rate", "lower", "upper"]]
    if table.empty or table.select_dtypes("number").shape[1] != 3:
        raise ValueError("rates needs at least one row of numbers in rate, lower and upper.")
    table = table.sort_values("rate") * 100
    with course_style():
        ax = new_axes(ax)
        positions = list(range(len(table)))
        ax.errorbar(
            table["rate"],
            positions,
            xerr=[table["rate"] - table["lower"], table["upper"] - table["rate"]],
            fmt="o",
            color=PALETTE[0],
            ecolor=PALETTE[4],
            elinewidth=3,
            capsize=0,
        )
        ax.set_yticks(positions, [str(name) for name in table.index])
        if overall is not None:
            ax.axvline(
                float(overall) * 100,
                color=PALETTE[3],
                linestyle="--",
                linewidth=1,
                label="all methods",
            )
            ax.legend(loc="lower right")
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ax.set_xlim(0, None)
        ax.set_xlabel("Leads won (%), with 95% interval")
        ax.set_title("Conversion by prospecting method")
    return ax


def value_vs_cost(
    table: pd.DataFrame,
    x: str = "cac",
    y: str = "first_year_gross_profit",
    ratios: tuple[float, ...] = (1, 10),
    ax: Axes | None = None,
) -> Axes:
    """Scatter of what each channel's customers bring (y) against what they cost (x), log scales.

    Dashed lines mark value-to-cost ratios (y = ratio × x): points above the
    "1x" line pay back their acquisition cost within the first year.

    >>> table = pd.DataFrame({"cac": [18.0, 120.0], "first_year_gross_profit": [200.0, 1400.0]},
    ...     index=["coupon_site", "tea_fair"])
    >>> value_vs_cost(table).get_xscale()
    'log'
    """
    require_frame(table, "table", [x, y])
    values = table[[x, y]]
    if values.select_dtypes("number").shape[1] != 2:
        raise TypeError(f"Columns {x!r} and {y!r} of table must hold numbers.")
    values = values.astype("float64")
    if values.empty or (values <= 0).to_numpy().any() or values.isna().to_numpy().any():
        raise ValueError(f"table needs positive values in {x!r} and {y!r} (log scales).")
    import numpy as np
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    with course_style():
        ax = new_axes(ax)
        ax.scatter(values[x], values[y], s=45, color=PALETTE[0], zorder=3)
        for name, row in values.iterrows():
            ax.annotate(
                str(name), (row[x], row[y]), xytext=(4, 3), textcoords="offset points", fontsize=8
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        plain = FuncFormatter(lambda number, _: f"{number:,.0f}")
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
            axis.set_major_formatter(plain)
            axis.set_minor_formatter(NullFormatter())
        low, high = values[x].min() / 1.5, values[x].max() * 1.5
        line = np.geomspace(low, high, 20)
        for ratio, colour in zip(ratios, PALETTE[1:], strict=False):
            ax.plot(
                line,
                line * ratio,
                linestyle="--",
                linewidth=1,
                color=colour,
                label=f"value = {ratio:g} x cost",
            )
        ax.set_xlim(low, high)
        ax.set_ylim(min(values[y].min(), low) / 1.5, max(values[y].max(), high) * 1.5)
        ax.legend(loc="upper left")
        ax.grid(axis="both")
        ax.set_xlabel("Acquisition cost per customer (CNY, log scale)")
        ax.set_ylabel("First-year gross profit per customer (CNY, log scale)")
        ax.set_title("What a customer costs and what it brings")
    return ax


def payback_curves(curves: pd.DataFrame, cac: pd.Series, ax: Axes | None = None) -> Axes:
    """Cumulative gross profit per customer by month, with each group's CAC as a dashed line.

    ``curves`` comes from :func:`crmkit.acquisition.cumulative_gross_profit`
    (rows = months); ``cac`` gives the acquisition cost of each column. Where
    a curve crosses its dashed line, the customer has paid back.

    >>> curves = pd.DataFrame({"x": [20.0, 40.0, 60.0]}, index=pd.RangeIndex(1, 4, name="month"))
    >>> len(payback_curves(curves, pd.Series({"x": 35.0})).lines)
    2
    """
    require_frame(curves, "curves")
    if not isinstance(cac, pd.Series):
        raise TypeError(
            f"cac must be a pandas Series (CNY per group), but got a {type(cac).__name__}."
        )
    if curves.empty or curves.select_dtypes("number").shape[1] != curves.shape[1]:
        raise ValueError("curves needs at least one month and numbers only.")
    missing = [str(c) for c in curves.columns if str(c) not in set(map(str, cac.index))]
    if missing:
        raise ValueError(f"cac has no value for {', '.join(missing)}.")
    costs = pd.Series(cac.to_numpy(), index=cac.index.astype("str"))
    with course_style():
        ax = new_axes(ax)
        for (name, values), colour in zip(curves.items(), PALETTE * 3, strict=False):
            ax.plot(
                curves.index,
                values.to_numpy() / 1000,
                marker="o",
                markersize=3,
                color=colour,
                label=str(name),
            )
            ax.axhline(float(costs[str(name)]) / 1000, color=colour, linestyle="--", linewidth=1)
        ax.set_xticks(list(curves.index))
        ax.set_ylim(0, None)
        ax.set_xlabel("Months since sign-up")
        ax.set_ylabel("Thousand CNY per customer")
        ax.legend(loc="upper left", fontsize=9)
        ax.set_title("Cumulative gross profit against acquisition cost (dashed)")
    return ax
