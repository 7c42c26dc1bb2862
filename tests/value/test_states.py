"""crmkit.value.states on small tables worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import value

from tests.value.tables import AS_OF, NO_LEADS, customer_table, lead_table, lines, states_of

# --------------------------------------------------------------------------- last_purchase


def test_last_purchase_is_the_latest_order_per_customer() -> None:
    result = value.last_purchase(
        lines(
            ("A", "2025-01-05", 1),
            ("A", "2025-03-01", 1),
            ("B", "2024-07-09", 1),
            ("A", "2024-12-31", 1),
        )
    )
    assert result.name == "last_purchase"
    assert result.index.name == "customer_id"
    assert result.to_dict() == {"A": pd.Timestamp("2025-03-01"), "B": pd.Timestamp("2024-07-09")}


# --------------------------------------------------------------------------- classify_states


def test_actual_until_exactly_lost_after_days_then_lost() -> None:
    day_180 = AS_OF - pd.Timedelta(days=180)  # 2025-07-04
    orders = lines(
        ("ON_THE_DAY", str(AS_OF.date()), 10),
        ("D179", str((day_180 + pd.Timedelta(days=1)).date()), 10),
        ("D180", str(day_180.date()), 10),
        ("D181", str((day_180 - pd.Timedelta(days=1)).date()), 10),
        ("OLD", "2022-03-01", 10),
    )
    assert str(day_180.date()) == "2025-07-04"
    states = value.classify_states(
        customer_table("ON_THE_DAY", "D179", "D180", "D181", "OLD"), orders, NO_LEADS, AS_OF
    )
    assert states_of(states) == {
        "ON_THE_DAY": "actual",
        "D179": "actual",
        "D180": "actual",
        "D181": "lost",
        "OLD": "lost",
    }
    assert set(states["source"]) == {"customer"}


@pytest.mark.parametrize("days", [1, 30, 90, 365])
def test_lost_after_days_moves_the_boundary(days: int) -> None:
    boundary = AS_OF - pd.Timedelta(days=days)
    orders = lines(
        ("AT", str(boundary.date()), 5), ("PAST", str((boundary - pd.Timedelta(days=1)).date()), 5)
    )
    states = value.classify_states(customer_table("AT", "PAST"), orders, NO_LEADS, AS_OF, days)
    assert states_of(states) == {"AT": "actual", "PAST": "lost"}


def test_only_the_last_purchase_counts() -> None:
    orders = lines(
        ("A", "2023-01-01", 5),
        ("A", "2025-12-01", 5),
        ("B", "2025-12-01", 5),
        ("B", "2023-01-01", 5),
    )
    states = value.classify_states(customer_table("A", "B"), orders, NO_LEADS, AS_OF)
    assert states_of(states) == {"A": "actual", "B": "actual"}


def test_orders_after_as_of_are_ignored() -> None:
    as_of = pd.Timestamp("2025-06-30")
    orders = lines(
        ("A", "2024-11-01", 10),  # 241 days before as_of -> lost, despite the later order
        ("A", "2025-08-01", 10),
        ("B", "2025-06-30", 10),  # on as_of itself -> actual
        ("C", "2025-07-01", 10),  # first order after as_of: not yet a customer
    )
    states = value.classify_states(customer_table("A", "B", "C"), orders, NO_LEADS, "2025-06-30")
    assert states_of(states) == {"A": "lost", "B": "actual"}
    assert (
        value.classify_states(customer_table("A"), orders, NO_LEADS, as_of).loc[0, "state"]
        == "lost"
    )


def test_as_of_can_be_a_string_or_timestamp() -> None:
    orders = lines(("A", "2025-03-01", 10))
    by_text = value.classify_states(customer_table("A"), orders, NO_LEADS, "2025-06-01")
    by_stamp = value.classify_states(
        customer_table("A"), orders, NO_LEADS, pd.Timestamp("2025-06-01")
    )
    assert by_text.equals(by_stamp)
    assert by_text.loc[0, "state"] == "actual"


def test_customer_record_without_an_order_is_not_a_customer_yet() -> None:
    """The documented rule: a customer record with no order on or before as_of is left out."""
    orders = lines(("A", "2025-12-01", 10), ("LATE", "2026-01-05", 10))
    customers = customer_table("A", "NEVER_BOUGHT", "LATE")
    states = value.classify_states(customers, orders, NO_LEADS, AS_OF)
    assert list(states["party_id"]) == ["A"]


@pytest.mark.parametrize(
    ("stage", "status", "state"),
    [
        ("lead", "open", "potential"),
        ("contacted", "open", "potential"),
        ("qualified", "open", "target"),
        ("proposal", "open", "target"),
        ("lead", "lost", "non_customer"),
        ("contacted", "lost", "non_customer"),
        ("qualified", "lost", "non_customer"),
        ("proposal", "lost", "non_customer"),
    ],
)
def test_lead_states(stage: str, status: str, state: str) -> None:
    leads = lead_table(("L1", "2025-10-01", stage, status))
    states = value.classify_states(customer_table("A"), lines(("A", "2025-12-01", 1)), leads, AS_OF)
    assert states.to_dict("records") == [
        {"party_id": "A", "source": "customer", "state": "actual"},
        {"party_id": "L1", "source": "lead", "state": state},
    ]


def test_leads_only_no_orders_yet() -> None:
    """A firm with leads but no order on or before as_of (or as_of before the first order):
    every lead still gets its state, and there are simply no customers."""
    leads = lead_table(
        ("L1", "2025-10-01", "lead", "open"), ("L2", "2025-10-01", "proposal", "lost")
    )
    orders = lines(("A", "2026-01-10", 1))  # after as_of only
    states = value.classify_states(customer_table("A"), orders, leads, AS_OF)
    assert states_of(states) == {"L1": "potential", "L2": "non_customer"}
    empty = value.classify_states(customer_table(), lines(), leads, AS_OF)
    assert states_of(empty) == {"L1": "potential", "L2": "non_customer"}


def test_won_leads_are_counted_as_customers_not_leads() -> None:
    leads = lead_table(
        ("L1", "2025-05-01", "won", "won"), ("L2", "2025-05-01", "qualified", "open")
    )
    orders = lines(("A", "2025-11-01", 10))
    states = value.classify_states(customer_table("A"), orders, leads, AS_OF)
    assert states_of(states) == {"A": "actual", "L2": "target"}


def test_leads_created_after_as_of_are_ignored() -> None:
    leads = lead_table(
        ("EARLY", "2025-06-30", "lead", "open"), ("LATE", "2025-07-01", "lead", "open")
    )
    orders = lines(("A", "2025-06-01", 1))
    states = value.classify_states(customer_table("A"), orders, leads, "2025-06-30")
    assert list(states["party_id"]) == ["A", "EARLY"]


def test_classify_states_columns_and_types() -> None:
    leads = lead_table(("L1", "2025-10-01", "lead", "open"))
    states = value.classify_states(customer_table("A"), lines(("A", "2025-12-01", 1)), leads)
    assert list(states.columns) == ["party_id", "source", "state"]
    assert isinstance(states["state"].dtype, pd.CategoricalDtype)
    assert list(states["state"].cat.categories) == value.STATES
    assert states["state"].cat.ordered
    assert list(states["source"]) == ["customer", "lead"]  # customers first, then leads
    assert list(states["party_id"]) == ["A", "L1"]


def test_classify_states_does_not_change_its_inputs() -> None:
    customers = customer_table("A", "B")
    orders = lines(("A", "2025-12-01", 1), ("B", "2025-01-01", 1), ("B", "2026-02-01", 1))
    leads = lead_table(("L1", "2025-10-01", "lead", "open"))
    copies = [customers.copy(), orders.copy(), leads.copy()]
    value.classify_states(customers, orders, leads, AS_OF)
    for before, after in zip(copies, [customers, orders, leads], strict=True):
        pd.testing.assert_frame_equal(before, after)


# --------------------------------------------------------------------------- state_counts


def test_state_counts_in_journey_order_with_zeros() -> None:
    states = pd.DataFrame({"state": ["lost", "actual", "lost", "target", "lost"]})
    counts = value.state_counts(states)
    assert counts.index.name == "state"
    assert counts.name == "parties"
    assert counts.dtype == "int64"
    assert counts.to_dict() == {
        "non_customer": 0,
        "potential": 0,
        "target": 1,
        "actual": 1,
        "lost": 3,
    }
    assert list(counts.index) == value.STATES


def test_state_counts_of_classify_states() -> None:
    leads = lead_table(
        ("L1", "2025-10-01", "lead", "open"),
        ("L2", "2025-10-01", "proposal", "lost"),
        ("L3", "2025-10-01", "proposal", "open"),
    )
    orders = lines(("A", "2025-12-01", 1), ("B", "2024-12-01", 1), ("C", "2025-11-01", 1))
    counts = value.state_counts(value.classify_states(customer_table("A", "B", "C"), orders, leads))
    assert counts.tolist() == [1, 1, 1, 2, 1]


def test_state_counts_of_nothing_is_all_zeros() -> None:
    counts = value.state_counts(pd.DataFrame({"state": pd.Series([], dtype="string")}))
    assert counts.tolist() == [0, 0, 0, 0, 0]
