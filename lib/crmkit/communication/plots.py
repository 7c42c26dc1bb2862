"""Chapter 06's figures: response rates with intervals, the complaint Pareto, handling times,
retention after a complaint, and monthly word of mouth.

Each function draws inside ``course_style()`` and returns its matplotlib Axes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crmkit._validate import require_axes, require_numeric
from crmkit.style import PALETTE, course_style, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def _rate_table(table: object, argument: str) -> pd.DataFrame:
    """A table with numeric rate, lower and upper columns and at least one row."""
    require_numeric(table, argument, ["rate", "lower", "upper"])
    if table.empty:
        raise ValueError(f"{argument} has no rows: pass a table with at least one group.")
    return table


def _label(key: object) -> str:
    """A row label for an axis: tuples (two-level indexes) joined with a slash."""
    return " / ".join(map(str, key)) if isinstance(key, tuple) else str(key)


def response_rates(rates: pd.DataFrame, title: str = "", ax: Axes | None = None) -> Axes:
    """Outbound response rate per group (%), a bar and its 95% interval each, highest on top.

    ``rates`` is a table of :func:`crmkit.communication.response_rates`.

    >>> rates = pd.DataFrame({"rate": [0.02, 0.1], "lower": [0.01, 0.08], "upper": [0.03, 0.13]},
    ...     index=["email", "phone"])
    >>> response_rates(rates).get_xlabel()
    'Messages answered (%), with 95% interval'
    """
    table = _rate_table(rates, "rates").sort_values("rate", ascending=False) * 100
    require_axes(ax)
    with course_style():
        ax = new_axes(ax)
        positions = np.arange(len(table))
        ax.barh(positions, table["rate"], color=PALETTE[0], height=0.6)
        ax.errorbar(
            table["rate"], positions,
            xerr=[table["rate"] - table["lower"], table["upper"] - table["rate"]],
            fmt="none", ecolor="#333333", capsize=3, linewidth=1.2,
        )  # fmt: skip
        ax.set_yticks(positions, [_label(key) for key in table.index])
        ax.invert_yaxis()
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ax.set_xlim(0, None)
        ax.set_xlabel("Messages answered (%), with 95% interval")
        ax.set_title(title or "Outbound response rate")
    return ax


def complaint_pareto(pareto: pd.DataFrame, title: str = "", ax: Axes | None = None) -> Axes:
    """Pareto chart: bars of each group's count, largest first, and the cumulative share line.

    ``pareto`` is a table of :func:`crmkit.communication.complaint_pareto`.

    >>> pareto = pd.DataFrame({"count": [6, 3, 1], "cumulative_share": [0.6, 0.9, 1.0]},
    ...     index=["late", "quality", "bill"])
    >>> len(complaint_pareto(pareto).patches)
    3
    """
    require_numeric(pareto, "pareto", ["count", "cumulative_share"])
    require_axes(ax)
    if pareto.empty:
        raise ValueError("pareto has no rows: pass the table of communication.complaint_pareto().")
    labels = [str(key).replace("_", " ") for key in pareto.index]
    with course_style():
        ax = new_axes(ax)
        ax.bar(labels, pareto["count"], color=PALETTE[0])
        ax.set_ylabel("Complaints")
        ax.tick_params(axis="x", rotation=30)
        line = ax.twinx()
        line.plot(labels, pareto["cumulative_share"] * 100, color=PALETTE[1], marker="o")
        line.axhline(80, color="#777777", linestyle=":", linewidth=1)
        line.set_ylim(0, 105)
        line.set_ylabel("Cumulative share (%)")
        line.grid(False)
        ax.set_title(title or "Pareto of complaints")
    return ax


def handling_times(complaints: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Distributions of response time and resolution time (hours, log scale), with the 48-hour mark.

    >>> table = pd.DataFrame({"response_hours": [2.0, 10.0, 30.0],
    ...     "resolution_hours": [8.0, 60.0, None]})
    >>> handling_times(table).get_xscale()
    'log'
    """
    require_numeric(complaints, "complaints", ["response_hours", "resolution_hours"])
    require_axes(ax)
    hours = complaints[["response_hours", "resolution_hours"]]
    values = hours.to_numpy(dtype="float64").ravel()
    positive = values[values > 0]
    if positive.size == 0:
        raise ValueError("complaints has no response or resolution time above 0 to draw.")
    bins = np.geomspace(positive.min(), positive.max(), 30)
    with course_style():
        ax = new_axes(ax)
        for column, colour, name in (
            ("response_hours", PALETTE[0], "response time (first answer)"),
            ("resolution_hours", PALETTE[1], "resolution time (fixed)"),
        ):
            ax.hist(hours[column].dropna(), bins=bins, color=colour, alpha=0.6, label=name)
        ax.axvline(48, color=PALETTE[3], linestyle="--", linewidth=1.2, label="48 hours")
        ax.set_xscale("log")
        ax.set_xlabel("Hours after the complaint (log scale)")
        ax.set_ylabel("Complaints")
        ax.set_title("How fast complaints are answered and fixed")
        ax.legend(loc="upper right")
    return ax


def retention_after_complaint(
    retention: pd.DataFrame,
    cited: dict[str, float] | None = None,
    title: str = "",
    ax: Axes | None = None,
) -> Axes:
    """Share of complainers who stayed per group (%), with 95% intervals; ``cited`` draws the
    commonly cited figures as dashed lines (name -> share).

    ``retention`` is a table of :func:`crmkit.communication.retention_by_handling`.

    >>> table = pd.DataFrame({"rate": [0.9, 0.5], "lower": [0.8, 0.4], "upper": [0.95, 0.6]},
    ...     index=["resolved_fast", "unresolved"])
    >>> len(retention_after_complaint(table, cited={"cited 75%": 0.75}).lines) > 0
    True
    """
    table = _rate_table(retention, "retention") * 100
    require_axes(ax)
    if cited is not None and not isinstance(cited, dict):
        raise TypeError(
            f"cited must be a dict of name -> share, such as {{'cited': 0.75}}, not {cited!r}."
        )
    labels = [_label(key).replace("_", " ") for key in table.index]
    with course_style():
        ax = new_axes(ax)
        positions = np.arange(len(table))
        ax.bar(positions, table["rate"], color=PALETTE[2], width=0.6)
        ax.errorbar(
            positions, table["rate"],
            yerr=[table["rate"] - table["lower"], table["upper"] - table["rate"]],
            fmt="none", ecolor="#333333", capsize=4, linewidth=1.2,
        )  # fmt: skip
        for (name, share), style in zip((cited or {}).items(), ("--", ":", "-."), strict=False):
            ax.axhline(
                float(share) * 100, color=PALETTE[3], linestyle=style, linewidth=1.2, label=name
            )
        if cited:  # above the bars, where the 0-100 scale leaves room
            ax.legend(loc="upper center", ncol=2, fontsize=8)
        ax.set_xticks(positions, labels, rotation=20)
        ax.set_ylim(0, 112)
        ax.set_yticks(range(0, 101, 20))
        ax.set_ylabel("Complainers who stayed (%)")
        ax.set_title(title or "Who stays after a complaint")
    return ax


def word_of_mouth(reach: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """People told about complaints per month (bars) and complaints per month (line).

    ``reach`` is the table of :func:`crmkit.communication.monthly_reach`.

    >>> reach = pd.DataFrame({"complaints": [2, 0, 1], "people_told": [6, 0, 9]},
    ...     index=pd.period_range("2025-01", periods=3, freq="M", name="month"))
    >>> len(word_of_mouth(reach).patches)
    3
    """
    require_numeric(reach, "reach", ["complaints", "people_told"])
    require_axes(ax)
    if reach.empty:
        raise ValueError("reach has no rows: pass the table of communication.monthly_reach().")
    months = [str(month) for month in reach.index]
    with course_style():
        ax = new_axes(ax)
        ax.bar(months, reach["people_told"], color=PALETTE[4], label="people told")
        ax.plot(months, reach["complaints"], color=PALETTE[3], marker=".", label="complaints")
        step = max(1, len(months) // 8)
        ax.set_xticks(range(0, len(months), step), months[::step], rotation=30)
        ax.set_ylabel("Per month")
        ax.set_title("Word of mouth about complaints, per month")
        ax.legend(loc="upper left")
    return ax
