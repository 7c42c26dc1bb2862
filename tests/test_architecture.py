"""The house rules of lib/crmkit, measured on the source (see the README's "Adding a chapter").

- no module over 500 lines (a chapter's exercise definitions, exercises/chNN.py, up to 800);
- no function over 60 lines, not counting its docstring (one documented exception);
- no import circle, counting imports inside functions too (a lazy import is still a circle);
- a chapter topic builds on earlier chapters' topics, never on a later chapter's, and no topic
  imports the data generator; the base modules import no topic.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[1] / "lib"
PACKAGE = LIB / "crmkit"

MAX_MODULE_LINES = 500
MAX_EXERCISE_MODULE_LINES = 800
MAX_FUNCTION_LINES = 60

#: Functions allowed to be longer, and why.
LONG_FUNCTIONS = {
    # Sent as source into the student's kernel and run there, so it must be self-contained:
    # it cannot import helpers from crmkit (the kernel's crmkit may be patched by the student).
    "crmkit.grading.kernel_encoder.extract_answers",
}

#: Chapter topics in chapter order: a topic may import only topics before it.
TOPICS = (
    "value",  # 01 recognising customers
    "selection",  # 02 choosing customers
    "acquisition",  # 03 developing customers
    "database",  # 04 customer information
    "tiers",  # 05 tiering customers
    "communication",  # 06 communicating with customers
    "satisfaction",  # 07 satisfying customers
    "retention",  # 08 retaining customers
    "recovery",  # 09 recovering lost customers
)
#: Modules every topic may use; they import no topic themselves.
BASE = ("_validate", "vocabulary", "data", "paths", "style")
GENERATOR = "synth"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(LIB).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


@dataclass(frozen=True)
class Function:
    qualified: str
    path: Path
    line: int
    body_lines: int


def functions(path: Path) -> list[Function]:
    """Every function and method in ``path``, with its length without the docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[Function] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                body = child.body
                has_doc = (
                    isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)
                )
                start = body[1].lineno if has_doc and len(body) > 1 else body[0].lineno
                lines = child.end_lineno - start + 1 if not (has_doc and len(body) == 1) else 0
                name = f"{prefix}.{child.name}"
                found.append(Function(name, path, child.lineno, lines))
                visit(child, name)
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}.{child.name}")
            else:
                visit(child, prefix)

    visit(tree, module_name(path))
    return found


def imports(name: str) -> set[str]:
    """The crmkit modules ``name`` imports anywhere in its source (TYPE_CHECKING blocks aside)."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    found: set[str] = set()

    def resolve(target: str) -> None:
        # `from crmkit.x import y` may name a module crmkit.x.y or a name inside crmkit.x
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    resolve(alias.name)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    package = name if is_package else name.rpartition(".")[0]
                    for _ in range(child.level - 1):
                        package = package.rpartition(".")[0]
                    base = f"{package}.{base}".rstrip(".")
                if base == "crmkit" or base.startswith("crmkit."):
                    for alias in child.names:
                        resolve(f"{base}.{alias.name}")
            visit(child)

    visit(tree)
    return found


GRAPH = {name: imports(name) for name in MODULES}


def topic_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


# --------------------------------------------------------------------------- sizes


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_size(name: str) -> None:
    path = MODULES[name]
    lines = len(path.read_text(encoding="utf-8").splitlines())
    exercise_file = re.fullmatch(r"crmkit\.exercises\.ch\d\d", name) is not None
    limit = MAX_EXERCISE_MODULE_LINES if exercise_file else MAX_MODULE_LINES
    assert lines <= limit, (
        f"{path.relative_to(LIB.parent)} has {lines} lines (limit {limit}): split it into "
        "a package with one file per concept (see the README's 'Adding a chapter')."
    )


def test_function_sizes() -> None:
    long = [
        f"{f.qualified} ({f.path.relative_to(LIB.parent)}:{f.line}): {f.body_lines} lines"
        for path in MODULES.values()
        for f in functions(path)
        if f.body_lines > MAX_FUNCTION_LINES and f.qualified not in LONG_FUNCTIONS
    ]
    assert not long, "functions over 60 lines (docstring not counted):\n" + "\n".join(long)


def test_allowed_long_functions_still_exist() -> None:
    everything = {f.qualified for path in MODULES.values() for f in functions(path)}
    assert LONG_FUNCTIONS <= everything, "remove stale entries from LONG_FUNCTIONS"


def test_function_length_ignores_the_docstring(tmp_path: Path) -> None:
    source = 'def f():\n    """Doc\n\n    more doc\n    """\n    return 1\n'
    path = PACKAGE / "_architecture_probe.py"
    try:
        path.write_text(source, encoding="utf-8")
        (probe,) = functions(path)
    finally:
        path.unlink()
    assert probe.body_lines == 1


# --------------------------------------------------------------------------- imports


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle in ``graph`` as a list of modules, or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_circle() -> None:
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_cycle_finder_would_notice() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_import_graph_sees_lazy_and_package_imports() -> None:
    assert "crmkit.vocabulary" in GRAPH["crmkit.data"]
    assert any(target.startswith("crmkit.selection") for target in GRAPH["crmkit.plots"])


@pytest.mark.parametrize("name", sorted(MODULES))
def test_topics_build_only_on_earlier_chapters(name: str) -> None:
    topic = topic_of(name)
    if topic not in TOPICS:
        return
    rank = TOPICS.index(topic)
    for target in sorted(GRAPH[name]):
        other = topic_of(target)
        assert other != GENERATOR, f"{name} imports the data generator {target}"
        if other in TOPICS:
            assert TOPICS.index(other) <= rank, (
                f"{name} (chapter topic {topic!r}) imports {target}, a later chapter's topic"
            )


@pytest.mark.parametrize("name", [f"crmkit.{base}" for base in BASE])
def test_base_modules_import_no_topic(name: str) -> None:
    assert name in MODULES
    bad = sorted(t for t in GRAPH[name] if topic_of(t) in (*TOPICS, GENERATOR))
    assert not bad, f"{name} is a base module but imports {bad}"


@pytest.mark.parametrize("topic", [t for t in TOPICS if f"crmkit.{t}" in MODULES])
def test_topic_package_init_imports_no_figures_or_widgets(topic: str) -> None:
    """A topic's figures and explorers load only when asked for (matplotlib, ipywidgets)."""
    heavy = {f"crmkit.{topic}.plots", f"crmkit.{topic}.widgets"}
    assert not GRAPH[f"crmkit.{topic}"] & heavy
