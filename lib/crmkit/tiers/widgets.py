"""Chapter 05's explorer: move the cut-offs of the customer pyramid and watch both pyramids.

ipywidgets is imported only when an explorer is built, so importing this module stays fast.
The lesson also shows the wrapped pure function's static result (``tiers.pyramid_summary``),
so the page reads well without a live kernel.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit.explorer import explorer
from crmkit.tiers.pyramid import TIER_CUTOFFS, pyramid_summary


def pyramid_explorer(profit: pd.Series) -> Any:
    """Three sliders for the pyramid's cut-offs (top % of customers), redrawing both pyramids.

    Wraps :func:`crmkit.tiers.pyramid_summary` (the static twin to show beside it) and
    draws ``tiers.plots.pyramids``.

    >>> import contextlib, io
    >>> profit = pd.Series(range(100, 0, -1), index=[f"C{k}" for k in range(100)], dtype=float)
    >>> with contextlib.redirect_stdout(io.StringIO()):  # no notebook here to show the figure
    ...     box = pyramid_explorer(profit)
    >>> [slider.description for slider in box.children[:3]]
    ['platinum: top %', 'gold: down to top %', 'iron: down to top %']
    """
    # Validate once, before any widget exists, so mistakes show as clear errors.
    pyramid_summary(profit)
    import matplotlib.pyplot as plt

    from crmkit import style
    from crmkit.tiers import plots

    platinum, gold, iron = (share * 100 for share in TIER_CUTOFFS)
    sliders = [
        style.slider("FloatSlider", "platinum: top %", platinum, 0.5, 10.0, 0.5),
        style.slider("FloatSlider", "gold: down to top %", gold, 1.0, 30.0, 1.0),
        style.slider("FloatSlider", "iron: down to top %", iron, 5.0, 80.0, 5.0),
    ]

    def draw() -> Any:
        cutoffs = tuple(slider.value / 100 for slider in sliders)
        if not cutoffs[0] < cutoffs[1] < cutoffs[2]:
            print("Each cut-off must be larger than the one above it.")
            return None
        summary = pyramid_summary(profit, cutoffs)
        title = ", ".join(f"{tier} {count}" for tier, count in summary["customers"].items())
        with style.course_style():
            fig, ax = plt.subplots(figsize=(7.5, 3.6))
            plots.pyramids(summary, title=f"Customers per tier: {title}", ax=ax)
        return fig

    return explorer("Pyramid explorer", sliders, draw)
