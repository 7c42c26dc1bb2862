"""crmkit.retention's name space: the models' names are re-exported lazily."""

from __future__ import annotations

import subprocess
import sys

import crmkit.retention as retention
import pytest
from crmkit.retention import models


@pytest.mark.parametrize("name", retention.MODEL_NAMES)
def test_model_names_are_the_models_own(name: str) -> None:
    assert getattr(retention, name) is getattr(models, name)
    assert name in retention.__all__


def test_importing_the_package_loads_no_scipy() -> None:
    code = "import sys, crmkit.retention; print('scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_unknown_names_fail_clearly() -> None:
    with pytest.raises(AttributeError, match="no attribute 'fit_pareto_nbd'"):
        retention.fit_pareto_nbd  # noqa: B018
