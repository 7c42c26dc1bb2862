"""Chapter 04's explorer and its static twin (crmkit.database.widgets)."""

from __future__ import annotations

import contextlib
import io

from crmkit import data, database
from crmkit.database import widgets as database_widgets


def test_stopped_by_silence_factor_matches_the_warning() -> None:
    customers, lines = data.load_customers(), data.load_order_lines()
    table = database_widgets.stopped_by_silence_factor(customers, lines, [2, 3, 5])
    assert list(table.index) == [2.0, 3.0, 5.0] and table.index.name == "silence_factor"
    assert table.loc[3.0, "flagged"] == len(database.stopped_ordering_warnings(customers, lines))
    assert table["flagged"].is_monotonic_decreasing  # a stricter rule flags fewer accounts


def test_silence_explorer_redraws_and_explains_itself_as_text() -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        box = database_widgets.silence_explorer(data.load_customers(), data.load_order_lines())
        box.children[0].value = 4.5
    assert repr(box).startswith("Silence explorer: run this cell in Jupyter")
    assert "VBox" not in box._repr_mimebundle_()["text/plain"]
