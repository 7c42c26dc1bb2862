"""Chapter 08's figures: the lost customer, cohort heat maps, survival curves, CLV against
retention, cohort CLV, staff turnover against retention, and breadth against retention.

Each function draws inside ``course_style()`` and returns its matplotlib Axes. The research
models' figures are in ``crmkit.retention.models.plots``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crmkit._validate import require_axes, require_frame, require_numeric, require_series
from crmkit.style import PALETTE, course_style, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def _rows(table: object, argument: str, columns: list[str], source: str) -> pd.DataFrame:
    require_numeric(table, argument, columns)
    if table.empty:
        raise ValueError(f"{argument} has no rows: pass the table of {source}.")
    return table


def _matrix(table: object, argument: str, source: str) -> pd.DataFrame:
    """A table of numbers whose columns are ages (whole numbers), as ``source`` returns."""
    require_frame(table, argument)
    if table.empty:
        raise ValueError(f"{argument} has no rows: pass the table of {source}.")
    numeric = [pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t)
               for t in table.dtypes]  # fmt: skip
    if not all(numeric):
        raise TypeError(f"{argument} must hold numbers, as {source} returns.")
    return table.astype("float64")


def lost_customer(values: pd.Series, ax: Axes | None = None) -> Axes:
    """Bars of what one lost customer takes away: her own spending, the spending of those she
    puts off, and the total. ``values`` is :func:`crmkit.retention.lost_customer_value`'s Series.

    >>> values = pd.Series({"direct": 26000.0, "people_lost": 2.5, "word_of_mouth": 65000.0,
    ...                     "total": 91000.0})
    >>> [round(p.get_height()) for p in lost_customer(values).patches]
    [26000, 65000, 91000]
    """
    require_series(values, "values", "retention.lost_customer_value(...)", numeric=True,
                   allow_missing=False)  # fmt: skip
    missing = [k for k in ("direct", "people_lost", "word_of_mouth", "total") if k not in values]
    if missing:
        raise ValueError(f"values is missing {', '.join(missing)}: pass retention.lost_customer_value(...).")
    require_axes(ax)
    labels = ["her own spending", f"{values['people_lost']:g} people who stop too", "total"]
    heights = [values["direct"], values["word_of_mouth"], values["total"]]
    with course_style():
        ax = new_axes(ax)
        bars = ax.bar(labels, heights, color=[PALETTE[0], PALETTE[1], PALETTE[3]])
        ax.bar_label(bars, labels=[f"{h:,.0f}" for h in heights], padding=2, fontsize=9)
        ax.set_ylabel("Spending lost over the years")
        ax.set_title("What one lost customer takes away")
    return ax


def cohort_heatmap(matrix: pd.DataFrame, title: str = "", max_age: int | None = None,
                   ax: Axes | None = None) -> Axes:  # fmt: skip
    """A heat map of a cohort retention matrix: cohorts down, ages across, darker = more kept;
    cells not yet observable stay white. ``matrix`` is :func:`crmkit.retention.cohort_matrix`'s.

    >>> matrix = pd.DataFrame({0: [1.0, 1.0], 1: [0.4, float("nan")]}, index=["2025-10", "2025-11"])
    >>> cohort_heatmap(matrix).get_xlabel()
    'Age (periods since the first order)'
    """
    table = _matrix(matrix, "matrix", "retention.cohort_matrix")
    require_axes(ax)
    if max_age is not None:
        table = table.loc[:, [c for c in table.columns if c <= max_age]]
    values = np.ma.masked_invalid(table.to_numpy(dtype="float64"))
    with course_style():
        ax = new_axes(ax)
        image = ax.imshow(values, cmap="Blues", vmin=0, vmax=1, aspect="auto",
                          interpolation="nearest")  # fmt: skip
        step = max(1, len(table) // 12)
        ax.set_yticks(range(0, len(table), step), [str(r) for r in table.index[::step]])
        ticks = range(0, table.shape[1], max(1, table.shape[1] // 12))
        ax.set_xticks(list(ticks), [str(table.columns[t]) for t in ticks])
        ax.set_xlabel("Age (periods since the first order)")
        ax.set_ylabel("Cohort (period of the first order)")
        ax.grid(False)
        ax.figure.colorbar(image, ax=ax, label="Share of the cohort")
        ax.set_title(title or "Cohort retention")
    return ax


def survival_curves(curves: dict[str, pd.Series], title: str = "", ax: Axes | None = None) -> Axes:
    """One line per named curve (a share per age, like :func:`crmkit.retention.average_curve`).

    >>> ax = survival_curves({"business": pd.Series([1.0, 0.9, 0.85]),
    ...                       "consumer": pd.Series([1.0, 0.7, 0.6])})
    >>> len(ax.get_lines())
    2
    """
    if not isinstance(curves, dict) or not curves:
        raise TypeError("curves must be a dict of name -> Series of shares per age, such as "
                        "{'consumer': retention.average_curve(matrix, sizes)}.")  # fmt: skip
    for name, curve in curves.items():
        require_series(curve, f"curves[{name!r}]", "a share per age", numeric=True)
    require_axes(ax)
    with course_style():
        ax = new_axes(ax)
        for (name, curve), colour in zip(curves.items(), PALETTE, strict=False):
            ax.plot(curve.index, curve.to_numpy() * 100, color=colour, linewidth=2, label=str(name))
        ax.set_ylim(0, 105)
        ax.set_xlabel("Age (periods since the first order)")
        ax.set_ylabel("% of the cohort")
        ax.set_title(title or "Share of each cohort kept, by age")
        ax.legend()
    return ax


def clv_by_retention(grid: pd.DataFrame, mark: float | None = None, ax: Axes | None = None) -> Axes:
    """CLV against the retention rate (:func:`crmkit.retention.clv_grid`): the curve rises slowly,
    then steeply near 1. ``mark`` draws a vertical line at one retention rate.

    >>> grid = pd.DataFrame({"expected_periods": [2.0, 10.0], "clv": [83.3, 450.0]},
    ...                     index=pd.Index([0.5, 0.9], name="retention"))
    >>> len(clv_by_retention(grid, mark=0.7).get_lines())
    2
    """
    table = _rows(grid, "grid", ["clv"], "retention.clv_grid")
    require_axes(ax)
    with course_style():
        ax = new_axes(ax)
        ax.plot(table.index.to_numpy(dtype="float64") * 100, table["clv"], color=PALETTE[0],
                linewidth=2, marker="o", markersize=3)  # fmt: skip
        if mark is not None:
            ax.axvline(float(mark) * 100, color=PALETTE[3], linestyle="--", linewidth=1.5)
        ax.set_xlabel("Retention rate per period (%)")
        ax.set_ylabel("Lifetime value per customer")
        ax.set_title("Lifetime value rises steeply as retention nears 100%")
    return ax


def cohort_clv_curves(table: pd.DataFrame, title: str = "", ax: Axes | None = None) -> Axes:
    """One line per cohort of :func:`crmkit.retention.cohort_clv`: cumulative value by age.

    >>> table = pd.DataFrame({0: [30.0, 35.0], 1: [50.0, float("nan")]}, index=[2024, 2025])
    >>> len(cohort_clv_curves(table).get_lines())
    2
    """
    table = _matrix(table, "table", "retention.cohort_clv")
    require_axes(ax)
    with course_style():
        ax = new_axes(ax)
        for (cohort, row), colour in zip(table.iterrows(), PALETTE, strict=False):
            values = row.dropna()
            ax.plot(values.index.to_numpy() + 1, values.to_numpy(), color=colour, marker="o",
                    linewidth=2, label=str(cohort))  # fmt: skip
        ax.set_xticks(np.arange(1, table.shape[1] + 1))
        ax.set_xlabel("Years since the cohort's start")
        ax.set_ylabel("Discounted gross profit per customer won")
        ax.set_title(title or "Cohort-based lifetime value, so far")
        ax.legend(title="cohort")
    return ax


def team_retention(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Staff turnover against customer retention, one labelled point per team, coloured by
    the kind of customer served. ``table`` is :func:`crmkit.retention.team_retention`'s.

    >>> table = pd.DataFrame({"serves": ["online", "wholesale"], "staff_turnover_rate": [0.1, 0.2],
    ...     "retention_rate": [0.6, 0.7]}, index=["T06", "T01"])
    >>> len(team_retention(table).texts)
    2
    """
    require_frame(table, "table", ["serves", "staff_turnover_rate", "retention_rate"])
    table = _rows(table, "table", ["staff_turnover_rate", "retention_rate"], "retention.team_retention")
    require_axes(ax)
    with course_style():
        ax = new_axes(ax)
        for (serves, group), colour in zip(table.groupby("serves", sort=True), PALETTE, strict=False):
            ax.scatter(group["staff_turnover_rate"] * 100, group["retention_rate"] * 100, s=60,
                       color=colour, label=str(serves))  # fmt: skip
            for team, row in group.iterrows():
                ax.annotate(str(team), (row["staff_turnover_rate"] * 100, row["retention_rate"] * 100),
                            textcoords="offset points", xytext=(5, 4), fontsize=9)  # fmt: skip
        ax.set_xlabel("Staff turnover of the team (% a year)")
        ax.set_ylabel("Its customers kept year on year (%)")
        ax.set_title("Teams that keep their people keep their customers?")
        ax.legend(title="serves")
    return ax


def breadth_retention(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Second-year retention by early category breadth, with 95% intervals.
    ``table`` is :func:`crmkit.retention.retention_by_breadth`'s.

    >>> table = pd.DataFrame({"rate": [0.3, 0.6], "lower": [0.25, 0.55], "upper": [0.35, 0.65]},
    ...                      index=pd.Index([1, 2], name="breadth"))
    >>> len(breadth_retention(table).patches)
    2
    """
    table = _rows(table, "table", ["rate", "lower", "upper"], "retention.retention_by_breadth")
    require_axes(ax)
    labels = [str(b) for b in table.index]
    if labels:
        labels[-1] = labels[-1] + "+" if len(labels) > 1 else labels[-1]
    with course_style():
        ax = new_axes(ax)
        ax.bar(labels, table["rate"] * 100, color=PALETTE[0], width=0.6)
        ax.errorbar(labels, table["rate"] * 100,
                    yerr=[(table["rate"] - table["lower"]) * 100, (table["upper"] - table["rate"]) * 100],
                    fmt="none", ecolor="#333333", capsize=4)  # fmt: skip
        ax.set_xlabel("Categories bought in the first 90 days")
        ax.set_ylabel("Ordered again in the second year (%)")
        ax.set_title("Broader first baskets, more customers kept")
    return ax
