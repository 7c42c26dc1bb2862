"""The box every course explorer comes in, and how it reads where no kernel runs it.

A notebook opened without running it (a solution notebook fresh from git, GitHub,
nbviewer, a printout) cannot show a live widget; it shows the widget's plain-text
form instead, by default ``VBox(children=(FloatSlider(...`` noise. An explorer
built here says instead what it is and that the cell must run; the lesson shows
the wrapped function's static result in the next cell.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

#: Jupyter cuts a widget's plain-text form at 110 characters.
MAX_TEXT = 110


def explorer_text(title: str) -> str:
    """The plain-text form of an explorer: what it is and how to use it.

    >>> explorer_text("Budget explorer")
    'Budget explorer: run this cell in Jupyter to use it (the next cell shows its results as a table).'
    """
    if not isinstance(title, str) or not title.strip():
        raise ValueError(
            f"title must be a non-empty text such as 'Budget explorer', not {title!r}."
        )
    text = f"{title.strip()}: run this cell in Jupyter to use it (the next cell shows its results as a table)."
    if len(text) > MAX_TEXT:
        raise ValueError(f"title {title!r} is too long: keep it under {MAX_TEXT - 85} characters.")
    return text


def explorer_box(title: str, children: list[Any]) -> Any:
    """A vertical box of the explorer's controls and output, with :func:`explorer_text` as text.

    >>> import ipywidgets
    >>> box = explorer_box("Budget explorer", [ipywidgets.Label("controls")])
    >>> repr(box).startswith("Budget explorer: run this cell")
    True
    >>> "VBox" in box._repr_mimebundle_()["text/plain"]
    False
    """
    text = explorer_text(title)
    if not isinstance(children, list | tuple):
        raise TypeError(f"children must be a list of widgets, not {type(children).__name__}.")
    import ipywidgets as widgets  # lazily: importing crmkit must stay fast

    if not isinstance(widgets.VBox, type):  # a stand-in for the widgets (the library's tests)
        return widgets.VBox(list(children))
    box = _explorer_class(widgets.VBox)(list(children))
    box.plain_text = text
    return box


@cache
def _explorer_class(vbox: type) -> type:
    class Explorer(vbox):
        """A VBox whose plain-text form explains itself."""

        plain_text = "Interactive explorer: run this cell in Jupyter to use it."

        def __repr__(self) -> str:
            return self.plain_text

    return Explorer


def explorer(title: str, controls: list[Any], draw: Callable[[], Any]) -> Any:
    """The course's explorer: ``controls`` above an output showing ``draw()``'s figure, in an
    :func:`explorer_box` called ``title`` (so an unrun notebook shows what it is).

    ``draw`` reads the controls' values itself and returns a matplotlib Figure (shown, then
    closed) or None after printing a message; it is called once now and again whenever a
    control's value changes. Returns the ipywidgets VBox to display.

    >>> import contextlib, io
    >>> import matplotlib.pyplot as plt
    >>> from crmkit.style import slider
    >>> level = slider("IntSlider", "level", 2, 0, 5, 1)
    >>> calls = []
    >>> def draw():
    ...     calls.append(level.value)
    ...     return plt.figure()
    >>> with contextlib.redirect_stdout(io.StringIO()):  # no notebook here to show the figure
    ...     box = explorer("Level explorer", [level], draw)
    ...     level.value = 4
    >>> calls, len(box.children)
    ([2, 4], 2)
    """
    if not isinstance(controls, list | tuple) or not controls:
        raise TypeError("controls must be a non-empty list of widgets, such as sliders.")
    if not all(callable(getattr(control, "observe", None)) for control in controls):
        raise TypeError("controls must hold ipywidgets controls (each has an .observe method).")
    if not callable(draw):
        raise TypeError(f"draw must be a function that returns a figure, not {draw!r}.")
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    output = widgets.Output()

    def redraw(_change: object = None) -> None:
        with output:
            output.clear_output(wait=True)
            figure = draw()
            if figure is not None:
                display(figure)
                plt.close(figure)

    for control in controls:
        control.observe(redraw, names="value")
    redraw()
    return explorer_box(title, [*controls, output])
