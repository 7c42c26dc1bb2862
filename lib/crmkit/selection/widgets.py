"""Chapter 02's explorer: how the good-customer weights change the top customers.

ipywidgets is imported only when an explorer is built, so importing this
module stays fast. The lesson also shows the wrapped pure function's static
result, so the page reads well without a live kernel.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit.explorer import explorer_box
from crmkit.selection.scoring import TRAITS, top_customers

#: One label width for all the trait sliders, so that their tracks line up.
LABEL_WIDTH = "110px"


def good_customer_explorer(traits: pd.DataFrame, n: int = 15) -> Any:
    """One slider per trait weight, redrawing the top ``n`` customers by good-customer score.

    Wraps :func:`crmkit.selection.top_customers` (the static twin to show beside it).
    Bars of customers who are not in the equal-weights top ``n`` are highlighted.

    >>> import contextlib, io
    >>> traits = pd.DataFrame({"purchase_power": [1.0, 0.5, 0.2], "profitability": [0.5, 1.0, 0.2],
    ...     "payment": [0.5, 1.0, 0.2], "cost_to_serve": [0.5, 1.0, 0.2],
    ...     "prospects": [1.0, 0.5, 0.2]}, index=["A", "B", "C"])
    >>> with contextlib.redirect_stdout(io.StringIO()):  # no notebook here to show the figure
    ...     box = good_customer_explorer(traits, n=2)
    >>> [slider.description for slider in box.children[:5]]
    ['purchase_power', 'profitability', 'payment', 'cost_to_serve', 'prospects']
    """
    # Validate once, before any widget exists, so mistakes show as clear errors.
    baseline = top_customers(traits, None, n)
    n = len(baseline) if len(baseline) < n else n
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from crmkit import style

    sliders = {trait: style.slider("FloatSlider", trait, 1.0, 0.0, 3.0, 0.5) for trait in TRAITS}
    for trait_slider in sliders.values():
        trait_slider.style.description_width = LABEL_WIDTH
    output = widgets.Output()
    base_top = set(baseline.index)

    def redraw(_change: object = None) -> None:
        weights = {trait: slider.value for trait, slider in sliders.items()}
        with output:
            output.clear_output(wait=True)
            if sum(weights.values()) <= 0:
                print("Give at least one trait a weight above 0.")
                return
            top = top_customers(traits, weights, n)
            new = [customer not in base_top for customer in top.index]
            with style.course_style():
                fig, ax = plt.subplots(figsize=(7.5, 0.28 * n + 1.2))
                colours = [style.PALETTE[1] if flag else style.PALETTE[0] for flag in new]
                ax.barh([str(c) for c in top.index], top["score"].to_numpy(), color=colours)
                ax.invert_yaxis()
                ax.set_xlim(0, 100)
                ax.grid(axis="x")
                ax.grid(axis="y", visible=False)
                ax.set_xlabel("Good-customer score (0-100)")
                ax.set_title(f"Top {n}: {n - sum(new)} also in the equal-weights top {n}")
            display(fig)
            plt.close(fig)

    for slider in sliders.values():
        slider.observe(redraw, names="value")
    redraw()
    return explorer_box(
        "Good-customer explorer",
        [*sliders.values(), widgets.Label("orange = new in the top"), output],
    )
