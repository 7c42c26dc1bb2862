"""crmkit.exercises.compare.series: a Series compared label by label."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit.exercises import compare

from tests.exercises.compare.support import customer_index, problems_of


def test_series_ignores_order_and_int_vs_float(revenue: pd.Series) -> None:
    shuffled = revenue.sample(frac=1, random_state=1)
    assert compare.series()(shuffled, revenue).ok
    counts = pd.Series([1, 2], index=customer_index(2))
    assert compare.series()(counts.astype(float), counts).ok
    assert compare.series()(counts.astype("Int64"), counts).ok


def test_series_names_missing_and_extra_ids(revenue: pd.Series) -> None:
    text = problems_of(compare.series()(revenue.drop(["C0002", "C0005"]), revenue))
    assert "missing 2 customer_id values" in text
    assert "for example C0002 and 1 more" in text  # never every missing label
    extra = pd.Series([5.0], index=pd.Index(["X0001"], name="customer_id"))
    text = problems_of(compare.series()(pd.concat([revenue, extra]), revenue))
    assert "1 extra customer_id value" in text and "X0001" in text


def test_series_names_at_most_a_few_ids(revenue: pd.Series) -> None:
    text = problems_of(compare.series()(revenue.iloc[:2], revenue))
    assert "C0003, C0004, C0005 and 5 more" in text


def test_series_wrong_type_says_what_and_why(revenue: pd.Series) -> None:
    text = problems_of(compare.series()(revenue.tolist(), revenue))
    assert "Your answer is a list with 10 items" in text
    assert "expects a pandas Series (one value per customer_id)" in text
    assert "your values are right" in text
    # A one-column table with the right values is the same answer in another form...
    assert compare.series()(revenue.to_frame(), revenue).ok
    assert compare.series()(revenue.to_frame(name="total"), revenue).ok
    # ...and with wrong values it is told how to get a Series.
    text = problems_of(compare.series()((revenue * 2).to_frame(), revenue))
    assert "single brackets" in text
    text = problems_of(compare.series()(revenue.reset_index(), revenue))
    assert "set_index('customer_id')" in text
    assert "group by customer_id" in problems_of(compare.series()(550.0, revenue))


def test_series_repeated_and_positional_labels(revenue: pd.Series) -> None:
    text = problems_of(compare.series()(pd.concat([revenue, revenue.iloc[:1]]), revenue))
    assert "repeated customer_id values: C0001 appears 2 times" in text
    text = problems_of(compare.series()(revenue.reset_index(drop=True), revenue))
    assert "numbered 0, 1, 2" in text and "set_index('customer_id')" in text


@pytest.mark.parametrize(
    ("factor", "phrase"), [(100, "percentage"), (0.01, "fraction"), (-1, "wrong sign")]
)
def test_series_names_factors(revenue: pd.Series, factor: float, phrase: str) -> None:
    assert phrase in problems_of(compare.series()(revenue * factor, revenue))


def test_series_shows_first_differing_rows(revenue: pd.Series) -> None:
    answer = revenue.copy()
    answer.loc[["C0002", "C0009"]] = [0.0, 1.5]
    text = problems_of(compare.series()(answer, revenue))
    assert "2 of 10 values differ" in text
    assert "customer_id C0002: yours 0 (too low)" in text and "expected 20" not in text
    assert "customer_id C0009: yours 1.5 (too low)" in text


def test_series_missing_values_and_kinds(revenue: pd.Series) -> None:
    answer = revenue.copy()
    answer.loc["C0003"] = np.nan
    assert "missing (NaN)" in problems_of(compare.series()(answer, revenue))
    assert "fillna" in problems_of(compare.series()(answer, revenue))
    assert "Did you fill" in problems_of(compare.series()(revenue, answer))
    assert "are text, but this exercise expects numbers" in problems_of(
        compare.series()(revenue.astype(str), revenue)
    )
    assert "True/False" in problems_of(compare.series()(revenue > 50, revenue))


def test_series_sort_order_is_named(revenue: pd.Series) -> None:
    ranked = revenue.sort_values(ascending=False)
    assert compare.series()(revenue, ranked).ok
    text = problems_of(compare.series(check_order=True)(revenue, ranked))
    assert "wrong order" in text
    assert "expected sorted by value, largest first" in text
    assert "yours is sorted by value, smallest first" in text


def test_series_text_category_and_name(revenue: pd.Series) -> None:
    states = pd.Series(["active", "lost"], index=customer_index(2), name="state")
    assert compare.series()(states.astype("category"), states).ok
    assert compare.series()(states.astype(object), states).ok
    assert "capitals or spaces" in problems_of(compare.series()(states.str.title(), states))
    assert compare.series()(states.rename("x"), states).ok
    assert ".rename('state')" in problems_of(
        compare.series(check_name=True)(states.rename("x"), states)
    )


def test_series_dates() -> None:
    dates = pd.Series(pd.to_datetime(["2024-01-01", "2024-02-01"]), index=customer_index(2))
    assert compare.series()(dates.astype("datetime64[s]"), dates).ok
    assert "dates" in problems_of(compare.series()(dates.astype(str), dates))


def test_series_sorted_by_labels_gets_the_sort_index_tip() -> None:
    by_id = pd.Series([30.0, 10.0, 20.0], index=customer_index(3))
    text = problems_of(compare.series(check_order=True)(by_id.iloc[::-1], by_id))
    assert "expected sorted by customer_id, smallest first" in text
    assert ".sort_index()" in text


def test_list_answers_do_not_get_rows_named_by_made_up_labels(revenue: pd.Series) -> None:
    verdict = compare.series()(revenue.tolist()[::-1], revenue)
    assert len(verdict.problems) == 1 and "customer_id C" not in problems_of(verdict)
