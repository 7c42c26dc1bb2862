"""The good-customer score: the measures, five trait scores, weights, and how robust the top is.

Five trait scores between 0 and 1 (percentile ranks, 1 = best) are combined with
weights into a score from 0 to 100; see :data:`TRAITS`. The book's first trait is a
strong desire and power to buy, *especially of high-margin products*: pass
``high_margin=HIGH_MARGIN`` to :func:`trait_measures` and the purchase-power trait
also counts the share of revenue from high-margin products (:func:`high_margin_share`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_numeric,
    require_positive_int,
    require_rate,
    require_timestamp,
)
from crmkit.selection._shared import (
    _first_order,
    _is_finite_number,
    _months_since,
    _revenue_within,
)
from crmkit.selection.profitability import late_payment_costs
from crmkit.vocabulary import AS_OF

MEASURES = (
    "monthly_revenue",
    "margin",
    "discount_rate",
    "days_late",
    "service_cost_share",
    "recent_share",
)
"""The raw measures of :func:`trait_measures` (always there)."""
MIX_MEASURE = "high_margin_share"
"""The optional measure of what a customer buys: :func:`trait_measures` adds it on request."""
HIGH_MARGIN = 0.5
"""A product is high-margin when its gross margin at list price is at least 50% (the course's choice)."""
TRAITS: dict[str, tuple[tuple[str, bool], ...]] = {
    "purchase_power": (("monthly_revenue", True), (MIX_MEASURE, True)),
    "profitability": (("margin", True), ("discount_rate", False)),
    "payment": (("days_late", False),),
    "cost_to_serve": (("service_cost_share", False),),
    "prospects": (("recent_share", True),),
}
"""Each trait of a good customer and its measures: (measure, True if higher is better).

A measure missing from the table (only :data:`MIX_MEASURE` may be) is left out of its trait."""


# --------------------------------------------------------------------------- input checks


def _validated_traits(traits: object) -> pd.DataFrame:
    """A table of trait scores (:data:`TRAITS`) with rows and no missing values."""
    require_numeric(traits, "traits", TRAITS)
    if traits.empty:
        raise ValueError("traits has no rows: pass the table from trait_scores().")
    if traits[list(TRAITS)].isna().any().any():
        raise ValueError("traits has missing values: pass the table from trait_scores().")
    return traits


def _weights(weights: object) -> pd.Series:
    """The weight of every trait, scaled to add up to 1 (None: equal weights)."""
    names = list(TRAITS)
    if weights is None:
        return pd.Series(1.0 / len(names), index=names)
    if isinstance(weights, pd.Series):
        weights = weights.to_dict()
    if not isinstance(weights, Mapping):
        raise TypeError(
            "weights must be a dict from trait to weight, such as "
            f"{{'purchase_power': 2, 'payment': 1}}, but got a {type(weights).__name__}."
        )
    unknown = [key for key in weights if key not in names]
    if unknown:
        raise ValueError(
            f"weights names unknown trait(s) {', '.join(map(repr, unknown))}. "
            f"The traits are: {', '.join(names)}."
        )
    values = pd.Series({name: weights.get(name, 0.0) for name in names}, dtype="object")
    for name, weight in values.items():
        if not _is_finite_number(weight):
            raise TypeError(f"weights[{name!r}] must be a number, but got {weight!r}.")
        if weight < 0:
            raise ValueError(f"weights[{name!r}] must be 0 or more, but got {weight!r}.")
    values = values.astype("float64")
    if values.sum() <= 0:
        raise ValueError("weights are all 0: give at least one trait a weight above 0.")
    return values / values.sum()


# --------------------------------------------------------------------------- measures and traits


def trait_measures(
    profitability: pd.DataFrame,
    order_lines: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: object = AS_OF,
    high_margin: float | None = None,
) -> pd.DataFrame:
    """Six measures of a good customer, one row per customer of ``profitability`` with revenue.

    * ``monthly_revenue``: revenue / months since the first order (purchase power).
    * ``high_margin_share`` (only when ``high_margin`` is a number, such as
      :data:`HIGH_MARGIN`): the share of revenue from high-margin products,
      see :func:`high_margin_share` (purchase power of the products that earn most).
    * ``margin``: profit / revenue (profitability).
    * ``discount_rate``: discount_given / list value (price sensitivity).
    * ``days_late``: average days paid after the due date (:func:`late_payment_costs`;
      0 for customers without invoices, who pay when they order).
    * ``service_cost_share``: service events (cost_to_serve without late payment and
      bad debt) / revenue (cost to serve).
    * ``recent_share``: revenue of the last 365 days / revenue of the last 730 days
      (prospects: 0.5 = flat, above = growing, 0 = stopped buying).

    Pass the whole history (``profitability`` without ``start``). Without ``high_margin``
    the table has the six columns of :data:`MEASURES` (the original score).

    >>> prof = pd.DataFrame({"revenue": [900.0], "discount_given": [100.0], "profit": [90.0],
    ...     "cost_to_serve": [60.0], "late_payment_cost": [5.0], "bad_debt": [0.0]},
    ...     index=pd.Index(["A"], name="customer_id"))
    >>> lines = pd.DataFrame({"customer_id": ["A", "A"], "revenue": [300.0, 600.0],
    ...     "order_date": pd.to_datetime(["2024-12-31", "2025-06-30"])})
    >>> invoices = pd.DataFrame({"invoice_id": ["I1"], "customer_id": ["A"], "amount": [900.0],
    ...     "invoice_date": pd.to_datetime(["2025-06-30"]), "due_date": pd.to_datetime(["2025-07-30"])})
    >>> payments = pd.DataFrame({"invoice_id": ["I1"], "amount": [900.0],
    ...     "payment_date": pd.to_datetime(["2025-08-09"])})
    >>> trait_measures(prof, lines, invoices, payments).round(3).T
    customer_id              A
    monthly_revenue     75.000
    margin               0.100
    discount_rate        0.100
    days_late           10.000
    service_cost_share   0.061
    recent_share         0.667
    """
    require_numeric(
        profitability,
        "profitability",
        ["revenue", "discount_given", "profit", "cost_to_serve", "late_payment_cost", "bad_debt"],
    )
    require_frame(order_lines, "order_lines", ["customer_id", "order_date", "revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    as_of = require_timestamp(as_of, "as_of")
    late = late_payment_costs(invoices, payments, as_of)

    table = profitability[profitability["revenue"] > 0]
    if table.empty:
        raise ValueError("profitability has no customer with revenue above 0 to measure.")
    ids = pd.Index(table.index.astype("string"), name="customer_id")
    lines = order_lines[order_lines["order_date"] <= as_of]
    first = _first_order(lines, ids)
    if first.isna().any():
        missing = ", ".join(ids[first.isna().to_numpy()][:3])
        raise ValueError(
            f"profitability has revenue for customers without orders in order_lines ({missing}). "
            "Pass the order lines the profitability table was made from."
        )
    months = _months_since(first, as_of)
    recent = _revenue_within(lines, as_of, 365, ids)
    two_years = _revenue_within(lines, as_of, 730, ids)

    revenue = table["revenue"].to_numpy()
    service = table["cost_to_serve"] - table["late_payment_cost"] - table["bad_debt"]
    measures = pd.DataFrame(
        {
            "monthly_revenue": revenue / months.to_numpy(),
            "margin": table["profit"].to_numpy() / revenue,
            "discount_rate": table["discount_given"].to_numpy()
            / (revenue + table["discount_given"].to_numpy()),
            "days_late": late["days_late"].reindex(ids, fill_value=0.0).to_numpy(),
            "service_cost_share": service.to_numpy() / revenue,
            "recent_share": (recent / two_years.where(two_years > 0)).fillna(0.0).to_numpy(),
        },
        index=ids,
    )
    if high_margin is not None:
        mix = high_margin_share(lines, high_margin, as_of)
        measures.insert(1, MIX_MEASURE, mix.reindex(ids, fill_value=0.0).to_numpy())
    return measures


def high_margin_share(
    order_lines: pd.DataFrame, high_margin: float = HIGH_MARGIN, as_of: object = AS_OF
) -> pd.Series:
    """Each customer's share of revenue from high-margin products (0 to 1), named ``high_margin_share``.

    A line is high-margin when its product's gross margin at list price,
    1 - cost_of_goods / (quantity x unit_price), is at least ``high_margin``. One value
    per customer with revenue in ``order_lines`` up to ``as_of`` (index ``customer_id``).

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B"], "quantity": [1, 2, 1],
    ...     "unit_price": [100.0, 50.0, 80.0], "revenue": [90.0, 90.0, 80.0],
    ...     "cost_of_goods": [40.0, 60.0, 48.0],
    ...     "order_date": pd.to_datetime(["2025-01-05", "2025-02-01", "2025-03-01"])})
    >>> high_margin_share(lines).tolist()
    [0.5, 0.0]
    """
    columns = ["customer_id", "order_date", "quantity", "unit_price", "revenue", "cost_of_goods"]
    require_frame(order_lines, "order_lines", columns)
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", columns[2:])
    high_margin = require_rate(high_margin, "high_margin")
    as_of = require_timestamp(as_of, "as_of")
    lines = order_lines[order_lines["order_date"] <= as_of]
    list_value = lines["quantity"] * lines["unit_price"]
    margin = 1 - lines["cost_of_goods"] / list_value.where(list_value > 0)
    owner = lines["customer_id"].astype("string").to_numpy()
    revenue = lines["revenue"].groupby(owner).sum()
    high = lines["revenue"].where(margin >= high_margin - 1e-9, 0.0).groupby(owner).sum()
    share = (high / revenue.where(revenue > 0)).dropna().round(4)
    share.index.name = "customer_id"
    return share.rename(MIX_MEASURE)


def trait_scores(measures: pd.DataFrame) -> pd.DataFrame:
    """Turn the measures into five trait scores between 0 and 1 (1 = best), one per :data:`TRAITS`.

    Each measure becomes a percentile rank among the customers passed (the best gets
    1, ties share the average rank), reversed where lower is better; a trait with two
    measures averages them. A missing value counts as 0.5 (average). When the table has
    a ``high_margin_share`` column, purchase power averages it with ``monthly_revenue``.

    >>> measures = pd.DataFrame({"monthly_revenue": [100.0, 300.0], "margin": [0.3, 0.1],
    ...     "discount_rate": [0.1, 0.1], "days_late": [0.0, 40.0],
    ...     "service_cost_share": [0.05, 0.02], "recent_share": [0.5, 0.6]}, index=["A", "B"])
    >>> trait_scores(measures)
       purchase_power  profitability  payment  cost_to_serve  prospects
    A             0.5          0.875      1.0            0.5        0.5
    B             1.0          0.625      0.5            1.0        1.0
    """
    require_numeric(measures, "measures", MEASURES)
    if measures.empty:
        raise ValueError("measures has no rows: pass the table from trait_measures().")
    scores = pd.DataFrame(index=measures.index)
    if MIX_MEASURE in measures.columns:
        require_numeric(measures, "measures", [MIX_MEASURE])
    for trait, parts in TRAITS.items():
        ranks = [
            measures[column].rank(pct=True, ascending=higher_is_better).fillna(0.5)
            for column, higher_is_better in parts
            if column in measures.columns
        ]
        scores[trait] = sum(ranks) / len(ranks)
    return scores.round(4)


# --------------------------------------------------------------------------- the score


def good_customer_score(
    traits: pd.DataFrame, weights: Mapping[str, float] | None = None
) -> pd.Series:
    """The weighted good-customer score, from 0 to 100, one per customer (named ``score``).

    ``weights`` maps traits (:data:`TRAITS`) to weights of 0 or more; they are scaled
    to add up to 1, and traits left out weigh 0. ``None`` weighs every trait equally.

    >>> traits = pd.DataFrame({"purchase_power": [1.0, 0.5], "profitability": [0.5, 1.0],
    ...     "payment": [0.5, 1.0], "cost_to_serve": [0.5, 1.0], "prospects": [1.0, 0.5]},
    ...     index=["A", "B"])
    >>> good_customer_score(traits).tolist()
    [70.0, 80.0]
    >>> good_customer_score(traits, {"purchase_power": 3, "prospects": 1}).tolist()
    [100.0, 50.0]
    """
    traits = _validated_traits(traits)
    weights = _weights(weights)
    score = traits[list(TRAITS)].to_numpy() @ weights.to_numpy()
    return pd.Series(np.round(100 * score, 2), index=traits.index, name="score")


def _top_ids(score: pd.Series, n: int) -> set[object]:
    """The ``n`` customers with the highest score (ties: the first listed)."""
    return set(score.sort_values(ascending=False, kind="stable").index[:n])


def top_customers(
    traits: pd.DataFrame, weights: Mapping[str, float] | None = None, n: int = 20
) -> pd.DataFrame:
    """The ``n`` best customers by :func:`good_customer_score`, best first, with their traits.

    Ties are broken by the order of ``traits``.

    >>> traits = pd.DataFrame({"purchase_power": [1.0, 0.5, 0.2], "profitability": [0.5, 1.0, 0.2],
    ...     "payment": [0.5, 1.0, 0.2], "cost_to_serve": [0.5, 1.0, 0.2],
    ...     "prospects": [1.0, 0.5, 0.2]}, index=["A", "B", "C"])
    >>> top_customers(traits, n=2).index.tolist()
    ['B', 'A']
    """
    n = require_positive_int(n, "n")
    score = good_customer_score(traits, weights)
    best = score.sort_values(ascending=False, kind="stable").iloc[:n]
    return pd.concat([best, traits.loc[best.index, list(TRAITS)]], axis=1)


def weight_sensitivity(
    traits: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
    n: int = 20,
    factor: float = 2.0,
) -> pd.DataFrame:
    """How the top ``n`` changes when one trait's weight changes: doubled (``factor``) or dropped.

    One row per scenario ("<trait> x2", "without <trait>"), with ``kept_in_top`` (how many
    of the base top ``n`` are still in the top ``n``) and ``rank_correlation`` (Spearman
    correlation of all customers' scores with the base scores).

    >>> traits = pd.DataFrame({"purchase_power": [1.0, 0.5, 0.2], "profitability": [0.5, 1.0, 0.2],
    ...     "payment": [0.5, 1.0, 0.2], "cost_to_serve": [0.5, 1.0, 0.2],
    ...     "prospects": [1.0, 0.5, 0.2]}, index=["A", "B", "C"])
    >>> weight_sensitivity(traits, n=1).loc[["payment x2", "without payment"], "kept_in_top"].tolist()
    [1, 0]
    """
    n = require_positive_int(n, "n")
    traits = _validated_traits(traits)
    base_weights = _weights(weights)
    if not _is_finite_number(factor):
        raise TypeError(f"factor must be a number such as 2, but got {factor!r}.")
    if factor <= 0 or factor == 1:
        raise ValueError(
            f"factor must be above 0 and not 1 (2 doubles a weight), but got {factor!r}."
        )
    base = good_customer_score(traits, base_weights.to_dict())
    base_top = _top_ids(base, n)
    rows = {}
    for trait in TRAITS:
        for label, change in ((f"{trait} x{factor:g}", factor), (f"without {trait}", 0.0)):
            changed = base_weights.copy()
            changed[trait] *= change
            if changed.sum() <= 0:
                continue
            score = good_customer_score(traits, changed.to_dict())
            rows[label] = {
                "kept_in_top": len(base_top & _top_ids(score, n)),
                "rank_correlation": round(float(base.corr(score, method="spearman")), 3),
            }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "scenario"
    return table.astype({"kept_in_top": "int64"})


def top_frequency(traits: pd.DataFrame, n: int = 20, draws: int = 500, seed: int = 0) -> pd.Series:
    """How often each customer is in the top ``n`` when the weights are drawn at random.

    Draws ``draws`` sets of weights uniformly (every mix of the five traits equally
    likely, seeded) and returns, for every customer, the share of draws that put it in
    the top ``n``, largest first (named ``in_top_share``). Ties in a draw go to the
    customer listed first.

    >>> traits = pd.DataFrame({"purchase_power": [1.0, 0.5, 0.2], "profitability": [0.9, 1.0, 0.2],
    ...     "payment": [0.9, 1.0, 0.2], "cost_to_serve": [0.9, 1.0, 0.2],
    ...     "prospects": [1.0, 0.5, 0.2]}, index=["A", "B", "C"])
    >>> top_frequency(traits, n=2, draws=100).tolist()
    [1.0, 1.0, 0.0]
    """
    n = require_positive_int(n, "n")
    draws = require_positive_int(draws, "draws")
    seed = require_positive_int(seed, "seed", minimum=0)
    traits = _validated_traits(traits)
    weights = np.random.default_rng(seed).dirichlet(np.ones(len(TRAITS)), size=draws).T
    scores = traits[list(TRAITS)].to_numpy() @ weights  # customers x draws
    order = np.argsort(-scores, axis=0, kind="stable")[: min(n, len(traits))]
    counts = np.bincount(order.ravel(), minlength=len(traits))
    share = pd.Series(counts / draws, index=traits.index, name="in_top_share")
    return share.sort_values(ascending=False, kind="stable")
