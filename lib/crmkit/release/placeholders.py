"""The line a student gets in place of solution code: ``NAME = ...  # YOUR CODE HERE``."""

from __future__ import annotations

import ast
import textwrap

#: What a solution block without an assignment becomes.
CODE_PLACEHOLDER = "...  # YOUR CODE HERE"


def placeholder(code: str) -> str:
    """The student's line for a piece of solution code.

    It assigns ``...`` to the names of the last top-level assignment, in the
    same shape (so tuple unpacking still runs), or is a bare ``...``.

    >>> placeholder("monthly = orders.groupby('month').sum()\\nmonthly['share'] = 1")
    'monthly = ...  # YOUR CODE HERE'
    >>> placeholder("a = b = 1")
    'a = b = ...  # YOUR CODE HERE'
    >>> placeholder("first, *rest = values")
    'first, *rest = ..., ...  # YOUR CODE HERE'
    >>> placeholder("print('no assignment')")
    '...  # YOUR CODE HERE'
    """
    parsed = _parse(code)
    if parsed is not None:
        statements, text = parsed
        for statement in reversed(statements):
            targets = _name_targets(statement)
            if targets:
                names = " = ".join(_segment(text, target) for target in targets)
                return f"{names} = {_ellipses(targets[0], top=True)}  # YOUR CODE HERE"
    return CODE_PLACEHOLDER


def _parse(code: str) -> tuple[list[ast.stmt], str] | None:
    """Top-level statements of ``code``; code with ``return`` is parsed as a function body."""
    text = textwrap.dedent(code)
    try:
        return ast.parse(text).body, text
    except SyntaxError:
        pass
    wrapped = "def _solution():\n" + textwrap.indent(text or "pass", "    ")
    try:
        function = ast.parse(wrapped).body[0]
    except SyntaxError:
        return None  # e.g. IPython magics: fall back to a bare placeholder
    assert isinstance(function, ast.FunctionDef)
    return function.body, wrapped


def _name_targets(statement: ast.stmt) -> list[ast.expr]:
    """The targets of an assignment that bind plain names (or tuples of names)."""
    if isinstance(statement, ast.Assign):
        return [target for target in statement.targets if _binds_names(target)]
    if isinstance(statement, ast.AnnAssign) and statement.value is not None:
        return [statement.target] if isinstance(statement.target, ast.Name) else []
    if isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
        return [statement.target]
    return []


def _binds_names(target: ast.expr) -> bool:
    if isinstance(target, ast.Name):
        return True
    if isinstance(target, ast.Starred):
        return _binds_names(target.value)
    if isinstance(target, ast.Tuple | ast.List):
        return bool(target.elts) and all(_binds_names(element) for element in target.elts)
    return False


def _segment(text: str, node: ast.expr) -> str:
    """The source text of ``node`` as the author wrote it."""
    return ast.get_source_segment(text, node) or ast.unparse(node)


def _ellipses(target: ast.expr, *, top: bool = False) -> str:
    """``...`` shaped like ``target``: ``..., ...`` for ``a, b``."""
    if not isinstance(target, ast.Tuple | ast.List):
        return "..."
    parts = [_ellipses(element) for element in target.elts]
    inner = ", ".join(parts) + ("," if len(parts) == 1 else "")
    return inner if top else f"({inner})"
