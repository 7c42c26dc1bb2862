"""crmkit.tiers.widgets: the pyramid explorer, with stand-in widgets."""

from __future__ import annotations

from unittest import mock

from crmkit.tiers import widgets

from tests.tiers.tables import profit


def test_pyramid_explorer_builds_and_redraws() -> None:
    built = []

    def slider(**kwargs: object) -> mock.MagicMock:
        fake = mock.MagicMock(value=kwargs["value"])
        built.append(fake)
        return fake

    with (
        mock.patch("ipywidgets.FloatSlider", side_effect=slider),
        mock.patch("ipywidgets.Output", return_value=mock.MagicMock()),
        mock.patch("ipywidgets.VBox", return_value="box"),
        mock.patch("IPython.display.display") as shown,
    ):
        assert widgets.pyramid_explorer(profit()) == "box"
        assert len(built) == 3
        assert shown.call_count == 1  # the figure
        redraw = built[0].observe.call_args.args[0]
        built[0].value = 30.0  # platinum past gold's cut-off: a message, no figure
        redraw({"new": 30.0})
        assert shown.call_count == 1
        built[0].value = 2.0
        redraw({"new": 2.0})
        assert shown.call_count == 2
