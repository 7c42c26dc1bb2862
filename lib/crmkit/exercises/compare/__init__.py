"""Comparators: compare a student's answer with the expected one and say what differs.

A comparator is a callable ``(answer, expected) -> Verdict``. The factories here
build the common ones: :func:`scalar`, :func:`series`, :func:`frame`,
:func:`set_of`, :func:`sequence`, :func:`mapping`, :func:`classification`
(a dict of labels, judged without naming them), and :func:`sql_result` for
SQL answers. Their messages are written for a beginner: what was expected,
what was got, and a tip. Every comparator catches its own errors (answers can
be anything) and never changes the answer it is given.

Which file holds what:

* ``base``: :class:`Verdict`, :class:`Factor` and :data:`DEFAULT_FACTORS`, the safety wrapper;
* ``wording``: how values are named in messages (:func:`show`, :func:`describe`);
* ``kinds``: the kinds of values (:func:`value_kind`); ``numeric``: factors and rounding;
* ``labels``, ``order`` and ``values``: matching labels, naming the sort order,
  comparing aligned values;
* ``scalars``, ``series``, ``frames``, ``collections``, ``dicts`` and ``sql``: the comparators;
* ``explain``: the generic causes of wrong numbers (mean vs sum, complement...) and the
  coarse size of a gap; ``sql_feedback``: SQL feedback from the shape of the result.

>>> import pandas as pd
>>> compare_revenue = series()
>>> expected = pd.Series([120.0, 80.0], index=pd.Index(["C1", "C2"], name="customer_id"))
>>> print(compare_revenue(expected * 100, expected).problems[0])  # doctest: +NORMALIZE_WHITESPACE
Your values are 100 times the expected values: it looks like a percentage (like 25)
where a fraction (like 0.25) is expected. Tip: do not multiply by 100.
"""

from __future__ import annotations

from crmkit.exercises.compare.base import DEFAULT_FACTORS, Comparator, Factor, Verdict
from crmkit.exercises.compare.collections import sequence, set_of
from crmkit.exercises.compare.dicts import classification, mapping
from crmkit.exercises.compare.frames import frame
from crmkit.exercises.compare.kinds import value_kind
from crmkit.exercises.compare.scalars import scalar
from crmkit.exercises.compare.series import series
from crmkit.exercises.compare.sql import query_result, sql_result
from crmkit.exercises.compare.wording import FEW, describe, show

__all__ = [
    "DEFAULT_FACTORS",
    "FEW",
    "Comparator",
    "Factor",
    "Verdict",
    "classification",
    "describe",
    "frame",
    "mapping",
    "query_result",
    "scalar",
    "sequence",
    "series",
    "set_of",
    "show",
    "sql_result",
    "value_kind",
]
