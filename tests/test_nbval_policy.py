"""The notebook test runs of `make test` catch what they must.

Each test writes small notebooks into a temporary folder and runs pytest on
them with exactly the nbval options and the kernel warning policy
(PYTHONWARNINGS) that the Makefile's test-notebooks and test-solutions
targets use, read from the Makefile itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest
from crmkit.execute import execute_notebook
from nbformat.v4 import new_code_cell, new_notebook

pytestmark = pytest.mark.slow

CLEAN = [
    "import warnings\nimport pandas as pd\nimport matplotlib.pyplot as plt\nimport ipywidgets",
    "pd.DataFrame({'customer': ['a', 'b'], 'revenue': [1.5, 2.0]})",
    "fig, ax = plt.subplots()\nax.bar(['Tea', 'Coffee'], [3, 2])\nax.set_title('Revenue')\n"
    "plt.show()",
    "ipywidgets.IntSlider(value=3)",
]
LIBRARY_DEPRECATION = (
    "import types\nlib = types.ModuleType('somelib')\n"
    'exec(\'import warnings\\ndef old():\\n    warnings.warn("old", DeprecationWarning, '
    "stacklevel=2)', lib.__dict__)\nlib.old()"
)


def make_value(makefile_text: str, name: str) -> str:
    match = re.search(rf"^{name}\s*:?=\s*(.*)$", makefile_text, re.M)
    assert match, f"the Makefile defines no {name}"
    return match[1].strip()


def recipe_options(makefile_text: str, target: str) -> list[str]:
    """The nbval options of a Makefile test target, with $(NBVAL) expanded."""
    match = re.search(rf"^{target}:.*\n\t\$\(NBVAL\) (.*) \w+$", makefile_text, re.M)
    assert match, f"the Makefile's {target} recipe must be `$(NBVAL) OPTIONS FOLDER`"
    nbval = make_value(makefile_text, "NBVAL").split("-m pytest", 1)[1].split()
    # How many workers run the notebooks ($(PARALLEL), --dist) is not policy: run in one process.
    options = re.sub(r"\$\(PARALLEL\)|--dist \w+", " ", match[1]).split()
    return nbval + options


def write(folder: Path, name: str, sources: list[str]) -> Path:
    nb = new_notebook(cells=[new_code_cell(source) for source in sources])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def run_like_make(
    repo_root: Path, makefile_text: str, target: str, notebooks: list[Path]
) -> dict[str, set[str]]:
    """Run pytest as the Makefile target does; outcomes per notebook name.

    The repository's top-level conftest.py (nbval runs cells like JupyterLab)
    is copied beside the notebooks, where pytest picks it up as it does for
    solutions/ and notebooks/.
    """
    shutil.copy(repo_root / "conftest.py", notebooks[0].parent / "conftest.py")
    env = {**os.environ, "PYTHONWARNINGS": make_value(makefile_text, "KERNEL_WARNINGS")}
    command = [
        sys.executable, "-m", "pytest", *recipe_options(makefile_text, target),
        "-c", str(repo_root / "pyproject.toml"), "--rootdir", str(notebooks[0].parent),
        "-p", "no:cacheprovider",
        "-rA", "--color=no", *map(str, notebooks),
    ]  # fmt: skip
    result = subprocess.run(
        command, cwd=repo_root, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    outcomes: dict[str, set[str]] = defaultdict(set)
    for outcome, name in re.findall(
        r"^(PASSED|FAILED|ERROR) \S*?([\w-]+)\.ipynb::", result.stdout, re.M
    ):
        outcomes[name].add(outcome)
    assert outcomes, f"pytest ran no notebook:\n{result.stdout}\n{result.stderr}"
    return outcomes


def test_kernel_warnings_fail_student_notebooks(
    tmp_path: Path, repo_root: Path, makefile_text: str
) -> None:
    notebooks = [
        write(tmp_path, "clean", CLEAN),
        write(tmp_path, "future", ["import warnings\nwarnings.warn('soon', FutureWarning)"]),
        write(tmp_path, "deprecation", [LIBRARY_DEPRECATION]),
        write(
            tmp_path,
            "glyph",
            ["import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.set_title('客户')"],
        ),
    ]
    outcomes = run_like_make(repo_root, makefile_text, "test-notebooks", notebooks)
    assert outcomes["clean"] == {"PASSED"}
    for name in ("future", "deprecation", "glyph"):
        assert outcomes[name] == {"FAILED"}, f"a notebook with a {name} warning must fail"


def test_strict_run_compares_outputs(tmp_path: Path, repo_root: Path, makefile_text: str) -> None:
    """Stored outputs must reproduce, up to the sanitize patterns (memory addresses)."""
    semicolon = "fig, ax = plt.subplots()\nax.plot([1, 2]);"  # silenced, as in JupyterLab
    addresses = write(tmp_path, "addresses", [*CLEAN, semicolon, "object()", "print(object())"])
    changed = write(tmp_path, "changed", ["print(6 * 7)"])
    for path in (addresses, changed):
        execute_notebook(path, timeout=120)
    nb = nbformat.read(changed, as_version=4)
    nb.cells[0].outputs[0].text = "41\n"
    nbformat.write(nb, changed)
    outcomes = run_like_make(repo_root, makefile_text, "test-solutions", [addresses, changed])
    assert outcomes["addresses"] == {"PASSED"}
    assert outcomes["changed"] == {"FAILED"}


def test_sanitize_patterns_are_explained(repo_root: Path) -> None:
    """Each sanitize pattern says, in a comment above it, what variable text it masks."""
    lines = (repo_root / "tests" / "sanitize.cfg").read_text(encoding="utf-8").splitlines()
    patterns = [number for number, line in enumerate(lines) if line.startswith("regex: ")]
    assert patterns, "tests/sanitize.cfg has no pattern (at least memory addresses vary)"
    for number in patterns:
        assert lines[number + 1].startswith("replace: "), f"sanitize.cfg line {number + 2}"
        assert lines[number - 1].startswith("# "), f"explain the pattern {lines[number]!r}"
