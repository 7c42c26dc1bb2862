"""Shared fixtures: where the course's folders and tools are."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import matplotlib
import pytest

# Figures are drawn off screen in every test (before anything imports pyplot).
matplotlib.use("Agg")

# The bad-input harness shared by tests/test_bad_input*.py is a plain module beside the tests
# (importable as ``tests.bad_input_support``); have pytest rewrite
# its asserts as it does a test file's, so a failing check explains itself.
pytest.register_assert_rewrite("tests.bad_input_support")

REPO_ROOT = Path(__file__).resolve().parent.parent

#: The chapters, in order; each has solutions/NAME.ipynb and notebooks/NAME.ipynb.
CHAPTERS = (
    "00-getting-started",
    "01-recognising-customers",
    "02-choosing-customers",
    "03-developing-customers",
    "04-customer-information",
    "05-tiering-customers",
    "06-communicating-with-customers",
    "07-satisfying-customers",
    "08-retaining-customers",
    "09-recovering-lost-customers",
    "10-capstone",
)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The top folder of the course repository."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def chapters() -> tuple[str, ...]:
    """The chapter names, in order."""
    return CHAPTERS


@pytest.fixture(scope="session")
def solutions_dir(repo_root: Path) -> Path:
    """solutions/: the source notebooks, with solutions and outputs."""
    return repo_root / "solutions"


@pytest.fixture(scope="session")
def notebooks_dir(repo_root: Path) -> Path:
    """notebooks/: the student notebooks made by ``crmkit release``."""
    return repo_root / "notebooks"


@pytest.fixture(scope="session")
def env_bin() -> Path:
    """The bin/ folder of the environment running the tests (.venv/bin under make)."""
    return Path(sys.executable).parent


@pytest.fixture(scope="session")
def makefile_text(repo_root: Path) -> str:
    """The Makefile, for tests that must agree with how make runs things."""
    return (repo_root / "Makefile").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def course() -> dict[str, Any]:
    """Every table of the course data by name (data.TABLES), loaded once per test session.
    Tests read them and must not change them."""
    from crmkit import data

    return {name: data.load(name) for name in data.TABLES}
