"""Print where the browser test left its screenshots, at the end of the run."""

from __future__ import annotations

from typing import Any

from tests.browser import browser_support


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for folder in browser_support.SCREENSHOT_FOLDERS:
        shots = sorted(path.name for path in folder.glob("*.png"))
        terminalreporter.write_line(f"browser test screenshots ({len(shots)}): {folder}")
