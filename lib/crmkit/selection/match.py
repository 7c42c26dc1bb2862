"""A match in size and power (门当户对): how big each account is for the firm, and who sets the terms.

A customer that buys a large share of a supplier's revenue has the power to dictate
discounts, payment terms and when it pays; a supplier too small for it cannot enforce
its own credit limits. :func:`size_match` puts these side by side, account by account.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import (
    require_frame,
    require_invoices_and_payments,
    require_numeric,
    require_timestamp,
)
from crmkit.selection.profitability import late_payment_costs
from crmkit.vocabulary import AS_OF

MATCH_COLUMNS = (
    "revenue_share",
    "discount_rate",
    "payment_terms_days",
    "days_late",
    "open_balance",
    "credit_limit",
    "over_limit",
    "margin",
)
"""The columns of :func:`size_match`, in order."""


def open_balances(
    invoices: pd.DataFrame, payments: pd.DataFrame, as_of: object = AS_OF
) -> pd.Series:
    """What each customer still owes on ``as_of``: invoiced minus paid, written-off debt included.

    One value per customer in ``invoices`` (issued up to ``as_of``), named ``open_balance``.

    >>> invoices = pd.DataFrame({"invoice_id": ["I1", "I2"], "customer_id": ["A", "B"],
    ...     "invoice_date": pd.to_datetime(["2025-01-01", "2025-02-01"]),
    ...     "due_date": pd.to_datetime(["2025-01-31", "2025-03-03"]), "amount": [900.0, 500.0]})
    >>> payments = pd.DataFrame({"invoice_id": ["I1"], "amount": [600.0],
    ...     "payment_date": pd.to_datetime(["2025-02-10"])})
    >>> open_balances(invoices, payments).tolist()
    [300.0, 500.0]
    """
    require_invoices_and_payments(invoices, payments)
    as_of = require_timestamp(as_of, "as_of")
    issued = invoices[invoices["invoice_date"] <= as_of]
    received = payments[payments["payment_date"] <= as_of]
    paid = issued["invoice_id"].map(received.groupby("invoice_id")["amount"].sum()).fillna(0.0)
    balance = (issued["amount"] - paid).clip(lower=0)
    owner = issued["customer_id"].astype("string").to_numpy()
    result = balance.groupby(owner).sum().round(2)
    result.index.name = "customer_id"
    return result.astype("float64").rename("open_balance")


def size_match(
    profitability: pd.DataFrame,
    customers: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """Size and power of every account on credit terms, one row per such customer with revenue.

    ``profitability`` is the table of :func:`customer_profitability` for *all* customers
    (the firm's whole revenue). Rows: the customers of ``customers`` with a
    ``credit_limit`` (accounts on credit terms) and revenue above 0, largest first.

    * ``revenue_share``: the account's share of the firm's revenue (0.02 = 2%).
    * ``discount_rate``: discount_given / list value.
    * ``payment_terms_days`` and ``credit_limit``: the terms the firm granted (``customers``).
    * ``days_late``: average days paid after the due date (:func:`late_payment_costs`).
    * ``open_balance``: unpaid on ``as_of`` (:func:`open_balances`); ``over_limit``:
      True when it is above the credit limit, the firm's own ceiling for the account.
    * ``margin``: profit / revenue.

    >>> prof = pd.DataFrame({"revenue": [800.0, 200.0], "discount_given": [200.0, 0.0],
    ...     "profit": [-40.0, 50.0]}, index=pd.Index(["A", "B"], name="customer_id"))
    >>> customers = pd.DataFrame({"customer_id": ["A", "B"], "credit_limit": [500.0, 500.0],
    ...     "payment_terms_days": [90, 30]})
    >>> invoices = pd.DataFrame({"invoice_id": ["I1", "I2"], "customer_id": ["A", "B"],
    ...     "invoice_date": pd.to_datetime(["2025-01-01", "2025-02-01"]),
    ...     "due_date": pd.to_datetime(["2025-04-01", "2025-03-03"]), "amount": [800.0, 200.0]})
    >>> payments = pd.DataFrame({"invoice_id": ["I2"], "amount": [200.0],
    ...     "payment_date": pd.to_datetime(["2025-03-03"])})
    >>> size_match(prof, customers, invoices, payments)[["revenue_share", "over_limit"]]
                 revenue_share  over_limit
    customer_id
    A                      0.8        True
    B                      0.2       False
    """
    require_numeric(profitability, "profitability", ["revenue", "discount_given", "profit"])
    require_frame(customers, "customers", ["customer_id", "credit_limit", "payment_terms_days"])
    require_numeric(customers, "customers", ["credit_limit", "payment_terms_days"])
    total = float(profitability["revenue"].sum())
    if total <= 0:
        raise ValueError("profitability has no revenue: pass the table of all customers.")
    terms = customers[customers["credit_limit"].notna()].copy()
    terms.index = pd.Index(terms["customer_id"].astype("string"), name="customer_id")
    table = profitability.copy()
    table.index = pd.Index(table.index.astype("string"), name="customer_id")
    table = table[table["revenue"] > 0]
    ids = table.index.intersection(terms.index, sort=False)
    if ids.empty:
        raise ValueError(
            "No customer of profitability has a credit_limit in customers with revenue above 0: "
            "pass the customers table with the business accounts."
        )
    table, terms = table.loc[ids], terms.loc[ids]
    late = late_payment_costs(invoices, payments, as_of)["days_late"]
    balance = open_balances(invoices, payments, as_of).reindex(ids, fill_value=0.0)
    limit = terms["credit_limit"].astype("float64")
    result = pd.DataFrame(
        {
            "revenue_share": (table["revenue"] / total).round(4),
            "discount_rate": (
                table["discount_given"] / (table["revenue"] + table["discount_given"])
            ).round(4),
            "payment_terms_days": terms["payment_terms_days"].astype("int64"),
            "days_late": late.reindex(ids, fill_value=0.0).astype("float64"),
            "open_balance": balance,
            "credit_limit": limit,
            "over_limit": (balance > limit).astype("bool"),
            "margin": (table["profit"] / table["revenue"]).round(4),
        },
        index=ids,
    )
    return result.sort_values("revenue_share", ascending=False, kind="stable")
