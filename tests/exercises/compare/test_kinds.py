"""crmkit.exercises.compare.kinds: the kinds of values, and the message for the wrong kind."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit.exercises.compare.kinds import kind_problem, kinds_compatible, value_kind


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (pd.Series([1, 2]), "number"),
        (pd.Series([1.5, None]), "number"),
        (pd.Series([True, False]), "bool"),
        (pd.Series(["a", "b"]), "text"),
        (pd.Series(["a", "b"], dtype="category"), "text"),
        (pd.Series(pd.to_datetime(["2025-01-01"])), "datetime"),
        (pd.Series([pd.Timedelta(days=1)]), "timedelta"),
        (pd.Series([], dtype=object), "empty"),
        (pd.Series([1, "a"], dtype=object), "mixed"),
        (pd.Index(["C1"]), "text"),
    ],
)
def test_value_kind(values: pd.Series, kind: str) -> None:
    assert value_kind(values) == kind


def test_kind_problems_give_a_tip_for_common_mix_ups() -> None:
    assert kinds_compatible("empty", "number") and not kinds_compatible("bool", "number")
    assert "pd.to_numeric" in kind_problem("text", "number", "Your values are")
    assert "filter or count" in kind_problem("bool", "number", "Your values are")
    assert "the condition itself" in kind_problem("number", "bool", "Your values are")
    assert "pd.to_datetime" in kind_problem("text", "datetime", "Your values are")
    assert kind_problem("mixed", "text", "X").endswith("expects text.")
