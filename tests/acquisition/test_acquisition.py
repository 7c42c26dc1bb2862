"""crmkit.acquisition on small hand-made tables whose answers are worked out by hand, a few
invariants on the course data, the chapter 03 exercises (every diagnosis fires on the mistake it
names), and the chapter's figures and explorer."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
import pytest
from crmkit import acquisition, data, plots, widgets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the Agg backend)

AS_OF = pd.Timestamp("2025-12-31")
FAST = settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.fixture(autouse=True)
def close_figures() -> None:
    yield
    plt.close("all")


# --------------------------------------------------------------------------- small tables


def lead_table(*rows: tuple[str, str, str, str, float]) -> pd.DataFrame:
    """Leads from (method, created_date, stage_reached, status, cost) rows; stage k is dated k*10
    days after creation (won leads are won 40 days after), typed like data.load_leads()."""
    frame = pd.DataFrame(
        rows, columns=["prospecting_method", "created_date", "stage_reached", "status", "cost"]
    )
    created = pd.to_datetime(frame["created_date"]).astype("datetime64[s]")
    stage = pd.Categorical(frame["stage_reached"], categories=data.FUNNEL_STAGES, ordered=True)
    codes = np.asarray(stage.codes)
    out = pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in range(1, len(frame) + 1)],
            "created_date": created,
            "prospecting_method": frame["prospecting_method"].astype("category"),
            "stage_reached": stage,
            "status": frame["status"].astype("category"),
        }
    )
    for k, column in enumerate(
        ["contacted_date", "qualified_date", "proposal_date", "won_date"], 1
    ):
        out[column] = (created + pd.Timedelta(days=10 * k)).where(codes >= k)
    out["acquisition_cost"] = frame["cost"].astype("float64")
    return out


@pytest.fixture
def leads() -> pd.DataFrame:
    # method a: one lead at each stage (the won one won), plus one open lead at "qualified";
    # method b: two wins and one lead lost at once.
    return lead_table(
        ("a", "2025-01-01", "lead", "lost", 10.0),
        ("a", "2025-01-02", "contacted", "lost", 20.0),
        ("a", "2025-01-03", "qualified", "lost", 30.0),
        ("a", "2025-01-04", "proposal", "lost", 40.0),
        ("a", "2025-01-05", "won", "won", 100.0),
        ("a", "2025-12-01", "qualified", "open", 500.0),
        ("b", "2025-02-01", "won", "won", 60.0),
        ("b", "2025-02-01", "won", "won", 60.0),
        ("b", "2025-02-01", "lead", "lost", 30.0),
    )


def customer_table(*rows: tuple[str, str, str, str, float]) -> pd.DataFrame:
    """Customers from (customer_id, segment, signup_date, channel, acquisition_cost) rows."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "customer_id",
            "segment",
            "signup_date",
            "acquisition_channel",
            "acquisition_cost",
        ],
    )
    frame["customer_id"] = frame["customer_id"].astype("string")
    frame["segment"] = frame["segment"].astype("category")
    frame["signup_date"] = pd.to_datetime(frame["signup_date"]).astype("datetime64[s]")
    frame["acquisition_channel"] = frame["acquisition_channel"].astype("category")
    frame["acquisition_cost"] = frame["acquisition_cost"].astype("float64")
    return frame


def line_table(*rows: tuple[str, str, float, float]) -> pd.DataFrame:
    """Order lines from (customer_id, order_date, revenue, cost_of_goods) rows."""
    frame = pd.DataFrame(rows, columns=["customer_id", "order_date", "revenue", "cost_of_goods"])
    frame["customer_id"] = frame["customer_id"].astype("string")
    frame["order_date"] = pd.to_datetime(frame["order_date"]).astype("datetime64[s]")
    return frame.astype({"revenue": "float64", "cost_of_goods": "float64"})


# --------------------------------------------------------------------------- leads


def test_decided_and_matured_leads(leads: pd.DataFrame) -> None:
    assert len(acquisition.decided_leads(leads)) == 8
    assert set(acquisition.decided_leads(leads)["status"]) == {"won", "lost"}
    assert len(acquisition.matured_leads(leads, AS_OF, min_age_days=180)) == 8
    # the boundary: a lead created exactly min_age_days before as_of is old enough
    assert len(acquisition.matured_leads(leads, "2025-12-31", min_age_days=30)) == 9
    assert len(acquisition.matured_leads(leads, "2025-12-31", min_age_days=31)) == 8


def test_funnel_counts_leads_reaching_at_least_each_stage(leads: pd.DataFrame) -> None:
    table = acquisition.funnel(leads)
    assert table.columns.tolist() == acquisition.STAGES
    assert table.index.name == "prospecting_method"
    assert table.loc["a"].tolist() == [5, 4, 3, 2, 1]
    assert table.loc["b"].tolist() == [3, 2, 2, 2, 2]
    assert (table.dtypes == "int64").all()


def test_funnel_with_open_leads_and_as_one_group(leads: pd.DataFrame) -> None:
    assert acquisition.funnel(leads, exclude_open=False).loc["a"].tolist() == [6, 5, 4, 2, 1]
    company = acquisition.funnel(leads, by=None)
    assert company.index.tolist() == ["all"]
    assert company.loc["all"].tolist() == [8, 6, 5, 4, 3]


def test_funnel_accepts_text_stages(leads: pd.DataFrame) -> None:
    text = leads.assign(stage_reached=leads["stage_reached"].astype(str))
    pd.testing.assert_frame_equal(acquisition.funnel(text), acquisition.funnel(leads))


def test_stage_conversion_by_hand(leads: pd.DataFrame) -> None:
    rates = acquisition.stage_conversion(acquisition.funnel(leads))
    assert rates.columns.tolist() == acquisition.STEPS + ["overall"]
    assert rates.loc["a"].tolist() == pytest.approx([4 / 5, 3 / 4, 2 / 3, 1 / 2, 1 / 5])
    assert rates.loc["b"].tolist() == pytest.approx([2 / 3, 1, 1, 1, 2 / 3])


def test_stage_conversion_step_from_an_empty_stage_is_missing() -> None:
    counts = pd.DataFrame(
        {"lead": [4], "contacted": [0], "qualified": [0], "proposal": [0], "won": [0]}, index=["x"]
    )
    rates = acquisition.stage_conversion(counts).loc["x"]
    assert rates["lead_to_contacted"] == 0
    assert (
        rates[["contacted_to_qualified", "qualified_to_proposal", "proposal_to_won"]].isna().all()
    )
    assert rates["overall"] == 0


def test_overall_is_the_product_of_the_steps_on_course_data() -> None:
    rates = acquisition.stage_conversion(acquisition.funnel(data.load_leads()))
    product = rates[acquisition.STEPS].prod(axis=1)
    np.testing.assert_allclose(product, rates["overall"])


def test_days_to_convert(leads: pd.DataFrame) -> None:
    table = acquisition.days_to_convert(leads)
    assert table.loc["a"].tolist() == [1, 40.0, 40.0, 40]
    assert table.loc["b", "won"] == 2


def test_days_to_convert_rejects_wins_before_creation(leads: pd.DataFrame) -> None:
    broken = leads.copy()
    broken.loc[4, "won_date"] = pd.Timestamp("2024-01-01")
    with pytest.raises(ValueError, match="won before they were created"):
        acquisition.days_to_convert(broken)


def test_stage_durations(leads: pd.DataFrame) -> None:
    table = acquisition.stage_durations(leads)
    assert table.loc["all"].tolist() == [10.0, 10.0, 10.0, 10.0]
    assert acquisition.stage_durations(leads, "prospecting_method").index.tolist() == ["a", "b"]


# --------------------------------------------------------------------------- uncertainty


def test_wilson_known_values() -> None:
    row = acquisition.wilson_interval(20, 100).iloc[0]
    # the textbook values (for example scipy's binomtest(...).proportion_ci("wilson"))
    assert row["lower"] == pytest.approx(0.133367, abs=1e-6)
    assert row["upper"] == pytest.approx(0.288829, abs=1e-6)


@FAST
@given(
    trials=st.integers(1, 400),
    share=st.floats(0, 1),
    confidence=st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_wilson_matches_scipy(trials: int, share: float, confidence: float) -> None:
    from scipy.stats import binomtest

    successes = round(share * trials)
    row = acquisition.wilson_interval(successes, trials, confidence).iloc[0]
    reference = binomtest(successes, trials).proportion_ci(confidence, method="wilson")
    assert row["lower"] == pytest.approx(reference.low, abs=1e-9)
    assert row["upper"] == pytest.approx(reference.high, abs=1e-9)
    assert 0 <= row["lower"] <= row["rate"] <= row["upper"] <= 1


def test_wilson_edges_and_series() -> None:
    assert acquisition.wilson_interval(0, 10).iloc[0]["lower"] == 0
    assert acquisition.wilson_interval(10, 10).iloc[0]["upper"] == pytest.approx(1)
    assert acquisition.wilson_interval(0, 0).iloc[0][["rate", "lower", "upper"]].isna().all()
    wins = pd.Series({"x": 3, "y": 0})
    table = acquisition.wilson_interval(wins, pd.Series({"x": 10, "y": 5}))
    assert table.index.tolist() == ["x", "y"]
    assert table["rate"].tolist() == [0.3, 0.0]
    broadcast = acquisition.wilson_interval(wins, 10)
    assert broadcast["trials"].tolist() == [10, 10]


def test_wilson_refuses_mismatched_labels_and_too_many_successes() -> None:
    with pytest.raises(ValueError, match="same labels"):
        acquisition.wilson_interval(pd.Series({"x": 1}), pd.Series({"y": 2}))
    with pytest.raises(ValueError, match="successes must not be larger"):
        acquisition.wilson_interval(5, 3)


def test_wider_interval_for_fewer_trials_and_higher_confidence() -> None:
    small = acquisition.wilson_interval(3, 10).iloc[0]
    large = acquisition.wilson_interval(300, 1000).iloc[0]
    assert small["upper"] - small["lower"] > large["upper"] - large["lower"]
    wide = acquisition.wilson_interval(30, 100, 0.99).iloc[0]
    narrow = acquisition.wilson_interval(30, 100, 0.90).iloc[0]
    assert wide["upper"] - wide["lower"] > narrow["upper"] - narrow["lower"]


def test_conversion_rates(leads: pd.DataFrame) -> None:
    table = acquisition.conversion_rates(leads)
    assert table.loc["a", ["leads", "won"]].tolist() == [5, 1]
    assert table.loc["b", "rate"] == pytest.approx(2 / 3)
    assert acquisition.conversion_rates(leads, exclude_open=False).loc["a", "leads"] == 6
    assert acquisition.conversion_rates(leads, by=None).loc["all", "won"] == 3


def binary_leads(wins_a: int, n_a: int, wins_b: int, n_b: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "prospecting_method": ["a"] * n_a + ["b"] * n_b,
            "status": ["won"] * wins_a
            + ["lost"] * (n_a - wins_a)
            + ["won"] * wins_b
            + ["lost"] * (n_b - wins_b),
        }
    )


def test_compare_conversion_real_and_not() -> None:
    clear = acquisition.compare_conversion(binary_leads(60, 200, 20, 200), "a", "b").iloc[0]
    assert clear["difference"] == pytest.approx(0.2)
    assert clear["real"] and clear["lower"] > 0 and clear["p_value"] < 0.001
    same = acquisition.compare_conversion(binary_leads(20, 100, 21, 100), "a", "b").iloc[0]
    assert not same["real"] and same["lower"] < 0 < same["upper"] and same["p_value"] > 0.5


def test_compare_conversion_is_antisymmetric() -> None:
    frame = binary_leads(30, 90, 12, 80)
    ab = acquisition.compare_conversion(frame, "a", "b").iloc[0]
    ba = acquisition.compare_conversion(frame, "b", "a").iloc[0]
    assert ab["difference"] == pytest.approx(-ba["difference"])
    assert ab["lower"] == pytest.approx(-ba["upper"])
    assert ab["p_value"] == pytest.approx(ba["p_value"])


def test_compare_conversion_refuses_one_group_twice_and_unknown_groups() -> None:
    frame = binary_leads(3, 10, 2, 10)
    with pytest.raises(ValueError, match="same group"):
        acquisition.compare_conversion(frame, "a", "a")
    with pytest.raises(ValueError, match="Did you mean 'a'"):
        acquisition.compare_conversion(frame, "A", "b")


def test_bootstrap_is_reproducible_and_agrees_with_newcombe() -> None:
    frame = binary_leads(40, 150, 20, 160)
    one = acquisition.bootstrap_difference(frame, "a", "b", seed=7)
    two = acquisition.bootstrap_difference(frame, "a", "b", seed=7)
    pd.testing.assert_frame_equal(one, two)
    other = acquisition.bootstrap_difference(frame, "a", "b", seed=8)
    assert not one.equals(other)
    newcombe = acquisition.compare_conversion(frame, "a", "b").iloc[0]
    boot = one.iloc[0]
    assert boot["difference"] == pytest.approx(newcombe["difference"])
    assert boot["lower"] == pytest.approx(newcombe["lower"], abs=0.02)
    assert boot["upper"] == pytest.approx(newcombe["upper"], abs=0.02)
    assert boot["real"] == newcombe["real"]


# --------------------------------------------------------------------------- cost


def test_method_cac_counts_every_lead(leads: pd.DataFrame) -> None:
    table = acquisition.method_cac(leads)
    assert table.loc["a", ["leads", "won", "spend"]].tolist() == [5, 1, 200.0]
    assert table.loc["a", "cac"] == 200.0  # the won lead cost 100; the search cost 200
    assert table.loc["b", "cac"] == 75.0
    assert table.loc["b", "cost_per_lead"] == 50.0
    np.testing.assert_allclose(table["cac"], table["cost_per_lead"] / table["win_rate"])
    with_open = acquisition.method_cac(leads, exclude_open=False)
    assert with_open.loc["a", "cac"] == 700.0


def test_method_cac_without_a_win_is_infinite() -> None:
    frame = lead_table(("x", "2025-01-01", "lead", "lost", 10.0))
    assert math.isinf(acquisition.method_cac(frame).loc["x", "cac"])


def test_channel_cac() -> None:
    customers = customer_table(
        ("C1", "consumer", "2024-01-01", "coupon_site", 10.0),
        ("C2", "consumer", "2024-01-01", "coupon_site", 30.0),
        ("B1", "business", "2024-01-01", "referral", 900.0),
    )
    table = acquisition.channel_cac(customers)
    assert table.index.tolist() == ["coupon_site"]
    assert table.loc["coupon_site"].tolist() == [2, 40.0, 20.0]
    with pytest.raises(ValueError, match="method_cac"):
        acquisition.channel_cac(customers, segment="business")
    with pytest.raises(ValueError, match="segment must be 'consumer'"):
        acquisition.channel_cac(customers, segment="retail")


# --------------------------------------------------------------------------- value


@pytest.fixture
def two_consumers() -> tuple[pd.DataFrame, pd.DataFrame]:
    customers = customer_table(
        ("C1", "consumer", "2024-01-01", "x", 10.0),  # full year
        ("C2", "consumer", "2025-06-01", "y", 50.0),  # first year not over
    )
    lines = line_table(
        ("C1", "2023-12-31", 999.0, 0.0),  # before sign-up: not counted
        ("C1", "2024-01-01", 100.0, 60.0),  # day 0
        ("C1", "2024-12-30", 50.0, 20.0),  # day 364: inside
        ("C1", "2024-12-31", 70.0, 10.0),  # day 365: outside
        ("C2", "2025-06-01", 80.0, 40.0),
    )
    return customers, lines


def test_first_year_window_and_full_year_rule(two_consumers: tuple[pd.DataFrame, ...]) -> None:
    customers, lines = two_consumers
    table = acquisition.first_year_value(customers, lines)
    assert table.loc["C1", ["revenue", "gross_profit"]].tolist() == [150.0, 70.0]
    assert table.loc["C1", "full_year"] and not table.loc["C2", "full_year"]
    assert table.loc["C2", ["revenue", "gross_profit"]].isna().all()
    assert table.loc["C1", "acquisition_channel"] == "x"


def test_full_year_boundary() -> None:
    customers = customer_table(
        ("EXACT", "consumer", "2024-12-31", "x", 1.0),  # 365 days before as_of
        ("SHORT", "consumer", "2025-01-01", "x", 1.0),  # 364 days
    )
    table = acquisition.first_year_value(customers, line_table(("EXACT", "2025-01-01", 1.0, 0.0)))
    assert table["full_year"].to_dict() == {"EXACT": True, "SHORT": False}
    assert table.loc["EXACT", "revenue"] == 1.0


def test_first_year_with_service_events(two_consumers: tuple[pd.DataFrame, ...]) -> None:
    customers, lines = two_consumers
    events = pd.DataFrame(
        {
            "customer_id": ["C1", "C1", "C2"],
            "event_date": pd.to_datetime(["2024-01-01", "2025-03-01", "2025-06-01"]),
            "cost": [25.0, 99.0, 5.0],
        }
    )
    table = acquisition.first_year_value(customers, lines, events)
    assert table.loc["C1", ["cost_to_serve", "contribution"]].tolist() == [25.0, 45.0]
    assert np.isnan(table.loc["C2", "contribution"])


def test_first_year_refuses_repeated_customers(two_consumers: tuple[pd.DataFrame, ...]) -> None:
    customers, lines = two_consumers
    with pytest.raises(ValueError, match="repeated customer_id"):
        acquisition.first_year_value(pd.concat([customers, customers]), lines)


def test_value_to_cost(two_consumers: tuple[pd.DataFrame, ...]) -> None:
    customers, lines = two_consumers
    first_year = acquisition.first_year_value(customers, lines)
    table = acquisition.value_to_cost(first_year, pd.Series({"x": 7.0, "y": 50.0}))
    assert table.index.tolist() == ["x"]  # y has nobody with a full first year
    assert table.loc["x", ["customers", "cac", "first_year_gross_profit"]].tolist() == [
        1,
        7.0,
        70.0,
    ]
    assert table.loc["x", "value_to_cost"] == pytest.approx(10.0)
    as_frame = acquisition.value_to_cost(
        first_year, pd.DataFrame({"cac": [7.0, 50.0]}, index=["x", "y"])
    )
    pd.testing.assert_frame_equal(table, as_frame)


def test_value_to_cost_refuses_mixed_segments_and_missing_cac() -> None:
    customers = customer_table(
        ("C1", "consumer", "2023-01-01", "referral", 10.0),
        ("B1", "business", "2023-01-01", "referral", 900.0),
    )
    first_year = acquisition.first_year_value(customers, line_table(("C1", "2023-02-01", 5.0, 1.0)))
    with pytest.raises(ValueError, match="mixes the segments"):
        acquisition.value_to_cost(first_year, pd.Series({"referral": 1.0}))
    consumers = first_year[first_year["segment"] == "consumer"]
    with pytest.raises(ValueError, match="no value for referral"):
        acquisition.value_to_cost(consumers, pd.Series({"other": 1.0}))


def test_cumulative_gross_profit_months() -> None:
    customers = customer_table(
        ("A", "consumer", "2024-01-01", "x", 1.0),
        ("B", "consumer", "2024-01-01", "x", 1.0),
        ("NEW", "consumer", "2025-11-01", "x", 1.0),  # not observed for 3 months: left out
    )
    lines = line_table(
        ("A", "2024-01-31", 10.0, 0.0),  # day 30: month 1 (a month is 30.42 days)
        ("A", "2024-02-01", 20.0, 0.0),  # day 31: month 2
        ("B", "2024-03-31", 30.0, 10.0),  # day 90: month 3 (days 60.8 to 91.25)
        ("NEW", "2025-11-02", 1000.0, 0.0),
    )
    curves = acquisition.cumulative_gross_profit(customers, lines, months=3)
    assert curves.index.tolist() == [1, 2, 3] and curves.index.name == "month"
    assert curves["x"].tolist() == [5.0, 15.0, 25.0]


def test_cumulative_gross_profit_needs_observed_customers() -> None:
    customers = customer_table(("NEW", "consumer", "2025-11-01", "x", 1.0))
    with pytest.raises(ValueError, match="observed for 12 months"):
        acquisition.cumulative_gross_profit(customers, line_table(("NEW", "2025-11-02", 1.0, 0.0)))


def test_payback_months() -> None:
    curves = pd.DataFrame(
        {"x": [20.0, 40.0, 60.0], "y": [5.0, 9.0, 12.0], "z": [50.0, 60.0, 70.0]},
        index=pd.RangeIndex(1, 4, name="month"),
    )
    result = acquisition.payback_months(curves, pd.Series({"x": 40.0, "y": 50.0, "z": 10.0}))
    assert result["x"] == 2.0  # "at least" the CAC counts
    assert np.isnan(result["y"])
    assert result["z"] == 1.0
    with pytest.raises(ValueError, match="no value for z"):
        acquisition.payback_months(curves, pd.Series({"x": 1.0, "y": 1.0}))


# --------------------------------------------------------------------------- budget


def economics_table() -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "cac": [1000.0, 4000.0, 2000.0],
            "first_year_gross_profit": [20000.0, 30000.0, 10000.0],
            "capacity": [3000.0, 8000.0, 9000.0],
            "cost_per_lead": [250.0, 400.0, 100.0],
            "win_lower": [0.2, 0.05, 0.03],
            "win_upper": [0.3, 0.15, 0.08],
        },
        index=pd.Index(["referral", "events", "sms"], name="prospecting_method"),
    )
    table["value_to_cost"] = table["first_year_gross_profit"] / table["cac"]
    return table


@pytest.fixture
def economics() -> pd.DataFrame:
    return economics_table()


def test_expected_result(economics: pd.DataFrame) -> None:
    result = acquisition.expected_result(economics, pd.Series({"events": 8000.0}))
    assert result.loc["events", ["spend", "customers", "gross_profit"]].tolist() == [
        8000.0,
        2.0,
        60000.0,
    ]
    assert result.loc["events", "customers_low"] == pytest.approx(1.0)
    assert result.loc["events", "customers_high"] == pytest.approx(3.0)
    assert result.loc[["referral", "sms"], "spend"].tolist() == [0.0, 0.0]
    with pytest.raises(ValueError, match="not in economics: tv"):
        acquisition.expected_result(economics, pd.Series({"tv": 1.0}))


def test_allocate_budget_greedy_by_value_to_cost(economics: pd.DataFrame) -> None:
    plan = acquisition.allocate_budget(economics, 10000)
    assert plan.index.tolist() == ["referral", "events", "sms"]
    assert plan["spend"].tolist() == [3000.0, 7000.0, 0.0]
    assert plan["gross_profit"].sum() == pytest.approx(60000.0 + 52500.0)


def test_allocate_budget_cheapest_first_and_limits(economics: pd.DataFrame) -> None:
    cheapest = acquisition.allocate_budget(economics, 5000, rank_by="cac", ascending=True)
    assert cheapest.index.tolist()[:2] == ["referral", "sms"]
    assert cheapest["spend"].tolist() == [3000.0, 2000.0, 0.0]
    everything = acquisition.allocate_budget(economics, 10**9)
    assert everything["spend"].sum() == economics["capacity"].sum()
    nothing = acquisition.allocate_budget(economics, 0)
    assert nothing["spend"].sum() == 0


@FAST
@given(
    budget=st.floats(0, 30000),
    shares=st.lists(st.floats(0, 1), min_size=3, max_size=3),
)
def test_greedy_allocation_beats_any_other_feasible_spend(
    budget: float, shares: list[float]
) -> None:
    economics = economics_table()
    best = acquisition.allocate_budget(economics, budget)["gross_profit"].sum()
    other = pd.Series(shares, index=economics.index) * economics["capacity"]
    if other.sum() > budget:
        other *= budget / other.sum()
    rival = acquisition.expected_result(economics, other)["gross_profit"].sum()
    assert best >= rival - 1e-6


def test_budget_scenarios(economics: pd.DataFrame) -> None:
    table = acquisition.budget_scenarios(economics, [2000, 20000])
    assert table.index.tolist() == [2000, 20000]
    assert table.loc[2000, ["spend", "customers", "methods_funded"]].tolist() == [2000.0, 2.0, 1]
    assert table.loc[20000, "spend"] == 20000.0
    per_cny = table["gross_profit_per_cny"]
    assert per_cny.iloc[0] > per_cny.iloc[1]  # each extra yuan buys less


# --------------------------------------------------------------------------- course data


@pytest.fixture(scope="module")
def course() -> dict[str, pd.DataFrame]:
    return {
        "leads": data.load_leads(),
        "customers": data.load_customers(),
        "order_lines": data.load_order_lines(),
        "service_events": data.load_service_events(),
    }


def test_every_prospecting_method_is_in_the_leads(course: dict[str, pd.DataFrame]) -> None:
    funnel = acquisition.funnel(course["leads"])
    assert sorted(funnel.index) == sorted(acquisition.METHODS)
    assert set(acquisition.METHOD_LABELS) == set(acquisition.METHODS)
    assert funnel.diff(axis=1).iloc[:, 1:].le(0).all().all()  # a funnel only narrows


def test_spend_is_all_the_leads_spend(course: dict[str, pd.DataFrame]) -> None:
    leads = course["leads"]
    table = acquisition.method_cac(leads, exclude_open=False)
    assert table["spend"].sum() == pytest.approx(leads["acquisition_cost"].sum(), abs=0.05)
    assert table["won"].sum() == leads["customer_id"].notna().sum()


def test_true_cac_exceeds_the_won_leads_recorded_cost(course: dict[str, pd.DataFrame]) -> None:
    business = course["customers"][course["customers"]["segment"] == "business"]
    recorded = business.groupby("acquisition_channel", observed=True)["acquisition_cost"].mean()
    cac = acquisition.method_cac(course["leads"])["cac"]
    assert (cac > recorded.reindex(cac.index)).all()


def test_cheapest_consumer_channel_brings_the_least(course: dict[str, pd.DataFrame]) -> None:
    consumers = course["customers"][course["customers"]["segment"] == "consumer"]
    first_year = acquisition.first_year_value(
        consumers, course["order_lines"], course["service_events"]
    )
    table = acquisition.value_to_cost(first_year, acquisition.channel_cac(course["customers"]))
    assert table["cac"].idxmin() == "coupon_site"
    assert table["first_year_gross_profit"].idxmin() == "coupon_site"
    assert table["value_to_cost"].idxmin() == "coupon_site"
    assert table["contribution_to_cost"].idxmin() == "coupon_site"


def test_chapter_comparisons_on_course_data(course: dict[str, pd.DataFrame]) -> None:
    leads = course["leads"]
    assert acquisition.compare_conversion(leads, "referral", "telephone")["real"].item()
    assert not acquisition.compare_conversion(leads, "bird_dog", "events")["real"].item()


def test_method_economics_is_consistent(course: dict[str, pd.DataFrame]) -> None:
    table = acquisition.method_economics(
        course["leads"], course["customers"], course["order_lines"]
    )
    assert sorted(table.index) == sorted(acquisition.METHODS)
    np.testing.assert_allclose(table["cac"], table["cost_per_lead"] / table["win_rate"], rtol=1e-3)
    np.testing.assert_allclose(
        table["value_to_cost"], table["first_year_gross_profit"] / table["cac"], rtol=1e-6
    )
    assert (table["capacity"] >= table["yearly_spend"]).all()
    assert (table["win_lower"] <= table["win_rate"]).all()
    assert (table["win_rate"] <= table["win_upper"]).all()


# --------------------------------------------------------------------------- figures and explorer


def test_funnel_plot() -> None:
    counts = pd.Series({"lead": 200, "contacted": 150, "qualified": 60, "proposal": 40, "won": 20})
    ax = plots.funnel(counts, "A funnel")
    assert ax.get_title(loc="left") == "A funnel"
    assert [round(p.get_width()) for p in ax.patches] == [200, 150, 60, 40, 20]
    labels = [text.get_text() for text in ax.texts]
    assert "10% of leads, 50% of previous" in labels
    with pytest.raises(TypeError, match="counts must be a pandas Series"):
        plots.funnel(counts.to_frame())
    with pytest.raises(ValueError, match="first stage"):
        plots.funnel(pd.Series({"lead": 0, "won": 0}))


def test_chapter_plots_on_course_data(course: dict[str, pd.DataFrame]) -> None:
    leads = course["leads"]
    funnel = acquisition.funnel(leads)
    ax = plots.funnel_by_method(funnel, highlight=["referral", "sms"])
    assert len(ax.lines) == len(funnel) and len(ax.get_legend().get_texts()) == 2
    with pytest.raises(ValueError, match="highlight names rows"):
        plots.funnel_by_method(funnel, highlight=["radio"])
    rates = acquisition.conversion_rates(leads)
    ax = plots.conversion_intervals(rates, overall=0.15)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == rates["rate"].idxmax()
    table = pd.DataFrame({"cac": [18.0, 120.0], "first_year_gross_profit": [200.0, 1400.0]})
    assert plots.value_vs_cost(table).get_yscale() == "log"
    with pytest.raises(ValueError, match="positive values"):
        plots.value_vs_cost(table.assign(cac=[0.0, 1.0]))
    curves = pd.DataFrame({"x": [1.0, 2.0]}, index=pd.RangeIndex(1, 3, name="month"))
    assert len(plots.payback_curves(curves, pd.Series({"x": 1.5})).lines) == 2
    with pytest.raises(ValueError, match="no value for x"):
        plots.payback_curves(curves, pd.Series({"y": 1.5}))


def test_budget_explorer_builds_and_checks_its_input(economics: pd.DataFrame) -> None:
    import ipywidgets

    assert isinstance(widgets.budget_explorer(economics), ipywidgets.VBox)
    with pytest.raises(ValueError, match="capacity"):
        widgets.budget_explorer(economics.drop(columns=["capacity"]))


def test_funnel_refuses_status_and_stage_that_disagree(leads: pd.DataFrame) -> None:
    broken = leads.copy()
    broken["stage_reached"] = broken["stage_reached"].astype(str)
    broken.loc[3, "stage_reached"] = "won"  # still "lost"
    with pytest.raises(ValueError, match="status and stage_reached disagree"):
        acquisition.funnel(broken)
