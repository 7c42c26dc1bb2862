"""Hostile objects and Hypothesis strategies for "whatever the student passes, nothing raises"."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st


class Hostile:
    """An answer whose comparisons, truth, repr and copying all fail."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no comparing me")

    def __bool__(self) -> bool:
        raise RuntimeError("no truth in me")

    def __repr__(self) -> str:
        raise RuntimeError("no printing me")

    def __deepcopy__(self, memo: dict[int, Any]) -> Hostile:
        raise RuntimeError("no copying me")

    __hash__ = object.__hash__


scalars = st.one_of(
    st.none(),
    st.just(Ellipsis),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.builds(Hostile),
)
labels = st.one_of(st.sampled_from(["C1", "C2", "C3", "C0001", "C0002", None]), st.integers(-2, 5))


@st.composite
def series_answers(draw: st.DrawFn) -> pd.Series:
    index = draw(st.lists(labels, max_size=5))
    values = draw(st.lists(scalars, min_size=len(index), max_size=len(index)))
    name = draw(st.sampled_from([None, "customer_id", "orders"]))
    return pd.Series(values, index=pd.Index(index, name=name), dtype=object).infer_objects()


@st.composite
def frame_answers(draw: st.DrawFn) -> pd.DataFrame:
    columns = draw(
        st.lists(st.sampled_from(["customer_id", "orders", "revenue", "x", 7]), max_size=3)
    )
    rows = draw(st.integers(0, 4))
    data = {column: draw(st.lists(scalars, min_size=rows, max_size=rows)) for column in columns}
    return pd.DataFrame(data, dtype=object).infer_objects()


answers = st.one_of(
    scalars,
    st.lists(scalars, max_size=5),
    st.tuples(scalars, scalars),
    st.sets(st.one_of(st.integers(), st.text(max_size=3)), max_size=5),
    st.dictionaries(st.text(max_size=3), scalars, max_size=4),
    series_answers(),
    frame_answers(),
    st.builds(lambda s: s.index, series_answers()),
    st.builds(np.array, st.lists(st.floats(allow_nan=True), max_size=4)),
)
