"""Importing crmkit is cheap and changes no global state."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

# --------------------------------------------------------------------------- import hygiene


def run_python(code: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


IMPORTS = ["import crmkit", "import crmkit.data, crmkit.value, crmkit.plots, crmkit.widgets"]


@pytest.mark.parametrize("statement", IMPORTS)
def test_importing_crmkit_changes_no_matplotlib_or_pandas_settings(statement: str) -> None:
    out = run_python(
        f"""
        import json
        import matplotlib
        import pandas as pd
        from pandas._config import config

        def state():
            rc = {{k: repr(v) for k, v in matplotlib.rcParams.items()}}
            options = {{k: repr(pd.get_option(k)) for k in config._registered_options}}
            return rc, options, matplotlib.get_backend(), matplotlib.is_interactive()

        before = state()
        {statement}
        after = state()
        print(json.dumps({{
            "rc": sorted(k for k in before[0] if before[0][k] != after[0].get(k)),
            "options": sorted(k for k in before[1] if before[1][k] != after[1].get(k)),
            "checked": [len(before[0]), len(before[1])],
            "backend": before[2] == after[2],
            "interactive": before[3] == after[3],
        }}))
        """
    )
    assert out["rc"] == [], f"{statement} changed rcParams {out['rc']}"
    assert out["options"] == [], f"{statement} changed pandas options {out['options']}"
    assert out["checked"][0] > 100 and out["checked"][1] > 20  # the snapshot really covered them
    assert out["backend"] and out["interactive"]


@pytest.mark.parametrize("statement", IMPORTS)
def test_importing_crmkit_loads_no_heavy_modules(statement: str) -> None:
    out = run_python(
        f"""
        import json, sys
        {statement}
        heavy = ["matplotlib.pyplot", "scipy", "ipywidgets", "nbclient"]
        print(json.dumps({{"loaded": [m for m in heavy if m in sys.modules]}}))
        """
    )
    assert out["loaded"] == []


def test_plain_import_crmkit_loads_no_library_at_all() -> None:
    """`import crmkit` is instant: pandas, numpy and matplotlib load with the first submodule used."""
    out = run_python(
        """
        import json, sys
        import crmkit
        heavy = ["pandas", "numpy", "matplotlib", "scipy", "ipywidgets", "nbclient"]
        print(json.dumps({"loaded": [m for m in heavy if m in sys.modules]}))
        """
    )
    assert out["loaded"] == []


def test_heavy_module_check_would_notice() -> None:
    """The sys.modules check above can fail: importing pyplot is seen."""
    out = run_python(
        """
        import json, sys
        import matplotlib.pyplot
        print(json.dumps({"loaded": "matplotlib.pyplot" in sys.modules}))
        """
    )
    assert out["loaded"] is True
