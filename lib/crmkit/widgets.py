"""Interactive explorers. Each one is a thin shell around a pure, tested function.

ipywidgets is imported only when an explorer is built, so ``import crmkit``
stays fast. In a notebook, the lesson also shows the pure function's static
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

    from crmkit import plots

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
            ax = plots.bar(
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


def budget_explorer(economics: pd.DataFrame) -> Any:
    """A budget slider and a ranking choice, redrawing which prospecting methods get money.

    Wraps :func:`crmkit.acquisition.allocate_budget`; its static twin is
    :func:`crmkit.acquisition.budget_scenarios`. ``economics`` is the table of
    :func:`crmkit.acquisition.method_economics`.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from crmkit import acquisition, plots

    # Validate once, before any widget exists, so mistakes show as clear errors.
    acquisition.allocate_budget(economics, 0)
    rankings = {
        "value-to-cost (best first)": ("value_to_cost", False),
        "CAC (cheapest customer first)": ("cac", True),
        "cost per lead (cheapest lead first)": ("cost_per_lead", True),
    }
    budget = widgets.IntSlider(
        value=200_000,
        min=20_000,
        max=400_000,
        step=20_000,
        description="Budget (CNY)",
        continuous_update=False,
        style={"description_width": "initial"},
    )
    ranking = widgets.Dropdown(options=list(rankings), description="Rank by")
    output = widgets.Output()

    def redraw(*_: Any) -> None:
        rank_by, ascending = rankings[ranking.value]
        if rank_by not in economics.columns:
            return
        plan = acquisition.allocate_budget(economics, budget.value, rank_by, ascending)
        funded = plan[plan["spend"] > 0]
        with output:
            output.clear_output(wait=True)
            ax = plots.bar(
                funded["spend"].round(0),
                f"{funded['customers'].sum():.0f} customers, "
                f"{funded['gross_profit'].sum() / 1e6:.2f} million CNY first-year gross profit",
                ylabel="CNY",
                horizontal=True,
            )
            display(ax.figure)
            plt.close(ax.figure)

    budget.observe(redraw, names="value")
    ranking.observe(redraw, names="value")
    redraw()
    return widgets.VBox([budget, ranking, output])


# --------------------------------------------------------------------------- chapter 02


def good_customer_explorer(traits: pd.DataFrame, n: int = 15) -> Any:
    """One slider per trait weight, redrawing the top ``n`` customers by good-customer score.

    Wraps :func:`crmkit.selection.top_customers` (the static twin to show beside it).
    Bars of customers who are not in the equal-weights top ``n`` are highlighted.

    >>> import contextlib, io
    >>> traits = pd.DataFrame({"purchase_power": [1.0, 0.5, 0.2], "profitability": [0.5, 1.0, 0.2],
    ...     "payment": [0.5, 1.0, 0.2], "cost_to_serve": [0.5, 1.0, 0.2],
    ...     "prospects": [1.0, 0.5, 0.2]}, index=["A", "B", "C"])
    >>> with contextlib.redirect_stdout(io.StringIO()):  # no notebook here to show the figure
    ...     box = good_customer_explorer(traits, n=2)
    >>> [slider.description for slider in box.children[:5]]
    ['purchase_power', 'profitability', 'payment', 'cost_to_serve', 'prospects']
    """
    from crmkit import selection

    # Validate once, before any widget exists, so mistakes show as clear errors.
    baseline = selection.top_customers(traits, None, n)
    n = len(baseline) if len(baseline) < n else n
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from crmkit import plots

    sliders = {
        trait: widgets.FloatSlider(
            value=1.0,
            min=0.0,
            max=3.0,
            step=0.5,
            description=trait,
            continuous_update=False,
            style={"description_width": "initial"},
        )
        for trait in selection.TRAITS
    }
    output = widgets.Output()
    base_top = set(baseline.index)

    def redraw(_change: object = None) -> None:
        weights = {trait: slider.value for trait, slider in sliders.items()}
        with output:
            output.clear_output(wait=True)
            if sum(weights.values()) <= 0:
                print("Give at least one trait a weight above 0.")
                return
            top = selection.top_customers(traits, weights, n)
            new = [customer not in base_top for customer in top.index]
            with plots.course_style():
                fig, ax = plt.subplots(figsize=(7.5, 0.28 * n + 1.2))
                colours = [plots.PALETTE[1] if flag else plots.PALETTE[0] for flag in new]
                ax.barh([str(c) for c in top.index], top["score"].to_numpy(), color=colours)
                ax.invert_yaxis()
                ax.set_xlim(0, 100)
                ax.grid(axis="x")
                ax.grid(axis="y", visible=False)
                ax.set_xlabel("Good-customer score (0-100)")
                ax.set_title(f"Top {n}: {n - sum(new)} also in the equal-weights top {n}")
            display(fig)
            plt.close(fig)

    for slider in sliders.values():
        slider.observe(redraw, names="value")
    redraw()
    return widgets.VBox([*sliders.values(), widgets.Label("orange = new in the top"), output])
