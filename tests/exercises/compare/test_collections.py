"""crmkit.exercises.compare.collections: sets, sequences (rankings) and dicts."""

from __future__ import annotations

import pandas as pd
from crmkit.exercises import compare

from tests.exercises.compare.support import problems_of


def test_set_of() -> None:
    compare_ids = compare.set_of(what="customers")
    assert compare_ids(pd.Series(["C2", "C1", "C1"]), {"C1", "C2"}).ok
    assert compare_ids(pd.Index(["C2", "C1"]), ["C1", "C2"]).ok
    text = problems_of(compare_ids(["C1", "C4", "C5"], {"C1", "C2", "C3"}))
    assert "missing 2 of the 3 expected customers, for example 'C2' and 1 more" in text
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
    assert "has 2 customers, where 3 are asked" in text and "top-N" in text
    assert "a set has no order" in problems_of(compare_ranking({"a"}, ["a"]))
    assert "position 1: yours 3 (too high)" in problems_of(compare.sequence()([1, 3], [1, 2]))


def test_mapping() -> None:
    compare_counts = compare.mapping(what="states")
    assert compare_counts({"lost": 2, "active": 5}, {"active": 5, "lost": 2}).ok
    assert compare_counts(pd.Series({"lost": 2.0, "active": 5.0}), {"active": 5, "lost": 2}).ok
    text = problems_of(compare_counts({"lost": 3, "new": 1}, {"active": 5, "lost": 2}))
    assert "missing 1 of the 2 expected states, for example 'active'" in text
    assert "'new'" in text
    assert "'lost': yours 3 (too high)" in text and "expected 2" not in text
    assert "expects a dict" in problems_of(compare_counts([1, 2], {"a": 1}))


def test_classification_never_names_the_expected_labels() -> None:
    expected = {"a": "blaming", "b": "positive", "c": "blaming"}
    compare_labels = compare.classification("phrases", ("blaming", "positive"))
    assert compare_labels(dict(expected), expected).ok
    verdict = compare_labels({"a": "positive", "b": "positive", "c": "blaming"}, expected)
    assert not verdict.ok
    text = " ".join(verdict.problems)
    assert "1 of the 3 phrases" in text and "'a'" not in text and "blaming" not in text
    missing = compare_labels({"a": "blaming", "d": "rude"}, expected)
    text = " ".join(missing.problems)
    assert "missing 2 of the 3" in text and "'d'" in text and "'rude'" in text
    assert not compare_labels(["blaming"], expected).ok
