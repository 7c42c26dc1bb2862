"""The shared harness of the bad-input tests (tests/test_bad_input.py and tests/test_bad_input_*.py).

The house rule: bad input gets a ValueError or TypeError whose message names the argument or
the missing column, never a silent wrong result and never a bare KeyError or AttributeError
from deep inside pandas, matplotlib or sqlite3.

A chapter's bad-input file declares, for every public function, a :class:`Target`: valid
arguments and which arguments are which kind of input (tables and their required columns,
date columns, number columns, dates, whole numbers, flags, ...). :func:`generic_tests` then
makes the generic tests - one per kind of bad input, parametrized over the Targets that
declare it - and the file adds them to its namespace for pytest to collect::

    TARGETS = targets_by_name([Target(module.function, lambda: {...}, frames={...}), ...])
    globals().update(generic_tests(TARGETS, Generic(fast=FAST)))

What differs between chapters (how many examples, which date formats, which bad values)
is set in :class:`Generic`. The file keeps its function-specific tests and the test that
every public function of its module has a Target or a test (see :func:`public_callables` and
:func:`assert_covered`).

This is a plain module, not a test file (its name does not start with ``test_``, so the
coverage scan of tests/test_bad_input.py, which reads ``test_bad_input_*.py``, skips it);
tests/ is on ``sys.path`` under pytest's default import mode, and tests/conftest.py has
pytest rewrite its asserts.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import sqlite3
import string
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

AS_OF = "2025-12-31"


def fast(max_examples: int, shrink: bool = True) -> settings:
    """Hypothesis settings for these files: few examples, reproducible, no example database.

    ``shrink=False`` reports the first bad example found (faster when a test fails).
    """
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        **({} if shrink else {"phases": [Phase.explicit, Phase.generate]}),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


# --------------------------------------------------------------------------- small tables


def dates(*days: str) -> pd.Series:
    """Dates from text, typed as the loaders type them ("NaT" for a missing date)."""
    return pd.Series(pd.to_datetime(list(days)))


def table(columns: Iterable[str], rows: Iterable[tuple[Any, ...]]) -> pd.DataFrame:
    """A small table from rows (at least one); the columns whose names end in ``_date`` hold
    dates, written as text ("NaT" for a missing one), typed as the loaders type them."""
    frame = pd.DataFrame(list(rows), columns=list(columns))
    for column in frame.columns:
        if column.endswith("_date"):
            frame[column] = pd.to_datetime(frame[column])
    return frame


# --------------------------------------------------------------------------- checking errors


def mentions(message: str, word: str) -> bool:
    """True when ``word`` appears in ``message`` as a whole name (``n`` is not in ``"in"``)."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])", message) is not None


def close_figures() -> None:
    import matplotlib.pyplot as plt

    plt.close("all")


def where(error: BaseException) -> str:
    """Where an error was raised: the innermost crmkit line, and the innermost line overall."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if f"{os.sep}crmkit{os.sep}" in f.filename]
    spots = ([ours[-1]] if ours else []) + (
        [frames[-1]] if frames and frames[-1] not in ours else []
    )
    return " -> ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in spots)


def expect_clear_error(call: Callable[[], Any], *words: str, what: str) -> str:
    """``call()`` must raise ValueError or TypeError whose message names one of ``words``.

    Returns the message. Failures are reported in one line (what was called, what came back,
    and where in the library it was raised) rather than as a traceback through pandas.
    Figures the call opened are closed.
    """
    try:
        result = call()
    except (ValueError, TypeError) as error:
        message = str(error)
        if not any(mentions(message, word) for word in words):
            pytest.fail(
                f"{what}: {type(error).__name__} does not name "
                f"{' or '.join(map(repr, words))}: {message!r} (at {where(error)})",
                pytrace=False,
            )
        return message
    except Exception as error:  # any other type is a finding, reported as a failure
        pytest.fail(
            f"{what}: raised {type(error).__name__} instead of ValueError/TypeError: {error} "
            f"(at {where(error)})",
            pytrace=False,
        )
    finally:
        close_figures()
    pytest.fail(
        f"{what}: no error, returned {type(result).__name__}: {str(result)[:300]}", pytrace=False
    )


# --------------------------------------------------------------------------- widgets

#: The ipywidgets classes the course's explorers build.
WIDGET_CLASSES = ("IntSlider", "FloatSlider", "Dropdown", "Output", "VBox", "Label")


@contextlib.contextmanager
def no_widgets() -> Iterator[None]:
    """Any widget built is a failure: an explorer must check its input first."""
    refuse = mock.Mock(
        side_effect=AssertionError("a widget was built before the input was checked")
    )
    with mock.patch.multiple("ipywidgets", **dict.fromkeys(WIDGET_CLASSES, refuse)):
        yield


@contextlib.contextmanager
def fake_widgets() -> Iterator[None]:
    """Stand-in widgets, so an explorer runs on valid input without a notebook: it returns "box"."""
    with (
        mock.patch.multiple(
            "ipywidgets",
            IntSlider=mock.MagicMock(return_value=mock.MagicMock(value=180)),
            FloatSlider=mock.MagicMock(return_value=mock.MagicMock(value=1.0)),
            Dropdown=mock.MagicMock(),
            Output=mock.MagicMock(),
            VBox=mock.MagicMock(return_value="box"),
            Label=mock.MagicMock(),
        ),
        mock.patch("IPython.display.display"),
    ):
        yield


# --------------------------------------------------------------------------- what each function needs


@dataclass(frozen=True)
class Target:
    """A public function, valid arguments for it, and what counts as bad input for it.

    Every field after ``good`` names arguments of one kind; the generic tests feed each kind
    its bad values. ``frames``, ``dates`` and ``numbers`` map a table argument to columns.
    """

    func: Callable[..., Any]
    good: Callable[[], dict[str, Any]]
    frames: dict[str, tuple[str, ...]] = field(default_factory=dict)  # argument -> required columns
    dates: dict[str, tuple[str, ...]] = field(default_factory=dict)  # argument -> date columns
    numbers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # argument -> numeric columns
    series: tuple[str, ...] = ()  # arguments that must be a pandas Series
    timestamps: tuple[str, ...] = ()  # required date arguments (as_of)
    optional_timestamps: tuple[str, ...] = ()  # date arguments where None means "no limit"
    whole_numbers: dict[str, int] = field(default_factory=dict)  # argument -> minimum
    fractions: tuple[str, ...] = ()  # rates between 0 and 1
    positive: tuple[str, ...] = ()  # numbers that must be > 0
    non_negative: tuple[str, ...] = ()  # numbers that must be >= 0
    confidence: bool = False  # takes confidence= (between 0 and 1)
    by: tuple[str, ...] = ()  # arguments naming a group column of the table
    flags: tuple[str, ...] = ()  # True/False arguments
    texts: tuple[str, ...] = ()  # ids given as text (customer_id, product_id)
    paths: tuple[str, ...] = ()  # file paths
    connections: tuple[str, ...] = ()  # sqlite3 connections
    keys: tuple[str, ...] = ()  # secret keys
    axes: tuple[str, ...] = ()  # matplotlib Axes arguments
    optional: tuple[str, ...] = ()  # table arguments where None means "not given"
    guard: Callable[[], contextlib.AbstractContextManager[Any]] = contextlib.nullcontext

    #: The kinds of bad input a Target can declare (its fields after ``good``, but for
    #: ``optional`` and ``guard``, which only change how the others are fed).
    KINDS: ClassVar[tuple[str, ...]] = (
        "frames", "dates", "numbers", "series", "timestamps", "optional_timestamps",
        "whole_numbers", "fractions", "positive", "non_negative", "confidence", "by", "flags",
        "texts", "paths", "connections", "keys", "axes",
    )  # fmt: skip

    @property
    def name(self) -> str:
        """``crmkit.module.function``."""
        return f"{self.func.__module__}.{self.func.__name__}"

    def call(self, **changes: Any) -> Any:
        """Call the function with the valid arguments, some of them changed."""
        kwargs = self.good()
        kwargs.update(changes)
        with self.guard():
            return self.func(**kwargs)

    def frame(self, argument: str) -> pd.DataFrame:
        """A fresh copy of the valid table for ``argument``, to spoil."""
        return self.good()[argument].copy()

    def declares_bad_input(self) -> bool:
        return any(getattr(self, kind) for kind in self.KINDS)

    def declared_arguments(self) -> set[str]:
        """Every argument named in the declaration (to check against the signature)."""
        names = {"confidence"} if self.confidence else set()
        for kind in (*self.KINDS, "optional"):
            spec = getattr(self, kind)
            if not isinstance(spec, bool):
                names |= set(spec)
        return names


def targets_by_name(targets: Iterable[Target], qualified: bool = True) -> dict[str, Target]:
    """Targets by ``crmkit.module.function`` (or by the function's own name)."""
    return {(t.name if qualified else t.func.__name__): t for t in targets}


def cases(targets: dict[str, Target], kind: str) -> list[Any]:
    """pytest params (name, argument[, column]) for one kind of bad input (just (name,) for
    ``confidence``); columns for ``dates`` and ``numbers``."""
    params = []
    for name, target in targets.items():
        spec = getattr(target, kind)
        if kind in ("dates", "numbers"):
            params += [
                pytest.param(name, argument, column, id=f"{name}-{argument}-{column}")
                for argument, columns in spec.items()
                for column in columns
            ]
        elif isinstance(spec, bool):
            params += [pytest.param(name, id=name)] if spec else []
        else:
            params += [pytest.param(name, argument, id=f"{name}-{argument}") for argument in spec]
    return params


def missing_column_cases(targets: dict[str, Target]) -> list[Any]:
    """pytest params (name, argument, column): each required column of each table."""
    return [
        pytest.param(name, argument, column, id=f"{name}-{argument}-{column}")
        for name, target in targets.items()
        for argument, columns in target.frames.items()
        for column in columns
    ]


def whole_number_cases(targets: dict[str, Target]) -> list[Any]:
    """pytest params (name, argument, minimum) for the whole-number arguments."""
    return [
        pytest.param(name, argument, minimum, id=f"{name}-{argument}")
        for name, target in targets.items()
        for argument, minimum in target.whole_numbers.items()
    ]


def date_cases(targets: dict[str, Target], bad_dates: Iterable[Any]) -> list[Any]:
    """pytest params (name, argument, bad): every bad date for every date argument, and None
    for the required ones (where None is not "no limit")."""
    bad_dates = list(bad_dates)
    without_none = [bad for bad in bad_dates if bad is not None]
    params = []
    for name, target in targets.items():
        for arguments, bads in (
            (target.timestamps, [*without_none, None]),
            (target.optional_timestamps, without_none),
        ):
            params += [
                pytest.param(name, argument, bad, id=f"{name}-{argument}-{bad!r}")
                for argument in arguments
                for bad in bads
            ]
    return params


# --------------------------------------------------------------------------- strategies and values

NOT_FRAMES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=4),
    st.tuples(st.text(max_size=3), st.integers()),
    st.dictionaries(st.text(max_size=5), st.lists(st.integers(), max_size=3), max_size=3),
    st.lists(st.floats(allow_nan=False), max_size=4).map(pd.Series),
    st.just(np.zeros((2, 2))),
)
NOT_SERIES = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.lists(st.floats(allow_nan=False), max_size=4),
    st.lists(st.text(max_size=4), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.just(np.arange(3.0)),
    st.just(np.array(["a", "b"])),
    st.just(pd.DataFrame({"a": [1.0, 2.0]})),
    st.just(pd.DataFrame({"a": ["x"]})),
)
COLUMN_NAME = st.from_regex(r"[a-z][a-z0-9_]{0,9}", fullmatch=True)
COLUMN_KIND = st.sampled_from(["int", "float", "text", "date", "bool", "missing"])


def column_values(kind: str, rows: int) -> Any:
    return {
        "int": np.arange(rows),
        "float": np.linspace(0.5, 9.5, rows),
        "text": [f"v{i}" for i in range(rows)],
        "date": pd.date_range("2025-01-01", periods=rows, freq="D"),
        "bool": [i % 2 == 0 for i in range(rows)],
        "missing": [None] * rows,
    }[kind]


def other_columns(avoid: tuple[str, ...], min_size: int = 0) -> st.SearchStrategy[dict[str, str]]:
    """Random extra columns whose names are none of (and contain none of) ``avoid``."""
    names = COLUMN_NAME.filter(lambda name: not any(word in name for word in avoid))
    return st.dictionaries(names, COLUMN_KIND, min_size=min_size, max_size=4)


def with_columns(frame: pd.DataFrame, extra: dict[str, str]) -> pd.DataFrame:
    frame = frame.copy()
    for name, kind in extra.items():
        frame[name] = column_values(kind, len(frame))
    return frame


def unparseable(text: str) -> bool:
    try:
        stamp = pd.Timestamp(text)
    except (TypeError, ValueError):
        return True
    return bool(pd.isna(stamp))


#: Text that is not a date at all.
DATE_LIKE_TEXT = st.text(alphabet=string.ascii_letters + " -/", min_size=1, max_size=12).filter(
    unparseable
)

#: Numbers as text, as a CSV read without dtypes gives them: name -> how to spoil a column.
NUMBER_TEXTS: dict[str, Callable[[pd.Series], pd.Series]] = {
    "str": lambda values: values.map(str).astype("str"),
    "object": lambda values: values.map(str).astype("object"),
    "CNY": lambda values: values.map(lambda number: f"{number:,.1f} CNY"),
}


def first_missing(values: pd.Series) -> pd.Series:
    """The numbers as floats, with the first one missing."""
    return values.astype("float64").mask(np.arange(len(values)) == 0)


#: A numeric Series spoilt: name -> how.
SERIES_OF_THE_WRONG_KIND: dict[str, Callable[[pd.Series], pd.Series]] = {
    "text": lambda good: good.map(str),
    "missing": lambda good: good.where(good.index != good.index[0]),
    "bool": lambda good: good > 0,
}

#: Not one plain date: text that is no date, missing values, containers, bare numbers (pandas
#: reads 2025 as 1970-01-01 plus 2025 ns) and a time zone (the course data has none).
BAD_DATES = (
    "not a date",
    "yesterday",
    math.nan,
    pd.NaT,
    None,
    "",
    "2025-02-30",
    "2025-13-45",
    "31/31/2025",
    [2025, 12, 31],
    {"year": 2025},
    pd.Series(["2025-12-31"]),
    2025,
    20251231,
    1.5,
    True,
    "2025-12-31T00:00:00+08:00",
)
#: Not a whole number at all, or below every minimum (0 is left out: some arguments allow it).
BAD_WHOLE_NUMBERS = (
    -1, -5, -180, 0.5, 1.5, 2.5, True, False, "3", "180", None, [3], (3,),
    math.nan, math.inf, -math.inf,
)  # fmt: skip
BAD_FRACTIONS = (-0.1, 1.5, 8, math.nan, math.inf, "0.08", None, True, [0.08])
BAD_POSITIVE = (0, -0.1, math.nan, math.inf, -math.inf, "0.5", None, True, [0.5])
BAD_NON_NEGATIVE = (-0.1, math.nan, math.inf, "0.5", None, True, [0.5])
BAD_FLAGS = ("yes", 1, 0, None, "False")
BAD_TEXTS = (None, 1, 1.5, ["B1"], b"B1")
BAD_PATHS = (None, 1, True, 1.5, ["a.sqlite"], "", "   ")
BAD_KEYS = (1234567890123456789, ["key"], "short", b"short", 1.5)
BAD_COLUMN_NAMES = (3, ["prospecting_method"], ("a",), 1.5)
BAD_CONNECTIONS = [
    pytest.param(bad, id=type(bad).__name__)
    for bad in (None, "jade_leaf.sqlite", 1, pd.DataFrame(), Path("x.sqlite"))
]
BAD_AXES = [
    pytest.param("ax", id="str"),
    pytest.param(0, id="int"),
    pytest.param([], id="list"),
    pytest.param({}, id="dict"),
    pytest.param(pd.DataFrame(), id="DataFrame"),
    pytest.param(pd.DataFrame({"a": [1]}), id="DataFrame-with-rows"),
]
BAD_CONFIDENCE = st.one_of(
    st.floats().filter(lambda x: not 0 < x < 1),
    st.text(max_size=6),
    st.booleans(),
    st.none(),
    st.lists(st.floats(0.1, 0.9), max_size=2),
)


# --------------------------------------------------------------------------- the generic tests


@dataclass(frozen=True)
class Generic:
    """What the generic tests do differently in one chapter's file."""

    fast: settings  # hypothesis settings for the generated tests
    result_types: tuple[type, ...] = (object,)  # what the functions return on valid input
    unnamed_tables: tuple[str, ...] = ()  # tables a missing-column message need not name
    all_columns_named: bool = True  # the wrong table: every missing column is named
    date_formats: tuple[str, ...] = ("%Y-%m-%d", "%d/%m/%Y")  # dates written as text
    number_texts: tuple[str, ...] = ("str", "object")  # keys of NUMBER_TEXTS
    numbers_without_gaps: bool = False  # number columns must have no missing values
    bad_dates: tuple[Any, ...] = BAD_DATES
    bad_whole_numbers: tuple[Any, ...] = BAD_WHOLE_NUMBERS
    numpy_integers: bool = False  # check np.int64 works wherever a whole number does
    series_kinds: tuple[str, ...] = ()  # keys of SERIES_OF_THE_WRONG_KIND
    empty_tables: bool = False  # every table emptied: a result or a clear error


#: Simple kinds: kind -> (test name, bad values). Each bad value must be refused clearly.
BAD_VALUES: dict[str, tuple[str, Iterable[Any]]] = {
    "fractions": ("test_bad_fraction", BAD_FRACTIONS),
    "positive": ("test_bad_positive_number", BAD_POSITIVE),
    "non_negative": ("test_bad_non_negative_number", BAD_NON_NEGATIVE),
    "flags": ("test_bad_flag", BAD_FLAGS),
    "texts": ("test_bad_text_argument", BAD_TEXTS),
    "paths": ("test_bad_path", BAD_PATHS),
    "keys": ("test_bad_key", BAD_KEYS),
    "by": ("test_by_not_a_name", BAD_COLUMN_NAMES),
    "connections": ("test_not_a_connection", BAD_CONNECTIONS),
    "axes": ("test_not_an_axes", BAD_AXES),
}


def expect_argument_error(targets: dict[str, Target], name: str, argument: str, bad: Any) -> str:
    """Calling target ``name`` with ``argument=bad`` gives a clear error naming ``argument``."""
    return expect_clear_error(
        lambda: targets[name].call(**{argument: bad}),
        argument,
        what=f"{name}({argument}={bad!r:.60})",
    )


def _bad_value_test(targets: dict[str, Target], kind: str, test_name: str, values: Any) -> Any:
    @pytest.mark.parametrize(("name", "argument"), cases(targets, kind))
    @pytest.mark.parametrize("bad", values, ids=repr)
    def test(name: str, argument: str, bad: Any) -> None:
        expect_argument_error(targets, name, argument, bad)

    test.__name__ = test.__qualname__ = test_name
    test.__doc__ = f"Bad values for the {kind} arguments: a clear error naming the argument."
    return test


def generic_tests(targets: dict[str, Target], config: Generic) -> dict[str, Callable[..., None]]:
    """The generic bad-input tests for ``targets``, by name, for the test file's namespace.

    A test is made only when some Target declares its kind of input (so no test is collected
    with an empty parameter set) and, for the optional ones, when ``config`` asks for it.
    """
    few_examples = config.fast
    tests: dict[str, Callable[..., None]] = {}

    def add(test: Callable[..., None], *kinds: str, when: bool = True) -> None:
        if when and any(cases(targets, kind) for kind in kinds or Target.KINDS):
            tests[test.__name__] = test

    @pytest.mark.parametrize("name", list(targets))
    def test_good_input_runs(name: str) -> None:
        """The valid arguments really are valid, so each failure below is the bad part's fault."""
        target = targets[name]
        if target.guard is no_widgets:
            try:
                with fake_widgets():
                    assert target.func(**target.good()) == "box"
            finally:
                close_figures()
            return
        try:
            result = target.func(**target.good())
        finally:
            close_figures()
        assert result is not None
        assert isinstance(result, config.result_types), type(result)

    add(test_good_input_runs)

    @pytest.mark.parametrize(("name", "argument"), cases(targets, "frames"))
    @few_examples
    @given(bad=NOT_FRAMES)
    def test_not_a_dataframe(name: str, argument: str, bad: Any) -> None:
        assume(not (bad is None and argument in targets[name].optional))
        expect_argument_error(targets, name, argument, bad)

    add(test_not_a_dataframe, "frames")

    @pytest.mark.parametrize(("name", "argument", "column"), missing_column_cases(targets))
    @few_examples
    @given(data_=st.data())
    def test_missing_column(name: str, argument: str, column: str, data_: st.DataObject) -> None:
        """Drop each required column in turn (random other columns around): the message names it."""
        target = targets[name]
        required = target.frames[argument]
        extra = data_.draw(other_columns(required + (argument,)), label="extra columns")
        frame = with_columns(target.frame(argument).drop(columns=[column]), extra)
        message = expect_clear_error(
            lambda: target.call(**{argument: frame}),
            column,
            what=f"{name}({argument} without {column!r}, extra {sorted(extra)})",
        )
        assert mentions(message, argument) or argument in config.unnamed_tables, (
            f"the message does not say which table: {message!r}"
        )

    add(test_missing_column, "frames")

    @pytest.mark.parametrize(
        ("name", "argument"),
        [c for c in cases(targets, "frames") if targets[c.values[0]].frames[c.values[1]]],
    )
    @few_examples
    @given(data_=st.data())
    def test_only_other_columns(name: str, argument: str, data_: st.DataObject) -> None:
        """The wrong table, with none of the required columns: the missing columns are named."""
        target = targets[name]
        required = target.frames[argument]
        extra = data_.draw(other_columns(required + (argument,), min_size=1), label="columns")
        rows = data_.draw(st.integers(0, 3), label="rows")
        frame = with_columns(pd.DataFrame(index=range(rows)), extra)
        message = expect_clear_error(
            lambda: target.call(**{argument: frame}),
            *required,
            what=f"{name}({argument}={sorted(extra)})",
        )
        unnamed = [column for column in required if not mentions(message, column)]
        assert not (config.all_columns_named and unnamed), (
            f"the message leaves out missing column(s) {unnamed}: {message!r}"
        )

    add(test_only_other_columns, "frames")

    def expect_column_error(name: str, argument: str, column: str, spoil: Any, how: str) -> None:
        """The table ``argument`` with ``column`` spoilt: a clear error naming the column."""
        target = targets[name]
        frame = target.frame(argument)
        frame[column] = spoil(frame[column])
        expect_clear_error(
            lambda: target.call(**{argument: frame}),
            column,
            what=f"{name}({argument}.{column} {how})",
        )

    @pytest.mark.parametrize(("name", "argument", "column"), cases(targets, "dates"))
    @pytest.mark.parametrize("fmt", config.date_formats)
    def test_dates_as_text(name: str, argument: str, column: str, fmt: str) -> None:
        """Dates read without parse_dates are text: the message names the column."""
        expect_column_error(
            name, argument, column, lambda dates: dates.dt.strftime(fmt), f"as text {fmt}"
        )

    add(test_dates_as_text, "dates")

    @pytest.mark.parametrize(("name", "argument", "column"), cases(targets, "numbers"))
    @pytest.mark.parametrize("style", config.number_texts)
    def test_numbers_as_text(name: str, argument: str, column: str, style: str) -> None:
        """Amounts read as text ('120.0'): a clear error naming the column, not a sum of strings."""
        expect_column_error(name, argument, column, NUMBER_TEXTS[style], f"as {style} text")

    add(test_numbers_as_text, "numbers")

    @pytest.mark.parametrize(("name", "argument", "column"), cases(targets, "numbers"))
    def test_numbers_with_gaps(name: str, argument: str, column: str) -> None:
        """A missing amount must not silently count as 0."""
        expect_column_error(name, argument, column, first_missing, "with a gap")

    add(test_numbers_with_gaps, "numbers", when=config.numbers_without_gaps)

    @pytest.mark.parametrize(("name", "argument", "bad"), date_cases(targets, config.bad_dates))
    def test_bad_date_argument(name: str, argument: str, bad: Any) -> None:
        """Not a date, a bare number (pandas reads 2025 as 1970-01-01 plus 2025 ns) or a date
        with a time zone (the course data has none): an error that names the argument."""
        expect_argument_error(targets, name, argument, bad)

    add(test_bad_date_argument, "timestamps", "optional_timestamps")

    @pytest.mark.parametrize(
        ("name", "argument"), cases(targets, "timestamps") + cases(targets, "optional_timestamps")
    )
    @few_examples
    @given(text=DATE_LIKE_TEXT)
    def test_date_argument_random_text(name: str, argument: str, text: str) -> None:
        expect_argument_error(targets, name, argument, text)

    add(test_date_argument_random_text, "timestamps", "optional_timestamps")

    @pytest.mark.parametrize(("name", "argument", "minimum"), whole_number_cases(targets))
    @pytest.mark.parametrize("bad", config.bad_whole_numbers, ids=repr)
    def test_bad_whole_number(name: str, argument: str, minimum: int, bad: Any) -> None:
        expect_argument_error(targets, name, argument, bad)

    add(test_bad_whole_number, "whole_numbers")

    @pytest.mark.parametrize(("name", "argument", "minimum"), whole_number_cases(targets))
    @few_examples
    @given(data_=st.data())
    def test_whole_number_below_minimum(
        name: str, argument: str, minimum: int, data_: st.DataObject
    ) -> None:
        """Just below the minimum, far below it, or not whole: a clear error naming the argument."""
        bad = data_.draw(
            st.just(minimum - 1)
            | st.integers(max_value=minimum - 1)
            | st.floats(min_value=-1e6, max_value=1e6).filter(lambda x: x != int(x)),
            label="bad",
        )
        expect_argument_error(targets, name, argument, bad)

    add(test_whole_number_below_minimum, "whole_numbers")

    @pytest.mark.parametrize(
        ("name", "argument", "minimum"),
        # (an explorer builds live widgets on valid input, so explorers are left out here)
        [c for c in whole_number_cases(targets) if targets[c.values[0]].guard is not no_widgets],
    )
    def test_numpy_integer_is_a_whole_number(name: str, argument: str, minimum: int) -> None:
        """np.int64(3) (e.g. from len() of an array or a DataFrame cell) is a whole number too."""
        target = targets[name]
        default = target.good().get(argument, max(minimum, 180))
        try:
            expected = target.call(**{argument: int(default)})
            try:
                result = target.call(**{argument: np.int64(default)})
            except (TypeError, ValueError) as error:
                pytest.fail(f"{name}({argument}=np.int64({default})) was rejected: {error}")
            if isinstance(expected, pd.DataFrame | pd.Series):
                assert expected.equals(result)
            elif not hasattr(expected, "figure"):
                assert result == expected
        finally:
            close_figures()

    add(test_numpy_integer_is_a_whole_number, "whole_numbers", when=config.numpy_integers)

    @pytest.mark.parametrize(("name", "argument"), cases(targets, "series"))
    @few_examples
    @given(bad=NOT_SERIES)
    def test_not_a_series(name: str, argument: str, bad: Any) -> None:
        expect_argument_error(targets, name, argument, bad)

    add(test_not_a_series, "series")

    @pytest.mark.parametrize(("name", "argument"), cases(targets, "series"))
    @pytest.mark.parametrize("kind", config.series_kinds)
    def test_series_of_the_wrong_kind(name: str, argument: str, kind: str) -> None:
        bad = SERIES_OF_THE_WRONG_KIND[kind](targets[name].good()[argument])
        expect_clear_error(
            lambda: targets[name].call(**{argument: bad}),
            argument,
            what=f"{name}({argument} {kind})",
        )

    add(test_series_of_the_wrong_kind, "series", when=bool(config.series_kinds))

    for kind, (test_name, values) in BAD_VALUES.items():
        add(_bad_value_test(targets, kind, test_name, values), kind)

    @pytest.mark.parametrize(("name", "argument"), cases(targets, "connections"))
    def test_closed_connection(name: str, argument: str) -> None:
        closed = sqlite3.connect(":memory:")
        closed.close()
        expect_argument_error(targets, name, argument, closed)

    add(test_closed_connection, "connections")

    @pytest.mark.parametrize(("name", "argument"), cases(targets, "by"))
    def test_by_not_a_column(name: str, argument: str) -> None:
        expect_clear_error(
            lambda: targets[name].call(**{argument: "sales_rep"}),
            "sales_rep",
            what=f"{name}({argument}='sales_rep')",
        )

    add(test_by_not_a_column, "by")

    @pytest.mark.parametrize("name", cases(targets, "confidence"))
    @few_examples
    @given(bad=BAD_CONFIDENCE)
    def test_bad_confidence(name: str, bad: Any) -> None:
        expect_argument_error(targets, name, "confidence", bad)

    add(test_bad_confidence, "confidence")

    @pytest.mark.parametrize("name", [name for name, target in targets.items() if target.frames])
    def test_empty_tables(name: str) -> None:
        """Every table emptied (no rows, right columns): a result or a clear error, never a crash."""
        target = targets[name]
        kwargs = target.good()
        for argument in target.frames:
            kwargs[argument] = kwargs[argument].iloc[0:0]
        try:
            target.func(**kwargs)
        except (ValueError, TypeError) as error:
            assert any(mentions(str(error), word) for word in (*target.frames, *target.texts)), (
                error
            )
        finally:
            close_figures()

    add(test_empty_tables, "frames", when=config.empty_tables)

    return tests


# --------------------------------------------------------------------------- coverage


def package_modules(package: ModuleType) -> tuple[ModuleType, ...]:
    """``package`` and every module inside it (a topic's concept files, plots and widgets),
    imported, so an introspection test sees every public function of a topic."""
    import importlib
    import pkgutil

    found = [package]
    for info in pkgutil.walk_packages(getattr(package, "__path__", []), f"{package.__name__}."):
        found.append(importlib.import_module(info.name))
    return tuple(found)


def checks_by_name(
    targets: dict[str, Target],
    tests: Iterable[tuple[Callable[..., None], Iterable[Callable[..., Any]]]],
) -> dict[str, list[Any]]:
    """Every function with bad-input checks (``crmkit.module.function``) -> its checks: its
    Target, if any, then the tests that check it (``tests``: each test with the functions it
    checks)."""
    checks: dict[str, list[Any]] = {name: [target] for name, target in targets.items()}
    for test, functions in tests:
        for function in functions:
            name = f"{function.__module__}.{function.__name__}"
            checks[name] = [*checks.get(name, []), test]
    return checks


def public_callables(module: ModuleType, qualified: bool = True) -> set[str]:
    """Names not starting with "_" of callables defined in ``module`` itself (not imported),
    as ``crmkit.module.name`` (or just ``name``)."""
    prefix = f"{module.__name__}." if qualified else ""
    return {
        f"{prefix}{name}"
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and callable(obj)
        and getattr(obj, "__module__", None) == module.__name__
    }


def assert_covered(
    public: Iterable[str], covered: Iterable[str], covered_elsewhere: Iterable[str] = ()
) -> None:
    """Every public function has bad-input checks (here or ``covered_elsewhere``), and every
    function with checks is still public."""
    public, covered = set(public), set(covered)
    untested = sorted(public - covered - set(covered_elsewhere))
    assert not untested, f"public functions without a bad-input test: {untested}"
    stale = sorted(covered - public)
    assert not stale, f"bad-input checks for functions that are not public any more: {stale}"


def check_entries(name: str, checks: list[Any], namespace: dict[str, Any]) -> None:
    """A coverage entry is a Target for that very function with some bad input declared, or a
    test function of the file (``namespace`` is the file's globals())."""
    assert checks, name
    for check in checks:
        if isinstance(check, Target):
            assert check.name == name
            assert check.declares_bad_input(), f"{name}: the Target declares no bad input"
        else:
            assert check.__name__.startswith("test_") and namespace[check.__name__] is check


def coverage_tests(
    package: ModuleType, checks: dict[str, list[Any]], namespace: dict[str, Any]
) -> dict[str, Callable[..., None]]:
    """The coverage tests of a topic's bad-input file, by name, for its namespace: every public
    function of every module of ``package`` (its concept files, plots.py, widgets.py) has
    ``checks``, and every entry of ``checks`` is a real check (``namespace``: the file's globals)."""

    def test_every_public_function_is_covered() -> None:
        """Each public module of the package is found and each public function has checks."""
        modules = package_modules(package)
        found = {module.__name__: public_callables(module) for module in modules}
        files = [name for name in found if not name.rsplit(".", 1)[-1].startswith("_")]
        empty = [name for name in files if name != package.__name__ and not found[name]]
        assert not empty, f"introspection found no public function in {empty}"
        assert_covered(set().union(*found.values()), checks)

    @pytest.mark.parametrize("name", sorted(checks))
    def test_bad_input_entries_are_real_checks(name: str) -> None:
        check_entries(name, checks[name], namespace)

    return {
        test.__name__: test
        for test in (test_every_public_function_is_covered, test_bad_input_entries_are_real_checks)
    }
