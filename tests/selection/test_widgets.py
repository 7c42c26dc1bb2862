"""crmkit.selection.widgets: the good-customer explorer, with stand-in widgets."""

from __future__ import annotations

from unittest import mock

from crmkit import selection
from crmkit.selection import widgets

from tests.selection.tables import traits


def test_good_customer_explorer_builds_and_redraws() -> None:
    built = {}

    def slider(**kwargs: object) -> mock.MagicMock:
        fake = mock.MagicMock(value=kwargs["value"])
        built[kwargs["description"]] = fake
        return fake

    with (
        mock.patch("ipywidgets.FloatSlider", side_effect=slider),
        mock.patch("ipywidgets.Output", return_value=mock.MagicMock()),
        mock.patch("ipywidgets.Label"),
        mock.patch("ipywidgets.VBox", return_value="box"),
        mock.patch("IPython.display.display") as shown,
    ):
        assert widgets.good_customer_explorer(traits(), n=2) == "box"
        assert set(built) == set(selection.TRAITS)
        assert shown.call_count == 1
        redraw = built["payment"].observe.call_args.args[0]
        built["payment"].value = 3.0
        redraw({"new": 3.0})
        assert shown.call_count == 2
