"""The course's figure style: palette, ``course_style``, and the generic bar chart.

Use every plot inside ``with course_style():`` (the functions here do it for
you); importing crmkit never changes matplotlib's global settings. Colours
are the Okabe-Ito palette, readable for colour-blind readers and in print.
Text in figures is English: the default fonts have no Chinese glyphs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pandas as pd

from crmkit._validate import (
    require_axes,
    require_number,
    require_series,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
STYLE = {
    "figure.figsize": (7.5, 4.2),
    "figure.dpi": 80,
    "savefig.dpi": 110,
    "axes.prop_cycle": None,  # filled in course_style (needs matplotlib's cycler)
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.frameon": False,
    "font.family": "DejaVu Sans",
}


@contextlib.contextmanager
def course_style() -> Iterator[None]:
    """Apply the course's figure style inside a ``with`` block only.

    >>> import matplotlib
    >>> before = matplotlib.rcParams["axes.spines.top"]
    >>> with course_style():
    ...     matplotlib.rcParams["axes.spines.top"]
    False
    >>> matplotlib.rcParams["axes.spines.top"] == before
    True
    """
    import matplotlib as mpl
    from cycler import cycler

    params = dict(STYLE, **{"axes.prop_cycle": cycler(color=PALETTE)})
    # Restore only the keys set here. (matplotlib's rc_context restores every
    # setting, which would undo the inline backend switching on interactive
    # mode when the first figure is drawn inside the block.)
    saved = {key: mpl.rcParams[key] for key in params}
    mpl.rcParams.update(params)
    try:
        yield
    finally:
        mpl.rcParams.update(saved)


def new_axes(ax: Axes | None) -> Axes:
    """The Axes to draw on: ``ax`` itself, or a new figure's Axes when it is None.

    >>> new_axes(None).get_title()
    ''
    """
    import matplotlib.pyplot as plt

    require_axes(ax)
    if ax is not None:
        return ax
    _, ax = plt.subplots()
    return ax


def bar(
    values: pd.Series,
    title: str,
    xlabel: str = "",
    ylabel: str = "",
    ax: Axes | None = None,
    highlight: object = None,
    horizontal: bool = False,
) -> Axes:
    """A bar chart of a Series (index = bars), labelled with its values.

    >>> ax = bar(pd.Series({"a": 3, "b": 5}), "Example")
    >>> [round(p.get_height()) for p in ax.patches]
    [3, 5]
    """
    require_series(values, "values", numeric=True)
    require_axes(ax)
    with course_style():
        ax = new_axes(ax)
        colours = [PALETTE[1] if key == highlight else PALETTE[0] for key in values.index]
        labels = [str(key) for key in values.index]
        if horizontal:
            bars = ax.barh(labels, values.to_numpy(), color=colours)
            ax.invert_yaxis()
            ax.grid(axis="x")
            ax.grid(axis="y", visible=False)
        else:
            bars = ax.bar(labels, values.to_numpy(), color=colours)
        fmt = (
            "{:,.0f}"
            if pd.api.types.is_integer_dtype(values) or values.abs().max() >= 100
            else "{:,.2f}"
        )
        ax.bar_label(bars, labels=[fmt.format(v) for v in values.to_numpy()], padding=2, fontsize=9)
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    return ax


def slider(kind: str, description: str, value: float, low: float, high: float, step: float) -> Any:
    """A slider for the course's explorers: it redraws when let go, not while dragged, and
    shows its whole description. ``kind`` is "IntSlider" or "FloatSlider".

    >>> s = slider("FloatSlider", "payment", 1.0, 0.0, 3.0, 0.5)
    >>> (s.description, s.value, s.max, s.continuous_update)
    ('payment', 1.0, 3.0, False)
    """
    if kind not in ("IntSlider", "FloatSlider"):
        raise ValueError(f"kind must be 'IntSlider' or 'FloatSlider', but got {kind!r}.")
    if not isinstance(description, str):
        raise TypeError(f"description must be text, but got {description!r}.")
    bounds = {"value": value, "low": low, "high": high, "step": step}
    for name, number in bounds.items():
        require_number(number, name)
    if not low <= value <= high or step <= 0:
        raise ValueError(
            f"the slider needs low <= value <= high and a positive step, but got "
            f"value={value!r}, low={low!r}, high={high!r}, step={step!r}."
        )
    import ipywidgets as widgets

    return getattr(widgets, kind)(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
    )
