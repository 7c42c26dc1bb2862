"""Chapter 01's explorer: how the state thresholds change the customer counts.

ipywidgets is imported only when an explorer is built, so importing this
module stays fast. The lesson also shows the wrapped pure function's static
result, so the page reads well without a live kernel.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit import value
from crmkit._validate import require_positive_int


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
    return widgets.VBox([slider, widgets.Label("days without a purchase"), output])


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
