"""A targeting plan under a budget: whom to contact with which offer, and what it would return.

A plan gives each reason group an offer, or ``"skip"``. :func:`plan_return` says what the
campaign's randomised test expects it to return: for each group, the number of lost customers
times the response rate, profit per returner and cost per contact that the campaign measured
for that group and offer. :func:`best_plan` tries every plan and keeps the one with the
highest expected value whose cost fits the budget. Both read the estimates from the same
campaign they judge, so the best plan's figure flatters it a little (the winner's curse): a
new campaign would test it again.
"""

from __future__ import annotations

import itertools

import pandas as pd

from crmkit._validate import require_amount, require_frame, require_numeric, require_series
from crmkit.recovery._shared import SKIP

_CELL_COLUMNS = ("response_rate", "profit_per_returner", "cost_per_contact", "expected_value")


def _checked(cells: object, customers: object) -> tuple[pd.DataFrame, pd.Series]:
    require_frame(cells, "cells", _CELL_COLUMNS)
    require_numeric(cells, "cells", ["response_rate", "cost_per_contact", "expected_value"])
    if not isinstance(cells.index, pd.MultiIndex) or cells.index.nlevels != 2 or cells.empty:
        raise ValueError(
            "cells must have one row per (group, offer): use "
            "recovery.campaign_economics(winback, profit_after, by=['reason_group', 'offer'])."
        )
    counts = require_series(customers, "customers", "lost customers per group", True, False)
    if (counts < 0).any():
        raise ValueError("customers must be counts of 0 or more.")
    groups = set(cells.index.get_level_values(0))
    unknown = sorted(map(str, set(counts.index) - groups))
    if unknown:
        raise ValueError(f"customers names groups that cells lacks: {', '.join(unknown)}.")
    return cells, counts


def plan_return(plan: dict[str, str], cells: pd.DataFrame, customers: pd.Series) -> pd.DataFrame:
    """What a plan would return, by the campaign's estimates: one row per group and a total.

    ``plan`` maps each group of ``customers`` (lost customers per group, e.g. per reason
    group) to an offer or ``"skip"``; ``cells`` is ``campaign_economics(..., by=[group, offer])``.
    Columns: ``offer``, ``customers`` (contacted), ``expected_returns``, ``cost`` (contacts and
    cash offers), ``expected_profit`` (the returners' profit) and ``expected_value`` (profit -
    cost). The last row, ``total``, adds them up.

    >>> cells = pd.DataFrame({"response_rate": [0.5, 0.1], "profit_per_returner": [100.0, 50.0],
    ...     "cost_per_contact": [27.0, 12.0], "expected_value": [23.0, -7.0]},
    ...     index=pd.MultiIndex.from_tuples([("service", "apology_call"), ("gone", "none")]))
    >>> plan_return({"service": "apology_call", "gone": "skip"}, cells,
    ...     pd.Series({"service": 10, "gone": 20}))[["customers", "cost", "expected_value"]]
             customers   cost  expected_value
    service         10  270.0           230.0
    gone             0    0.0             0.0
    total           10  270.0           230.0
    """
    cells, counts = _checked(cells, customers)
    if not isinstance(plan, dict):
        raise TypeError(
            f"plan must be a dict of group -> offer (or 'skip'), not {type(plan).__name__}."
        )
    missing = [str(group) for group in counts.index if group not in plan]
    if missing:
        raise ValueError(f"plan has no offer (or 'skip') for: {', '.join(missing)}.")
    rows = {}
    for group, count in counts.items():
        offer = plan[group]
        if offer == SKIP:
            rows[group] = [SKIP, 0, 0.0, 0.0, 0.0, 0.0]
            continue
        if (group, offer) not in cells.index:
            raise ValueError(
                f"plan gives {group!r} the offer {offer!r}, which cells does not have."
            )
        cell = cells.loc[(group, offer)]
        profit = cell["profit_per_returner"] if pd.notna(cell["profit_per_returner"]) else 0.0
        returns = count * cell["response_rate"]
        cost = count * cell["cost_per_contact"]
        rows[group] = [offer, int(count), returns, cost, returns * profit, returns * profit - cost]
    columns = [
        "offer",
        "customers",
        "expected_returns",
        "cost",
        "expected_profit",
        "expected_value",
    ]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    total = table.drop(columns="offer").sum()
    table.loc["total"] = ["", *total.to_numpy()]
    table = table.astype({"customers": "int64"})
    return table.round(
        {"expected_returns": 2, "cost": 2, "expected_profit": 2, "expected_value": 2}
    )


def best_plan(cells: pd.DataFrame, customers: pd.Series, budget: float) -> dict[str, str]:
    """The plan with the highest expected value whose cost fits ``budget`` (CNY), trying every plan.

    Each group gets one of the offers ``cells`` has for it, or ``"skip"``. Ties keep the
    cheaper plan. See :func:`plan_return` for the arguments.

    >>> cells = pd.DataFrame({"response_rate": [0.5, 0.1], "profit_per_returner": [100.0, 50.0],
    ...     "cost_per_contact": [27.0, 12.0], "expected_value": [23.0, -7.0]},
    ...     index=pd.MultiIndex.from_tuples([("service", "apology_call"), ("gone", "none")]))
    >>> best_plan(cells, pd.Series({"service": 10, "gone": 20}), budget=1000)
    {'service': 'apology_call', 'gone': 'skip'}
    """
    cells, counts = _checked(cells, customers)
    budget = require_amount(budget, "budget")
    choices = [[SKIP, *[offer for g, offer in cells.index if g == group]] for group in counts.index]
    value = {key: cells.loc[key, "expected_value"] for key in cells.index}
    cost = {key: cells.loc[key, "cost_per_contact"] for key in cells.index}
    best, best_key = {group: SKIP for group in counts.index}, (0.0, 0.0)
    for combo in itertools.product(*choices):
        picked = [(g, o) for g, o in zip(counts.index, combo, strict=True) if o != SKIP]
        spend = sum(counts[g] * cost[(g, o)] for g, o in picked)
        gain = sum(counts[g] * value[(g, o)] for g, o in picked)
        if spend <= budget + 1e-9 and (gain, -spend) > (best_key[0], -best_key[1]):
            best, best_key = dict(zip(counts.index, combo, strict=True)), (gain, spend)
    return {str(group): str(offer) for group, offer in best.items()}
