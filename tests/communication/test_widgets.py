"""crmkit.communication.widgets: the word-of-mouth explorer, with stand-in widgets."""

from __future__ import annotations

from unittest import mock

import pandas as pd
from crmkit.communication import widgets


def test_word_of_mouth_explorer_builds_and_redraws() -> None:
    built = {}

    def slider(**kwargs: object) -> mock.MagicMock:
        fake = mock.MagicMock(value=kwargs["value"])
        built[kwargs["description"]] = fake
        return fake

    with (
        mock.patch("ipywidgets.FloatSlider", side_effect=slider),
        mock.patch("ipywidgets.Output", return_value=mock.MagicMock()),
        mock.patch("ipywidgets.VBox", return_value="box"),
        mock.patch("IPython.display.display") as shown,
    ):
        told = pd.Series({"resolved_fast": 80, "unresolved": 600})
        assert widgets.word_of_mouth_explorer(told) == "box"
        assert set(built) == {"prospect share", "deterred share", "customer value (CNY)"}
        assert shown.call_count == 1
        redraw = built["deterred share"].observe.call_args.args[0]
        built["deterred share"].value = 1.0
        redraw({"new": 1.0})
        assert shown.call_count == 2
