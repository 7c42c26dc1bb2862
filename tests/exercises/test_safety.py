"""crmkit.exercises.safety: private copies, and error text without memory addresses."""

from __future__ import annotations

import pandas as pd
from crmkit.exercises.safety import exception_text, private_copy

from tests.exercises.strategies import Hostile


def test_private_copies_protect_the_original() -> None:
    table = pd.DataFrame({"x": [1, 2]})
    mine = private_copy(table)
    mine.loc[0, "x"] = 99
    assert table.loc[0, "x"] == 1
    nested = {"a": [1]}
    private_copy(nested)["a"].append(2)
    assert nested == {"a": [1]}
    hostile = Hostile()
    assert private_copy(hostile) is hostile  # uncopyable: read-only use


def test_exception_text() -> None:
    assert exception_text(KeyError("x")) == "KeyError: 'x'"
    assert exception_text(ValueError("y" * 400), limit=10) == "ValueError: yyyyyyyyyy"
    assert " at 0x" not in exception_text(RuntimeError(repr(object())))
