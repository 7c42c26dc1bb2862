"""Chapter 04's figures: an account's warning history and the silence scatter.

Each function draws inside ``course_style()`` and returns its matplotlib Axes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from crmkit._validate import (
    require_axes,
    require_frame,
    require_series,
)
from crmkit.style import PALETTE, course_style, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

_BAR_DAYS = 25
"""The width of a month's bar, in days."""


_PANEL_TITLES = {
    "behind_plan": "Orders against plan",
    "credit": "Receivable against credit limit",
    "over_budget": "Selling expenses against budget",
    "stopped": "Days between orders",
}
"""Each warning's panel title, in the default order of the panels (2 x 2: plan, credit; budget, silence)."""

_LARGE_TEXT = {
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
}
"""Text sizes for the warning panels: several panels share one figure, so the text is larger."""


def warning_history(
    history: pd.DataFrame,
    gaps: pd.Series,
    usual_interval: float,
    days_silent: int,
    silence_factor: float = 3.0,
    flags: dict[str, bool] | None = None,
    title: str = "",
    panels: tuple[str, ...] = tuple(_PANEL_TITLES),
):
    """One account's history behind the early warnings, one panel per warning.

    ``history`` comes from ``database.account_history`` (one row per month),
    ``gaps`` from ``database.order_gaps``; ``usual_interval`` and
    ``days_silent`` from ``database.buying_intervals``. ``flags`` (warning name
    -> True/False) marks the panels whose rule fires. ``panels`` chooses the
    warnings drawn, in order (``behind_plan``, ``credit``, ``over_budget``,
    ``stopped``): all four make a 2 x 2 grid, fewer sit side by side, large
    enough to read in a notebook. Returns the Figure.

    >>> months = pd.date_range("2025-09-01", periods=4, freq="MS")
    >>> history = pd.DataFrame({"revenue": [5.0, 6, 2, 0], "planned_revenue": [6.0] * 4,
    ...     "selling_expenses": [0.0, 250, 0, 500], "expense_budget": [300.0] * 4,
    ...     "receivable": [4.0, 8, 9, 9], "credit_limit": [7.0] * 4}, index=months)
    >>> gaps = pd.Series([10, 12], index=pd.to_datetime(["2025-10-01", "2025-10-13"]))
    >>> len(warning_history(history, gaps, 11.0, 79, flags={"credit": True}).axes)
    4
    >>> len(warning_history(history, gaps, 11.0, 79, panels=("credit", "stopped")).axes)
    2
    """
    import matplotlib.pyplot as plt

    flags = _check_history_inputs(history, gaps, usual_interval, days_silent, silence_factor, flags)
    panels = _check_panels(panels)
    shape = (2, 2) if len(panels) == 4 else (1, len(panels))
    size = (13, 8.5) if len(panels) == 4 else (6.5 * len(panels), 4.6)
    with course_style(), plt.rc_context(_LARGE_TEXT):
        fig, axes = plt.subplots(*shape, figsize=size, squeeze=False)
        for ax, panel in zip(axes.flat, panels, strict=True):
            _draw_panel(ax, panel, history, gaps, usual_interval, days_silent, silence_factor)
            _mark(ax, _PANEL_TITLES[panel], flags.get(panel, False))
        if title:
            fig.suptitle(title, fontsize=15, fontweight="bold", x=0.01, ha="left")
        fig.tight_layout()
    return fig


def _check_panels(panels: object) -> tuple[str, ...]:
    """Check :func:`warning_history`'s ``panels``: 1 to 4 distinct warning names."""
    if isinstance(panels, str) or not isinstance(panels, tuple | list):
        raise TypeError(
            f"panels must be a tuple of warning names such as ('credit',), not {panels!r}."
        )
    unknown = [panel for panel in panels if panel not in _PANEL_TITLES]
    if unknown or not panels or len(set(panels)) != len(panels):
        raise ValueError(
            f"panels must name 1 to 4 different warnings of {list(_PANEL_TITLES)}; got {list(panels)}."
        )
    return tuple(panels)


def _draw_panel(
    ax: Axes,
    panel: str,
    history: pd.DataFrame,
    gaps: pd.Series,
    usual_interval: float,
    days_silent: int,
    silence_factor: float,
) -> None:
    """Draw one warning's panel, with few date ticks (about four per axis)."""
    import matplotlib.dates as mdates

    months = history.index
    if panel == "behind_plan":
        _actual_against_plan(
            ax,
            months,
            history["revenue"] / 1000,
            history["planned_revenue"] / 1000,
            ("revenue", "plan"),
            "Thousand CNY per month",
        )
    elif panel == "credit":
        _receivable_panel(ax, history)
    elif panel == "over_budget":
        _actual_against_plan(
            ax,
            months,
            history["selling_expenses"],
            history["expense_budget"],
            ("sales visits", "budget"),
            "CNY per month",
        )
    else:
        end = months[-1] + pd.offsets.MonthEnd(0)
        _silence_panel(ax, gaps, end, usual_interval, days_silent, silence_factor)
    every = max(1, -(-len(months) // 4))  # months between ticks: about four ticks per axis
    locator = (
        mdates.MonthLocator(bymonth=range(1, 13, every)) if every < 12 else mdates.YearLocator()
    )
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _check_history_inputs(
    history: object,
    gaps: object,
    usual_interval: object,
    days_silent: object,
    silence_factor: object,
    flags: dict[str, bool] | None,
) -> dict[str, bool]:
    """Check :func:`warning_history`'s arguments; return the flags as a dict."""
    require_frame(
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
    return flags


def _mark(ax: Axes, text: str, fired: bool) -> None:
    """Title a panel with whether its warning fires."""
    ax.set_title(
        f"{text}: {'WARNING' if fired else 'ok'}",
        color=PALETTE[3] if fired else "black",
    )


def _actual_against_plan(
    ax: Axes,
    months: pd.DatetimeIndex,
    actual: pd.Series,
    planned: pd.Series,
    labels: tuple[str, str],
    ylabel: str,
) -> None:
    """Monthly bars of what happened against a step line of what was planned."""
    ax.bar(months, actual, width=_BAR_DAYS, color=PALETTE[0], label=labels[0])
    ax.step(months, planned, where="mid", color=PALETTE[1], linewidth=2, label=labels[1])
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper left")


def _receivable_panel(ax: Axes, history: pd.DataFrame) -> None:
    """The receivable at each month's end against the credit limit."""
    months = history.index
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
    ax.legend(loc="best")


def _silence_panel(
    ax: Axes,
    gaps: pd.Series,
    end: pd.Timestamp,
    usual_interval: float,
    days_silent: int,
    silence_factor: float,
) -> None:
    """The days between orders, the silence so far (at ``end``) and the rule's line."""
    ax.bar(gaps.index, gaps.to_numpy(), width=6, color=PALETTE[0], label="days between orders")
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
        ax = new_axes(ax)
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
