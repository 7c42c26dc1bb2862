"""The three descriptions of the environment agree.

pyproject.toml holds the ranges, constraints.txt the exact versions that
``make setup`` installs, environment.yml the conda/Binder equivalent.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

# Conda package names that differ from the PyPI name of the same project.
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}
# Conda entries that are not Python project dependencies.
CONDA_TOOLS = {"python", "pip"}


def pyproject_requirements(repo_root: Path) -> list[Requirement]:
    """crmkit's dependencies plus its test extra."""
    project = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = project["dependencies"] + project["optional-dependencies"]["test"]
    return [Requirement(line) for line in lines]


def conda_names(repo_root: Path) -> tuple[set[str], list[str]]:
    """(normalised conda dependency names, pip lines) of environment.yml."""
    environment = yaml.safe_load((repo_root / "environment.yml").read_text(encoding="utf-8"))
    names: set[str] = set()
    pip_lines: list[str] = []
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            pip_lines.extend(entry.get("pip", []))
            continue
        name = canonicalize_name(re.split(r"[\s=<>!~]", entry.strip(), maxsplit=1)[0])
        if name not in CONDA_TOOLS:
            names.add(CONDA_TO_PYPI.get(name, name))
    return names, pip_lines


def pins(repo_root: Path) -> dict[str, Version]:
    """name -> pinned version, from constraints.txt."""
    found = {}
    for line in (repo_root / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            [specifier] = requirement.specifier
            assert specifier.operator == "==", f"constraints.txt: {line!r} is not an exact pin"
            found[canonicalize_name(requirement.name)] = Version(specifier.version)
    return found


def test_environment_yml_mirrors_pyproject(repo_root: Path) -> None:
    expected = {canonicalize_name(r.name) for r in pyproject_requirements(repo_root)}
    names, pip_lines = conda_names(repo_root)
    assert names == expected, (
        f"only in pyproject.toml: {sorted(expected - names)}; "
        f"only in environment.yml: {sorted(names - expected)}"
    )
    assert any(line.split("[")[0] in {"-e .", "."} for line in pip_lines), (
        "environment.yml must pip-install the course package (`-e .`)"
    )


def test_environment_yml_python(repo_root: Path) -> None:
    environment = yaml.safe_load((repo_root / "environment.yml").read_text(encoding="utf-8"))
    assert "python=3.11" in environment["dependencies"]


def test_constraints_pin_every_dependency(repo_root: Path) -> None:
    pinned = pins(repo_root)
    problems = []
    for requirement in pyproject_requirements(repo_root):
        name = canonicalize_name(requirement.name)
        if name not in pinned:
            problems.append(f"{requirement.name} has no pin")
        elif not requirement.specifier.contains(pinned[name], prereleases=True):
            problems.append(f"{requirement.name}=={pinned[name]} is outside {requirement}")
    assert not problems, "constraints.txt does not match pyproject.toml: " + "; ".join(problems)


def test_constraints_leave_out_crmkit(repo_root: Path) -> None:
    assert "crmkit" not in pins(repo_root), "constraints.txt must not pin the course package"
