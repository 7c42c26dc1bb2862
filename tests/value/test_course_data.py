"""Chapter 01's functions on the course data: invariants that must hold."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import data, value

# --------------------------------------------------------------------------- course data


@pytest.fixture(scope="module")
def course_states(course: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return value.classify_states(course["customers"], course["order_lines"], course["leads"])


def test_course_every_customer_has_exactly_one_state(
    course: dict[str, pd.DataFrame], course_states: pd.DataFrame
) -> None:
    customers = course_states[course_states["source"] == "customer"]
    assert customers["party_id"].is_unique
    assert set(customers["party_id"]) == set(course["customers"]["customer_id"])
    assert customers["state"].isin(["actual", "lost"]).all()
    assert course_states["party_id"].is_unique
    assert course_states["state"].notna().all()


def test_course_counts_sum_to_customers_plus_not_won_leads(
    course: dict[str, pd.DataFrame], course_states: pd.DataFrame
) -> None:
    counts = value.state_counts(course_states)
    not_won = int((course["leads"]["status"] != "won").sum())
    assert counts.sum() == len(course["customers"]) + not_won
    assert counts[["non_customer", "potential", "target"]].sum() == not_won
    assert (counts > 0).all(), "the course data should show every state"


def test_course_customer_states_follow_the_180_day_rule(
    course: dict[str, pd.DataFrame], course_states: pd.DataFrame
) -> None:
    last = value.last_purchase(course["order_lines"])
    expected = np.where(last >= data.AS_OF - pd.Timedelta(days=180), "actual", "lost")
    got = course_states.set_index("party_id")["state"].astype(str).reindex(last.index)
    assert (got.to_numpy() == expected).all()


def test_course_lead_states_follow_stage_and_status(
    course: dict[str, pd.DataFrame], course_states: pd.DataFrame
) -> None:
    leads = course["leads"].set_index("lead_id")
    lead_states = course_states[course_states["source"] == "lead"].set_index("party_id")["state"]
    leads = leads.loc[lead_states.index]
    assert (leads["status"] != "won").all()
    lost = leads["status"] == "lost"
    early = leads["stage_reached"].isin(["lead", "contacted"])
    assert (lead_states[lost] == "non_customer").all()
    assert (lead_states[~lost & early] == "potential").all()
    assert (lead_states[~lost & ~early] == "target").all()


def test_course_as_of_before_the_first_order(course: dict[str, pd.DataFrame]) -> None:
    """Going back before the company's first order: nobody is a customer yet, no error."""
    first = course["order_lines"]["order_date"].min()
    as_of = first - pd.Timedelta(days=1)
    states = value.classify_states(
        course["customers"], course["order_lines"], course["leads"], as_of
    )
    assert (states["source"] == "lead").all()
    assert len(states) == int((course["leads"]["created_date"] <= as_of).sum())


def test_course_b040_is_in_defence(course: dict[str, pd.DataFrame]) -> None:
    stages = value.lifecycle_stages(course["order_lines"])
    row = stages.loc["B040"]
    assert row["stage"] == "defence", row.to_dict()
    assert row["recent"] <= 0.7 * row["previous"]


def test_course_lifecycle_covers_every_buyer(course: dict[str, pd.DataFrame]) -> None:
    stages = value.lifecycle_stages(course["order_lines"])
    assert set(stages.index) == set(course["order_lines"]["customer_id"])
    assert stages["stage"].notna().all()
    assert ((stages["stage"] == "dormancy") == (stages["recent"] <= 0)).all()
    assert set(stages["stage"].astype(str)) == set(value.STAGES), "every stage occurs"


def test_course_value_components_add_up(course: dict[str, pd.DataFrame]) -> None:
    customers, orders, comms = course["customers"], course["order_lines"], course["communications"]
    comp = value.value_components(customers, orders, comms)
    assert comp.index.equals(pd.Index(customers["customer_id"], name="customer_id"))
    assert comp["revenue"].sum() == pytest.approx(orders["revenue"].sum(), abs=1.0)
    assert comp["gross_profit"].sum() == pytest.approx(
        (orders["revenue"] - orders["cost_of_goods"]).sum(), abs=1.0
    )
    referred = customers["referred_by"].dropna()
    assert comp["referrals"].sum() == referred.isin(customers["customer_id"]).sum()
    informative = comms[
        (comms["direction"] == "inbound") & comms["purpose"].isin(list(value.FEEDBACK_PURPOSES))
    ]
    assert comp["feedback"].sum() == informative["customer_id"].isin(customers["customer_id"]).sum()


def test_course_monthly_spend_totals(course: dict[str, pd.DataFrame]) -> None:
    spend = value.monthly_spend(course["order_lines"])
    assert spend.index[-1] == pd.Timestamp("2025-12-01")
    assert spend.sum().sum() == pytest.approx(course["order_lines"]["revenue"].sum(), rel=1e-9)
    assert spend.shape[1] == course["order_lines"]["customer_id"].nunique()
