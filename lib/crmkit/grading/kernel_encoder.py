"""Serialise a notebook's answer variables to type-tagged JSON, inside the graded kernel.

The grader sends the *source text* of this module into the kernel that has just run
a submission (see :func:`crmkit.grading.answers.extraction_code`), calls
:func:`extract_answers` there, and reads the JSON file it writes. The grading
process then rebuilds the values with :func:`crmkit.grading.answers.decode` and
checks them itself. Nothing in this file may therefore depend on crmkit (the
student may have patched it), and everything lives inside one function: its
helpers are local names, and the builtins it uses are bound as locals first, so a
notebook that defined ``json``, ``list`` or ``type`` cannot change what it does.

The format carries exactly what the answers need (see the Exercises API in the
project contracts): None, Ellipsis, bool, int, float (nan and inf included), str,
list/tuple/set/frozenset/dict of these, numpy scalars and arrays, pandas
Timestamp/Timedelta/NaT/NA, Index (also RangeIndex and MultiIndex), Series and
DataFrame with their dtypes (numbers, bool, str/string, object, category,
datetime64 with or without time zone, timedelta64, nullable Int/Float/boolean).
A value of any other type is reported as ``unsupported`` with its type name.
Values are dispatched on their exact type, so a subclass with a surprising
``__eq__`` or ``__repr__`` is not mistaken for the type it imitates.

>>> import json, os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "answers.json")
>>> extract_answers({"x": 3, "y": [1.5, None]}, ["x", "y", "z"], path, "n0nce")
>>> with open(path) as handle:
...     data = json.load(handle)
>>> data["nonce"], data["answers"]["x"], data["answers"]["z"]
('n0nce', {'type': 'int', 'value': 3}, {'type': 'missing'})
>>> os.remove(path)
"""


# The one function in crmkit allowed over 60 lines: its source text is sent into the
# student's kernel and run there, so it must be self-contained (no module-level helpers,
# no crmkit imports, builtins bound locally); splitting it would break that.
def extract_answers(namespace, names, path, nonce):
    """Write ``{"nonce": nonce, "answers": {name: tagged value}}`` as JSON to ``path``."""
    import builtins
    import datetime
    import json

    type = builtins.type
    range = builtins.range
    str = builtins.str
    int = builtins.int
    float = builtins.float
    bool = builtins.bool
    list = builtins.list
    tuple = builtins.tuple
    dict = builtins.dict
    set = builtins.set
    frozenset = builtins.frozenset
    sorted = builtins.sorted
    isinstance = builtins.isinstance
    open = builtins.open
    Exception = builtins.Exception
    Ellipsis = builtins.Ellipsis

    try:
        import numpy as np
        import pandas as pd
    except ImportError:  # pragma: no cover - the course always has both
        np = pd = None

    max_depth = 40

    class Unsupported(Exception):
        pass

    def type_name(value):
        cls = type(value)
        module = getattr(cls, "__module__", "?")
        name = getattr(cls, "__qualname__", "?")
        return name if module == "builtins" else f"{module}.{name}"

    def encode(value, depth):
        if depth > max_depth:
            raise Unsupported("a value nested too deeply")
        kind = type(value)
        if value is None:
            return {"type": "none"}
        if value is Ellipsis:
            return {"type": "ellipsis"}
        if kind is bool:
            return {"type": "bool", "value": value}
        if kind is int:
            return {"type": "int", "value": value}
        if kind is float:
            return {"type": "float", "value": value}
        if kind is str:
            return {"type": "str", "value": value}
        if kind in (list, tuple, set, frozenset):
            items = [encode(item, depth + 1) for item in value]
            if kind in (set, frozenset):
                items = sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
            return {"type": kind.__name__, "items": items}
        if kind is dict:
            pairs = [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]
            return {"type": "dict", "items": pairs}
        if kind in (datetime.datetime, datetime.date, datetime.timedelta):
            return encode_datetime(value, kind)
        if np is not None:
            encoded = encode_numpy_or_pandas(value, kind, depth)
            if encoded is not None:
                return encoded
        raise Unsupported(type_name(value))

    def encode_datetime(value, kind):
        if kind is datetime.timedelta:
            parts = [value.days, value.seconds, value.microseconds]
            return {"type": "py_timedelta", "value": parts}
        if kind is datetime.datetime and value.tzinfo is not None:
            raise Unsupported("a datetime.datetime with a time zone (use a pandas Timestamp)")
        return {"type": "py_" + kind.__name__, "value": value.isoformat()}

    def encode_numpy_or_pandas(value, kind, depth):
        if isinstance(value, np.generic) and kind.__module__ == "numpy":
            return encode_numpy_scalar(value, kind)
        if kind is np.ndarray:
            return encode_ndarray(value, depth)
        if value is pd.NaT:
            return {"type": "nat"}
        if value is pd.NA:
            return {"type": "na"}
        if kind is pd.Timestamp:
            tz = None if value.tz is None else str(value.tz)
            return {"type": "timestamp", "value": value.value, "unit": value.unit, "tz": tz}
        if kind is pd.Timedelta:
            return {"type": "timedelta", "value": value.value, "unit": value.unit}
        if kind is pd.DataFrame:
            columns = [encode_array(value.iloc[:, i], depth) for i in range(value.shape[1])]
            return {
                "type": "frame",
                "index": encode_index(value.index, depth),
                "columns": encode_index(value.columns, depth),
                "data": columns,
            }
        if kind is pd.Series:
            return {
                "type": "series",
                "name": encode(value.name, depth + 1),
                "index": encode_index(value.index, depth),
                "data": encode_array(value, depth),
            }
        if isinstance(value, pd.Index) and kind.__module__.split(".")[0] == "pandas":
            return encode_index(value, depth)
        return None

    def encode_numpy_scalar(value, kind):
        dtype = value.dtype
        if dtype.kind in "biuf":
            return {"type": "numpy", "dtype": dtype.name, "value": value.item()}
        if dtype.kind in "Mm":
            unit = np.datetime_data(dtype)[0]
            return {
                "type": "numpy",
                "dtype": dtype.name,
                "unit": unit,
                "value": int(value.view("i8")),
            }
        if dtype.kind == "U":
            return {"type": "numpy", "dtype": "str", "value": str(value)}
        raise Unsupported(type_name(value))

    def encode_ndarray(value, depth):
        dtype = value.dtype
        shape = [int(n) for n in value.shape]
        flat = value.reshape(-1)
        if dtype.kind in "biuf":
            data = {"kind": "numpy", "dtype": dtype.name, "values": flat.tolist()}
        elif dtype.kind == "O":
            data = {"kind": "object", "items": [encode(v, depth + 1) for v in flat.tolist()]}
        elif dtype.kind == "U":
            data = {"kind": "unicode", "values": [str(v) for v in flat.tolist()]}
        else:
            raise Unsupported(f"a numpy array of dtype {dtype}")
        return {"type": "ndarray", "shape": shape, "data": data}

    def encode_index(index, depth):
        kind = type(index)
        if kind is pd.RangeIndex:
            return {
                "type": "range_index",
                "start": int(index.start),
                "stop": int(index.stop),
                "step": int(index.step),
                "name": encode(index.name, depth + 1),
            }
        if kind is pd.MultiIndex:
            levels = [encode_array(index.get_level_values(i), depth) for i in range(index.nlevels)]
            names = [encode(name, depth + 1) for name in index.names]
            return {"type": "multi_index", "names": names, "levels": levels}
        if kind.__module__.split(".")[0] != "pandas":
            raise Unsupported(type_name(index))
        return {
            "type": "index",
            "name": encode(index.name, depth + 1),
            "data": encode_array(index, depth),
        }

    masked_dtypes = {
        "Int8",
        "Int16",
        "Int32",
        "Int64",
        "UInt8",
        "UInt16",
        "UInt32",
        "UInt64",
        "Float32",
        "Float64",
        "boolean",
    }

    def encode_array(values, depth):
        """Encode the values of a Series or Index (not its index or name)."""
        dtype = values.dtype
        if isinstance(dtype, np.dtype):
            if dtype.kind in "biuf":
                return {"kind": "numpy", "dtype": dtype.name, "values": np.asarray(values).tolist()}
            if dtype.kind in "Mm":
                return {
                    "kind": "datetime" if dtype.kind == "M" else "timedelta",
                    "unit": np.datetime_data(dtype)[0],
                    "tz": None,
                    "values": values.array.asi8.tolist(),
                }
            if dtype.kind == "O":
                return {"kind": "object", "items": [encode(v, depth + 1) for v in values.tolist()]}
            raise Unsupported(f"values of dtype {dtype}")
        if isinstance(dtype, pd.DatetimeTZDtype):
            return {
                "kind": "datetime",
                "unit": dtype.unit,
                "tz": str(dtype.tz),
                "values": values.array.asi8.tolist(),
            }
        if isinstance(dtype, pd.StringDtype):
            nan_missing = dtype.na_value is not pd.NA
            items = [v if type(v) is str else None for v in values.tolist()]
            return {
                "kind": "string",
                "storage": dtype.storage,
                "na": "nan" if nan_missing else "NA",
                "values": items,
            }
        if isinstance(dtype, pd.CategoricalDtype):
            return {
                "kind": "category",
                "ordered": bool(dtype.ordered),
                "categories": encode_index(dtype.categories, depth),
                "codes": values.array.codes.tolist(),
            }
        if dtype.name in masked_dtypes:
            items = [None if v is pd.NA else v for v in values.tolist()]
            items = [v.item() if isinstance(v, np.generic) else v for v in items]
            return {"kind": "masked", "dtype": dtype.name, "values": items}
        raise Unsupported(f"values of dtype {dtype}")

    answers = {}
    for name in names:
        if name not in namespace:
            answers[name] = {"type": "missing"}
            continue
        try:
            answers[name] = encode(namespace[name], 0)
        except Unsupported as problem:
            answers[name] = {"type": "unsupported", "what": str(problem.args[0])}
        except Exception as problem:  # a broken object must not stop the others
            answers[name] = {
                "type": "unsupported",
                "what": f"{type_name(namespace[name])} (reading it raised {type_name(problem)})",
            }
    text = json.dumps({"nonce": nonce, "answers": answers}, allow_nan=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
