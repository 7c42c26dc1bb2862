"""Chapter 01's figures: monthly revenue, a customer's lifecycle, value ranks.

Each function draws inside ``course_style()`` and returns its matplotlib Axes.
"""

from __future__ import annotations

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
from crmkit.style import PALETTE, course_style, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


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
        ax = new_axes(ax)
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
        ax = new_axes(ax)
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
        ax = new_axes(ax)
        ax.scatter(ranks[x], ranks[y], s=8, alpha=0.5, color=PALETTE[0])
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(f"Rank by {x} (1 = best)")
        ax.set_ylabel(f"Rank by {y} (1 = best)")
        ax.set_title(f"Ranked by {x} versus by {y}")
        ax.grid(axis="both")
    return ax
