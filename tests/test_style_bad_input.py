"""Bad input to crmkit.style: the course style and the generic bar chart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from crmkit import plots, style

from tests.bad_input_support import (
    Generic,
    Target,
    coverage_tests,
    expect_clear_error,
    fast,
    generic_tests,
    targets_by_name,
)

FAST = fast(max_examples=12, shrink=False)

TARGETS = targets_by_name(
    [
        Target(
            style.bar,
            lambda: {"values": pd.Series({"a": 3.0, "b": 5.0}), "title": "Bars"},
            series=("values",),
            axes=("ax",),
        ),
    ]
)
globals().update(generic_tests(TARGETS, Generic(fast=FAST, series_kinds=("text",))))


def test_course_style_takes_no_arguments() -> None:
    with pytest.raises(TypeError, match="course_style"):
        with plots.course_style("seaborn"):  # type: ignore[call-arg]
            pass


@pytest.mark.parametrize("bad", ["ax", 3, [None]], ids=repr)
def test_new_axes_rejects_what_is_not_axes(bad: Any) -> None:
    expect_clear_error(lambda: style.new_axes(bad), "ax", what=f"new_axes({bad!r:.30})")


@pytest.mark.parametrize(
    ("arguments", "word"),
    [
        (("Slider", "w", 1.0, 0.0, 3.0, 0.5), "kind"),
        (("FloatSlider", 3, 1.0, 0.0, 3.0, 0.5), "description"),
        (("FloatSlider", "w", "1", 0.0, 3.0, 0.5), "value"),
        (("FloatSlider", "w", 5.0, 0.0, 3.0, 0.5), "high"),
        (("IntSlider", "w", 1, 0, 3, 0), "step"),
    ],
    ids=repr,
)
def test_slider_refuses_bad_settings(arguments: tuple[Any, ...], word: str) -> None:
    expect_clear_error(lambda: style.slider(*arguments), word, what=f"slider{arguments!r}")


# --------------------------------------------------------------------------- coverage

#: Every public function -> the bad-input checks that cover it.
BAD_INPUT: dict[str, list[Target | Callable[..., None]]] = {
    **{name: [target] for name, target in TARGETS.items()},
    "crmkit.style.course_style": [test_course_style_takes_no_arguments],
    "crmkit.style.new_axes": [test_new_axes_rejects_what_is_not_axes],
    "crmkit.style.slider": [test_slider_refuses_bad_settings],
}


globals().update(coverage_tests(style, BAD_INPUT, globals()))
