"""pytest set-up shared by every run of `make test`, including the notebook runs.

nbval 0.11 sends each cell to the kernel with ``store_history=False``. IPython
then cannot see the cell it is running when it decides whether a trailing
``;`` silences the result, so ``plots.bar(...);`` shows ``<Axes: ...>`` under
nbval but not in JupyterLab or nbclient, and a strict run fails on outputs
that are right (nbval issue #194, IPython issue #14162). Here nbval runs
cells the way JupyterLab does, with ``store_history=True``; nothing else
about nbval changes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("nbval", False) or config.getoption("nbval_lax", False):
        from nbval.kernel import RunningKernel

        RunningKernel.execute_cell_input = _execute_like_jupyterlab


def _execute_like_jupyterlab(self: Any, cell_input: str, allow_stdin: bool | None = None) -> str:
    """nbval's RunningKernel.execute_cell_input, with store_history=True."""
    return self.kc.execute(
        cell_input, store_history=True, allow_stdin=allow_stdin, stop_on_error=False
    )


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close the figures a test or doctest drew, so they neither pile up nor leak into the next."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
