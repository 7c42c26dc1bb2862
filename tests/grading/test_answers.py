"""crmkit.grading.answers and kernel_encoder: answers' JSON round trip out of the kernel."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from crmkit.grading import answers, kernel_encoder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def round_trip(value: Any, tmp_path: Path, namespace: dict[str, Any] | None = None) -> Any:
    path = tmp_path / "answers.json"
    kernel_encoder.extract_answers({**(namespace or {}), "v": value}, ["v"], str(path), "n1")
    return answers.decode(answers.parse_answers_file(path.read_text(), "n1")["v"])


def assert_same(value: Any, rebuilt: Any) -> None:
    if isinstance(value, pd.DataFrame):
        pd.testing.assert_frame_equal(
            value, rebuilt, check_exact=True, check_index_type=True, check_column_type=True
        )
    elif isinstance(value, pd.Series):
        pd.testing.assert_series_equal(value, rebuilt, check_exact=True, check_index_type=True)
    elif isinstance(value, pd.Index):
        pd.testing.assert_index_equal(value, rebuilt, exact=True)
    elif isinstance(value, np.ndarray):
        assert value.dtype == rebuilt.dtype and value.shape == rebuilt.shape
        np.testing.assert_array_equal(value, rebuilt)
    elif isinstance(value, float) and math.isnan(value):
        assert type(rebuilt) is float and math.isnan(rebuilt)
    else:
        assert type(rebuilt) is type(value) and (rebuilt is value or rebuilt == value)


FRAME = pd.DataFrame(
    {
        "n": [1, 2, 2],
        "text": ["x", None, "z"],
        "kind": pd.Categorical(["u", "v", "u"], categories=["v", "u"], ordered=True),
        "when": pd.to_datetime(["2020-01-01 00:00", None, "2021-05-05 10:30"]),
        "when_tz": pd.to_datetime(["2020-01-01", None, "2021-05-05"]).tz_localize("Europe/Paris"),
        "gap": pd.to_timedelta([1, 2, None], unit="D"),
        "maybe": pd.array([1, None, 3], dtype="Int64"),
        "share": [1.5, np.nan, np.inf],
        "mixed": pd.Series(["a", 1, None], dtype=object),
        "flag": [True, False, True],
        "string": pd.Series(["a", None, "c"], dtype="string"),
    },
    index=pd.Index([3, 3, 1], name="customer_id"),
)


@pytest.mark.parametrize(
    "value",
    [
        None,
        ...,
        True,
        0,
        -(10**30),
        1.25,
        float("inf"),
        "naïve ✓",
        [1, [2, None]],
        (1, "a"),
        {1, 2},
        frozenset({"a"}),
        {"a": [1, {2: 3.5}]},
        np.int64(3),
        np.float32(1.5),
        np.bool_(False),
        np.datetime64("2020-01-01"),
        np.array([[1, 2], [3, 4]]),
        np.array(["a", "b"]),
        pd.Timestamp("2020-01-01 10:00", tz="UTC"),
        pd.Timedelta("1D"),
        pd.NaT,
        pd.NA,
        FRAME,
        FRAME.set_index(["n", "text"]),
        FRAME.T,
        FRAME.iloc[:, :0],
        pd.DataFrame(),
        pd.DataFrame([[1, 2]], columns=["a", "a"]),
        FRAME["text"],
        FRAME["kind"],
        FRAME.index,
        FRAME.columns,
        pd.RangeIndex(2, 10, 3, name="r"),
        FRAME.groupby("kind", observed=True)["share"].sum(),
        pd.Series([], dtype="float64"),
        pd.MultiIndex.from_tuples([(1, "a"), (2, "b")], names=["x", None]),
    ],
    ids=repr,
)
def test_answers_round_trip(value: Any, tmp_path: Path) -> None:
    assert_same(value, round_trip(value, tmp_path))


def test_nan_round_trips(tmp_path: Path) -> None:
    assert math.isnan(round_trip(float("nan"), tmp_path))


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
nested = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=nested)
def test_nested_values_round_trip(value: Any, tmp_path: Path) -> None:
    assert round_trip(value, tmp_path) == value


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    numbers=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=6),
    labels=st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=6, unique=True),
)
def test_frames_round_trip(numbers: list[float], labels: list[str], tmp_path: Path) -> None:
    size = min(len(numbers), len(labels))
    frame = pd.DataFrame(
        {"value": numbers[:size], "label": labels[:size], "count": range(size)},
        index=pd.Index(labels[:size], name="id"),
    )
    assert_same(frame, round_trip(frame, tmp_path))
    assert_same(frame["label"], round_trip(frame["label"], tmp_path))


class AlwaysEqual:
    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


class Sneaky(float):
    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = float.__hash__


@pytest.mark.parametrize(
    ("value", "what"),
    [
        (AlwaysEqual(), "AlwaysEqual"),
        (Sneaky(1.0), "Sneaky"),
        (lambda: 1, "function"),
        (pd.DataFrame({"p": pd.period_range("2020", periods=2, freq="M")}), "period"),
        (pd.DataFrame({"x": [AlwaysEqual()]}), "AlwaysEqual"),
        (type("MyFrame", (pd.DataFrame,), {})({"a": [1]}), "MyFrame"),
    ],
)
def test_impostors_are_unsupported(value: Any, what: str, tmp_path: Path) -> None:
    rebuilt = round_trip(value, tmp_path)
    assert isinstance(rebuilt, answers.Unsupported) and what in rebuilt.what


def test_extraction_ignores_shadowed_names(tmp_path: Path) -> None:
    """A notebook that named its variables type, list, json, open... is still read right."""
    shadows = {
        name: "shadow"
        for name in (
            "type",
            "list",
            "dict",
            "str",
            "int",
            "float",
            "len",
            "json",
            "open",
            "isinstance",
            "globals",
            "pd",
            "np",
            "builtins",
            "sorted",
            "range",
        )
    }
    namespace = {**shadows, "total": 150.0, "frame": FRAME}
    path = tmp_path / "answers.json"
    code = answers.extraction_code(["total", "frame", "absent"], str(path), "abc123")
    exec(compile(code, "<extraction>", "exec"), namespace)  # noqa: S102 - as the kernel does
    read = answers.parse_answers_file(path.read_text(), "abc123")
    assert answers.decode(read["total"]) == 150.0
    assert_same(FRAME, answers.decode(read["frame"]))
    assert answers.decode(read["absent"]) == answers.Missing()
    assert "_crmkit_extract_abc123" not in namespace


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "type",
                    "value",
                    "items",
                    "data",
                    "kind",
                    "dtype",
                    "index",
                    "columns",
                    "name",
                    "values",
                    "unit",
                    "tz",
                    "start",
                ]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(value=json_values)
def test_decode_never_fails_badly(value: Any) -> None:
    """Any JSON at all: a value or AnswerFormatError, never another exception."""
    try:
        answers.decode(value)
    except answers.AnswerFormatError:
        pass


def test_answers_file_must_carry_the_nonce() -> None:
    with pytest.raises(answers.AnswerFormatError, match="nonce"):
        answers.parse_answers_file(json.dumps({"nonce": "x", "answers": {}}), "y")
    with pytest.raises(answers.AnswerFormatError, match="not valid JSON"):
        answers.parse_answers_file("[" * 100_000, "y")
