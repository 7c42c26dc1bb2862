"""Chapter 03's explorer: which prospecting methods a budget pays for.

ipywidgets is imported only when an explorer is built, so importing this
module stays fast. The lesson also shows the wrapped pure function's static
result, so the page reads well without a live kernel.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit.acquisition.budget import allocate_budget
from crmkit.explorer import explorer_box
from crmkit.style import slider


def budget_explorer(economics: pd.DataFrame) -> Any:
    """A budget slider and a ranking choice, redrawing which prospecting methods get money.

    Wraps :func:`crmkit.acquisition.allocate_budget`; its static twin is
    :func:`crmkit.acquisition.budget_scenarios`. ``economics`` is the table of
    :func:`crmkit.acquisition.method_economics`.

    >>> import contextlib, io
    >>> economics = pd.DataFrame({"cac": [1000.0, 4000.0], "first_year_gross_profit": [2e4, 3e4],
    ...     "capacity": [1e5, 2e5], "value_to_cost": [20.0, 7.5], "cost_per_lead": [250.0, 400.0]},
    ...     index=["referral", "events"])
    >>> with contextlib.redirect_stdout(io.StringIO()):  # no notebook here to show the figure
    ...     box = budget_explorer(economics)
    >>> [control.description for control in box.children[:2]]
    ['Budget (CNY)', 'Rank by']
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display
    from matplotlib.ticker import FuncFormatter

    from crmkit import style

    # Validate once, before any widget exists, so mistakes show as clear errors.
    allocate_budget(economics, 0)
    # profit after every cost, when economics has it (method_economics with the cost tables)
    value, what = ("first_year_profit", "profit") if "profit_to_cost" in economics else (
        "first_year_gross_profit", "gross profit")  # fmt: skip
    rankings = {
        "profit-to-cost (best first)": ("profit_to_cost", False),
        "value-to-cost (best first)": ("value_to_cost", False),
        "CAC (cheapest customer first)": ("cac", True),
        "cost per lead (cheapest lead first)": ("cost_per_lead", True),
    }
    if "profit_to_cost" not in economics:
        rankings.pop("profit-to-cost (best first)")
    budget = slider("IntSlider", "Budget (CNY)", 200_000, 20_000, 400_000, 20_000)
    budget.readout_format = ","  # 340,000 rather than 340000
    ranking = widgets.Dropdown(options=list(rankings), description="Rank by")
    output = widgets.Output()

    def redraw(*_: Any) -> None:
        rank_by, ascending = rankings[ranking.value]
        if rank_by not in economics.columns:
            return
        plan = allocate_budget(economics, budget.value, rank_by, ascending, value)
        funded = plan[plan["spend"] > 0]
        with output:
            output.clear_output(wait=True)
            ax = style.bar(
                funded["spend"].round(0),
                f"{funded['customers'].sum():.0f} customers, "
                f"{funded[value.removeprefix('first_year_')].sum() / 1e6:.2f} million CNY "
                f"first-year {what}",
                xlabel="Spend (CNY)",
                horizontal=True,
            )
            ax.xaxis.set_major_formatter(FuncFormatter(lambda number, _: f"{number:,.0f}"))
            display(ax.figure)
            plt.close(ax.figure)

    budget.observe(redraw, names="value")
    ranking.observe(redraw, names="value")
    redraw()
    return explorer_box("Budget explorer", [budget, ranking, output])
