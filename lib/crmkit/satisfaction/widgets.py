"""Chapter 07's explorer: a delivered-value calculator with a slider for each of the eight
components.

ipywidgets is imported only when an explorer is built, so importing this module stays fast.
The lesson also shows the wrapped pure function's static result
(``satisfaction.delivered_value``), so the page reads well without a live kernel.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit.explorer import explorer
from crmkit.satisfaction.value import delivered_value
from crmkit.style import slider
from crmkit.vocabulary import SURVEY_COMPONENTS


def delivered_value_explorer(profile: pd.Series) -> Any:
    """Eight sliders (1-7), one per component, starting at ``profile`` (e.g. the company's
    current profile, ``satisfaction.survey_profile(survey)``), redrawing the value and cost bars
    and the delivered value.

    Wraps :func:`crmkit.satisfaction.delivered_value` (the static twin to show beside it).

    >>> import contextlib, io
    >>> profile = pd.Series(4.0, index=SURVEY_COMPONENTS)
    >>> with contextlib.redirect_stdout(io.StringIO()):  # no notebook here to show the figure
    ...     box = delivered_value_explorer(profile)
    >>> [slider.description for slider in box.children[:2]], len(box.children)
    (['product', 'service'], 9)
    """
    # Validate once, before any widget exists, so mistakes show as clear errors.
    delivered_value(profile)
    import matplotlib.pyplot as plt

    from crmkit import style
    from crmkit.satisfaction import plots

    sliders = [
        slider("FloatSlider", name.replace("_", " "), round(float(profile[name]), 1), 1.0, 7.0, 0.1)
        for name in SURVEY_COMPONENTS
    ]

    def draw() -> Any:
        values = pd.Series([item.value for item in sliders], index=list(SURVEY_COMPONENTS))
        with style.course_style():
            fig, ax = plt.subplots(figsize=(7.5, 3.8))
            plots.delivered_value(values, ax=ax)
        return fig

    return explorer("Delivered-value calculator", sliders, draw)
