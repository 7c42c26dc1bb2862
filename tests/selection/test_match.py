"""crmkit.selection.match and profit_without: a match in size and power, and cost assignment."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, selection

from tests.selection.tables import credit_customers, invoices, payments, profitability


def test_open_balances_by_hand() -> None:
    # A: I2 (1000) and I3 (730) unpaid, I1 paid; B: half of I4 paid by AS_OF; I5 is later.
    balances = selection.open_balances(invoices(), payments())
    assert balances.to_dict() == {"A": 1730.0, "B": 250.0}
    assert balances.name == "open_balance"


def test_size_match_by_hand() -> None:
    table = profitability()
    match = selection.size_match(table, credit_customers(), invoices(), payments())
    assert list(match.columns) == list(selection.MATCH_COLUMNS)
    assert match.index.tolist() == ["A", "B"]  # largest first; C has no credit and no revenue
    total = table["revenue"].sum()
    assert match.loc["A", "revenue_share"] == pytest.approx(900 / total, abs=1e-4)
    assert match["over_limit"].tolist() == [True, False]  # A owes 1730 on a limit of 1000
    assert match.loc["B", "payment_terms_days"] == 30
    assert match.loc["A", "margin"] == pytest.approx(table.loc["A", "profit"] / 900, abs=1e-4)


def test_size_match_needs_credit_accounts() -> None:
    no_credit = credit_customers().assign(credit_limit=float("nan"))
    with pytest.raises(ValueError, match="credit_limit"):
        selection.size_match(profitability(), no_credit, invoices(), payments())


def test_profit_without_adds_the_components_back() -> None:
    table = profitability()
    simple = selection.profit_without(table)
    assert simple.tolist() == pytest.approx(
        (table["profit"] + table["late_payment_cost"] + table["bad_debt"]).tolist()
    )
    assert selection.profit_without(table, []).tolist() == table["profit"].tolist()
    with pytest.raises(ValueError, match="cost component"):
        selection.profit_without(table, ["late_payment"])
    with pytest.raises(TypeError, match="components"):
        selection.profit_without(table, "bad_debt")


def test_the_headline_depends_on_the_costs_assigned(course_profit: pd.DataFrame) -> None:
    # Issue 9: the top 20% earn more than all the profit only with payment costs assigned.
    full = selection.top_share(course_profit["profit"])
    simple = selection.top_share(selection.profit_without(course_profit))
    assert full > 1 > simple


def test_large_accounts_dictate_terms(course_profit: pd.DataFrame) -> None:
    match = selection.size_match(
        course_profit, data.load_customers(), data.load_invoices(), data.load_payments()
    )
    big = match["revenue_share"] > 0.01
    assert (
        match.loc[big, "payment_terms_days"].median()
        > match.loc[~big, "payment_terms_days"].median()
    )
    assert match.loc[big, "over_limit"].mean() > 3 * match.loc[~big, "over_limit"].mean()
