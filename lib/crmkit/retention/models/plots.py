"""The model figures of chapter 08: tracking, conditional expectations, sBG projections.

Each function draws inside ``course_style()`` on ``ax`` (None: a new figure) and returns
the Axes. Every figure has labelled axes, a legend, and marks the calibration/holdout split.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crmkit._validate import require_axes, require_frame, require_numeric
from crmkit.style import PALETTE, course_style, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def _rows(
    table: object, argument: str, columns: list[str], source: str, others: tuple[str, ...] = ()
) -> pd.DataFrame:
    """A table with these numeric columns (and the ``others``) and at least one row."""
    require_frame(table, argument, [*columns, *others])
    require_numeric(table, argument, columns, allow_missing=False)
    if table.empty:
        raise ValueError(f"{argument} has no rows: pass the table from {source}.")
    return table


def tracking_plot(tracking: pd.DataFrame, title: str = "", ax: Axes | None = None) -> Axes:
    """Cumulative repeat purchases, actual against the model's expectation, period by period.

    ``tracking`` comes from ``tracking_table``; a dashed line marks the end of calibration.

    >>> tracking = pd.DataFrame({"actual_cumulative": [1, 4, 6], "expected_cumulative": [1.5, 3.5, 6.2],
    ...     "holdout": [False, True, True]}, index=pd.Index([1, 2, 3], name="week"))
    >>> len(tracking_plot(tracking).get_lines())
    3
    """
    columns = ["actual_cumulative", "expected_cumulative"]
    tracking = _rows(tracking, "tracking", columns, "tracking_table", ("holdout",))
    require_axes(ax)
    periods = np.asarray(tracking.index, dtype="float64")
    with course_style():
        ax = new_axes(ax)
        ax.plot(periods, tracking["actual_cumulative"], color=PALETTE[0], linewidth=2,
                label="Actual")  # fmt: skip
        ax.plot(periods, tracking["expected_cumulative"], color=PALETTE[1], linewidth=2,
                linestyle="--", label="Expected by the model")  # fmt: skip
        holdout = tracking["holdout"].to_numpy(dtype=bool)
        if holdout.any() and not holdout.all():
            split = periods[np.flatnonzero(holdout)[0]] - 0.5
            ax.axvline(split, color="#555555", linestyle=":", linewidth=1.5,
                       label="End of calibration")  # fmt: skip
        unit = str(tracking.index.name or "period")
        ax.set_xlabel(f"{unit.capitalize()} (week 1 starts on the cohort's first purchase day)"
                      if unit == "week" else f"{unit.capitalize()} since the cohort's first purchase day")  # fmt: skip
        ax.set_ylabel("Cumulative repeat purchases")
        ax.set_title(title or "Repeat purchases: expected and actual")
        ax.legend(loc="upper left")
    return ax


def conditional_expectation_plot(
    table: pd.DataFrame, title: str = "", ax: Axes | None = None
) -> Axes:
    """Mean holdout purchases by calibration frequency, actual beside the model's expectation.

    ``table`` comes from ``conditional_expectations_by_frequency``.

    >>> table = pd.DataFrame({"customers": [10, 5], "actual": [0.2, 1.1], "expected": [0.25, 1.0]},
    ...     index=pd.Index(["0", "1+"], name="frequency"))
    >>> len(conditional_expectation_plot(table).get_lines())
    2
    """
    table = _rows(table, "table", ["actual", "expected"], "conditional_expectations_by_frequency")
    require_axes(ax)
    labels = [str(label) for label in table.index]
    positions = np.arange(len(labels))
    with course_style():
        ax = new_axes(ax)
        ax.plot(positions, table["actual"], color=PALETTE[0], marker="o", linewidth=2,
                label="Actual")  # fmt: skip
        ax.plot(positions, table["expected"], color=PALETTE[1], marker="s", linewidth=2,
                linestyle="--", label="Expected by the model")  # fmt: skip
        ax.set_xticks(positions, labels)
        ax.set_xlabel("Repeat purchases in the calibration period")
        ax.set_ylabel("Mean purchases per customer in the holdout")
        ax.set_title(title or "Holdout purchases by past frequency")
        ax.legend(loc="upper left")
    return ax


def sbg_projection_plot(projection: pd.DataFrame, title: str = "", ax: Axes | None = None) -> Axes:
    """Survival of a cohort: actual, the sBG projection and the constant-retention projection.

    ``projection`` comes from ``SBGFit.projection``; the shaded years were not used by the fit.

    >>> projection = pd.DataFrame({"actual": [1.0, 0.6, 0.5], "sbg": [1.0, 0.62, 0.49],
    ...     "constant": [1.0, 0.65, 0.42], "fitted": [True, True, False]},
    ...     index=pd.Index([0, 1, 2], name="year"))
    >>> len(sbg_projection_plot(projection).get_lines())
    3
    """
    columns = ["actual", "sbg", "constant"]
    projection = _rows(projection, "projection", columns, "SBGFit.projection", ("fitted",))
    require_axes(ax)
    years = np.asarray(projection.index, dtype="float64")
    with course_style():
        ax = new_axes(ax)
        ax.plot(years, projection["actual"] * 100, color=PALETTE[0], marker="o", linewidth=2,
                label="Actual")  # fmt: skip
        ax.plot(years, projection["sbg"] * 100, color=PALETTE[1], linewidth=2, linestyle="--",
                label="sBG model")  # fmt: skip
        ax.plot(years, projection["constant"] * 100, color=PALETTE[3], linewidth=2,
                linestyle=":", label="One retention rate for all")  # fmt: skip
        later = ~projection["fitted"].to_numpy(dtype=bool)
        if later.any():
            ax.axvspan(years[later].min() - 0.5, years[later].max() + 0.5, color="#eeeeee",
                       zorder=0, label="Projected (not used in the fit)")  # fmt: skip
        ax.set_ylim(0, 105)
        ax.set_xlabel("Year")
        ax.set_ylabel("Customers still active (% of the cohort)")
        ax.set_title(title or "Cohort survival: actual and projected")
        ax.legend(loc="upper right")
    return ax
