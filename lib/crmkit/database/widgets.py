"""Chapter 04's explorer: how strict the "stopped ordering" warning is.

ipywidgets is imported only when the explorer is built, so importing this
module stays fast. The lesson also shows the wrapped pure function's static
result (:func:`stopped_by_silence_factor`), so the page reads well without a
live kernel.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit._validate import require_number
from crmkit.database.early_warnings import buying_intervals, stopped_ordering_warnings
from crmkit.database.schema import DEFAULT_RULES
from crmkit.explorer import explorer_box
from crmkit.vocabulary import AS_OF


def stopped_by_silence_factor(
    customers: pd.DataFrame, order_lines: pd.DataFrame, factors: list[float], as_of: object = AS_OF
) -> pd.DataFrame:
    """How many business accounts the stopped-ordering warning flags, for several factors.

    The static twin of :func:`silence_explorer`: one row per ``silence_factor``
    (silent for longer than factor x the account's usual interval), with the
    count of ``flagged`` accounts and the ``longest_usual_interval`` among them.

    >>> customers = pd.DataFrame({"customer_id": ["B1", "B2"], "segment": ["business"] * 2})
    >>> lines = pd.DataFrame({"customer_id": ["B1"] * 4 + ["B2"] * 4,
    ...     "order_date": pd.to_datetime(["2025-11-01", "2025-11-08", "2025-11-15", "2025-11-22",
    ...         "2025-03-01", "2025-06-01", "2025-09-01", "2025-12-01"])})
    >>> stopped_by_silence_factor(customers, lines, [2, 6])
                   flagged  longest_usual_interval
    silence_factor
    2.0                  1                     7.0
    6.0                  0                     NaN
    """
    if not isinstance(factors, list | tuple) or not factors:
        raise ValueError("factors must be a non-empty list of numbers, e.g. [2, 3, 4].")
    rows = {}
    for factor in factors:
        factor = require_number(factor, "each of factors", minimum=0.0, strict=True)
        flagged = stopped_ordering_warnings(customers, order_lines, as_of, factor)
        longest = flagged["usual_interval"].max() if len(flagged) else float("nan")
        rows[float(factor)] = {"flagged": len(flagged), "longest_usual_interval": longest}
    table = pd.DataFrame.from_dict(rows, orient="index").astype({"flagged": "int64"})
    table.index.name = "silence_factor"
    return table


def silence_explorer(
    customers: pd.DataFrame, order_lines: pd.DataFrame, as_of: object = AS_OF
) -> Any:
    """A slider for the warning's silence factor, redrawing who is flagged against a fixed rule.

    Wraps :func:`crmkit.database.stopped_ordering_warnings` (the accounts
    flagged) and draws :func:`crmkit.database.plots.silence_scatter`; its static
    twin is :func:`stopped_by_silence_factor`.

    >>> import contextlib, io
    >>> customers = pd.DataFrame({"customer_id": ["B1"], "segment": ["business"]})
    >>> lines = pd.DataFrame({"customer_id": ["B1"] * 4, "order_date": pd.to_datetime(
    ...     ["2025-11-01", "2025-11-08", "2025-11-15", "2025-11-22"])})
    >>> with contextlib.redirect_stdout(io.StringIO()):  # no notebook here to show the figure
    ...     box = silence_explorer(customers, lines)
    >>> box.children[0].description, box.children[0].value
    ('Silent longer than (x usual interval)', 3.0)
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from crmkit import style
    from crmkit.database.plots import silence_scatter

    # Validate once, before any widget exists, so mistakes show as clear errors.
    stopped_ordering_warnings(customers, order_lines, as_of)
    business = customers.loc[customers["segment"].astype("string") == "business", "customer_id"]
    intervals = buying_intervals(order_lines, as_of)
    rhythm = intervals[
        intervals["customer_id"].isin(set(business.astype("string")))
        & (intervals["order_days"] >= DEFAULT_RULES["min_order_days"])
    ]
    factor = style.slider(
        "FloatSlider",
        "Silent longer than (x usual interval)",
        float(DEFAULT_RULES["silence_factor"]),
        1.5,
        6.0,
        0.5,
    )
    output = widgets.Output()

    def redraw(*_: Any) -> None:
        flagged = stopped_ordering_warnings(customers, order_lines, as_of, factor.value)
        with output:
            output.clear_output(wait=True)
            ax = silence_scatter(
                rhythm, factor.value, max_silence_days=DEFAULT_RULES["max_silence_days"]
            )
            ax.set_title(
                f"{len(flagged)} accounts flagged when silent > {factor.value:g} x usual interval"
            )
            display(ax.figure)
            plt.close(ax.figure)

    factor.observe(redraw, names="value")
    redraw()
    return explorer_box("Silence explorer", [factor, output])
