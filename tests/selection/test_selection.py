"""crmkit.selection (chapter 02): hand-checked examples, boundaries, the course data, and ch02's exercises."""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

import matplotlib
import numpy as np
import pandas as pd
import pytest
from crmkit import data, plots, selection, widgets
from crmkit.exercises import ch02

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the Agg backend)

AS_OF = pd.Timestamp("2025-12-31")


@pytest.fixture(autouse=True)
def close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def dates(*days: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(days)))


# --------------------------------------------------------------------------- small tables


def invoices() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "invoice_id": ["I1", "I2", "I3", "I4", "I5"],
            "customer_id": ["A", "A", "A", "B", "B"],
            "invoice_date": dates(
                "2025-01-01", "2025-02-01", "2025-06-01", "2025-03-01", "2026-01-05"
            ),
            "due_date": dates("2025-01-31", "2025-03-03", "2025-12-01", "2025-03-31", "2026-02-04"),
            "amount": [3650.0, 1000.0, 730.0, 500.0, 900.0],
        }
    )


def payments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "invoice_id": ["I1", "I4", "I4"],
            "payment_date": dates("2025-03-02", "2025-03-20", "2026-01-10"),
            "amount": [3650.0, 250.0, 250.0],
        }
    )


def customers() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": ["A", "B", "C"], "segment": ["business"] * 3})


def order_lines() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "Z", "A"],
            "order_date": dates(
                "2025-01-01", "2025-06-01", "2025-03-01", "2025-03-01", "2026-01-05"
            ),
            "quantity": [10, 5, 2, 1, 1],
            "unit_price": [100.0, 20.0, 250.0, 10.0, 900.0],
            "revenue": [800.0, 100.0, 500.0, 10.0, 900.0],
            "cost_of_goods": [500.0, 60.0, 300.0, 5.0, 600.0],
        }
    )


def service_events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "B", "Z", "B"],
            "event_date": dates(
                "2025-01-01", "2025-01-15", "2025-06-01", "2025-03-01", "2025-03-01", "2026-01-02"
            ),
            "event_type": pd.Categorical(
                ["delivery", "rebate", "return", "delivery", "delivery", "sales_visit"]
            ),
            "cost": [40.0, 80.0, 35.0, 50.0, 20.0, 300.0],
        }
    )


def traits_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "purchase_power": [1.0, 0.5, 0.25, 0.75],
            "profitability": [0.25, 1.0, 0.5, 0.75],
            "payment": [0.25, 1.0, 0.5, 0.75],
            "cost_to_serve": [0.5, 0.75, 1.0, 0.25],
            "prospects": [1.0, 0.25, 0.5, 0.75],
        },
        index=pd.Index(["A", "B", "C", "D"], name="customer_id"),
    )


# --------------------------------------------------------------------------- late payment


def test_late_payment_costs_by_hand() -> None:
    late = selection.late_payment_costs(invoices(), payments())
    assert late.index.tolist() == ["A", "B"]  # I5 is issued after as_of
    # A: I1 paid 30 days late: 3650 * 0.08 * 30 / 365 = 24. I2 (1000) unpaid, due 2025-03-03:
    # 303 days overdue > 180 -> bad debt. I3 (730) unpaid, due 2025-12-01: 30 days overdue ->
    # 730 * 0.08 * 30 / 365 = 4.80 overdue cost.
    assert late.loc["A", "paid_late_cost"] == 24.0
    assert late.loc["A", "overdue_cost"] == 4.8
    assert late.loc["A", "late_payment_cost"] == 28.8
    assert late.loc["A", "bad_debt"] == 1000.0
    assert late.loc["A", "days_late"] == round((3650 * 30 + 1000 * 303 + 730 * 30) / 5380, 1)
    # B: 250 paid early (0 days), the other half arrives after as_of: 275 days overdue -> bad debt.
    assert late.loc["B", "paid_late_cost"] == 0.0
    assert late.loc["B", "bad_debt"] == 250.0


def test_late_payment_write_off_boundary() -> None:
    """Exactly 180 days overdue is not yet written off; 181 days is."""
    frame = pd.DataFrame(
        {
            "invoice_id": ["I1", "I2"],
            "customer_id": ["A", "B"],
            "invoice_date": dates("2025-05-01", "2025-05-01"),
            "due_date": [AS_OF - pd.Timedelta(days=180), AS_OF - pd.Timedelta(days=181)],
            "amount": [365.0, 365.0],
        }
    )
    none_paid = pd.DataFrame(
        {"invoice_id": pd.Series([], dtype="string"), "payment_date": dates(), "amount": []}
    )
    late = selection.late_payment_costs(frame, none_paid)
    assert late.loc["A", "bad_debt"] == 0.0 and late.loc["A", "overdue_cost"] == 14.4
    assert late.loc["B", "bad_debt"] == 365.0 and late.loc["B", "overdue_cost"] == 0.0


def test_late_payment_rate_and_write_off_parameters() -> None:
    base = selection.late_payment_costs(invoices(), payments())
    doubled = selection.late_payment_costs(invoices(), payments(), annual_rate=0.16)
    assert doubled.loc["A", "paid_late_cost"] == 2 * base.loc["A", "paid_late_cost"]
    patient = selection.late_payment_costs(invoices(), payments(), write_off_after_days=400)
    assert patient["bad_debt"].sum() == 0.0
    assert patient.loc["A", "overdue_cost"] > base.loc["A", "overdue_cost"]


def test_late_payment_earlier_as_of_ignores_later_money() -> None:
    late = selection.late_payment_costs(invoices(), payments(), as_of="2025-03-01")
    # On 2025-03-01 I1 is 29 days overdue and unpaid; I2 is not due; I3 and I5 are not issued.
    assert late.loc["A", "paid_late_cost"] == 0.0
    assert late.loc["A", "overdue_cost"] == round(3650 * 0.08 * 29 / 365, 2)
    assert late.loc["B", "days_late"] == 0.0


# --------------------------------------------------------------------------- profitability


def test_customer_profitability_by_hand() -> None:
    table = selection.customer_profitability(
        customers(), order_lines(), service_events(), invoices(), payments()
    )
    assert table.columns.tolist() == list(selection.PROFIT_COLUMNS)
    assert table.index.tolist() == ["A", "B", "C"]  # Z is not a customer here; C bought nothing
    a = table.loc["A"]
    assert a["revenue"] == 900.0  # the 2026 order is after as_of
    assert a["discount_given"] == 200.0  # list 1000 + 100, revenue 900
    assert a["cost_of_goods"] == 560.0 and a["gross_profit"] == 340.0
    assert (a["delivery"], a["rebate"], a["return"]) == (40.0, 80.0, 35.0)
    assert a["late_payment_cost"] == 28.8 and a["bad_debt"] == 1000.0
    assert a["cost_to_serve"] == 40.0 + 80.0 + 35.0 + 28.8 + 1000.0
    assert a["profit"] == round(340.0 - a["cost_to_serve"], 2)
    assert table.loc["B", "sales_visit"] == 0.0  # dated after as_of
    assert table.loc["C"].eq(0.0).all()


def test_customer_profitability_start_limits_the_period() -> None:
    table = selection.customer_profitability(
        customers(), order_lines(), service_events(), invoices(), payments(), start="2025-05-01"
    )
    a = table.loc["A"]
    assert a["revenue"] == 100.0 and a["rebate"] == 0.0 and a["return"] == 35.0
    assert a["bad_debt"] == 0.0  # I2 was issued before the period
    assert a["late_payment_cost"] == 4.8  # only I3


def test_customer_profitability_rejects_unknown_event_types() -> None:
    events = service_events()
    events["event_type"] = events["event_type"].astype("string")
    events.loc[0, "event_type"] = "free_lunch"
    with pytest.raises(ValueError, match="free_lunch"):
        selection.customer_profitability(customers(), order_lines(), events, invoices(), payments())


def test_customer_profitability_start_after_as_of() -> None:
    with pytest.raises(ValueError, match="start"):
        selection.customer_profitability(
            customers(), order_lines(), service_events(), invoices(), payments(), start="2026-02-01"
        )


def test_cost_shares_by_hand() -> None:
    table = selection.customer_profitability(
        customers(), order_lines(), service_events(), invoices(), payments()
    )
    shares = selection.cost_shares(table)
    assert shares.loc["A", "discount_rate"] == round(200 / 1100, 4)
    assert shares.loc["A", "cost_of_goods"] == round(560 / 900, 4)
    assert np.isnan(shares.loc["C", "margin"])  # no revenue
    costs = [*selection.COST_COMPONENTS]
    assert shares.loc["A", costs].sum() == pytest.approx(1 - shares.loc["A", "margin"], abs=1e-3)


# --------------------------------------------------------------------------- whale curve


def test_whale_curve_by_hand() -> None:
    curve = selection.whale_curve(pd.Series({"A": 10.0, "B": 50.0, "C": -20.0, "D": 40.0}))
    assert curve.index.tolist() == ["B", "D", "A", "C"]
    assert curve["rank"].tolist() == [1, 2, 3, 4]
    assert curve["customer_share"].tolist() == [0.25, 0.5, 0.75, 1.0]
    assert curve["cumulative_share"].tolist() == [0.625, 1.125, 1.25, 1.0]


def test_whale_curve_needs_a_positive_total() -> None:
    with pytest.raises(ValueError, match="profit"):
        selection.whale_curve(pd.Series({"A": 10.0, "B": -10.0}))


def test_top_share_by_hand() -> None:
    values = pd.Series({"A": 10.0, "B": 50.0, "C": -20.0, "D": 40.0, "E": 20.0})
    assert selection.top_share(values, 0.2) == 0.5  # top 1 of 5: 50 / 100
    assert selection.top_share(values, 0.4) == 0.9
    assert selection.top_share(values, 1.0) == 1.0
    assert selection.top_share(values, 0.01) == 0.5  # at least one customer


# --------------------------------------------------------------------------- score


def test_trait_measures_by_hand() -> None:
    table = selection.customer_profitability(
        customers(), order_lines(), service_events(), invoices(), payments()
    )
    measures = selection.trait_measures(table, order_lines(), invoices(), payments())
    assert measures.index.tolist() == ["A", "B"]  # C has no revenue
    a = measures.loc["A"]
    assert a["monthly_revenue"] == pytest.approx(900 / (364 / (365 / 12)))
    assert a["margin"] == pytest.approx(table.loc["A", "profit"] / 900)
    assert a["discount_rate"] == pytest.approx(200 / 1100)
    assert a["service_cost_share"] == pytest.approx(155 / 900)
    assert a["recent_share"] == 1.0  # everything in the last 365 days
    assert (
        a["days_late"] == selection.late_payment_costs(invoices(), payments()).loc["A", "days_late"]
    )


def test_trait_scores_direction_and_missing() -> None:
    measures = pd.DataFrame(
        {
            "monthly_revenue": [1.0, 2.0, 3.0],
            "margin": [0.1, 0.2, 0.3],
            "discount_rate": [0.3, 0.2, 0.1],
            "days_late": [30.0, np.nan, 0.0],
            "service_cost_share": [0.3, 0.2, 0.1],
            "recent_share": [0.0, 0.5, 1.0],
        },
        index=["X", "Y", "Z"],
    )
    scores = selection.trait_scores(measures)
    assert scores.columns.tolist() == list(selection.TRAITS)
    assert scores.loc["Z"].tolist() == [1.0, 1.0, 1.0, 1.0, 1.0]
    assert scores.loc["Y", "payment"] == 0.5  # missing -> average
    assert scores.loc["X", "payment"] == 0.5  # worst of the two known -> 1/2
    assert scores.loc["X", "purchase_power"] == pytest.approx(1 / 3, abs=1e-4)


def test_good_customer_score_weights() -> None:
    traits = traits_table()
    equal = selection.good_customer_score(traits)
    assert equal.tolist() == (traits.mean(axis=1) * 100).round(2).tolist()
    scaled = selection.good_customer_score(traits, {trait: 7 for trait in selection.TRAITS})
    assert scaled.equals(equal)
    only_power = selection.good_customer_score(traits, {"purchase_power": 1})
    assert only_power.tolist() == (traits["purchase_power"] * 100).tolist()
    with pytest.raises(ValueError, match="all 0"):
        selection.good_customer_score(traits, {"payment": 0})
    with pytest.raises(ValueError, match="'loyalty'"):
        selection.good_customer_score(traits, {"loyalty": 1})


def test_top_customers_order_and_size() -> None:
    top = selection.top_customers(traits_table(), n=2)
    assert top.index.tolist() == ["B", "D"]  # 70 and 65
    assert top.columns.tolist() == ["score", *selection.TRAITS]
    assert len(selection.top_customers(traits_table(), n=10)) == 4


def test_weight_sensitivity_shape() -> None:
    table = selection.weight_sensitivity(traits_table(), n=2)
    assert len(table) == 2 * len(selection.TRAITS)
    assert table["kept_in_top"].between(0, 2).all()
    assert table.loc["purchase_power x2", "rank_correlation"] <= 1.0
    only = selection.weight_sensitivity(traits_table(), {"payment": 1}, n=1)
    assert "without payment" not in only.index  # would leave no weight at all


def test_top_frequency_properties() -> None:
    share = selection.top_frequency(traits_table(), n=2, draws=200, seed=3)
    assert share.between(0, 1).all()
    assert share.sum() == pytest.approx(2.0)  # each draw puts exactly 2 customers in the top 2
    assert share.equals(selection.top_frequency(traits_table(), n=2, draws=200, seed=3))
    dominant = traits_table()
    dominant.loc["C"] = 1.0
    assert selection.top_frequency(dominant, n=1, draws=50).loc["C"] == 1.0


# --------------------------------------------------------------------------- value matrix


def test_wallet_headroom_by_hand() -> None:
    leads = pd.DataFrame(
        {"customer_id": ["A", "B", "C", pd.NA], "est_monthly_volume": [100.0, 40.0, 10.0, 9.0]}
    )
    table = selection.wallet_headroom(leads, order_lines())
    assert table.index.tolist() == ["A", "B", "C"]
    assert table.loc["A", "wallet"] == 1200.0
    # A bought 900 in 2025, its first order on 2025-01-01 (364 days: 0.997 of a year)
    assert table.loc["A", "spend"] == round(900 / (364 / 365), 2)
    # B's first order on 2025-03-01: 305 days -> 500 / (305 / 365)
    assert table.loc["B", "spend"] == round(500 / (305 / 365), 2)
    assert table.loc["B", "headroom"] == 0.0  # spends more than its wallet
    assert table.loc["C", "spend"] == 0.0 and table.loc["C", "headroom"] == 120.0


def test_value_matrix_quadrants_and_splits() -> None:
    current = pd.Series({"A": 1.0, "B": 2.0, "C": 3.0, "D": 4.0})
    potential = pd.Series({"A": 4.0, "B": 1.0, "C": 2.0, "D": 3.0})
    matrix = selection.value_matrix(current, potential)
    assert matrix["quadrant"].tolist() == ["promising", "lead", "mature", "star"]
    assert matrix["quadrant"].cat.categories.tolist() == list(selection.QUADRANTS)
    at_split = selection.value_matrix(current, potential, current_split=3.0, potential_split=3.0)
    assert at_split["quadrant"].tolist() == [
        "promising",
        "lead",
        "lead",
        "mature",
    ]  # = split is low
    with pytest.raises(ValueError, match="same customers"):
        selection.value_matrix(current, potential.drop("D"))


def test_quadrant_strategy_covers_every_quadrant() -> None:
    assert set(selection.QUADRANT_STRATEGY) == set(selection.QUADRANTS)


# --------------------------------------------------------------------------- look-alikes


def test_loyal_accounts_boundaries() -> None:
    lines = pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "B", "C", "D"],
            "order_date": [
                AS_OF - pd.Timedelta(days=730),
                AS_OF - pd.Timedelta(days=180),
                AS_OF - pd.Timedelta(days=729),
                AS_OF,
                AS_OF - pd.Timedelta(days=900),
                AS_OF + pd.Timedelta(days=3),
            ],
        }
    )
    loyal = selection.loyal_accounts(lines)
    assert loyal.to_dict() == {"A": True, "B": False, "C": False}  # D only buys after as_of


def leads_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lead_id": ["L1", "L2", "L3", "L4", "L5", "L6"],
            "customer_id": ["B1", "B2", "B3", pd.NA, pd.NA, pd.NA],
            "status": ["won", "won", "won", "lost", "lost", "open"],
            "won_date": pd.to_datetime(
                ["2024-12-31", "2024-01-01", "2025-06-30", None, None, None]
            ),
            "region": ["East", "East", "West", "West", "West", "North"],
            "est_monthly_volume": [900.0, 800.0, 100.0, 200.0, 300.0, 950.0],
        }
    )


def test_lookalike_profile_by_hand() -> None:
    profile = selection.lookalike_profile(
        leads_table(), ["B1", "B2"], attributes=["region", "est_monthly_volume"], bins=2
    )
    region = profile.loc["region"]
    # loyal: East 2 of 2; smoothed (2 + 1) / (2 + 3) = 0.6; East is 2 of 6 leads
    assert region.loc["East", "loyal_share"] == 0.6
    assert region.loc["East", "index"] == round(0.6 / (2 / 6), 4)
    assert region.loc["North", "loyal"] == 0
    volume = profile.loc["est_monthly_volume"]
    assert volume.index.tolist() == ["Q1 <= 550", "Q2 > 550"]
    for attribute in ["region", "est_monthly_volume"]:
        assert profile.loc[attribute, "lead_share"].sum() == pytest.approx(1.0)
        assert profile.loc[attribute, "loyal_share"].sum() == pytest.approx(1.0)


def test_lookalike_scores_rank_the_loyal_type_first() -> None:
    similarity = selection.lookalike_scores(
        leads_table(), ["B1", "B2"], attributes=["region", "est_monthly_volume"], bins=2
    )
    assert similarity.index.tolist() == ["L1", "L2", "L3", "L4", "L5", "L6"]
    assert similarity["L1"] == similarity["L2"] > 1 > similarity["L4"]
    assert similarity["L4"] == similarity["L5"]


def test_lookalike_needs_loyal_leads() -> None:
    with pytest.raises(ValueError, match="loyal_ids"):
        selection.lookalike_profile(leads_table(), ["B9"], attributes=["region"])


def test_lead_outcomes_by_hand() -> None:
    profit = pd.Series({"B1": 1200.0, "B2": -240.0, "B3": 900.0})
    outcomes = selection.lead_outcomes(leads_table(), profit, top_fraction=0.34)
    assert outcomes["converted"].tolist() == [True, True, True, False, False, False]
    assert outcomes.loc["L1", "monthly_profit"] == 100.0  # 1200 over 12 months
    assert outcomes.loc["L2", "monthly_profit"] == -10.0  # -240 over 24 months
    assert outcomes.loc["L3", "monthly_profit"] == round(900 / (184 / (365 / 12)), 2)
    assert outcomes["high_value"].tolist() == [False, False, True, False, False, False]


def test_lift_table_by_hand() -> None:
    scores = pd.Series([0.9, 0.8, 0.7, 0.6, 0.5], index=list("abcde"))
    outcome = pd.Series([True, True, False, False, True], index=list("abcde"))
    table = selection.lift_table(scores, outcome, bands=2)
    assert table["leads"].tolist() == [3, 2]  # 5 leads: the first band takes the extra one
    assert table["hits"].tolist() == [2, 1]
    assert table["lift"].tolist() == [round((2 / 3) / 0.6, 2), round(0.5 / 0.6, 2)]
    weighted = (table["rate"] * table["leads"]).sum() / table["leads"].sum()
    assert weighted == pytest.approx(outcome.mean(), abs=1e-3)


def test_lift_table_ties_keep_the_given_order() -> None:
    scores = pd.Series([1.0, 1.0, 1.0, 1.0], index=list("abcd"))
    outcome = pd.Series([True, False, False, False], index=list("abcd"))
    assert selection.lift_table(scores, outcome, bands=2)["hits"].tolist() == [1, 0]


# --------------------------------------------------------------------------- the course data


@pytest.fixture(scope="module")
def course_profit() -> pd.DataFrame:
    return selection.customer_profitability(
        data.load_customers(),
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
    )


def test_course_profit_adds_up(course_profit: pd.DataFrame) -> None:
    lines = data.load_order_lines()
    events = data.load_service_events()
    assert course_profit["revenue"].sum() == pytest.approx(lines["revenue"].sum(), abs=1)
    service = course_profit[list(selection.SERVICE_COMPONENTS)].sum().sum()
    assert service == pytest.approx(events["cost"].sum(), abs=1)
    rebuilt = (
        course_profit["revenue"] - course_profit["cost_of_goods"] - course_profit["cost_to_serve"]
    )
    assert np.allclose(rebuilt, course_profit["profit"], atol=0.02)
    listed = (lines["quantity"] * lines["unit_price"]).sum()
    assert course_profit["discount_given"].sum() == pytest.approx(
        listed - lines["revenue"].sum(), abs=1
    )


def test_course_whale_effect(course_profit: pd.DataFrame) -> None:
    """The planted effects the lesson relies on: a whale curve above 100%, losing giants."""
    assert selection.top_share(course_profit["profit"], 0.2) > 1.0
    curve = selection.whale_curve(course_profit["profit"])
    assert curve["cumulative_share"].max() > 1.05
    largest = course_profit.nlargest(10, "revenue")
    losing = largest[largest["profit"] < 0]
    assert len(losing) >= 3
    assert (losing["bad_debt"] > 0).all() and (losing["rebate"] > 0).all()
    assert (losing["gross_profit"] > 0).all()  # the cost to serve makes the loss


def test_course_lookalike_lift_is_real(course_profit: pd.DataFrame) -> None:
    similarity, outcomes, _, fair = ch02._lookalike()
    table = selection.lift_table(similarity.loc[fair], outcomes.loc[fair, "converted"])
    assert table.loc[1, "lift"] > 1.2 > 0.9 > table.loc[5, "lift"]


# --------------------------------------------------------------------------- plots and widget


def test_plots_draw_the_course_data(course_profit: pd.DataFrame) -> None:
    ax = plots.profit_bridge(course_profit)
    assert len(ax.patches) == 12 and ax.get_xlabel() == "Thousand CNY"
    ax = plots.whale_curve(selection.whale_curve(course_profit["profit"]))
    assert max(ax.lines[0].get_ydata()) > 100
    largest = course_profit.nlargest(10, "revenue")
    ax = plots.cost_breakdown(selection.cost_shares(largest))
    assert len(ax.patches) == 10 * 6
    matrix = selection.value_matrix(largest["profit"], largest["revenue"])
    ax = plots.value_matrix(matrix, label=["B020"])
    assert [text.get_text() for text in ax.texts] == ["B020"]
    table = pd.DataFrame({"lift": [2.0, 0.5]}, index=pd.Index([1, 2], name="band"))
    ax = plots.lookalike_lift({"a": table, "b": table})
    assert len(ax.patches) == 4


def test_plots_draw_into_a_given_axes() -> None:
    _, ax = plt.subplots()
    table = pd.DataFrame({"lift": [2.0, 0.5]}, index=pd.Index([1, 2], name="band"))
    assert plots.lookalike_lift({"a": table}, ax=ax) is ax


def test_good_customer_explorer_builds_and_redraws() -> None:
    built = {}

    def slider(**kwargs: object) -> mock.MagicMock:
        fake = mock.MagicMock(value=kwargs["value"])
        built[kwargs["description"]] = fake
        return fake

    with (
        mock.patch("ipywidgets.FloatSlider", side_effect=slider),
        mock.patch("ipywidgets.Output", return_value=mock.MagicMock()),
        mock.patch("ipywidgets.Label"),
        mock.patch("ipywidgets.VBox", return_value="box"),
        mock.patch("IPython.display.display") as shown,
    ):
        assert widgets.good_customer_explorer(traits_table(), n=2) == "box"
        assert set(built) == set(selection.TRAITS)
        assert shown.call_count == 1
        redraw = built["payment"].observe.call_args.args[0]
        built["payment"].value = 3.0
        redraw({"new": 3.0})
        assert shown.call_count == 2


