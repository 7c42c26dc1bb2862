"""Helpers shared by the tests of the course's figures."""

from __future__ import annotations

import matplotlib
from matplotlib.axes import Axes


def title(ax: Axes) -> str:
    """The course style puts titles on the left; accept any position."""
    return ax.get_title(loc="left") or ax.get_title() or ax.get_title(loc="right")


def snapshot() -> dict[str, str]:
    """Every matplotlib setting, as text, to compare before and after drawing."""
    return {key: repr(val) for key, val in matplotlib.rcParams.items()}
