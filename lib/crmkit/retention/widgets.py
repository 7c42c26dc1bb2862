"""Chapter 08's explorers: the lost-customer calculator and the CLV calculator.

ipywidgets is imported only when an explorer is built, so importing this module stays fast.
The lesson also shows each wrapped pure function's static result
(``retention.lost_customer_value``, ``retention.clv_grid``), so the page reads well unrun.
"""

from __future__ import annotations

from typing import Any

from crmkit.explorer import explorer
from crmkit.retention.clv import clv_grid, simple_clv
from crmkit.retention.loyalty import lost_customer_value
from crmkit.style import slider


def lost_customer_explorer(
    spend_per_week: float = 50.0, people_told: float = 10, share_who_stop: float = 0.25
) -> Any:
    """Sliders for spend per week, years, people told and the share who stop, redrawing the
    bars of what one lost customer takes away (the book's supermarket case by default).

    Wraps :func:`crmkit.retention.lost_customer_value` (the static twin to show beside it).

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):  # no notebook here to show the figure
    ...     box = lost_customer_explorer()
    >>> [s.description for s in box.children[:4]]
    ['spend per week', 'years', 'people told', 'share who stop']
    """
    # Validate once, before any widget exists, so mistakes show as clear errors.
    lost_customer_value(spend_per_week, 52, 10, people_told, share_who_stop)
    import matplotlib.pyplot as plt

    from crmkit import style
    from crmkit.retention import plots

    spend = slider("FloatSlider", "spend per week", float(spend_per_week), 0.0,
                   max(200.0, float(spend_per_week)), 5.0)  # fmt: skip
    years = slider("IntSlider", "years", 10, 1, 30, 1)
    told = slider("IntSlider", "people told", int(round(people_told)), 0,
                  max(30, int(round(people_told))), 1)  # fmt: skip
    share = slider("FloatSlider", "share who stop", float(share_who_stop), 0.0, 1.0, 0.05)

    def draw() -> Any:
        values = lost_customer_value(spend.value, 52, years.value, told.value, share.value)
        with style.course_style():
            fig, ax = plt.subplots(figsize=(7.0, 3.8))
            plots.lost_customer(values, ax=ax)
        return fig

    return explorer("Lost-customer calculator", [spend, years, told, share], draw)


def clv_explorer(margin: float, retention: float, discount: float = 0.10) -> Any:
    """Sliders for the margin, retention and discount rate, redrawing CLV against retention with
    the chosen rate marked (and its value in the title).

    Wraps :func:`crmkit.retention.simple_clv` and :func:`crmkit.retention.clv_grid`.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):
    ...     box = clv_explorer(1000.0, 0.7)
    >>> [s.description for s in box.children[:3]]
    ['margin per period', 'retention', 'discount rate']
    """
    simple_clv(margin, retention, discount)
    if retention >= 0.96 or margin <= 0:
        raise ValueError("clv_explorer needs a margin above 0 and a retention below 0.96.")
    import matplotlib.pyplot as plt

    from crmkit import style
    from crmkit.retention import plots

    margin_slider = slider("FloatSlider", "margin per period", float(margin), 0.0,
                           float(margin) * 3, max(float(margin) / 20, 0.01))  # fmt: skip
    rate = slider("FloatSlider", "retention", round(float(retention), 2), 0.05, 0.95, 0.01)
    discount_slider = slider("FloatSlider", "discount rate", float(discount), 0.0, 0.3, 0.01)

    def draw() -> Any:
        grid = clv_grid(margin_slider.value, discount_slider.value)
        value = simple_clv(margin_slider.value, rate.value, discount_slider.value)
        with style.course_style():
            fig, ax = plt.subplots(figsize=(7.0, 3.8))
            plots.clv_by_retention(grid, mark=rate.value, ax=ax)
            ax.set_title(f"CLV at {rate.value:.0%} retention: {value:,.0f}")
        return fig

    return explorer("Lifetime-value calculator", [margin_slider, rate, discount_slider], draw)
