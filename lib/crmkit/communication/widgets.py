"""Chapter 06's explorer: what bad word of mouth may cost, under assumptions you choose.

ipywidgets is imported only when an explorer is built, so importing this module stays fast.
The lesson also shows the wrapped pure function's static result, so the page reads well
without a live kernel.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit.communication.word_of_mouth import word_of_mouth_cost
from crmkit.explorer import explorer
from crmkit.style import slider


def word_of_mouth_explorer(
    people_told: pd.Series,
    prospect_share: float = 0.05,
    deterred_share: float = 0.5,
    customer_value: float = 500.0,
) -> Any:
    """Three sliders (prospect share, deterred share, value of a customer) redrawing the value
    lost per group through bad word of mouth.

    Wraps :func:`crmkit.communication.word_of_mouth_cost` (the static twin to show beside
    it); ``people_told`` is people told per group, e.g. per handling group in a year.

    >>> import contextlib, io
    >>> told = pd.Series({"resolved_fast": 80, "unresolved": 600})
    >>> with contextlib.redirect_stdout(io.StringIO()):  # no notebook here to show the figure
    ...     box = word_of_mouth_explorer(told)
    >>> [slider.description for slider in box.children[:3]]
    ['prospect share', 'deterred share', 'customer value (CNY)']
    """
    # Validate once, before any widget exists, so mistakes show as clear errors.
    word_of_mouth_cost(people_told, prospect_share, deterred_share, customer_value)
    import matplotlib.pyplot as plt

    from crmkit import style

    sliders = [
        slider("FloatSlider", "prospect share", prospect_share, 0.0, 0.2, 0.01),
        slider("FloatSlider", "deterred share", deterred_share, 0.0, 1.0, 0.05),
        slider("FloatSlider", "customer value (CNY)", customer_value, 0.0, 3000.0, 100.0),
    ]

    def draw() -> Any:
        cost = word_of_mouth_cost(people_told, *(item.value for item in sliders))
        groups = cost.drop(index="total")
        with style.course_style():
            fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(groups) + 1.5))
            labels = [str(key).replace("_", " ") for key in groups.index]
            bars = ax.barh(labels, groups["lost_value"].to_numpy(), color=style.PALETTE[3])
            ax.bar_label(bars, labels=[f"{v:,.0f}" for v in groups["lost_value"]], padding=2)
            ax.invert_yaxis()
            ax.grid(axis="x")
            ax.grid(axis="y", visible=False)
            ax.set_xlabel("Value lost through word of mouth (CNY)")
            total = cost.loc["total"]
            ax.set_title(
                f"{total['lost_prospects']:,.1f} prospects lost, CNY {total['lost_value']:,.0f}"
            )
        return fig

    return explorer("Word-of-mouth explorer", sliders, draw)
