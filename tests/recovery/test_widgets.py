"""crmkit.recovery.widgets: the targeting explorer, with stand-in widgets."""

from __future__ import annotations

from unittest import mock

from crmkit.recovery import widgets

from tests.recovery.tables import cells, lost


def test_targeting_explorer_builds_follows_the_budget_and_redraws() -> None:
    sliders, menus = [], []

    def slider(**kwargs: object) -> mock.MagicMock:
        fake = mock.MagicMock(value=kwargs["value"])
        sliders.append(fake)
        return fake

    def dropdown(**kwargs: object) -> mock.MagicMock:
        fake = mock.MagicMock(value=kwargs["value"], options=kwargs["options"])
        menus.append(fake)
        return fake

    with (
        mock.patch("ipywidgets.FloatSlider", side_effect=slider),
        mock.patch("ipywidgets.Dropdown", side_effect=dropdown),
        mock.patch("ipywidgets.Output", return_value=mock.MagicMock()),
        mock.patch("ipywidgets.VBox", return_value="box"),
        mock.patch("IPython.display.display") as shown,
    ):
        assert widgets.targeting_explorer(cells(), lost(), budget=1000) == "box"
        assert [menu.value for menu in menus] == ["apology_call", "skip"]
        assert menus[0].options == ["skip", "apology_call", "none"]
        assert shown.call_count == 1
        follow = sliders[0].observe.call_args_list[0].args[0]
        follow({"new": 100.0})  # too small for anyone: the menus follow the best plan
        assert [menu.value for menu in menus] == ["skip", "skip"]
        redraw = menus[0].observe.call_args.args[0]
        menus[0].value = "none"
        redraw({"new": "none"})
        assert shown.call_count == 2
