"""crmkit.satisfaction.widgets: the delivered-value calculator, with stand-in widgets."""

from __future__ import annotations

from unittest import mock

from crmkit.satisfaction import widgets

from tests.satisfaction.tables import profile


def test_delivered_value_explorer_builds_and_redraws() -> None:
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
        assert widgets.delivered_value_explorer(profile()) == "box"
        assert len(built) == 8 and built["time cost"].value == 3.0
        assert shown.call_count == 1
        redraw = built["time cost"].observe.call_args.args[0]
        built["time cost"].value = 7.0
        redraw({"new": 7.0})
        assert shown.call_count == 2
