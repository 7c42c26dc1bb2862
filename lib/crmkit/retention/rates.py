"""Retention and churn rates (保留率 流失率), defined per period.

**Retention rate of period p** = of the customers who ordered in period p - 1, the share who
ordered in period p too. **Churn rate** = 1 - retention rate. Both depend on the period
length: a consumer who buys tea twice a year is "lost" in most months and retained in most
years, so always say which period a rate is for. Only whole periods up to ``as_of`` count.

What a lost customer walks out with, on the company's own figures (:func:`walkout_table`):
a year's revenue and gross profit of an active customer, times the years a customer stays on
average (1 / churn rate, when the churn rate stays the same every year).
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_numeric,
    require_positive_int,
)
from crmkit.retention._shared import _frequency, _orders, _periods
from crmkit.vocabulary import AS_OF, SEGMENTS


def retention_rates(
    order_lines: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    segment: str | None = None,
    freq: str = "Y",
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """Retention and churn rate of every whole period after the first, up to ``as_of``.

    ``segment`` ("business" or "consumer", with ``customers`` to look it up; None: everyone),
    ``freq`` the period: "Y" (year), "Q" (quarter) or "M" (month). One row per period
    (index ``period``, text like "2025"): ``active_before`` (customers who ordered in the
    period before), ``retained`` (of those, who ordered in this period too),
    ``retention_rate`` and ``churn_rate`` (fractions).

    >>> lines = pd.DataFrame({"order_id": ["O1", "O2", "O3", "O4"],
    ...     "customer_id": ["A", "B", "A", "C"],
    ...     "order_date": pd.to_datetime(["2024-03-01", "2024-05-01", "2025-02-01", "2025-06-01"])})
    >>> retention_rates(lines, as_of="2025-12-31")
            active_before  retained  retention_rate  churn_rate
    period
    2025                2         1             0.5         0.5
    """
    freq = _frequency(freq)
    orders = _orders(order_lines, customers, segment, as_of)
    last_whole = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    period = _periods(orders["order_date"], freq)
    complete = (period.dt.end_time < last_whole).to_numpy()
    pairs = pd.DataFrame({"customer_id": orders["customer_id"], "period": period})[complete]
    pairs = pairs.drop_duplicates()
    if pairs["period"].nunique() < 2:
        raise ValueError(
            "There are fewer than two whole periods of orders up to as_of: a retention rate "
            "needs a period before and a period after. Use a shorter freq or a later as_of."
        )
    before = pairs.assign(period=pairs["period"] + 1)
    kept = before.merge(pairs, on=["customer_id", "period"], how="inner")
    first = pairs["period"].min()
    last = pd.Period(last_whole, freq=first.freq) - 1
    index = pd.period_range(first + 1, last, freq=first.freq)
    table = pd.DataFrame(
        {
            "active_before": before["period"].value_counts().reindex(index, fill_value=0),
            "retained": kept["period"].value_counts().reindex(index, fill_value=0),
        }
    ).astype("int64")
    table["retention_rate"] = (table["retained"] / table["active_before"].where(
        table["active_before"] > 0)).round(4)  # fmt: skip
    table["churn_rate"] = (1 - table["retention_rate"]).round(4)
    table.index = pd.Index(index.astype(str), name="period")
    return table


def walkout_table(
    customers: pd.DataFrame, order_lines: pd.DataFrame, year: int = AS_OF.year
) -> pd.DataFrame:
    """What a lost customer of each segment walks out with, from ``year``'s figures.

    One row per segment: ``active`` (customers who ordered in ``year``), ``revenue_per_year``
    and ``gross_profit_per_year`` (means per active customer, CNY), ``retention_rate``
    (year-on-year, :func:`retention_rates`), ``expected_years`` = 1 / (1 - retention rate),
    ``walkout_revenue`` and ``walkout_profit`` (per year x expected years), and
    ``acquisition_cost`` (mean over the customers who signed up in ``year``).

    >>> from crmkit import data
    >>> table = walkout_table(data.load_customers(), data.load_order_lines())
    >>> table.index.tolist(), bool((table["walkout_profit"] > 0).all())
    (['business', 'consumer'], True)
    """
    require_frame(customers, "customers", ["customer_id", "segment", "signup_date",
                                           "acquisition_cost"])  # fmt: skip
    require_dates(customers, "customers", ["signup_date"])
    require_numeric(customers, "customers", ["acquisition_cost"])
    require_frame(order_lines, "order_lines", ["order_id", "customer_id", "order_date", "revenue",
                                               "cost_of_goods"])  # fmt: skip
    require_numeric(order_lines, "order_lines", ["revenue", "cost_of_goods"], allow_missing=False)
    year = require_positive_int(year, "year", minimum=1900)
    as_of = pd.Timestamp(f"{year}-12-31")
    rows = {}
    for segment in SEGMENTS:
        try:
            rates = retention_rates(order_lines, customers, segment, "Y", as_of)
        except ValueError:
            rates = pd.DataFrame()
        if str(year) not in rates.index:
            raise ValueError(f"year must have a year of {segment} orders before it; {year} has none.")
        ids = customers.loc[customers["segment"] == segment, "customer_id"].astype("string")
        lines = order_lines[
            order_lines["customer_id"].astype("string").isin(ids)
            & (order_lines["order_date"].dt.year == year)
        ]
        sums = lines.groupby(lines["customer_id"].astype("string"))[["revenue", "cost_of_goods"]].sum()
        retention = float(rates.loc[str(year), "retention_rate"])
        signed = customers[(customers["segment"] == segment)
                           & (customers["signup_date"].dt.year == year)]  # fmt: skip
        rows[segment] = {
            "active": len(sums),
            "revenue_per_year": sums["revenue"].mean(),
            "gross_profit_per_year": (sums["revenue"] - sums["cost_of_goods"]).mean(),
            "retention_rate": retention,
            "expected_years": 1 / (1 - retention) if retention < 1 else float("inf"),
            "acquisition_cost": signed["acquisition_cost"].mean(),
        }
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("segment")
    table["walkout_revenue"] = table["revenue_per_year"] * table["expected_years"]
    table["walkout_profit"] = table["gross_profit_per_year"] * table["expected_years"]
    table["active"] = table["active"].astype("int64")
    columns = ["active", "revenue_per_year", "gross_profit_per_year", "retention_rate",
               "expected_years", "walkout_revenue", "walkout_profit", "acquisition_cost"]  # fmt: skip
    return table[columns].round(2)
