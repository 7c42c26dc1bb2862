"""What loyalty is worth (客户忠诚的价值), and what true loyalty is.

The book's commonly cited figures (:data:`BOOK_FIGURES`): winning a new customer costs about
5-6 times as much as keeping one (another common figure: 15 times); a lost supermarket
customer takes about US$50 a week x 52 weeks x 10 years with her, and tells 10-20 people, a
quarter of whom stop coming too. :func:`lost_customer_value` is that reckoning as a pure
function (the calculator the lesson's explorer wraps).

**True loyalty** (真正的忠诚) joins an attitude (the customer prefers us and would recommend
us) with behaviour (she keeps buying from us). :data:`LOYALTY_TYPES` names the four
combinations; :data:`MISCONCEPTIONS` are the three mistakes the chapter warns against.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import require_number, require_rate

BOOK_FIGURES = {
    "win_vs_keep_multiple": (5, 6),
    "win_vs_keep_other_figure": 15,
    "spend_per_week": 50.0,
    "weeks_per_year": 52,
    "years": 10,
    "people_told": (10, 20),
    "share_who_stop": 0.25,
}
"""The book's commonly cited figures (the supermarket case in US$)."""

LOYALTY_TYPES = {
    "true_loyalty": "prefers us and keeps buying from us: attitude and behaviour",
    "spurious_loyalty": "keeps buying without preferring us: habit, a reward, no alternative, "
    "or only when the need arises; leaves when a better offer comes",
    "latent_loyalty": "prefers us but rarely buys: something (price, reach, range) stands in "
    "the way; remove it and behaviour follows",
    "no_loyalty": "neither prefers us nor buys from us",
}
"""Attitude x behaviour: the four kinds of loyalty (and non-loyalty)."""

MISCONCEPTIONS = {
    "satisfaction_means_loyalty": "'satisfied' judges the past; it promises nothing about the "
    "next purchase",
    "loyalty_repays_rewards": "a customer who stays for the points stays for the points, "
    "and leaves for a better scheme",
    "repeat_buying_is_loyalty": "buying again only when the need comes back is behaviour "
    "without an attitude",
}
"""The three misconceptions about loyalty."""


def lost_customer_value(
    spend_per_week: float = 50.0,
    weeks_per_year: int = 52,
    years: float = 10,
    people_told: float = 10,
    share_who_stop: float = 0.25,
) -> pd.Series:
    """What one lost customer takes away: her own spending and that of the people she puts off.

    * ``direct`` = spend_per_week x weeks_per_year x years (her own lifetime spending);
    * ``people_lost`` = people_told x share_who_stop (who stop coming too);
    * ``word_of_mouth`` = people_lost x direct (each spends as she did);
    * ``total`` = direct + word_of_mouth.

    The defaults are the book's supermarket case (US$, low end of 10-20 people told).

    >>> lost_customer_value().tolist()
    [26000.0, 2.5, 65000.0, 91000.0]
    """
    spend = require_number(spend_per_week, "spend_per_week", minimum=0)
    weeks = require_number(weeks_per_year, "weeks_per_year", minimum=0)
    years = require_number(years, "years", minimum=0)
    told = require_number(people_told, "people_told", minimum=0)
    share = require_rate(share_who_stop, "share_who_stop")
    direct = spend * weeks * years
    people_lost = told * share
    return pd.Series(
        {
            "direct": direct,
            "people_lost": people_lost,
            "word_of_mouth": people_lost * direct,
            "total": direct * (1 + people_lost),
        },
        name="lost_customer",
    )


def win_vs_keep(keep_cost: float, multiple: float = 5.0) -> pd.Series:
    """The cost of keeping a customer against winning a new one to replace her.

    ``win_cost`` = keep_cost x multiple; ``saving`` = win_cost - keep_cost (what keeping
    saves per customer who would otherwise be lost and replaced).

    >>> win_vs_keep(40.0, 5).tolist()
    [40.0, 200.0, 160.0]
    """
    keep = require_number(keep_cost, "keep_cost", minimum=0)
    times = require_number(multiple, "multiple", minimum=0)
    return pd.Series(
        {"keep_cost": keep, "win_cost": keep * times, "saving": keep * times - keep},
        name="win_vs_keep",
    )
