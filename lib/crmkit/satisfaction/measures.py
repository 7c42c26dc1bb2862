"""The book's measures of satisfaction, and which of them this company's data can give.

The book names six (:data:`MEASURES`): reputation (美誉度), brand naming or aided recall
(指名度), repeat rate (回头率), complaint rate (投诉率), purchase amount (购买额) and price
sensitivity (对价格的敏感度). Five can be read from the tables; aided recall needs a market
survey of non-customers that this company never ran.

:func:`satisfaction_measures` computes the five per satisfaction box, over the ``days`` after
each respondent's survey date: ``repeat_rate`` (share who ordered), ``complaint_rate`` (share
who complained), ``purchase_amount`` (mean revenue per respondent, CNY), ``discount_share``
(share of their list-price value given away as discount: the more a customer only buys on
discount, the more price sensitive) and ``referrals`` (customers they brought, per respondent:
reputation shown in deeds).
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import (
    require_column_name,
    require_dates,
    require_frame,
    require_numeric,
    require_positive_int,
)

MEASURES = {
    "reputation": ("美誉度", "customers", "customers they referred (customers.referred_by)"),
    "aided_recall": ("指名度", None, "not in the data: needs a market survey of non-customers"),
    "repeat_rate": ("回头率", "order_lines", "share of respondents who ordered again"),
    "complaint_rate": ("投诉率", "complaints", "share of respondents who complained"),
    "purchase_amount": ("购买额", "order_lines", "revenue per respondent"),
    "price_sensitivity": ("对价格的敏感度", "order_lines", "discount share of what they bought"),
}
"""Measure -> (中文, the table that gives it or None, how)."""
AMOUNTS = ("revenue", "quantity", "unit_price")


def _after_survey(survey: pd.DataFrame, events: pd.DataFrame, date: str, days: int) -> pd.DataFrame:
    """Rows of ``events`` within ``days`` after the customer's survey date, with ``_row``."""
    respondents = survey[["customer_id", "survey_date"]].reset_index(names="_row")
    joined = respondents.merge(events, on="customer_id", how="inner")
    elapsed = (joined[date] - joined["survey_date"]).dt.days
    return joined[(elapsed > 0) & (elapsed <= days)]


def satisfaction_measures(
    survey: pd.DataFrame,
    order_lines: pd.DataFrame,
    complaints: pd.DataFrame,
    customers: pd.DataFrame,
    by: str = "overall_satisfaction",
    days: int = 365,
) -> pd.DataFrame:
    """The five measures the data gives (module docstring), per value of column ``by``.

    >>> survey = pd.DataFrame({"customer_id": ["C1", "C2"], "overall_satisfaction": [5, 2],
    ...                        "survey_date": pd.to_datetime(["2024-03-01"] * 2)})
    >>> lines = pd.DataFrame({"customer_id": ["C1"], "order_date": pd.to_datetime(["2024-05-01"]),
    ...     "revenue": [90.0], "quantity": [1], "unit_price": [100.0]})
    >>> complaints = pd.DataFrame({"customer_id": ["C2"],
    ...                            "complaint_date": pd.to_datetime(["2024-04-01"])})
    >>> customers = pd.DataFrame({"customer_id": ["C1", "C2", "C9"], "referred_by": [None, None, "C1"],
    ...     "signup_date": pd.to_datetime(["2023-01-01", "2023-01-01", "2024-06-01"])})
    >>> satisfaction_measures(survey, lines, complaints, customers).loc[5].tolist()
    [1.0, 1.0, 0.0, 90.0, 0.1, 1.0]
    """
    require_column_name(by)
    needed = {
        "survey": (survey, ["customer_id", "survey_date", by], "survey_date"),
        "order_lines": (order_lines, ["customer_id", "order_date", *AMOUNTS], "order_date"),
        "complaints": (complaints, ["customer_id", "complaint_date"], "complaint_date"),
        "customers": (customers, ["customer_id", "referred_by", "signup_date"], "signup_date"),
    }
    for argument, (frame, columns, date) in needed.items():
        require_frame(frame, argument, columns)
        require_dates(frame, argument, [date])
    require_numeric(order_lines, "order_lines", list(AMOUNTS), allow_missing=False)
    days = require_positive_int(days, "days")
    lines = _after_survey(
        survey, order_lines[["customer_id", "order_date", "revenue", "quantity", "unit_price"]],
        "order_date", days,
    )  # fmt: skip
    complained = _after_survey(survey, complaints[["customer_id", "complaint_date"]],
                               "complaint_date", days)  # fmt: skip
    referred = customers.loc[customers["referred_by"].notna(), ["referred_by", "signup_date"]]
    referred = referred.rename(columns={"referred_by": "customer_id"})
    brought = _after_survey(survey, referred, "signup_date", days)
    rows = survey.index.to_series().reset_index(drop=True)
    per_row = pd.DataFrame(
        {
            "ordered": rows.isin(lines["_row"]),
            "complained": rows.isin(complained["_row"]),
            "revenue": lines.groupby("_row")["revenue"].sum().reindex(rows, fill_value=0).to_numpy(),
            "list_value": (lines["quantity"] * lines["unit_price"]).groupby(lines["_row"]).sum()
            .reindex(rows, fill_value=0).to_numpy(),
            "referrals": brought["_row"].value_counts().reindex(rows, fill_value=0).to_numpy(),
        }
    )  # fmt: skip
    per_row.index = rows.index
    grouped = per_row.groupby(survey[by].to_numpy())
    sums = grouped.sum()
    table = pd.DataFrame(
        {
            "respondents": grouped.size(),
            "repeat_rate": grouped["ordered"].mean(),
            "complaint_rate": grouped["complained"].mean(),
            "purchase_amount": grouped["revenue"].mean(),
            "discount_share": 1
            - sums["revenue"] / sums["list_value"].where(sums["list_value"] > 0),
            "referrals": grouped["referrals"].mean(),
        }
    )
    return table.round(4).rename_axis(by)
