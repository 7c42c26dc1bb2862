"""crmkit.explorer: an explorer reads as a sentence, not widget code, where no kernel runs it."""

from __future__ import annotations

from typing import Any

import ipywidgets
import pytest
from crmkit import explorer, style

from tests.bad_input_support import coverage_tests, expect_clear_error


def test_plain_text_fits_what_jupyter_shows() -> None:
    box = explorer.explorer_box("Budget explorer", [ipywidgets.IntSlider()])
    bundle = box._repr_mimebundle_()
    assert bundle["text/plain"] == explorer.explorer_text("Budget explorer")
    assert len(bundle["text/plain"]) <= explorer.MAX_TEXT
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert isinstance(box, ipywidgets.VBox) and len(box.children) == 1


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: explorer.explorer_text(""), ("title",)),
        (lambda: explorer.explorer_text(3), ("title",)),
        (lambda: explorer.explorer_text("x" * 80), ("title", "long")),
        (lambda: explorer.explorer_box("Explorer", "slider"), ("children", "str")),
    ],
)
def test_bad_input_gets_a_clear_error(call, words) -> None:
    expect_clear_error(call, *words, what=str(words))


@pytest.mark.parametrize(
    ("controls", "draw", "word"),
    [
        ([], lambda: None, "controls"),
        ("slider", lambda: None, "controls"),
        ([3], lambda: None, "controls"),
        (None, lambda: None, "controls"),
    ],
    ids=["empty", "text", "not-widgets", "none"],
)
def test_explorer_refuses_bad_controls(controls: Any, draw: Any, word: str) -> None:
    expect_clear_error(
        lambda: explorer.explorer("Demo explorer", controls, draw), word, what=repr(controls)
    )


def test_explorer_refuses_a_draw_that_is_not_a_function() -> None:
    level = style.slider("IntSlider", "level", 1, 0, 3, 1)
    expect_clear_error(
        lambda: explorer.explorer("Demo explorer", [level], "plot"), "draw", what="draw='plot'"
    )


def test_explorer_redraws_when_a_control_moves() -> None:
    import matplotlib.pyplot as plt

    level = style.slider("IntSlider", "level", 1, 0, 3, 1)
    seen: list[int] = []

    def draw() -> Any:
        seen.append(level.value)
        return plt.figure() if level.value else print("level 0 draws nothing")

    box = explorer.explorer("Level explorer", [level], draw)
    level.value = 0
    level.value = 2
    assert seen == [1, 0, 2]
    assert repr(box).startswith("Level explorer: run this cell")


#: Every public function -> the bad-input checks that cover it.
BAD_INPUT = {
    "crmkit.explorer.explorer_text": [test_bad_input_gets_a_clear_error],
    "crmkit.explorer.explorer_box": [test_bad_input_gets_a_clear_error],
    "crmkit.explorer.explorer": [
        test_explorer_refuses_bad_controls,
        test_explorer_refuses_a_draw_that_is_not_a_function,
    ],
}
globals().update(coverage_tests(explorer, BAD_INPUT, globals()))
