"""crmkit.style: the course's figure style and the generic bar chart."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from crmkit import plots
from matplotlib.axes import Axes
from matplotlib.colors import to_hex

from tests.figure_support import snapshot, title

# --------------------------------------------------------------------------- bar


def test_bar_vertical() -> None:
    values = pd.Series({"actual": 1297, "lost": 1539, "target": 36}, name="parties")
    ax = plots.bar(values, "Parties per state", xlabel="State", ylabel="Parties")
    assert isinstance(ax, Axes)
    assert title(ax) == "Parties per state"
    assert ax.get_xlabel() == "State" and ax.get_ylabel() == "Parties"
    assert len(ax.patches) == 3
    assert [round(p.get_height()) for p in ax.patches] == [1297, 1539, 36]
    assert [t.get_text() for t in ax.texts] == ["1,297", "1,539", "36"]  # value labels
    assert [t.get_text() for t in ax.get_xticklabels()] == ["actual", "lost", "target"]


def test_bar_highlight_and_small_values() -> None:
    ax = plots.bar(pd.Series({"a": 0.25, "b": 0.5}), "Shares", highlight="b")
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [plots.PALETTE[0].lower(), plots.PALETTE[1].lower()]
    assert [t.get_text() for t in ax.texts] == ["0.25", "0.50"]


def test_bar_horizontal() -> None:
    ax = plots.bar(pd.Series({"x": 2.0, "y": 5.0, "z": 1.0}), "Sideways", horizontal=True)
    assert len(ax.patches) == 3
    assert [p.get_width() for p in ax.patches] == [2.0, 5.0, 1.0]
    assert ax.yaxis_inverted()  # first bar on top


def test_bar_draws_on_the_given_axes() -> None:
    fig, (left, right) = plt.subplots(1, 2)
    ax = plots.bar(pd.Series({"a": 1}), "Right", ax=right)
    assert ax is right
    assert len(left.patches) == 0 and len(right.patches) == 1
    assert len(plt.get_fignums()) == 1  # no extra figure


# --------------------------------------------------------------------------- course_style


def test_course_style_applies_inside_and_restores_everything() -> None:
    before = snapshot()
    with plots.course_style():
        inside = snapshot()
        assert matplotlib.rcParams["axes.spines.top"] is False
        assert matplotlib.rcParams["axes.titlelocation"] == "left"
        assert [c["color"] for c in matplotlib.rcParams["axes.prop_cycle"]] == plots.PALETTE
    assert inside != before  # the style did something ...
    assert snapshot() == before  # ... and nothing of it is left


def test_course_style_restores_the_users_own_settings() -> None:
    with matplotlib.rc_context({"figure.dpi": 123, "axes.grid": False, "font.size": 17.0}):
        before = snapshot()
        with plots.course_style():
            assert matplotlib.rcParams["figure.dpi"] == 80
            plots.bar(pd.Series({"a": 1}), "Inside")
        assert snapshot() == before
        assert matplotlib.rcParams["figure.dpi"] == 123


def test_course_style_restores_after_an_error() -> None:
    before = snapshot()
    with pytest.raises(RuntimeError), plots.course_style():
        raise RuntimeError("boom")
    assert snapshot() == before


@pytest.mark.parametrize("interactive", [False, True])
def test_course_style_leaves_interactive_mode_and_backend_alone(interactive: bool) -> None:
    was = matplotlib.is_interactive()
    try:
        matplotlib.interactive(interactive)
        backend = matplotlib.get_backend()
        with plots.course_style():
            plots.bar(pd.Series({"a": 1}), "A")
        assert matplotlib.is_interactive() is interactive
        assert matplotlib.get_backend() == backend
    finally:
        matplotlib.interactive(was)


def test_course_style_keeps_interactive_mode_switched_on_inside() -> None:
    """The inline backend turns interactive mode on when the first figure is drawn, which
    can happen inside the block: the block must not switch it off again afterwards."""
    was = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with plots.course_style():
            matplotlib.interactive(True)
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(was)


def test_figures_have_no_missing_glyph_warnings(recwarn: pytest.WarningsRecorder) -> None:
    ax = plots.bar(pd.Series({"actual": 3, "lost": 5}), "States", "State", "Parties")
    ax.figure.canvas.draw()
    assert not [w for w in recwarn if "Glyph" in str(w.message)]
