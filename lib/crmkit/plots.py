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

from crmkit._validate import require_frame

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

    if ax is not None:
        return ax
    _, ax = plt.subplots()
    return ax


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
    if not isinstance(values, pd.Series):
        raise TypeError(f"values must be a pandas Series, but got a {type(values).__name__}.")
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
    month = order_lines["order_date"].dt.to_period("M").dt.to_timestamp()
    totals = order_lines.groupby(month)["revenue"].sum() / 1000
    with course_style():
        ax = _new_axes(ax)
        ax.plot(totals.index, totals.to_numpy(), marker="o", markersize=3)
        for (name, dates), colour in zip((festivals or {}).items(), PALETTE[1:], strict=False):
            for k, day in enumerate(pd.to_datetime(dates)):
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
    if not isinstance(spend, pd.Series):
        raise TypeError(
            f"spend must be a pandas Series of monthly spend, not {type(spend).__name__}."
        )
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
    require_frame(ranks, "ranks", [x, y])
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
