"""Where students get stuck: each exercise's declared diagnoses, as the messages they show.

A diagnosis is a function ``(answer, expected) -> message or None`` in the
chapter's exercise file. The messages it can return are read from its source
(the string it returns, with ``…`` where a value is filled in), so the guide
quotes exactly what a student sees and changes when the definitions do.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from typing import Any


def _text(node: ast.AST) -> str | None:
    """The text of a string or f-string expression, with ``…`` for each filled-in value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "…" for part in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        return left + right if left is not None and right is not None else None
    return None


def diagnosis_messages(diagnose: Callable[..., Any]) -> list[str]:
    """The messages a diagnosis function can return, in source order.

    >>> def late(answer, expected):
    ...     if answer == 0:
    ...         return f"You counted {answer} days: count from the due date."
    ...     return None
    >>> diagnosis_messages(late)
    ['You counted … days: count from the due date.']
    """
    if not callable(diagnose):
        raise TypeError(f"diagnose must be a function, not {type(diagnose).__name__}.")
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(diagnose)))
    except (OSError, TypeError, SyntaxError):
        tree = None
    messages: list[str] = []
    for node in ast.walk(tree) if tree else ():
        if isinstance(node, ast.Return) and node.value is not None:
            text = _text(node.value)
            if text and text.strip() and text not in messages:
                messages.append(" ".join(text.split()))
    if not messages:
        doc = inspect.getdoc(diagnose) or ""
        name = getattr(diagnose, "__name__", "a diagnosis").strip("_").replace("_", " ")
        messages.append(doc.splitlines()[0] if doc else f"({name})")
    return messages
