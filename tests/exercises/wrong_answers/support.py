"""What a wrong answer in the suite is: :class:`Wrong`, and the classes of mistake."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The classes of mistake (issue "feedback that names the mistake"), by short name.
KINDS = {
    "aggregate": "wrong aggregate: mean for sum, per row for per customer, shares for counts",
    "far_off": "far-off scalar: orders of magnitude, a fraction for a count, a wrong sign",
    "scope": "wrong scope: another year or segment, a boundary, records not excluded",
    "inverted": "inverted ratio or complement: cost per value, 1 - rate, a rate above 1",
    "parameters": "wrong parameter: N of a top-N, bands, strict vs non-strict, union vs "
    "intersection, best-first vs worst-first",
    "sql": "SQL returning no rows or the wrong shape",
    "concept": "a conceptual mistake the chapter teaches against",
    "dict": "a dict answer with wrong values (x100, quoted booleans, 1/0, capitals)",
    "odd_type": "an odd type: an extension array, tuple labels, a list for a Series",
}


@dataclass(frozen=True)
class Wrong:
    """One realistic wrong answer; ``names`` is text the feedback must contain to name it."""

    answer: Any
    names: str
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} is not one of {sorted(KINDS)}")
        if not self.names.strip():
            raise ValueError("names must be the text that shows the mistake was named")
