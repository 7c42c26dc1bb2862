"""Importance-performance analysis (IPA): where to act, component by component.

Each component is a point: **performance** (mean perception) across, **importance** up. The
cross-hairs are the means over the eight components, so the quadrants are *relative*: a
component is "high" when it is above the firm's own average. Quadrants and their actions
(:data:`QUADRANTS`):

* ``concentrate_here``: important, performing below average: fix first;
* ``keep_up``: important and performing well: keep it so;
* ``low_priority``: less important, performing below average: watch, do not invest much;
* ``possible_overkill``: less important, performing well: resources may be better used elsewhere.

The picture depends on which importance is used (stated or derived, see ``importance.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_series

QUADRANTS = {
    "concentrate_here": "important and below average performance: fix first",
    "keep_up": "important and above average performance: keep up the good work",
    "low_priority": "less important and below average performance: watch, invest little",
    "possible_overkill": "less important and above average performance: may be over-served",
}
"""The four IPA quadrants and the action each calls for."""


def _scores(values: object, argument: str) -> pd.Series:
    values = require_series(values, argument, "one number per component", numeric=True,
                            allow_missing=False)  # fmt: skip
    if len(values) < 2 or values.index.has_duplicates:
        raise ValueError(f"{argument} needs at least two components, each listed once.")
    return values.astype("float64")


def ipa_table(performance: pd.Series, importance: pd.Series) -> pd.DataFrame:
    """Each component's ``performance``, ``importance`` and IPA ``quadrant`` (module docstring).

    Both Series are indexed by component, with the same components. A component exactly on a
    cross-hair counts as high.

    >>> performance = pd.Series({"a": 5.0, "b": 4.0, "c": 6.0, "d": 3.0})
    >>> importance = pd.Series({"a": 6.0, "b": 6.5, "c": 3.0, "d": 2.0})
    >>> ipa_table(performance, importance)["quadrant"].tolist()
    ['keep_up', 'concentrate_here', 'possible_overkill', 'low_priority']
    """
    performance = _scores(performance, "performance")
    importance = _scores(importance, "importance")
    if set(performance.index) != set(importance.index):
        raise ValueError("performance and importance must list the same components.")
    importance = importance.reindex(performance.index)
    high_importance = importance >= importance.mean()
    high_performance = performance >= performance.mean()
    quadrant = np.select(
        [high_importance & ~high_performance, high_importance, ~high_performance],
        ["concentrate_here", "keep_up", "low_priority"],
        default="possible_overkill",
    )
    return pd.DataFrame(
        {"performance": performance, "importance": importance, "quadrant": quadrant}
    ).rename_axis("component")
