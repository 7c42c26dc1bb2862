"""Money: invoices and payments for business orders, and each account's monthly plan and budget.

Business orders are invoiced on the account's credit terms and paid late by
accounts that pay late; consumers pay when they order (no invoice).

>>> INVOICE_COLUMNS[:3]
['invoice_id', 'order_id', 'customer_id']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.synth.customers import SimulatedCustomers
from crmkit.vocabulary import AS_OF, COMPANY_START

INVOICE_COLUMNS = ["invoice_id", "order_id", "customer_id", "invoice_date", "due_date", "amount"]
"""The invoices table's columns."""


def make_invoices_and_payments(
    rng: np.random.Generator, customers: SimulatedCustomers, lines: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Business orders are invoiced on credit terms; consumers pay when they order.

    Returns the invoices and the payments (some invoices are paid in two parts,
    some not at all).

    >>> from crmkit.synth.simulation import simulate_history
    >>> history = simulate_history()
    >>> invoices, payments = make_invoices_and_payments(history.rng, history.customers, history.lines)
    >>> bool(invoices["customer_id"].str.startswith("B").all())
    True
    """
    table = customers.table
    pos = pd.Series(np.arange(len(table)), index=table["customer_id"])
    business_lines = lines[lines["customer_id"].str.startswith("B")]
    inv = (
        business_lines.groupby("order_id", sort=True)
        .agg(
            customer_id=("customer_id", "first"),
            invoice_date=("order_date", "first"),
            amount=("revenue", "sum"),
        )
        .reset_index()
    )
    p = pos.loc[inv["customer_id"]].to_numpy()
    terms = table["payment_terms_days"].to_numpy()[p].astype(int)
    inv["due_date"] = inv["invoice_date"] + pd.to_timedelta(terms, unit="D")
    inv.insert(0, "invoice_id", [f"I{i:06d}" for i in range(1, len(inv) + 1)])
    inv["amount"] = inv["amount"].round(2)
    delay = np.round(
        rng.gamma(1.2, 1.0, len(inv)) * customers.pay_delay[p] - rng.integers(0, 6, len(inv))
    )
    pay_date = inv["due_date"] + pd.to_timedelta(delay, unit="D")
    # Some invoices are split into two payments; a few are never paid (bad debt).
    paid = pay_date <= AS_OF
    bad = (customers.pay_delay[p] > 50) & (rng.random(len(inv)) < 0.12)
    paid &= ~bad
    split = paid & (rng.random(len(inv)) < 0.12)
    first_part = np.where(split, np.round(inv["amount"] * 0.5, 2), inv["amount"])
    pay1 = pd.DataFrame(
        {
            "invoice_id": inv["invoice_id"],
            "payment_date": pay_date - pd.to_timedelta(np.where(split, 14, 0), unit="D"),
            "amount": first_part,
        }
    )[paid.to_numpy()]
    pay2 = pd.DataFrame(
        {
            "invoice_id": inv["invoice_id"],
            "payment_date": pay_date,
            "amount": (inv["amount"] - first_part).round(2),
        }
    )[split.to_numpy()]
    payments = (
        pd.concat([pay1, pay2])
        .sort_values(["payment_date", "invoice_id"], kind="stable")
        .reset_index(drop=True)
    )
    payments.insert(0, "payment_id", [f"Y{i:06d}" for i in range(1, len(payments) + 1)])
    return inv[INVOICE_COLUMNS], payments


def make_account_plans(
    rng: np.random.Generator, customers: SimulatedCustomers, lines: pd.DataFrame
) -> pd.DataFrame:
    """Monthly revenue plan and selling-expense budget for every business account.

    The plan for a month is last year's same month (or the account's expected
    volume while it is new) times a growth target; the budget is a share of plan.

    >>> from crmkit.synth.simulation import simulate_history
    >>> history = simulate_history()
    >>> plans = make_account_plans(history.rng, history.customers, history.lines)
    >>> plans.columns.tolist()
    ['customer_id', 'month', 'planned_revenue', 'expense_budget']
    """
    table = customers.table
    b = table[table["segment"].eq("business")].reset_index(drop=True)
    b_pos = np.flatnonzero(table["segment"].eq("business").to_numpy())
    months = pd.period_range(COMPANY_START, AS_OF, freq="M")
    signup_month = dict(zip(b["customer_id"], b["signup_date"].dt.to_period("M"), strict=True))
    grid = pd.MultiIndex.from_product(
        [b["customer_id"], months], names=["customer_id", "month"]
    ).to_frame(index=False)
    grid = grid[grid["month"] >= grid["customer_id"].map(signup_month)]
    # A year's plan is made for accounts won that year or still ordering in the
    # last quarter of the year before; accounts that went quiet get no new plan.
    orders_b = lines[lines["customer_id"].str.startswith("B")]
    q4 = orders_b[orders_b["order_date"].dt.month >= 10]
    active_next = set(zip(q4["customer_id"], q4["order_date"].dt.year + 1, strict=True))
    signup_year = dict(zip(b["customer_id"], b["signup_date"].dt.year, strict=True))
    year = grid["month"].dt.year
    keep = [
        (cid, y) in active_next or signup_year[cid] == y
        for cid, y in zip(grid["customer_id"], year, strict=True)
    ]
    grid = grid[np.array(keep, dtype=bool)]
    actual = (
        orders_b.assign(month=lambda d: d["order_date"].dt.to_period("M"))
        .groupby(["customer_id", "month"])["revenue"]
        .sum()
    )
    expected = pd.Series(
        customers.basket[b_pos] * customers.rate[b_pos] * (1 - customers.discount[b_pos]),
        index=b["customer_id"],
    )
    last_year = actual.rename("ly")
    last_year.index = last_year.index.set_levels(last_year.index.levels[1] + 12, level=1)
    grid = grid.merge(last_year.reset_index(), on=["customer_id", "month"], how="left")
    # New accounts are planned to ramp up over their first six months.
    months_in = (grid["month"] - grid["customer_id"].map(signup_month)).apply(
        lambda offset: offset.n
    )
    ramp = np.minimum(1.0, 0.4 + 0.1 * months_in.to_numpy())
    base = grid["customer_id"].map(expected) * ramp
    plan = np.where(grid["ly"].notna() & (grid["ly"] > 0.3 * base), grid["ly"] * 1.06, base)
    grid["planned_revenue"] = np.round(plan * np.exp(rng.normal(0, 0.05, len(grid))), -1)
    grid["expense_budget"] = np.round(
        grid["planned_revenue"] * rng.uniform(0.035, 0.05, len(grid)), -1
    )
    grid["month"] = grid["month"].dt.to_timestamp()
    return grid[["customer_id", "month", "planned_revenue", "expense_budget"]].reset_index(
        drop=True
    )
