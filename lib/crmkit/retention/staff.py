"""Loyal employees, loyal customers (员工忠诚与客户忠诚): staff turnover beside customer retention.

Customers keep a relationship with the people who serve them; a team that keeps changing its
people keeps breaking those relationships. Per team, :func:`team_retention` puts the team's
``staff_turnover_rate`` (a loyalty metric of the company's own people) beside the year-on-year
retention rate of the customers it serves. Compare teams that serve the same kind of customer
(``serves``): wholesale accounts stay far longer than consumers whatever the team does.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import require_frame, require_numeric, require_positive_int
from crmkit.retention._shared import _orders


def team_retention(
    order_lines: pd.DataFrame, customers: pd.DataFrame, teams: pd.DataFrame, year: int = 2025
) -> pd.DataFrame:
    """Per team: ``serves``, ``staff_turnover_rate``, ``employee_satisfaction``,
    ``active_before`` (its customers who ordered in ``year`` - 1), ``retained`` (of those, who
    ordered in ``year``) and ``retention_rate``. Index ``team_id``.

    >>> lines = pd.DataFrame({"order_id": ["O1", "O2", "O3"], "customer_id": ["A", "B", "A"],
    ...     "order_date": pd.to_datetime(["2024-02-01", "2024-03-01", "2025-02-01"])})
    >>> customers = pd.DataFrame({"customer_id": ["A", "B"], "team_id": ["T1", "T1"]})
    >>> teams = pd.DataFrame({"team_id": ["T1"], "serves": ["retail"],
    ...     "staff_turnover_rate": [0.2], "employee_satisfaction": [3.5]})
    >>> team_retention(lines, customers, teams)["retention_rate"].tolist()
    [0.5]
    """
    require_frame(customers, "customers", ["customer_id", "team_id"])
    columns = ["serves", "staff_turnover_rate", "employee_satisfaction"]
    require_frame(teams, "teams", ["team_id", *columns])
    require_numeric(teams, "teams", ["staff_turnover_rate", "employee_satisfaction"])
    year = require_positive_int(year, "year", minimum=1900)
    orders = _orders(order_lines)
    years = orders["order_date"].dt.year
    before = set(orders.loc[years == year - 1, "customer_id"])
    if not before:
        raise ValueError(f"No customer ordered in {year - 1}: choose a year with a year before it.")
    now = set(orders.loc[years == year, "customer_id"])
    team_of = customers.set_index(customers["customer_id"].astype("string"))["team_id"]
    base = pd.DataFrame({"customer_id": sorted(before)})
    base["team_id"] = base["customer_id"].map(team_of).astype("string")
    base["retained"] = base["customer_id"].isin(now)
    per_team = base.groupby("team_id")["retained"].agg(active_before="count", retained="sum")
    table = teams.set_index(teams["team_id"].astype("string"))[columns].join(per_team, how="left")
    table[["active_before", "retained"]] = table[["active_before", "retained"]].fillna(0).astype("int64")
    table["retention_rate"] = (table["retained"] / table["active_before"].where(
        table["active_before"] > 0)).round(4)  # fmt: skip
    return table.rename_axis("team_id")
