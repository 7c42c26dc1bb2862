"""Explorers of chapters 00 and 01: revenue month by month, and how the state thresholds
change the customer counts.

ipywidgets is imported only when an explorer is built, so importing this
module stays fast. The lesson also shows the wrapped pure function's static
result, so the page reads well without a live kernel.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit import value
from crmkit._validate import require_dates, require_frame, require_numeric, require_positive_int
from crmkit.explorer import explorer_box


def state_threshold_explorer(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    leads: pd.DataFrame,
    as_of: object = value.AS_OF,
) -> Any:
    """A slider for the "lost after N days" rule, redrawing the count of parties per state.

    Wraps :func:`crmkit.value.classify_states` and :func:`crmkit.value.state_counts`.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from crmkit import style

    # Validate once, before any widget exists, so mistakes show as clear errors.
    value.classify_states(customers, order_lines, leads, as_of)
    slider = widgets.IntSlider(
        value=180,
        min=30,
        max=540,
        step=30,
        description="Lost after",
        continuous_update=False,
        style={"description_width": "initial"},
    )
    output = widgets.Output()

    def redraw(days: int) -> None:
        counts = value.state_counts(
            value.classify_states(customers, order_lines, leads, as_of, days)
        )
        with output:
            output.clear_output(wait=True)
            ax = style.bar(
                counts,
                f"Parties per state when 'lost' means no purchase in {days} days",
                ylabel="Parties",
                highlight="lost",
            )
            display(ax.figure)
            plt.close(ax.figure)

    slider.observe(lambda change: redraw(change["new"]), names="value")
    redraw(slider.value)
    return explorer_box(
        "State explorer", [slider, widgets.Label("days without a purchase"), output]
    )


def states_by_threshold(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    leads: pd.DataFrame,
    thresholds: list[int],
    as_of: object = value.AS_OF,
) -> pd.DataFrame:
    """The static twin of the explorer: state counts for several thresholds.

    Returns a DataFrame with one row per threshold (days) and one column per state.

    >>> from crmkit import data
    >>> table = states_by_threshold(data.load_customers(), data.load_order_lines(),
    ...     data.load_leads(), [90, 365])
    >>> bool(table.loc[90, "lost"] > table.loc[365, "lost"])
    True
    """
    if not isinstance(thresholds, list | tuple) or not thresholds:
        raise ValueError("thresholds must be a non-empty list of day counts, e.g. [90, 180, 365].")
    for days in thresholds:
        require_positive_int(days, "each of thresholds")
    rows = {
        days: value.state_counts(value.classify_states(customers, order_lines, leads, as_of, days))
        for days in thresholds
    }
    table = pd.DataFrame(rows).T
    table.index.name = "lost_after_days"
    return table


def revenue_by_month(order_lines: pd.DataFrame) -> pd.DataFrame:
    """Revenue (CNY) per calendar month and year: months 1-12 as rows, one column per year.

    The static twin of :func:`monthly_revenue_explorer`. A month without orders is 0.

    >>> lines = pd.DataFrame({"order_date": pd.to_datetime(["2024-01-05", "2024-01-20", "2025-02-01"]),
    ...     "revenue": [10.0, 5.0, 7.0]})
    >>> revenue_by_month(lines).loc[[1, 2]]
    year   2024  2025
    month
    1      15.0   0.0
    2       0.0   7.0
    """
    require_frame(order_lines, "order_lines", ["order_date", "revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    dates = order_lines["order_date"]
    table = order_lines.groupby([dates.dt.month.rename("month"), dates.dt.year.rename("year")])[
        "revenue"
    ].sum()
    table = table.unstack("year", fill_value=0.0).reindex(range(1, 13), fill_value=0.0)
    table.index.name = "month"
    return table.astype("float64")


def monthly_revenue_explorer(order_lines: pd.DataFrame) -> Any:
    """A year slider, redrawing that year's revenue month by month (best month highlighted).

    Wraps :func:`revenue_by_month`, the static twin to show beside it.

    >>> import contextlib, io
    >>> lines = pd.DataFrame({"order_date": pd.to_datetime(["2024-01-05", "2025-02-01"]),
    ...     "revenue": [10.0, 7.0]})
    >>> with contextlib.redirect_stdout(io.StringIO()):  # no notebook here to show the figure
    ...     box = monthly_revenue_explorer(lines)
    >>> (box.children[0].description, box.children[0].min, box.children[0].max)
    ('Year', 2024, 2025)
    """
    import calendar

    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from crmkit import style

    table = revenue_by_month(order_lines)  # validates before any widget exists
    if table.columns.empty:
        raise ValueError("order_lines has no rows: there is no revenue to explore.")
    years = [int(year) for year in table.columns]
    year = style.slider("IntSlider", "Year", years[-1], years[0], years[-1], 1)
    output = widgets.Output()

    def redraw(*_: Any) -> None:
        shown = year.value if year.value in table.columns else years[-1]
        thousands = (table[shown] / 1000).round(0)
        thousands.index = [calendar.month_abbr[month] for month in thousands.index]
        with output:
            output.clear_output(wait=True)
            ax = style.bar(
                thousands,
                f"Revenue per month in {shown}: {thousands.sum():,.0f} thousand CNY",
                ylabel="Thousand CNY",
                highlight=thousands.idxmax(),
            )
            display(ax.figure)
            plt.close(ax.figure)

    year.observe(redraw, names="value")
    redraw()
    return explorer_box("Revenue explorer", [year, output])
