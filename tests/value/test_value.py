"""crmkit.value on small hand-made tables whose right answers are worked out by hand,
and a few invariants on the course data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import data, value

AS_OF = pd.Timestamp("2025-12-31")


def lines(*rows: tuple[str, str, float]) -> pd.DataFrame:
    """Order lines from (customer_id, order_date, revenue) rows; cost of goods = 60% of revenue."""
    frame = pd.DataFrame(rows, columns=["customer_id", "order_date", "revenue"])
    frame["order_date"] = pd.to_datetime(frame["order_date"]).astype("datetime64[s]")
    frame["revenue"] = frame["revenue"].astype("float64")
    frame["cost_of_goods"] = (frame["revenue"] * 0.6).round(2)
    return frame


def customer_table(*ids: str, referred_by: list[object] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": pd.array(ids, dtype="string"),
            "referred_by": pd.array(referred_by or [pd.NA] * len(ids), dtype="string"),
        }
    )


def lead_table(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """Leads from (lead_id, created_date, stage_reached, status) rows, typed as data.load_leads()."""
    frame = pd.DataFrame(rows, columns=["lead_id", "created_date", "stage_reached", "status"])
    frame["created_date"] = pd.to_datetime(frame["created_date"]).astype("datetime64[s]")
    frame["stage_reached"] = pd.Categorical(
        frame["stage_reached"], categories=data.FUNNEL_STAGES, ordered=True
    )
    frame["status"] = frame["status"].astype("category")
    return frame


NO_LEADS = lead_table()


def states_of(frame: pd.DataFrame) -> dict[str, str]:
    return dict(zip(frame["party_id"], frame["state"].astype(str), strict=True))


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


# --------------------------------------------------------------------------- value_components


@pytest.fixture
def small_value() -> pd.DataFrame:
    customers = customer_table("A", "B", "C", "D", referred_by=["", "A", "A", "NOT_A_CUSTOMER"])
    orders = pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "GHOST"],
            "revenue": [100.0, 50.5, 40.0, 999.0],
            "cost_of_goods": [60.0, 20.25, 45.0, 1.0],
        }
    )
    comms = pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "A", "B", "B", "B", "C", "GHOST"],
            "direction": ["inbound"] * 4
            + ["outbound", "outbound", "inbound", "inbound", "inbound"],
            "purpose": [
                "feedback",
                "suggestion",
                "complaint",
                "enquiry",  # inbound but no information about the offer: not counted
                "feedback",  # outbound: the firm talking, not the customer
                "survey",
                "order_help",
                "complaint",
                "feedback",  # not one of our customers
            ],
        }
    )
    return value.value_components(customers, orders, comms)


def test_value_components_known_values(small_value: pd.DataFrame) -> None:
    assert list(small_value.columns) == value.VALUE_COMPONENTS
    assert list(small_value.index) == ["A", "B", "C", "D"]
    assert small_value.index.name == "customer_id"
    assert small_value["revenue"].to_dict() == {"A": 150.5, "B": 40.0, "C": 0.0, "D": 0.0}
    # gross profit may be negative (B sells below cost)
    assert small_value["gross_profit"].to_dict() == {"A": 70.25, "B": -5.0, "C": 0.0, "D": 0.0}
    assert small_value["referrals"].to_dict() == {"A": 2, "B": 0, "C": 0, "D": 0}
    assert small_value["feedback"].to_dict() == {"A": 3, "B": 0, "C": 1, "D": 0}


def test_value_components_customers_without_orders_get_zeros(small_value: pd.DataFrame) -> None:
    assert not small_value.isna().any().any()
    assert (small_value.loc[["C", "D"], ["revenue", "gross_profit"]] == 0).all().all()
    assert small_value["referrals"].dtype == "int64"
    assert small_value["feedback"].dtype == "int64"


def test_value_components_feedback_purposes_are_exactly_the_informative_ones() -> None:
    purposes = ["feedback", "suggestion", "complaint", "enquiry", "order_help", "survey", "care"]
    comms = pd.DataFrame(
        {
            "customer_id": ["A"] * len(purposes) * 2,
            "direction": ["inbound", "outbound"] * len(purposes),
            "purpose": [p for p in purposes for _ in (0, 1)],
        }
    )
    result = value.value_components(customer_table("A"), lines(("A", "2025-01-01", 1)), comms)
    assert result.loc["A", "feedback"] == 3
    assert set(value.FEEDBACK_PURPOSES) == {"feedback", "suggestion", "complaint"}


def test_value_components_with_categorical_columns() -> None:
    """The course tables hold direction/purpose as categoricals: same answer as plain text."""
    comms = pd.DataFrame(
        {
            "customer_id": ["A", "A"],
            "direction": ["inbound", "outbound"],
            "purpose": ["complaint", "complaint"],
        }
    )
    orders = lines(("A", "2025-01-01", 10))
    plain = value.value_components(customer_table("A"), orders, comms)
    typed = value.value_components(customer_table("A"), orders, comms.astype("category"))
    pd.testing.assert_frame_equal(plain, typed)
    assert typed.loc["A", "feedback"] == 1


# --------------------------------------------------------------------------- value_ranks


def test_value_ranks_ties_share_the_best_rank() -> None:
    comp = pd.DataFrame(
        {"revenue": [50.0, 80.0, 80.0, 10.0], "referrals": [0, 0, 0, 0], "note": list("wxyz")},
        index=pd.Index(list("ABCD"), name="customer_id"),
    )
    ranks = value.value_ranks(comp)
    assert list(ranks.columns) == ["revenue", "referrals"]  # text columns are not ranked
    assert ranks["revenue"].to_dict() == {"A": 3, "B": 1, "C": 1, "D": 4}
    assert ranks["referrals"].tolist() == [1, 1, 1, 1]
    assert (ranks.dtypes == "int64").all()
    assert ranks.index.equals(comp.index)


def test_value_ranks_one_is_the_largest() -> None:
    comp = pd.DataFrame({"feedback": [0, 7, 3]}, index=["A", "B", "C"])
    assert value.value_ranks(comp)["feedback"].tolist() == [3, 1, 2]


# --------------------------------------------------------------------------- top_overlap


@pytest.fixture
def overlap_table() -> pd.DataFrame:
    return pd.DataFrame(
        {"revenue": [5, 4, 3, 2, 1], "feedback": [1, 5, 4, 0, 3]}, index=list("ABCDE")
    )


@pytest.mark.parametrize(("n", "expected"), [(1, 0), (2, 1), (3, 2), (4, 3), (5, 5), (50, 5)])
def test_top_overlap_by_hand(overlap_table: pd.DataFrame, n: int, expected: int) -> None:
    # top by revenue: A B C D E; by feedback: B C E A D
    assert value.top_overlap(overlap_table, "revenue", "feedback", n=n) == expected


def test_top_overlap_of_a_column_with_itself(overlap_table: pd.DataFrame) -> None:
    assert value.top_overlap(overlap_table, "revenue", "revenue", n=3) == 3
    assert value.top_overlap(overlap_table, "feedback", "revenue", n=2) == 1  # symmetric


# --------------------------------------------------------------------------- monthly_spend


def test_monthly_spend_zeros_after_first_order_nan_before() -> None:
    orders = lines(
        ("A", "2025-09-03", 10),
        ("A", "2025-09-28", 5),
        ("A", "2025-12-09", 5),
        ("B", "2025-11-20", 7),
        ("B", "2026-01-05", 100),  # after as_of: ignored
    )
    spend = value.monthly_spend(orders, AS_OF)
    months = pd.date_range("2025-09-01", "2025-12-01", freq="MS")
    assert list(spend.index) == list(months)
    assert spend.index.name == "month"
    assert spend.columns.name == "customer_id"
    assert list(spend.columns) == ["A", "B"]
    expected = pd.DataFrame(
        {"A": [15.0, 0.0, 0.0, 5.0], "B": [np.nan, np.nan, 7.0, 0.0]},
        index=pd.DatetimeIndex(months, name="month"),
    )
    expected.columns.name = "customer_id"
    pd.testing.assert_frame_equal(
        spend, expected, check_index_type=False, check_column_type=False, check_freq=False
    )


def test_monthly_spend_runs_to_the_month_of_as_of() -> None:
    spend = value.monthly_spend(lines(("A", "2025-01-15", 10)), "2025-04-02")
    assert spend.index[-1] == pd.Timestamp("2025-04-01")
    assert spend["A"].tolist() == [10.0, 0.0, 0.0, 0.0]


def test_monthly_spend_totals_equal_the_revenue_up_to_as_of() -> None:
    orders = lines(
        ("A", "2025-02-01", 3.5),
        ("B", "2025-02-11", 4.25),
        ("A", "2025-05-30", 1.0),
        ("B", "2025-07-01", 8.0),
    )
    spend = value.monthly_spend(orders, "2025-06-30")
    assert spend.sum().sum() == pytest.approx(8.75)


# --------------------------------------------------------------------------- lifecycle_stages

# as_of = 2025-12-31, window 3: recent = Oct-Dec 2025, previous = Jul-Sep 2025.
PREVIOUS_MONTHS = ["2025-07-15", "2025-08-15", "2025-09-15"]
RECENT_MONTHS = ["2025-10-15", "2025-11-15", "2025-12-15"]


def steady(customer: str, previous: float, recent: float) -> list[tuple[str, str, float]]:
    """Spend ``previous`` in each month of the previous window and ``recent`` in each recent one."""
    return [(customer, day, previous) for day in PREVIOUS_MONTHS] + [
        (customer, day, recent) for day in RECENT_MONTHS
    ]


def stage_of(rows: list[tuple[str, str, float]], customer: str, window_months: int = 3) -> str:
    # An anchor customer from 2025-01 makes the spend table start early for everyone.
    table = value.lifecycle_stages(
        lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF, window_months
    )
    return str(table.loc[customer, "stage"])


@pytest.mark.parametrize(
    ("previous", "recent", "stage"),
    [
        (10.0, 12.0, "growth"),  # recent = 36 = exactly 1.2 x 30
        (100.0, 120.0, "growth"),
        (10.0, 11.99, "harvest"),  # just under 1.2 x
        (10.0, 7.0, "defence"),  # recent = 21 = exactly 0.7 x 30
        (10.0, 7.01, "harvest"),  # just over 0.7 x
        (10.0, 10.0, "harvest"),
        (10.0, 0.5, "defence"),
    ],
)
def test_lifecycle_growth_and_defence_boundaries(
    previous: float, recent: float, stage: str
) -> None:
    assert stage_of(steady("X", previous, recent), "X") == stage


@pytest.mark.parametrize(
    ("previous", "recent"), [(30.0, 21.0), (110.0, 77.0), (220.0, 154.0), (60.0, 42.0)]
)
def test_lifecycle_defence_at_exactly_seven_tenths(previous: float, recent: float) -> None:
    """recent == 0.7 x previous exactly (63 of 90, 231 of 330...) is defence by the stated rule;
    floating point makes 0.7 * 90 = 62.99999999999999, so a bare ``<=`` calls it harvest."""
    assert recent * 3 == pytest.approx(0.7 * previous * 3)
    assert stage_of(steady("X", previous, recent), "X") == "defence"


def test_lifecycle_breakthrough_when_first_purchase_is_in_the_recent_window() -> None:
    rows = [
        ("NEW", "2025-10-01", 5.0),
        ("NEW", "2025-12-20", 1.0),
        ("SEPT", "2025-09-30", 5.0),
        ("SEPT", "2025-10-02", 5.0),
    ]
    table = value.lifecycle_stages(lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF)
    assert table.loc["NEW", "stage"] == "breakthrough"  # first month = Oct = start of recent window
    assert table.loc["NEW", "first_month"] == pd.Timestamp("2025-10-01")
    assert table.loc["SEPT", "stage"] != "breakthrough"  # first month Sep is in the previous window
    assert table.loc["SEPT", "stage"] == "harvest"  # 5 recent vs 5 previous


def test_lifecycle_breakthrough_beats_growth() -> None:
    # first order in November, recent 50 >= 1.2 x previous 0, but a new customer is breakthrough
    assert stage_of([("NEW", "2025-11-03", 50.0)], "NEW") == "breakthrough"


def test_lifecycle_dormancy_when_no_recent_spend() -> None:
    rows = [
        ("SLEEP", "2025-09-30", 100.0),
        ("AWAKE", "2025-09-30", 100.0),
        ("AWAKE", "2025-10-01", 1.0),
    ]
    table = value.lifecycle_stages(lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF)
    assert table.loc["SLEEP", "stage"] == "dormancy"
    assert table.loc["SLEEP", "recent"] == 0.0
    assert table.loc["AWAKE", "stage"] == "defence"  # 1 <= 0.7 x 100


def test_lifecycle_window_months_changes_the_windows() -> None:
    # Dec only vs Nov only with a one-month window
    rows = [("X", "2025-11-10", 10.0), ("X", "2025-12-10", 12.0), ("X", "2025-06-01", 1.0)]
    assert stage_of(rows, "X", window_months=1) == "growth"
    table = value.lifecycle_stages(lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF, 1)
    assert table.loc["X", ["recent", "previous"]].tolist() == [12.0, 10.0]


def test_lifecycle_stages_columns_and_order_ignores_later_orders() -> None:
    rows = steady("X", 10.0, 12.0) + [("X", "2026-01-10", 1000.0)]
    table = value.lifecycle_stages(lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF)
    assert list(table.columns) == ["first_month", "recent", "previous", "stage"]
    assert table.index.name == "customer_id"
    assert list(table["stage"].cat.categories) == value.STAGES
    assert table.loc["X", "recent"] == 36.0 and table.loc["X", "previous"] == 30.0


def test_lifecycle_each_stage_once() -> None:
    rows = (
        steady("GROWTH", 10.0, 12.0)
        + steady("DEFENCE", 10.0, 7.0)
        + steady("HARVEST", 10.0, 10.0)
        + [("NEW", "2025-12-01", 3.0), ("SLEEP", "2025-08-01", 3.0)]
    )
    table = value.lifecycle_stages(lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF)
    stages = table["stage"].astype(str).drop("ANCHOR").to_dict()
    assert stages == {
        "GROWTH": "growth",
        "DEFENCE": "defence",
        "HARVEST": "harvest",
        "NEW": "breakthrough",
        "SLEEP": "dormancy",
    }


# --------------------------------------------------------------------------- course data


@pytest.fixture(scope="module")
def course() -> dict[str, pd.DataFrame]:
    return {
        "customers": data.load_customers(),
        "order_lines": data.load_order_lines(),
        "leads": data.load_leads(),
        "communications": data.load_communications(),
    }


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
