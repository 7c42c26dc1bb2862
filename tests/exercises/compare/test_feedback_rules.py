"""Generic rules in the comparators: odd types, labelled Series for ids, wrong N, dict forms."""

from __future__ import annotations

import numpy as np
import pandas as pd
from crmkit.exercises import compare

from tests.exercises.compare.support import customer_index, problems_of


def counts() -> pd.Series:
    return pd.Series([5, 3, 2], index=pd.Index(["active", "lost", "new"], name="state"))


def test_tuple_labels_are_named_and_the_rest_still_compared() -> None:
    table = pd.DataFrame({"state": ["active"] * 5 + ["lost"] * 3 + ["new"] * 2})
    answer = table[["state"]].value_counts()  # labels ('active',), ('lost',), ...
    text = problems_of(compare.series()(answer, counts()))
    assert "tuples with one item" in text and "('active',)" in text
    assert "mix of different types" not in text
    assert compare.series()(table["state"].value_counts(), counts()).ok
    frame = counts().rename("n").to_frame()
    tupled = frame.set_axis(pd.MultiIndex.from_arrays([frame.index]))
    assert "tuples with one item" in problems_of(compare.frame()(tupled, frame))


def test_unique_array_where_counts_or_a_count_are_expected() -> None:
    states = pd.Series(["active", "lost", "new", "lost"], dtype="string")
    text = problems_of(compare.series()(states.unique(), counts()))
    assert "forget to count" in text and ".value_counts()" in text
    text = problems_of(compare.scalar()(states.unique(), 3))
    assert "forget to count" in text and "3 values" not in text
    assert "forget to count" in problems_of(compare.scalar()(list("abcdef"), 6))
    assert "6" not in problems_of(compare.scalar()(list("abcdef"), 6))  # no count given away


def test_extension_arrays_are_collections_of_ids() -> None:
    ids = pd.Series(["C1", "C2"], dtype="string")
    assert compare.set_of()(ids.unique(), {"C1", "C2"}).ok


def test_series_of_scores_or_a_mask_where_ids_are_expected() -> None:
    index = customer_index(4)
    scores = pd.Series([0.9, 0.8, 0.2, 0.1], index=index)
    wanted = set(index[:2])
    text = problems_of(compare.set_of(what="customers")(scores, wanted))
    assert "its labels (its index)" in text and "filter" in text.lower()
    assert "check your filter" not in text  # no broad "filter" diagnosis on this symptom
    mask = scores > 0.5
    text = problems_of(compare.set_of(what="customers")(mask, wanted))
    assert "mask[mask].index" in text and "Apart from that, your customers are right" in text


def test_subset_and_superset_name_the_parameter() -> None:
    wanted = {"C1", "C2", "C3", "C4"}
    assert "some are missing" in problems_of(compare.set_of()({"C1", "C2"}, wanted))
    assert "intersection (&)" in problems_of(compare.set_of()({"C1", "C2"}, wanted))
    assert "and more besides" in problems_of(compare.set_of()(wanted | {"C9"}, wanted))
    assert "union (|)" in problems_of(compare.set_of()(wanted | {"C9"}, wanted))
    text = problems_of(compare.set_of()({"C1", "C9"}, wanted))
    assert "some are missing" not in text and "more besides" not in text


def test_missing_members_never_list_the_whole_expected_collection() -> None:
    text = problems_of(compare.set_of()([], {"C1", "C2"}))
    assert not ("'C1'" in text and "'C2'" in text)
    text = problems_of(compare.sequence()(["x"], ["a", "b"]))
    assert not ("'a'" in text and "'b'" in text)


def test_top_n_with_the_wrong_n() -> None:
    ranking = ["C3", "C1", "C2", "C4"]
    assert "N of your top-N" in problems_of(compare.sequence()(ranking[:3], ranking))
    assert "N of your top-N" in problems_of(compare.sequence()(ranking + ["C5"], ranking))
    assert "reverse order" in problems_of(compare.sequence()(ranking[::-1], ranking))


def test_mapping_explains_forms_without_expected_values() -> None:
    expected = {"real": True, "rate": 0.25, "kind": "functional", "count": 12}
    compare_dict = compare.mapping()
    text = problems_of(compare_dict({**expected, "real": "True"}, expected))
    assert "without quotes" in text
    assert "instead of 1 or 0" in problems_of(compare_dict({**expected, "real": 1}, expected))
    assert "100 times too big" in problems_of(compare_dict({**expected, "rate": 25.0}, expected))
    assert "capitals" in problems_of(compare_dict({**expected, "kind": "Functional"}, expected))
    assert "remove the quotes" in problems_of(compare_dict({**expected, "count": "12"}, expected))
    text = problems_of(compare_dict({**expected, "kind": "hierarchical", "rate": 0.3}, expected))
    assert "functional" not in text and "0.25" not in text
    assert "'rate': yours 0.3 (too high)" in text
    assert "1 of the 4 values is not the expected one" in text and "'kind'" not in text


def test_classification_names_labels_differing_only_in_capitals() -> None:
    compare_labels = compare.classification("phrases", ("blaming", "positive"))
    text = problems_of(
        compare_labels({"a": "Blaming ", "b": "positive"}, {"a": "blaming", "b": "positive"})
    )
    assert "only in capitals or spaces" in text and "Use only these labels" in text


def test_first_differences_show_direction_not_expected_values() -> None:
    expected = pd.Series(np.arange(10.0, 60.0, 10.0), index=customer_index(5))
    answer = expected.copy()
    answer.iloc[1] = 23.5
    text = problems_of(compare.series()(answer, expected))
    assert "yours 23.5 (too high)" in text and "20" not in text


def test_series_with_the_right_values_for_too_few_or_too_many_labels() -> None:
    expected = pd.Series([5.0, 4.0, 3.0, 2.0], index=customer_index(4))
    text = problems_of(compare.series(check_order=True)(expected.head(2), expected))
    assert "right for the labels you have" in text and "smaller N" in text
    extra = pd.concat([expected, pd.Series([1.0], index=["C0099"])])
    assert "larger N" in problems_of(compare.series()(extra, expected))
    changed = expected.head(2) * 2
    assert "right for the labels you have" not in problems_of(compare.series()(changed, expected))
