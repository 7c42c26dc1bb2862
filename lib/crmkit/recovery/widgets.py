"""Chapter 09's explorer: a budget and an offer per reason group, and what the plan would return.

ipywidgets is imported only when an explorer is built, so importing this module stays fast.
The lesson also shows the wrapped pure functions' static results (``recovery.best_plan`` and
``recovery.plan_return``), so the page reads well without a live kernel.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit.explorer import explorer
from crmkit.recovery._shared import SKIP
from crmkit.recovery.targeting import best_plan, plan_return


def targeting_explorer(cells: pd.DataFrame, customers: pd.Series, budget: float = 5000.0) -> Any:
    """A budget slider and one offer menu per group; redraws the plan's expected value.

    The menus start at :func:`crmkit.recovery.best_plan` for ``budget``; moving the budget
    resets them to the best plan for the new budget. A plan over budget says so. Wraps
    :func:`crmkit.recovery.plan_return` (the static twin to show beside it).

    >>> import contextlib, io
    >>> cells = pd.DataFrame({"response_rate": [0.5, 0.1], "profit_per_returner": [100.0, 50.0],
    ...     "cost_per_contact": [27.0, 12.0], "expected_value": [23.0, -7.0]},
    ...     index=pd.MultiIndex.from_tuples([("service", "apology_call"), ("gone", "none")]))
    >>> with contextlib.redirect_stdout(io.StringIO()):  # no notebook here to show the figure
    ...     box = targeting_explorer(cells, pd.Series({"service": 10, "gone": 20}), budget=1000)
    >>> [control.description for control in box.children[:3]]
    ['budget (CNY)', 'service', 'gone']
    """
    start = best_plan(cells, customers, budget)  # validates everything before any widget exists
    plan_return(start, cells, customers)
    import ipywidgets
    import matplotlib.pyplot as plt

    from crmkit import style
    from crmkit.recovery import plots

    most = float((customers * cells["cost_per_contact"].groupby(level=0).max()).sum())
    budget_slider = style.slider("FloatSlider", "budget (CNY)", float(budget), 0.0,
                                 max(most, float(budget)), 500.0)  # fmt: skip
    menus = [
        ipywidgets.Dropdown(
            description=str(group),
            options=[SKIP, *[offer for g, offer in cells.index if g == group]],
            value=start[str(group)],
        )
        for group in customers.index
    ]

    def follow_budget(change: dict[str, Any]) -> None:
        for menu, (_, offer) in zip(
            menus, best_plan(cells, customers, change["new"]).items(), strict=True
        ):
            menu.value = offer

    budget_slider.observe(follow_budget, names="value")

    def draw() -> Any:
        plan = {str(group): menu.value for group, menu in zip(customers.index, menus, strict=True)}
        table = plan_return(plan, cells, customers)
        if table.loc["total", "cost"] > budget_slider.value + 1e-9:
            print(f"Over budget: this plan costs {table.loc['total', 'cost']:,.0f} CNY.")
        with style.course_style():
            fig, ax = plt.subplots(figsize=(7.5, 3.4))
            plots.plan_chart(table, budget=budget_slider.value, ax=ax)
        return fig

    return explorer("Win-back targeting explorer", [budget_slider, *menus], draw)
