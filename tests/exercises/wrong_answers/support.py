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


# --------------------------------------------------------------------------- no giveaways

import math  # noqa: E402
import re  # noqa: E402
from collections.abc import Mapping  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from crmkit.exercises.compare.wording import show, show_label  # noqa: E402

FEW_SHOWN = 3  # feedback may show this many expected values, never more
# Numbers the messages' tips use as examples ("like 0.25", "100 times", "1.0 means 100%").
TIP_NUMBERS = {"0.25", "25", "100", "1000", "1,000", "12", "10", "1.0", "0.5", "1.5", "100%"}


def _number_forms(value: float) -> set[str]:
    """The ways a message could write ``value`` (small whole numbers are not checked)."""
    # Forms that round a value away (35 for 34.75) would match unrelated numbers: not used.
    forms = {show(value), f"{value:.2f}", f"{value:,.2f}", f"{value:.4f}"}
    if float(value).is_integer():
        forms |= {f"{value:.0f}", f"{value:,.0f}"}
    if round(value, 1) == value:
        forms.add(f"{value:.1f}")
    if 0 < abs(value) < 1:
        forms |= {f"{value * 100:.1f}%", f"{value * 100:.2f}"}
    if float(value).is_integer() and abs(value) < 100:
        return set()  # small whole numbers ("8") appear in any text ("8 rows"): not checked
    return {form for form in forms if sum(ch.isdigit() for ch in form) >= 2} - TIP_NUMBERS


def _mentions(text: str, form: str) -> bool:
    return re.search(r"(?<![\d.])" + re.escape(form) + r"(?![\d]|\.\d)", text) is not None


def mentions_number(text: str, value: float) -> bool:
    """True when ``text`` writes ``value`` in a common formatting (as a number on its own)."""
    if not math.isfinite(value) or value in (0.0, 1.0):
        return False
    return any(_mentions(text, form) for form in _number_forms(value))


def _members(value: object) -> list[object] | None:
    if isinstance(value, set | frozenset | list | tuple | pd.Index):
        return list(value)
    return None


def giveaway(text: str, answer: object, expected: object) -> str | None:
    """Why ``text`` (feedback on ``answer``) gives ``expected`` away; None when it does not.

    A scalar must not be written in any common formatting; of a collection, a Series or a
    table, not every member (and at most a few expected values the answer lacks); of a
    dict, no key next to its expected value where the answer's value differs.
    """
    if isinstance(expected, bool | np.bool_ | str) or expected is None:
        return None  # a True/False or text answer has too few alternatives to hide
    if isinstance(expected, int | float | np.number):
        own = show(answer) if isinstance(answer, int | float | np.number) else str(answer)
        same = isinstance(answer, int | float | np.number | str) and (
            mentions_number(own, float(expected))
            or mentions_number(own.replace(",", ""), float(expected))
        )
        if not same and mentions_number(text, float(expected)):
            return f"the expected value {expected!r} is written in the feedback"
        return None
    if isinstance(expected, Mapping):
        return _dict_giveaway(text, answer, expected)
    members = _members(expected)
    if members is not None:
        return _members_giveaway(text, answer, members)
    if isinstance(expected, pd.Series):
        return _values_giveaway(text, answer, expected)
    if isinstance(expected, pd.DataFrame):
        return _values_giveaway(text, answer, expected.select_dtypes("number").stack())
    return None


def _members_giveaway(text: str, answer: object, members: list[object]) -> str | None:
    theirs = set(_members(answer) or ([] if not isinstance(answer, pd.Series) else answer.tolist()))
    hidden = [m for m in members if m not in theirs]
    if len(members) < 2 or not hidden:
        return None
    named = [
        m for m in hidden if re.search(r"(?<![\w])" + re.escape(show_label(m)) + r"(?![\w])", text)
    ]
    if len(named) == len(hidden) and len(hidden) > 1 or len(named) > FEW_SHOWN:
        return f"{len(named)} of the {len(hidden)} expected members the answer lacks are named"
    return None


def _values_giveaway(text: str, answer: object, expected: pd.Series) -> str | None:
    numbers = pd.to_numeric(expected, errors="coerce").dropna()
    if len(numbers) < 2:
        return None
    theirs: set[float] = set()
    if isinstance(answer, pd.Series | pd.DataFrame):
        flat = answer.stack() if isinstance(answer, pd.DataFrame) else answer
        theirs = {round(float(v), 6) for v in pd.to_numeric(flat, errors="coerce").dropna()}
    distinct = {round(float(v), 6) for v in numbers}
    hidden = distinct - theirs
    shown = [v for v in hidden if mentions_number(text, v)]
    if len(shown) > FEW_SHOWN or (len(shown) == len(hidden) and len(hidden) > 1):
        return f"{len(shown)} expected values are written in the feedback"
    return None


def _dict_giveaway(text: str, answer: object, expected: Mapping[object, object]) -> str | None:
    given = dict(answer) if isinstance(answer, Mapping) else {}
    for key, value in expected.items():
        mine = given.get(key)
        if str(mine).strip().casefold() == str(value).strip().casefold():
            continue  # the same value in another form: naming it gives nothing away
        if isinstance(value, bool | np.bool_) or value is None:
            continue
        key_text = re.escape(show(key))
        for form in {show(value), str(value)}:
            pattern = key_text + r"[^;]{0,40}?(?<![\d.])" + re.escape(form) + r"(?![\d]|\.\d)"
            if len(form) >= 3 and re.search(pattern, text):
                return f"the key {key!r} is shown with its expected value {value!r}"
    return None


# --------------------------------------------------------------------------- building suites


def from_planted(
    planting: Mapping[str, Any], kinds: Mapping[str, str] | None = None
) -> dict[str, list[Wrong]]:
    """A chapter test's planted answers (``Planted(answer, says)``) as wrong answers.

    ``kinds`` maps "exercise id" or "exercise id/position" to a kind; others are "concept".
    """
    kinds = kinds or {}
    suite: dict[str, list[Wrong]] = {}
    for exercise_id, items in planting.items():
        suite[exercise_id] = [
            Wrong(
                item.answer,
                item.says,
                kinds.get(f"{exercise_id}/{position}", kinds.get(exercise_id, "concept")),
            )
            for position, item in enumerate(items)
        ]
    return suite


def form_slips(expected: Any) -> list[Wrong]:
    """The slips of form a student makes whatever the question: the answer a student gets
    by multiplying a share by 100, taking 1 minus it, converting a Series to a list,
    grouping by a one-column list, typing a label with a capital, quoting numbers."""
    slips: list[Wrong] = []
    if isinstance(expected, float) and not float(expected).is_integer():
        if 0 < expected < 1:
            slips.append(Wrong(expected * 100, "percentage", "far_off"))
            if abs(expected - 0.5) > 0.02:
                slips.append(Wrong(1 - expected, "1 minus", "inverted"))
        elif expected != 0:
            slips.append(Wrong(-expected, "wrong sign", "far_off"))
            slips.append(Wrong(expected * 1000, "1000 times", "far_off"))
    elif isinstance(expected, pd.Series) and pd.api.types.is_numeric_dtype(expected):
        slips.append(Wrong(expected.tolist(), "keep the pandas result", "odd_type"))
        tupled = expected.copy()
        tupled.index = pd.MultiIndex.from_arrays([expected.index], names=[expected.index.name])
        slips.append(Wrong(tupled, "tuples with one item", "odd_type"))
        numbers = expected.astype(float)
        if ((numbers >= 0) & (numbers <= 1)).all() and (numbers > 0).any():
            slips.append(Wrong(numbers * 100, "percentage", "far_off"))
    elif isinstance(expected, dict):
        text_keys = [key for key, value in expected.items() if isinstance(value, str)]
        if text_keys:
            first = text_keys[0]
            slips.append(
                Wrong({**expected, first: expected[first].title() + " "}, "capitals", "dict")
            )
        number_keys = [
            key
            for key, value in expected.items()
            if isinstance(value, int | float) and not isinstance(value, bool)
        ]
        if number_keys:
            slips.append(
                Wrong(
                    {**expected, number_keys[0]: str(expected[number_keys[0]])},
                    "remove the quotes",
                    "dict",
                )
            )
    elif isinstance(expected, pd.DataFrame):
        numbers = expected.select_dtypes("number")
        if len(numbers.columns) and ((numbers >= 0) & (numbers <= 1)).all().all():
            slips.append(Wrong(expected * 100, "percentage", "far_off"))
    return slips
