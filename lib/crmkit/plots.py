"""The course's figures, drawn in one explicit style.

Use every plot inside ``with course_style():`` (the functions here do it for
you); importing crmkit never changes matplotlib's global settings. Colours
are the Okabe-Ito palette, readable for colour-blind readers and in print.
Text in figures is English: the default fonts have no Chinese glyphs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pandas as pd

from crmkit._validate import (
    require_axes,
    require_dates,
    require_frame,
    require_numeric,
    require_positive_int,
    require_series,
)
from crmkit.selection import COST_COMPONENTS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
STYLE = {
    "figure.figsize": (7.5, 4.2),
    "figure.dpi": 80,
    "savefig.dpi": 110,
    "axes.prop_cycle": None,  # filled in course_style (needs matplotlib's cycler)
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.frameon": False,
    "font.family": "DejaVu Sans",
}


@contextlib.contextmanager
def course_style() -> Iterator[None]:
    """Apply the course's figure style inside a ``with`` block only.

    >>> import matplotlib
    >>> before = matplotlib.rcParams["axes.spines.top"]
    >>> with course_style():
    ...     matplotlib.rcParams["axes.spines.top"]
    False
    >>> matplotlib.rcParams["axes.spines.top"] == before
    True
    """
    import matplotlib as mpl
    from cycler import cycler

    params = dict(STYLE, **{"axes.prop_cycle": cycler(color=PALETTE)})
    # Restore only the keys set here. (matplotlib's rc_context restores every
    # setting, which would undo the inline backend switching on interactive
    # mode when the first figure is drawn inside the block.)
    saved = {key: mpl.rcParams[key] for key in params}
    mpl.rcParams.update(params)
    try:
        yield
    finally:
        mpl.rcParams.update(saved)


def _new_axes(ax: Axes | None) -> Axes:
    import matplotlib.pyplot as plt

    require_axes(ax)
    if ax is not None:
        return ax
    _, ax = plt.subplots()
    return ax


def _festival_dates(festivals: object) -> dict[str, pd.DatetimeIndex]:
    """Check ``festivals`` is {name: list of dates} and parse the dates."""
    if festivals is None:
        return {}
    if not isinstance(festivals, dict):
        raise TypeError(
            "festivals must be a dict of name -> list of dates, like "
            "{'Chinese New Year': ['2025-01-29']}, but got a "
            f"{type(festivals).__name__}."
        )
    parsed = {}
    for name, dates in festivals.items():
        if isinstance(dates, str) or not isinstance(dates, list | tuple | pd.Index | pd.Series):
            raise TypeError(f"festivals[{name!r}] must be a list of dates, but got {dates!r}.")
        try:
            parsed[str(name)] = pd.DatetimeIndex(pd.to_datetime(list(dates), format="ISO8601"))
        except (TypeError, ValueError) as error:
            raise ValueError(
                f"festivals[{name!r}] holds something that is not a date like '2025-01-29': "
                f"{dates!r}."
            ) from error
    return parsed


def bar(
    values: pd.Series,
    title: str,
    xlabel: str = "",
    ylabel: str = "",
    ax: Axes | None = None,
    highlight: object = None,
    horizontal: bool = False,
) -> Axes:
    """A bar chart of a Series (index = bars), labelled with its values.

    >>> ax = bar(pd.Series({"a": 3, "b": 5}), "Example")
    >>> [round(p.get_height()) for p in ax.patches]
    [3, 5]
    """
    require_series(values, "values", numeric=True)
    require_axes(ax)
    with course_style():
        ax = _new_axes(ax)
        colours = [PALETTE[1] if key == highlight else PALETTE[0] for key in values.index]
        labels = [str(key) for key in values.index]
        if horizontal:
            bars = ax.barh(labels, values.to_numpy(), color=colours)
            ax.invert_yaxis()
            ax.grid(axis="x")
            ax.grid(axis="y", visible=False)
        else:
            bars = ax.bar(labels, values.to_numpy(), color=colours)
        fmt = (
            "{:,.0f}"
            if pd.api.types.is_integer_dtype(values) or values.abs().max() >= 100
            else "{:,.2f}"
        )
        ax.bar_label(bars, labels=[fmt.format(v) for v in values.to_numpy()], padding=2, fontsize=9)
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    return ax


def monthly_revenue(
    order_lines: pd.DataFrame, festivals: dict[str, list[str]] | None = None, ax: Axes | None = None
) -> Axes:
    """Revenue per month as a line, with festival dates marked.

    >>> lines = pd.DataFrame({"order_date": pd.to_datetime(["2025-01-03", "2025-02-10"]),
    ...     "revenue": [10.0, 20.0]})
    >>> len(monthly_revenue(lines).lines)
    1
    """
    require_frame(order_lines, "order_lines", ["order_date", "revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    festivals = _festival_dates(festivals)
    require_axes(ax)
    month = order_lines["order_date"].dt.to_period("M").dt.to_timestamp()
    totals = order_lines.groupby(month)["revenue"].sum() / 1000
    with course_style():
        ax = _new_axes(ax)
        ax.plot(totals.index, totals.to_numpy(), marker="o", markersize=3)
        for (name, dates), colour in zip((festivals or {}).items(), PALETTE[1:], strict=False):
            for k, day in enumerate(dates):
                ax.axvline(
                    day, color=colour, linestyle="--", linewidth=1, label=name if k == 0 else None
                )
        if festivals:
            ax.legend(loc="upper left")
        ax.set_title("Revenue per month")
        ax.set_ylabel("Revenue (thousand CNY)")
    return ax


def lifecycle(spend: pd.Series, stage: str, window_months: int = 3, ax: Axes | None = None) -> Axes:
    """One customer's monthly spend, with the two windows that decide its stage shaded.

    >>> spend = pd.Series([5.0, 6.0, 7.0, 9.0, 12.0, 15.0],
    ...     index=pd.date_range("2025-07-01", periods=6, freq="MS"), name="B001")
    >>> lifecycle(spend, "growth").get_title(loc="left")
    'B001: growth'
    """
    require_series(spend, "spend", numeric=True)
    if not isinstance(spend.index, pd.DatetimeIndex):
        raise TypeError(
            "spend must be indexed by month (dates), like a column of value.monthly_spend(), "
            f"but its index holds {spend.index.dtype}."
        )
    window_months = require_positive_int(window_months, "window_months")
    require_axes(ax)
    spend = spend.dropna()
    if spend.empty:
        raise ValueError("spend has no months with data to plot.")
    import matplotlib.dates as mdates

    with course_style():
        ax = _new_axes(ax)
        ax.bar(spend.index, spend.to_numpy() / 1000, width=25, color=PALETTE[0])
        if len(spend) >= 2 * window_months:
            half = pd.Timedelta(days=15)  # bars are centred on the first of each month
            recent = spend.index[-window_months] - half
            previous = spend.index[-2 * window_months] - half
            end = spend.index[-1] + half
            ax.axvspan(previous, recent, color=PALETTE[4], alpha=0.25, label="previous window")
            ax.axvspan(recent, end, color=PALETTE[1], alpha=0.3, label="recent window")
            ax.legend(loc="upper left")
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_title(f"{spend.name}: {stage}")
        ax.set_ylabel("Spend (thousand CNY)")
    return ax


def rank_scatter(ranks: pd.DataFrame, x: str, y: str, ax: Axes | None = None) -> Axes:
    """Scatter of customers' ranks on two value components (log scales, 1 = best).

    >>> ranks = pd.DataFrame({"revenue": [1, 2, 3], "feedback": [3, 1, 2]})
    >>> rank_scatter(ranks, "revenue", "feedback").get_xlabel()
    'Rank by revenue (1 = best)'
    """
    require_numeric(ranks, "ranks", [x, y])
    require_axes(ax)
    with course_style():
        ax = _new_axes(ax)
        ax.scatter(ranks[x], ranks[y], s=8, alpha=0.5, color=PALETTE[0])
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(f"Rank by {x} (1 = best)")
        ax.set_ylabel(f"Rank by {y} (1 = best)")
        ax.set_title(f"Ranked by {x} versus by {y}")
        ax.grid(axis="both")
    return ax


# --------------------------------------------------------------------------- chapter 03


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
        ax = _new_axes(ax)
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
        ax = _new_axes(ax)
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
        ax = _new_axes(ax)
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
        ax = _new_axes(ax)
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
        ax = _new_axes(ax)
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


# --------------------------------------------------------------------------- chapter 02


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
        ax = _new_axes(ax)
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


def whale_curve(curve: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The whale curve: cumulative profit (% of the total) against customers ranked by profit.

    ``curve`` is the table from ``selection.whale_curve``. The peak and the top 20% are marked.

    >>> curve = pd.DataFrame({"customer_share": [0.25, 0.5, 0.75, 1.0],
    ...     "cumulative_share": [0.8, 1.2, 1.3, 1.0]})
    >>> whale_curve(curve).get_ylabel()
    'Cumulative profit (% of total)'
    """
    require_numeric(curve, "curve", ["customer_share", "cumulative_share"])
    require_axes(ax)
    if curve.empty:
        raise ValueError("curve has no rows: pass the table from selection.whale_curve().")
    x = [0.0, *(curve["customer_share"] * 100).tolist()]
    y = [0.0, *(curve["cumulative_share"] * 100).tolist()]
    peak = max(range(len(y)), key=y.__getitem__)
    with course_style():
        ax = _new_axes(ax)
        ax.plot(x, y, color=PALETTE[0], linewidth=2)
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
        ax.set_xlim(0, 100)
        ax.set_ylim(0, max(y) * 1.12)
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
        ax = _new_axes(ax)
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
    the medians, as there. Customers named in ``label`` are annotated.

    >>> matrix = pd.DataFrame({"current_value": [10.0, 50.0, -5.0, 80.0],
    ...     "potential": [900.0, 0.0, 0.0, 400.0],
    ...     "quadrant": ["promising", "mature", "lead", "star"]}, index=list("ABCD"))
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
        "lead": "I lead",
        "promising": "II promising",
        "mature": "III mature",
        "star": "IV star",
    }
    with course_style():
        ax = _new_axes(ax)
        for (key, text), colour in zip(
            names.items(), [PALETTE[3], PALETTE[1], PALETTE[0], PALETTE[2]], strict=True
        ):
            keep = (quadrant == key).fillna(False).to_numpy()
            ax.scatter(
                x[keep], y[keep], s=18, alpha=0.7, color=colour, label=f"{text} ({int(keep.sum())})"
            )
        ax.axvline(splits[0], color="#555555", linestyle="--", linewidth=1)
        ax.axhline(splits[1], color="#555555", linestyle="--", linewidth=1)
        for customer in label:
            if customer in matrix.index:
                ax.annotate(
                    str(customer),
                    (x[customer], y[customer]),
                    xytext=(4, 4),
                    textcoords="offset points",
                    fontsize=8,
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
        ax = _new_axes(ax)
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


# --------------------------------------------------------------------------- chapter 04


def warning_history(
    history: pd.DataFrame,
    gaps: pd.Series,
    usual_interval: float,
    days_silent: int,
    silence_factor: float = 3.0,
    flags: dict[str, bool] | None = None,
    title: str = "",
):
    """One account's history behind the four early warnings, in four panels.

    ``history`` comes from ``database.account_history`` (one row per month),
    ``gaps`` from ``database.order_gaps``; ``usual_interval`` and
    ``days_silent`` from ``database.buying_intervals``. ``flags`` (warning name
    -> True/False) marks the panels whose rule fires. Returns the Figure.

    >>> months = pd.date_range("2025-09-01", periods=4, freq="MS")
    >>> history = pd.DataFrame({"revenue": [5.0, 6, 2, 0], "planned_revenue": [6.0] * 4,
    ...     "selling_expenses": [0.0, 250, 0, 500], "expense_budget": [300.0] * 4,
    ...     "receivable": [4.0, 8, 9, 9], "credit_limit": [7.0] * 4}, index=months)
    >>> gaps = pd.Series([10, 12], index=pd.to_datetime(["2025-10-01", "2025-10-13"]))
    >>> len(warning_history(history, gaps, 11.0, 79, flags={"credit": True}).axes)
    4
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    history = require_frame(
        history,
        "history",
        [
            "revenue",
            "planned_revenue",
            "selling_expenses",
            "expense_budget",
            "receivable",
            "credit_limit",
        ],
    )
    if history.empty:
        raise ValueError(
            "history has no months to plot: pass database.account_history(...) for an account with orders."
        )
    require_series(gaps, "gaps", "from database.order_gaps")
    for name, number in (
        ("usual_interval", usual_interval),
        ("days_silent", days_silent),
        ("silence_factor", silence_factor),
    ):
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise TypeError(f"{name} must be a number, not {number!r}.")
    flags = dict(flags or {})
    unknown = set(flags) - {"credit", "behind_plan", "over_budget", "stopped"}
    if unknown:
        raise ValueError(
            f"flags has unknown warnings {sorted(unknown)}; use credit, behind_plan, over_budget, stopped."
        )

    def mark(ax: Axes, text: str, flag: str) -> None:
        fired = flags.get(flag, False)
        ax.set_title(
            f"{text}: {'WARNING' if fired else 'ok'}",
            color=PALETTE[3] if fired else "black",
            fontsize=11,
        )

    months = history.index
    width = 25
    with course_style():
        fig, axes = plt.subplots(2, 2, figsize=(12, 7))
        ax = axes[0, 0]
        ax.bar(months, history["revenue"] / 1000, width=width, color=PALETTE[0], label="revenue")
        ax.step(
            months,
            history["planned_revenue"] / 1000,
            where="mid",
            color=PALETTE[1],
            linewidth=2,
            label="plan",
        )
        ax.set_ylabel("Thousand CNY per month")
        ax.legend(loc="upper left")
        mark(ax, "Orders against plan", "behind_plan")
        ax = axes[0, 1]
        ax.plot(
            months,
            history["receivable"] / 1000,
            marker="o",
            markersize=3,
            color=PALETTE[0],
            label="receivable (month end)",
        )
        ax.plot(
            months,
            history["credit_limit"] / 1000,
            linestyle="--",
            color=PALETTE[3],
            label="credit limit",
        )
        ax.set_ylabel("Thousand CNY")
        ax.legend(loc="upper left")
        mark(ax, "Receivable against credit limit", "credit")
        ax = axes[1, 0]
        ax.bar(
            months, history["selling_expenses"], width=width, color=PALETTE[0], label="sales visits"
        )
        ax.step(
            months,
            history["expense_budget"],
            where="mid",
            color=PALETTE[1],
            linewidth=2,
            label="budget",
        )
        ax.set_ylabel("CNY per month")
        ax.legend(loc="upper left")
        mark(ax, "Selling expenses against budget", "over_budget")
        ax = axes[1, 1]
        ax.bar(gaps.index, gaps.to_numpy(), width=6, color=PALETTE[0], label="days between orders")
        end = months[-1] + pd.offsets.MonthEnd(0)
        ax.bar([end], [days_silent], width=6, color=PALETTE[3], label="silent so far")
        ax.axhline(
            silence_factor * usual_interval,
            color=PALETTE[1],
            linestyle="--",
            linewidth=2,
            label=f"{silence_factor:g} x usual interval",
        )
        ax.set_ylabel("Days")
        ax.legend(loc="upper left")
        mark(ax, "Days between orders", "stopped")
        locator = mdates.AutoDateLocator()
        for ax in axes.flat:
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        if title:
            fig.suptitle(title, fontsize=13, fontweight="bold", x=0.01, ha="left")
        fig.tight_layout()
    return fig


def silence_scatter(
    intervals: pd.DataFrame,
    silence_factor: float = 3.0,
    fixed_days: int = 90,
    max_silence_days: int = 365,
    ax: Axes | None = None,
) -> Axes:
    """Each account's usual buying interval against its days of silence, with both rules.

    Accounts above the sloped line (silence > factor x usual interval) are
    flagged by the relative rule; those above the flat line by a fixed
    "no order in N days" rule. Accounts silent for more than
    ``max_silence_days`` (lost, not a warning) are left out.
    ``intervals`` comes from ``database.buying_intervals``.

    >>> intervals = pd.DataFrame({"usual_interval": [7.0, 30.0], "days_silent": [40, 60]})
    >>> silence_scatter(intervals).get_xlabel()
    'Usual interval between orders (days)'
    """
    require_frame(intervals, "intervals", ["usual_interval", "days_silent"])
    require_axes(ax)
    shown = intervals[
        intervals["usual_interval"].notna() & (intervals["days_silent"] <= max_silence_days)
    ]
    with course_style():
        ax = _new_axes(ax)
        flagged = shown["days_silent"] > silence_factor * shown["usual_interval"]
        ax.scatter(
            shown.loc[~flagged, "usual_interval"],
            shown.loc[~flagged, "days_silent"],
            s=14,
            color=PALETTE[0],
            alpha=0.6,
            label="not flagged",
        )
        ax.scatter(
            shown.loc[flagged, "usual_interval"],
            shown.loc[flagged, "days_silent"],
            s=22,
            color=PALETTE[3],
            label=f"flagged: silent > {silence_factor:g} x usual interval",
        )
        right = max(float(shown["usual_interval"].max()) if len(shown) else 1.0, 1.0) * 1.05
        top = min(silence_factor * right, max_silence_days)
        ax.plot([0, top / silence_factor], [0, top], color=PALETTE[3], linestyle="--")
        ax.axhline(
            fixed_days,
            color=PALETTE[1],
            linestyle=":",
            linewidth=2,
            label=f"fixed rule: {fixed_days} days",
        )
        ax.set_xlim(0, right)
        ax.set_ylim(0, max_silence_days * 1.05)
        ax.set_xlabel("Usual interval between orders (days)")
        ax.set_ylabel("Days since the last order")
        ax.set_title("Who stopped ordering? Own rhythm against a fixed rule")
        ax.legend(loc="upper right", fontsize=9)
    return ax
