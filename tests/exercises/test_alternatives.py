"""crmkit.exercises.alternatives: is the answer the one a likely mistake gives?"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit.exercises.alternatives import (
    agrees_with,
    as_text_set,
    close_at,
    close_series,
    close_to,
    column_texts,
    same_frame,
    same_series,
    same_values,
)

from tests.exercises.strategies import Hostile

OTHER = pd.Series([10.0, 20.0, np.nan], index=pd.Index(["C1", "C2", "C3"], name="customer_id"))
ODD_ANSWERS = [None, "x", [1, 2], Hostile(), pd.DataFrame({"a": [1]}), {"a": 1}]


@pytest.mark.parametrize("answer", ODD_ANSWERS, ids=lambda answer: type(answer).__name__)
def test_odd_answers_are_simply_not_the_same(answer: object) -> None:
    assert not close_to(answer, 1.0)
    assert not same_series(answer, OTHER) and not same_values(answer, OTHER)
    assert not close_series(answer, OTHER) and not agrees_with(answer, OTHER)
    assert not same_frame(answer, OTHER.to_frame())


def test_series_alternatives() -> None:
    assert same_series(OTHER.iloc[::-1], OTHER)
    assert not same_series(OTHER.fillna(0), OTHER)  # a filled-in NaN is another answer
    assert same_series(pd.Series(["a", "b"]), pd.Series(["a", "b"]))
    assert same_values(OTHER.reset_index(drop=True).fillna(0), OTHER.fillna(0))
    assert close_series(OTHER.fillna(0) + 0.005, OTHER.fillna(0))
    assert agrees_with(OTHER.iloc[:2], OTHER) and not agrees_with(OTHER.rename({"C1": "X"}), OTHER)


def test_numbers_tables_and_dicts() -> None:
    assert close_to(1e-10, 0.0) and not close_to(1.01, 1.0)
    assert close_to(1.01, 1.0, rel=0.05)
    table = pd.DataFrame({"won": [3, 1]}, index=["referral", "events"])
    assert same_frame(table.rename(columns=str), table) and not same_frame(table.T, table)
    assert close_at(pd.Series({"lower": 0.2, "upper": 0.4}), {"lower": 0.2, "upper": 0.4})
    assert not close_at({"lower": "low", "upper": 0.4}, {"lower": 0.2, "upper": 0.4})


def test_sets_of_text() -> None:
    assert as_text_set(np.array([1, 2])) == {"1", "2"}
    assert as_text_set(pd.DataFrame({"a": [1]})) is None and as_text_set(7) is None
    assert as_text_set([Hostile()]) is None
    assert column_texts(pd.DataFrame({"record_id": [1]}), "record_id") == {"1"}
