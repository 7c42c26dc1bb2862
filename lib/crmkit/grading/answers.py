"""Answer values travelling from the graded kernel to the grading process, as JSON.

The kernel runs :func:`extraction_code` (which embeds
:func:`crmkit.grading.kernel_encoder.extract_answers`) and writes type-tagged JSON;
:func:`decode` rebuilds the Python and pandas values here, in the grading process.
No pickle, no ``eval``: the worst a forged file can do is describe values, and
values are what a notebook could have produced anyway.

>>> decode({"type": "list", "items": [{"type": "int", "value": 1}, {"type": "ellipsis"}]})
[1, Ellipsis]
>>> decode({"type": "missing"})
Missing()
>>> decode({"type": "unsupported", "what": "function"})
Unsupported(what='function')
"""

from __future__ import annotations

import datetime
import inspect
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crmkit.grading.kernel_encoder import extract_answers

MAX_ANSWERS_BYTES = 64 * 1024 * 1024
"""Answer files larger than this are not read (the variables count as unreadable)."""


class AnswerFormatError(ValueError):
    """The answer JSON does not describe a value the grader knows how to rebuild."""


@dataclass(frozen=True)
class Missing:
    """The notebook never defined the answer variable."""


@dataclass(frozen=True)
class Unsupported:
    """The answer variable holds a value the grader cannot carry; ``what`` names its type."""

    what: str


def extraction_code(names: list[str], path: str, nonce: str) -> str:
    """The code the grader runs in the kernel to write the answers to ``path``.

    ``nonce`` makes the function name unique, so it cannot clash with a name in
    the notebook, and is written into the file, so an old or forged file is noticed.

    >>> code = extraction_code(["total"], "/tmp/a.json", "abc123")
    >>> "def _crmkit_extract_abc123(" in code and "['total']" in code
    True
    >>> compile(code, "<extraction>", "exec") is not None
    True
    """
    if not nonce.isalnum():
        raise ValueError(f"The nonce must be letters and digits, not {nonce!r}.")
    function = f"_crmkit_extract_{nonce}"
    builtins_alias = f"_crmkit_builtins_{nonce}"
    source = inspect.getsource(extract_answers)
    source = source.replace("def extract_answers(", f"def {function}(", 1)
    return (
        f"{source}\n"
        f"import builtins as {builtins_alias}\n"
        f"{function}({builtins_alias}.globals(), {list(names)!r}, {path!r}, {nonce!r})\n"
        f"del {function}, {builtins_alias}\n"
    )


def parse_answers_file(text: str, nonce: str) -> dict[str, Any]:
    """The tagged answers from an answers file's text, after checking its nonce.

    >>> parse_answers_file('{"nonce": "n1", "answers": {"x": {"type": "none"}}}', "n1")
    {'x': {'type': 'none'}}
    >>> parse_answers_file('{"nonce": "old", "answers": {}}', "n1")
    Traceback (most recent call last):
    ...
    crmkit.grading.answers.AnswerFormatError: The answers file does not carry this run's nonce.
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise AnswerFormatError(f"The answers file is not valid JSON: {error}") from None
    if not isinstance(data, dict) or data.get("nonce") != nonce:
        raise AnswerFormatError("The answers file does not carry this run's nonce.")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise AnswerFormatError("The answers file has no answers.")
    return answers


def decode(tagged: Any) -> Any:
    """Rebuild one value from its tagged JSON form.

    >>> decode({"type": "float", "value": float("nan")})
    nan
    >>> decode({"type": "dict", "items": [[{"type": "str", "value": "a"}, {"type": "none"}]]})
    {'a': None}
    """
    try:
        return _decode(tagged)
    except AnswerFormatError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, OverflowError, RecursionError) as error:
        raise AnswerFormatError(f"Malformed answer ({type(error).__name__}: {error}).") from None


def _decode(tagged: Any) -> Any:
    if not isinstance(tagged, dict) or not isinstance(tagged.get("type"), str):
        raise AnswerFormatError(f"Not a tagged value: {str(tagged)[:80]}")
    kind = tagged["type"]
    simple = _SIMPLE.get(kind)
    if simple is not None:
        return simple(tagged)
    decoder = _DECODERS.get(kind)
    if decoder is None:
        raise AnswerFormatError(f"Unknown value type {kind!r}.")
    return decoder(tagged)


def _checked(expected_type: type | tuple[type, ...]) -> Any:
    def read(tagged: dict[str, Any]) -> Any:
        value = tagged["value"]
        if type(value) not in (
            expected_type if isinstance(expected_type, tuple) else (expected_type,)
        ):
            raise AnswerFormatError(f"Expected a {expected_type}, got {type(value).__name__}.")
        return value

    return read


def _float(tagged: dict[str, Any]) -> float:
    value = tagged["value"]
    if type(value) not in (int, float):
        raise AnswerFormatError("A float must be a number.")
    return float(value)


_SIMPLE: dict[str, Any] = {
    "none": lambda tagged: None,
    "ellipsis": lambda tagged: Ellipsis,
    "missing": lambda tagged: Missing(),
    "unsupported": lambda tagged: Unsupported(str(tagged.get("what", "?"))),
    "bool": _checked(bool),
    "int": _checked(int),
    "float": _float,
    "str": _checked(str),
    "nat": lambda tagged: pd.NaT,
    "na": lambda tagged: pd.NA,
}


def _items(tagged: dict[str, Any]) -> list[Any]:
    return [_decode(item) for item in tagged["items"]]


def _dict(tagged: dict[str, Any]) -> dict[Any, Any]:
    return {_decode(key): _decode(value) for key, value in tagged["items"]}


def _numpy_scalar(tagged: dict[str, Any]) -> Any:
    dtype = tagged["dtype"]
    if dtype == "str":
        return np.str_(tagged["value"])
    numpy_dtype = np.dtype(dtype)
    if numpy_dtype.kind in "Mm":
        unit = _unit(tagged["unit"], _NUMPY_UNITS)
        return np.array([int(tagged["value"])], dtype="i8").view(f"{numpy_dtype.kind}8[{unit}]")[0]
    if numpy_dtype.kind not in "biuf":
        raise AnswerFormatError(f"Unexpected numpy dtype {dtype!r}.")
    return numpy_dtype.type(tagged["value"])


def _timestamp(tagged: dict[str, Any]) -> pd.Timestamp:
    value = pd.Timestamp(int(tagged["value"]), unit="ns")
    if tagged.get("tz"):
        value = value.tz_localize("UTC").tz_convert(str(tagged["tz"]))
    return value.as_unit(_unit(tagged["unit"]))


def _timedelta(tagged: dict[str, Any]) -> pd.Timedelta:
    return pd.Timedelta(int(tagged["value"]), unit="ns").as_unit(_unit(tagged["unit"]))


def _py_datetime(tagged: dict[str, Any]) -> datetime.datetime:
    return datetime.datetime.fromisoformat(str(tagged["value"]))


def _py_date(tagged: dict[str, Any]) -> datetime.date:
    return datetime.date.fromisoformat(str(tagged["value"]))


def _py_timedelta(tagged: dict[str, Any]) -> datetime.timedelta:
    days, seconds, microseconds = (int(part) for part in tagged["value"])
    return datetime.timedelta(days=days, seconds=seconds, microseconds=microseconds)


_PANDAS_UNITS = ("s", "ms", "us", "ns")
_NUMPY_UNITS = ("Y", "M", "W", "D", "h", "m", *_PANDAS_UNITS, "ps", "fs", "as", "generic")


def _unit(unit: Any, allowed: tuple[str, ...] = _PANDAS_UNITS) -> str:
    if unit not in allowed:
        raise AnswerFormatError(f"Unexpected time unit {unit!r}.")
    return str(unit)


def _ndarray(tagged: dict[str, Any]) -> np.ndarray:
    shape = tuple(int(n) for n in tagged["shape"])
    data = tagged["data"]
    if data["kind"] == "unicode":
        flat = np.array([str(v) for v in data["values"]], dtype=str)
    else:
        flat = _array(data)
        if isinstance(flat, pd.api.extensions.ExtensionArray):
            raise AnswerFormatError("A numpy array cannot hold pandas values.")
    return np.asarray(flat).reshape(shape)


def _array(data: dict[str, Any]) -> Any:
    """The values of one Series, Index level or DataFrame column."""
    kind = data["kind"]
    if kind == "numpy":
        dtype = np.dtype(data["dtype"])
        if dtype.kind not in "biuf":
            raise AnswerFormatError(f"Unexpected numpy dtype {data['dtype']!r}.")
        return np.array(data["values"], dtype=dtype)
    if kind in ("datetime", "timedelta"):
        return _time_array(kind, data)
    if kind == "object":
        items = [_decode(item) for item in data["items"]]
        array = np.empty(len(items), dtype=object)
        for position, item in enumerate(items):
            array[position] = item
        return array
    if kind == "string":
        storage = data["storage"] if data["storage"] in ("python", "pyarrow") else "python"
        na_value = np.nan if data["na"] == "nan" else pd.NA
        values = [v if isinstance(v, str) else None for v in data["values"]]
        return _string_array(values, storage, na_value)
    if kind == "category":
        categories = _index(data["categories"])
        codes = np.array(data["codes"], dtype="int64")
        return pd.Categorical.from_codes(
            codes, categories=categories, ordered=bool(data["ordered"])
        )
    if kind == "masked":
        return pd.array(data["values"], dtype=str(data["dtype"]))
    raise AnswerFormatError(f"Unknown array kind {kind!r}.")


def _string_array(values: list[str | None], storage: str, na_value: Any) -> Any:
    try:
        return pd.array(values, dtype=pd.StringDtype(storage, na_value=na_value))
    except ImportError:  # pyarrow storage in the kernel, not installed here
        return pd.array(values, dtype=pd.StringDtype("python", na_value=na_value))


def _time_array(kind: str, data: dict[str, Any]) -> Any:
    unit = _unit(data["unit"])
    letter = "M" if kind == "datetime" else "m"
    raw = np.array(data["values"], dtype="i8").view(f"{letter}8[{unit}]")
    if kind == "timedelta":
        return pd.array(raw)
    values = pd.DatetimeIndex(raw)
    if data.get("tz"):
        values = values.tz_localize("UTC").tz_convert(str(data["tz"]))
    return values.array


def _index(tagged: dict[str, Any]) -> pd.Index:
    kind = tagged["type"]
    if kind == "range_index":
        return pd.RangeIndex(
            int(tagged["start"]),
            int(tagged["stop"]),
            int(tagged["step"]),
            name=_decode(tagged["name"]),
        )
    if kind == "multi_index":
        levels = [pd.Index(_array(level), dtype=_dtype_of(level)) for level in tagged["levels"]]
        names = [_decode(name) for name in tagged["names"]]
        return pd.MultiIndex.from_arrays(levels, names=names)
    if kind == "index":
        data = tagged["data"]
        return pd.Index(_array(data), dtype=_dtype_of(data), name=_decode(tagged["name"]))
    raise AnswerFormatError(f"Expected an index, got {kind!r}.")


def _dtype_of(data: dict[str, Any]) -> Any:
    """The dtype to pass to pandas constructors, so that nothing is re-inferred."""
    return object if data["kind"] == "object" else None


def _series(tagged: dict[str, Any]) -> pd.Series:
    data = tagged["data"]
    return pd.Series(
        _array(data),
        index=_index(tagged["index"]),
        dtype=_dtype_of(data),
        name=_decode(tagged["name"]),
        copy=False,
    )


def _frame(tagged: dict[str, Any]) -> pd.DataFrame:
    index = _index(tagged["index"])
    columns = _index(tagged["columns"])
    arrays = [
        pd.Series(_array(d), index=index, dtype=_dtype_of(d), copy=False) for d in tagged["data"]
    ]
    if len(arrays) != len(columns):
        raise AnswerFormatError("A DataFrame's columns and data do not match.")
    if not arrays:
        return pd.DataFrame(index=index, columns=columns)
    frame = pd.concat(arrays, axis=1, ignore_index=True)
    frame.columns = columns
    return frame


_DECODERS: dict[str, Any] = {
    "list": _items,
    "tuple": lambda tagged: tuple(_items(tagged)),
    "set": lambda tagged: set(_items(tagged)),
    "frozenset": lambda tagged: frozenset(_items(tagged)),
    "dict": _dict,
    "numpy": _numpy_scalar,
    "ndarray": _ndarray,
    "timestamp": _timestamp,
    "timedelta": _timedelta,
    "py_datetime": _py_datetime,
    "py_date": _py_date,
    "py_timedelta": _py_timedelta,
    "range_index": _index,
    "multi_index": _index,
    "index": _index,
    "series": _series,
    "frame": _frame,
}
