"""Comparators of crmkit.exercises.compare: correct answers pass, wrong ones get specific help."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from crmkit.exercises import compare
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# --------------------------------------------------------------------------- fixtures


def customer_index(count: int = 10) -> pd.Index:
    return pd.Index([f"C{number:04d}" for number in range(1, count + 1)], name="customer_id")


@pytest.fixture
def revenue() -> pd.Series:
    return pd.Series(np.arange(10.0, 110.0, 10.0), index=customer_index(), name="revenue")


@pytest.fixture
def table(revenue: pd.Series) -> pd.DataFrame:
    return revenue.reset_index().assign(orders=np.arange(10), segment=["A", "B"] * 5)


def problems_of(verdict: compare.Verdict) -> str:
    """All problems as one text, for 'is this diagnosis mentioned' assertions."""
    assert isinstance(verdict, compare.Verdict)
    assert all(isinstance(problem, str) for problem in verdict.problems)
    return "\n".join(verdict.problems)


# --------------------------------------------------------------------------- scalar


@pytest.mark.parametrize(
    "answer", [0.25, np.float64(0.25), 0.25 + 1e-9, np.array(0.25), 1 / 4, np.float32(0.25)]
)
def test_scalar_accepts_equal_numbers(answer: object) -> None:
    assert compare.scalar()(answer, 0.25).ok


@pytest.mark.parametrize(
    ("answer", "expected", "phrase"),
    [
        (25.0, 0.25, "percentage"),
        (0.25, 25.0, "fraction"),
        (2500.0, 2.5, "1000 times the expected value"),
        (0.0025, 2.5, "1000 times smaller"),
        (120.0, 10.0, "yearly"),
        (10.0, 120.0, "monthly"),
        (-3.5, 3.5, "wrong sign"),
    ],
)
def test_scalar_names_constant_factors(answer: float, expected: float, phrase: str) -> None:
    verdict = compare.scalar()(answer, expected)
    assert not verdict.ok
    assert phrase in problems_of(verdict)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("0.25", "remove the quotes"),
        (True, "True/False"),
        (None, "None"),
        ([0.25], "your_list[0]"),
        (pd.Series([0.25]), ".item()"),
        (pd.Series([0.25, 0.5]), ".sum()"),
        (object(), "an object of type object"),
    ],
)
def test_scalar_names_the_wrong_type(answer: object, phrase: str) -> None:
    text = problems_of(compare.scalar()(answer, 0.25))
    assert "expects a number" in text
    assert phrase in text


def test_scalar_handles_nan_and_huge_numbers() -> None:
    assert compare.scalar()(float("nan"), float("nan")).ok
    assert "NaN" in problems_of(compare.scalar()(float("nan"), 1.0))
    assert "missing (NaN)" in problems_of(compare.scalar()(1.0, float("nan")))
    huge = problems_of(compare.scalar()(10**400, 1.0))
    assert "too high" in huge and "digits" in huge
    assert compare.scalar()(math.inf, math.inf).ok


def test_scalar_says_rounded_or_too_high_without_giving_the_answer_away() -> None:
    assert "rounded to 2 decimals" in problems_of(compare.scalar()(0.33, 1 / 3))
    assert "cut off to whole numbers" in problems_of(compare.scalar()(2, 2.7))
    text = problems_of(compare.scalar()(130.0, 100.0))
    assert "too high (by about 30%)" in text
    assert "100" not in text.replace("130", "")


def test_scalar_tolerances_are_configurable() -> None:
    assert not compare.scalar()(100.5, 100.0).ok
    assert compare.scalar(rel_tol=0.01)(100.5, 100.0).ok
    assert compare.scalar(abs_tol=1)(100.5, 100.0).ok


def test_scalar_custom_factor() -> None:
    weekly = compare.Factor(7, "{subject} 7 times too big.", "{subject} 7 times too small.")
    assert problems_of(compare.scalar(factors=(weekly,))(7.0, 1.0)) == (
        "Your answer is 7 times too big."
    )


def test_scalar_text_and_bool() -> None:
    assert compare.scalar()("lost", "lost").ok
    assert "capitals or spaces" in problems_of(compare.scalar()("Lost ", "lost"))
    assert compare.scalar(case_sensitive=False)("LOST", "lost").ok
    assert "expects text" in problems_of(compare.scalar()(3, "lost"))
    assert compare.scalar()(np.bool_(True), True).ok
    assert "without quotes" in problems_of(compare.scalar()("True", True))
    assert "instead of 1 or 0" in problems_of(compare.scalar()(1, True))
    assert "should be True" in problems_of(compare.scalar()(False, True))


# --------------------------------------------------------------------------- series


def test_series_ignores_order_and_int_vs_float(revenue: pd.Series) -> None:
    shuffled = revenue.sample(frac=1, random_state=1)
    assert compare.series()(shuffled, revenue).ok
    counts = pd.Series([1, 2], index=customer_index(2))
    assert compare.series()(counts.astype(float), counts).ok
    assert compare.series()(counts.astype("Int64"), counts).ok


def test_series_names_missing_and_extra_ids(revenue: pd.Series) -> None:
    text = problems_of(compare.series()(revenue.drop(["C0002", "C0005"]), revenue))
    assert "missing 2 customer_id values" in text
    assert "C0002, C0005" in text
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
    text = problems_of(compare.series()(revenue.to_frame(), revenue))
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
    assert "customer_id C0002: yours 0, expected 20" in text
    assert "customer_id C0009: yours 1.5, expected 90" in text


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


# --------------------------------------------------------------------------- frame


def test_frame_accepts_key_as_column_or_index_and_any_row_order(table: pd.DataFrame) -> None:
    compare_table = compare.frame(key="customer_id")
    assert compare_table(table, table).ok
    assert compare_table(table.set_index("customer_id"), table).ok
    assert compare_table(table.iloc[::-1], table).ok
    assert compare_table(table[["orders", "segment", "revenue", "customer_id"]], table).ok


def test_frame_wrong_type(table: pd.DataFrame) -> None:
    text = problems_of(compare.frame()(table["revenue"], table))
    assert "Your answer is a pandas Series" in text
    assert "expects a pandas DataFrame (a table) with columns 'customer_id'" in text
    assert ".reset_index()" in text


def test_frame_missing_and_extra_columns_are_named(table: pd.DataFrame) -> None:
    text = problems_of(compare.frame(key="customer_id")(table.drop(columns="orders"), table))
    assert "no column 'orders'" in text
    assert "Its columns are: 'customer_id', 'revenue', 'segment'" in text
    text = problems_of(
        compare.frame(key="customer_id")(table.rename(columns={"orders": "Orders"}), table)
    )
    assert "did you mean 'Orders'?" in text
    text = problems_of(compare.frame(key="customer_id")(table.assign(helper=1), table))
    assert "1 extra column: 'helper'" in text
    assert compare.frame(key="customer_id", columns=["revenue"])(table.assign(helper=1), table).ok


def test_frame_missing_extra_and_repeated_ids(table: pd.DataFrame) -> None:
    compare_table = compare.frame(key="customer_id")
    text = problems_of(compare_table(table.iloc[3:], table))
    assert "missing 3 customer_id values" in text and "C0001, C0002, C0003" in text
    text = problems_of(compare_table(pd.concat([table, table.iloc[[4]]]), table))
    assert "repeated customer_id values: C0005" in text
    text = problems_of(compare_table(table.drop(columns="customer_id"), table))
    assert "no column 'customer_id' (it identifies each row)" in text


def test_frame_values_factor_and_kinds(table: pd.DataFrame) -> None:
    compare_table = compare.frame(key="customer_id")
    text = problems_of(compare_table(table.assign(revenue=table["revenue"] * 100), table))
    assert "column 'revenue'" in text and "percentage" in text
    changed = table.copy()
    changed.loc[2, "orders"] = 99
    text = problems_of(compare_table(changed, table))
    assert "Column 'orders': 1 of 10 values differ" in text
    assert "customer_id C0003: yours 99, expected 2" in text
    text = problems_of(compare_table(table.assign(orders=table["orders"].astype(str)), table))
    assert "column 'orders' are text" in text


def test_frame_sort_order_is_named(table: pd.DataFrame) -> None:
    ranked = table.sort_values("revenue", ascending=False, ignore_index=True)
    text = problems_of(compare.frame(key="customer_id", check_order=True)(table, ranked))
    assert "expected sorted by 'revenue', largest first" in text
    assert "yours is sorted by 'revenue', smallest first" in text
    text = problems_of(compare.frame(check_order=True)(table, ranked))
    assert "wrong order" in text
    assert compare.frame()(table, ranked).ok  # positional rows, order not checked


def test_frame_multiindex_columns_and_index_matching(table: pd.DataFrame) -> None:
    grouped = table.groupby("segment").agg({"revenue": ["sum"]})
    expected = table.groupby("segment").agg(revenue=("revenue", "sum"))
    assert "named aggregation" in problems_of(compare.frame()(grouped, expected))
    assert compare.frame()(expected.sort_index(ascending=False), expected).ok
    text = problems_of(compare.frame()(expected.reset_index(), expected))
    assert "extra column: 'segment'" in text or "numbered 0, 1, 2" in text


def test_frame_shape(table: pd.DataFrame) -> None:
    text = problems_of(compare.frame()(table.iloc[:4], table))
    assert "Your table has 4 rows; expected 10." in text


# --------------------------------------------------------------------------- collections


def test_set_of() -> None:
    compare_ids = compare.set_of(what="customers")
    assert compare_ids(pd.Series(["C2", "C1", "C1"]), {"C1", "C2"}).ok
    assert compare_ids(pd.Index(["C2", "C1"]), ["C1", "C2"]).ok
    text = problems_of(compare_ids(["C1", "C4", "C5"], {"C1", "C2", "C3"}))
    assert "missing 2 of the 3 expected customers: 'C2', 'C3'" in text
    assert "extra customers that should not be there (2 in all): 'C4', 'C5'" in text
    assert "Your customers are numbers, but expected text" in problems_of(compare_ids([1], {"1"}))
    assert "Tip: put the items in a list" in problems_of(compare_ids("C1", {"C1"}))
    assert "table.index" in problems_of(compare_ids(pd.DataFrame({"a": [1]}), {1}))
    assert "more than once: 'C1'" in problems_of(
        compare.set_of(allow_duplicates=False)(["C1", "C1"], {"C1"})
    )
    assert "single values" in problems_of(compare_ids([["C1"]], {"C1"}))


def test_set_of_messages_are_sorted_whatever_the_hash_order() -> None:
    expected = {f"C{number:03d}" for number in range(50)}
    text = problems_of(compare.set_of()([], expected))
    assert "'C000', 'C001', 'C002' and 47 more" in text


def test_sequence() -> None:
    compare_ranking = compare.sequence(what="customers")
    assert compare_ranking(pd.Series(["b", "a"]), ("b", "a")).ok
    assert compare.sequence()([1.0, 2.0000000001], [1, 2]).ok
    assert "reverse order" in problems_of(compare_ranking(["a", "b", "c"], ["c", "b", "a"]))
    assert "first difference is at position 0" in problems_of(
        compare_ranking(["b", "a", "c"], ["a", "b", "c"])
    )
    text = problems_of(compare_ranking(["a", "b"], ["a", "b", "c"]))
    assert "2 customers; expected 3" in text and "Missing customers: 'c'" in text
    assert "a set has no order" in problems_of(compare_ranking({"a"}, ["a"]))
    assert "position 1: yours 3, expected 2" in problems_of(compare.sequence()([1, 3], [1, 2]))


def test_mapping() -> None:
    compare_counts = compare.mapping(what="states")
    assert compare_counts({"lost": 2, "active": 5}, {"active": 5, "lost": 2}).ok
    assert compare_counts(pd.Series({"lost": 2.0, "active": 5.0}), {"active": 5, "lost": 2}).ok
    text = problems_of(compare_counts({"lost": 3, "new": 1}, {"active": 5, "lost": 2}))
    assert "missing 1 of the 2 expected states: 'active'" in text
    assert "'new'" in text
    assert "'lost': yours 3, expected 2" in text
    assert "expects a dict" in problems_of(compare_counts([1, 2], {"a": 1}))


# --------------------------------------------------------------------------- robustness


class Hostile:
    """An answer whose comparisons, hashing of contents and repr all fail."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no comparing me")

    def __repr__(self) -> str:
        raise RuntimeError("no printing me")

    __hash__ = object.__hash__


ALL_COMPARATORS = {
    "scalar": (compare.scalar(), 0.5),
    "series": (compare.series(), pd.Series([1.0, 2.0], index=customer_index(2))),
    "frame": (compare.frame(key="customer_id"), pd.DataFrame({"customer_id": ["C1"], "x": [1]})),
    "set_of": (compare.set_of(), {"a", "b"}),
    "sequence": (compare.sequence(), ["a", "b"]),
    "mapping": (compare.mapping(), {"a": 1}),
    "text": (compare.scalar(), "lost"),
}


@pytest.mark.parametrize("name", sorted(ALL_COMPARATORS))
@pytest.mark.parametrize(
    "answer",
    [Hostile(), [Hostile()], {Hostile()}, {"a": Hostile()}, pd.Series([Hostile()])],
    ids=["object", "list", "set", "dict", "series"],
)
def test_hostile_answers_get_a_verdict(name: str, answer: object) -> None:
    comparator, expected = ALL_COMPARATORS[name]
    verdict = comparator(answer, expected)
    assert not verdict.ok
    assert verdict.problems and " at 0x" not in problems_of(verdict)


def test_comparators_do_not_change_the_answer(table: pd.DataFrame) -> None:
    answer = table.set_index("customer_id").iloc[::-1]
    before = answer.copy()
    compare.frame(key="customer_id", check_order=True)(answer, table)
    compare.series()(answer["revenue"], table.set_index("customer_id")["revenue"])
    pd.testing.assert_frame_equal(answer, before)
    assert answer.index.name == "customer_id"
    values = [3, 1, 2]
    compare.sequence()(values, [1, 2, 3])
    assert values == [3, 1, 2]


def test_a_crash_inside_a_comparison_is_reported_not_raised() -> None:
    verdict = compare.series()(pd.Series([1.0]), "not a series")
    assert not verdict.ok
    assert "could not be compared" in problems_of(verdict)


def test_describe_and_show() -> None:
    assert compare.describe(None).startswith("None")
    assert (
        compare.describe(pd.DataFrame({"a": [1]})) == "a pandas DataFrame with 1 row and 1 column"
    )
    assert "Hostile" in compare.show(Hostile())
    assert " at 0x" not in compare.show(object())


scalars = st.one_of(
    st.none(),
    st.just(Ellipsis),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
)
labels = st.sampled_from(["C0001", "C0002", "C0003", 0, 1, None])
series_answers = st.builds(
    lambda values, labels_, name: pd.Series(
        values[: len(labels_)], index=pd.Index(labels_[: len(values)], name=name), dtype=object
    ).infer_objects(),
    st.lists(scalars, max_size=4),
    st.lists(labels, max_size=4),
    st.sampled_from([None, "customer_id", "x"]),
)
frame_answers = st.builds(
    lambda columns, rows: pd.DataFrame(
        [[row] * len(columns) for row in rows], columns=columns
    ).infer_objects(),
    st.lists(st.sampled_from(["customer_id", "x", "revenue", 0]), max_size=3),
    st.lists(scalars, max_size=3),
)
answers = st.one_of(
    scalars,
    st.lists(scalars, max_size=4),
    st.sets(st.one_of(st.integers(), st.text(max_size=3)), max_size=4),
    st.dictionaries(st.text(max_size=3), scalars, max_size=3),
    series_answers,
    frame_answers,
    st.builds(Hostile),
)


@pytest.mark.parametrize("name", sorted(ALL_COMPARATORS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers)
def test_comparators_never_raise(name: str, answer: object) -> None:
    comparator, expected = ALL_COMPARATORS[name]
    verdict = comparator(answer, expected)
    assert isinstance(verdict.ok, bool)
    assert isinstance(verdict.problems, tuple)
    assert verdict.ok or verdict.problems
    assert " at 0x" not in problems_of(verdict)


def test_series_sorted_by_labels_gets_the_sort_index_tip() -> None:
    by_id = pd.Series([30.0, 10.0, 20.0], index=customer_index(3))
    text = problems_of(compare.series(check_order=True)(by_id.iloc[::-1], by_id))
    assert "expected sorted by customer_id, smallest first" in text
    assert ".sort_index()" in text


def test_list_answers_do_not_get_rows_named_by_made_up_labels(revenue: pd.Series) -> None:
    verdict = compare.series()(revenue.tolist()[::-1], revenue)
    assert len(verdict.problems) == 1 and "customer_id C" not in problems_of(verdict)


def test_zero_answers_are_not_called_rounded() -> None:
    text = problems_of(compare.scalar()(0, 0.03))
    assert "rounded" not in text and "too low" in text


def test_key_listed_in_columns_is_fine(table: pd.DataFrame) -> None:
    compare_table = compare.frame(key="customer_id", columns=["customer_id", "revenue"])
    assert compare_table(table[["customer_id", "revenue"]], table).ok
