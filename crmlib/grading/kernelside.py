"""Values as data: the code the grader runs INSIDE a student's kernel, and the decoder it uses outside.

The batch grader never unpickles anything from a submission. This module's source is sent to the
student's kernel, where ``encode`` turns each answer variable into plain JSON (numbers, strings,
lists, dicts, with small tags for tuples, sets, ``___``, numpy and pandas objects), and the calls of
a function question are made there and only their results come back. The grader then rebuilds the
values with ``decode``; whatever a submission does in its kernel, what reaches the grader is data.

Only the standard library is imported at the top (numpy/pandas are used only when a value is one),
so it runs in any kernel, and the grader imports the same file as a normal module::

    >>> import json
    >>> decode(json.loads(json.dumps(encode({"a": (1, 2.5), "b": {"x"}}))))
    {'a': (1, 2.5), 'b': {'x'}}
    >>> class Blank:
    ...     _crmlib_blank = True
    >>> encode([1, Blank()])
    [1, {'__t': 'blank'}]
"""

from __future__ import annotations

import copy
import datetime as _dt
import decimal
import fractions
import json
import sys
from typing import Any

__all__ = ["encode", "decode", "Opaque", "TooLarge", "collect_values", "call_function", "MAX_ITEMS", "checked_dtype"]

MAX_ITEMS = 2_000_000  # numbers/strings in one answer; more is not an exercise answer
MAX_DEPTH = 40


class TooLarge(Exception):
    """An answer too big or too deeply nested to bring back."""


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def take(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            raise TooLarge("too large")


def _other(value: Any) -> dict[str, Any]:
    kind = type(value)
    try:
        text = repr(value)
    except Exception:
        text = f"<{kind.__name__} object>"
    text = " ".join(str(text).split())[:200]
    return {
        "__t": "other", "type": str(getattr(kind, "__name__", "object")), "module": str(getattr(kind, "__module__", "")),
        "repr": text, "callable": bool(callable(value)) and not isinstance(value, type),
        "name": str(getattr(value, "__name__", "")) if callable(value) else "",
    }


def _enc_array(values: Any, budget: _Budget, depth: int) -> dict[str, Any]:
    """A pandas Series' values with its dtype (datetimes as integer nanoseconds)."""
    dtype = str(values.dtype)
    budget.take(len(values))
    if dtype.startswith(("datetime64", "timedelta64")):
        ints = [None if x is None or x != x else int(x.value) for x in values.astype("object").tolist()]
        return {"dtype": dtype, "values": ints}
    if type(values.dtype).__module__.split(".")[0] == "numpy" and values.dtype.kind in "biuf":
        return {"dtype": dtype, "values": values.tolist()}
    return {"dtype": dtype, "values": [_enc(v, budget, depth + 1) for v in values.astype("object").tolist()]}


def _enc_index(index: Any, budget: _Budget, depth: int) -> dict[str, Any]:
    pd = sys.modules["pandas"]
    names = [_enc(n, budget, depth + 1) for n in index.names]
    if type(index).__name__ == "RangeIndex":
        return {"range": [int(index.start), int(index.stop), int(index.step)], "names": names}
    if isinstance(index, pd.MultiIndex):
        budget.take(len(index))
        return {"multi": [_enc(tuple(t), budget, depth + 1) for t in index.tolist()], "names": names}
    return {"values": _enc_array(pd.Series(index, dtype=index.dtype), budget, depth), "names": names}


def _enc(value: Any, budget: _Budget, depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise TooLarge("too deep")
    budget.take()
    kind = type(value)
    if getattr(kind, "_crmlib_blank", False) is True:
        return {"__t": "blank"}
    if value is None:
        return None
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        budget.take(len(value) // 100)
        return str.__str__(value) if kind is str else "".join([str.__getitem__(value, slice(None))])
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_enc(v, budget, depth + 1) for v in list(value)]
        if isinstance(value, list):
            return items
        tag = "tuple" if isinstance(value, tuple) else "set" if isinstance(value, set) else "frozenset"
        return {"__t": tag, "items": items}
    if isinstance(value, dict):
        return {"__t": "dict", "items": [[_enc(k, budget, depth + 1), _enc(v, budget, depth + 1)]
                                         for k, v in list(value.items())]}
    if isinstance(value, decimal.Decimal):
        return {"__t": "decimal", "value": str(value)}
    if isinstance(value, fractions.Fraction):
        return {"__t": "fraction", "value": str(value)}
    if isinstance(value, complex):
        return {"__t": "complex", "value": [value.real, value.imag]}
    module = str(getattr(kind, "__module__", "")).split(".")[0]
    if module == "numpy":
        np = sys.modules["numpy"]
        if isinstance(value, np.ndarray):
            budget.take(int(value.size))
            if value.dtype.kind in "biuf":
                return {"__t": "ndarray", "dtype": str(value.dtype), "values": value.tolist()}
            return {"__t": "ndarray", "dtype": "object", "shape": list(value.shape),
                    "values": [_enc(v, budget, depth + 1) for v in value.ravel().tolist()]}
        if isinstance(value, np.generic) and value.dtype.kind in "biufc":
            item = value.item()
            return {"__t": "npscalar", "dtype": str(value.dtype), "value": _enc(item, budget, depth + 1)}
    if module == "pandas":
        pd = sys.modules["pandas"]
        if isinstance(value, pd.DataFrame):
            budget.take(int(value.size))
            return {"__t": "DataFrame", "index": _enc_index(value.index, budget, depth),
                    "columns": _enc_index(value.columns, budget, depth),
                    "data": [_enc_array(value.iloc[:, i], budget, depth) for i in range(value.shape[1])]}
        if isinstance(value, pd.Series):
            return {"__t": "Series", "name": _enc(value.name, budget, depth + 1),
                    "index": _enc_index(value.index, budget, depth), "data": _enc_array(value, budget, depth)}
        if isinstance(value, pd.Timestamp):
            return {"__t": "Timestamp", "value": value.isoformat()}
        if value is pd.NA or value is pd.NaT:
            return {"__t": "NA" if value is pd.NA else "NaT"}
    if isinstance(value, _dt.datetime):
        return {"__t": "datetime", "value": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"__t": "date", "value": value.isoformat()}
    return _other(value)


def encode(value: Any, limit: int = MAX_ITEMS) -> Any:
    """``value`` as JSON-ready data (raises ``TooLarge`` past ``limit`` items).

    >>> encode((1, "a")), encode(float("nan")) != encode(float("nan"))
    ({'__t': 'tuple', 'items': [1, 'a']}, True)
    """
    return _enc(value, _Budget(limit))


# ---------------------------------------------------------------- decoding (in the grader)
_PANDAS_DTYPES = {"object", "string", "str", "category", "boolean", "Int8", "Int16", "Int32", "Int64", "UInt8",
                  "UInt16", "UInt32", "UInt64", "Float32", "Float64"}
MAX_TEXT = 100_000  # characters of a Decimal or Fraction


def checked_dtype(text: Any) -> str:
    """``text`` if it names a dtype an answer may have: numbers, booleans, datetimes, object, pandas' own.

    Fixed-width strings, bytes and raw records (numpy kinds ``S``, ``U``, ``V``) are refused: a dtype
    such as ``S1000000000`` in a forged answer would make the grader allocate a gigabyte per item.

    >>> checked_dtype("float64"), checked_dtype("datetime64[ns, UTC]"), checked_dtype("Int64")
    ('float64', 'datetime64[ns, UTC]', 'Int64')
    >>> checked_dtype("S1000000000")
    Traceback (most recent call last):
    ...
    ValueError: dtype 'S1000000000' is not allowed in an answer
    """
    text = str(text)
    if text in _PANDAS_DTYPES:
        return text
    if text.startswith(("datetime64[", "timedelta64[")) and len(text) < 60:
        unit = text.split("[", 1)[1].split(",", 1)[0].rstrip("]")
        if unit in ("s", "ms", "us", "ns", "D", "h", "m"):
            return text
    import numpy as np

    try:
        dtype = np.dtype(text)
    except (TypeError, ValueError):
        raise ValueError(f"dtype {text[:40]!r} is not allowed in an answer") from None
    if dtype.kind in "biufcmMO" and dtype.itemsize <= 16 and dtype.names is None and dtype.shape == ():
        return text
    raise ValueError(f"dtype {text[:40]!r} is not allowed in an answer")


def _short(text: Any) -> str:
    text = str(text)
    if len(text) > MAX_TEXT:
        raise ValueError("a number in the answer is too long")
    return text


class Opaque:
    """Stands for a value the grader cannot rebuild (a module, a class instance, ...).

    It keeps the type's name and the value's short form, so a message can say what was found.

    >>> value = decode({"__t": "other", "type": "Widget", "module": "app", "repr": "<Widget>", "callable": False})
    >>> type(value).__name__, repr(value)
    ('Widget', '<Widget>')
    """

    def __init__(self, text: str) -> None:
        self._text = text

    def __repr__(self) -> str:
        return self._text


def _opaque(data: dict[str, Any]) -> Any:
    namespace: dict[str, Any] = {}
    if data.get("callable"):
        def __call__(self: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N807
            raise TypeError("this value cannot be called by the grader")
        namespace["__call__"] = __call__
    kind = type(str(data.get("type") or "object"), (Opaque,), namespace)
    kind.__module__ = str(data.get("module") or "builtins")
    value = kind(str(data.get("repr", "")))
    if data.get("name"):
        value.__name__ = str(data["name"])
    return value


def _dec_array(data: dict[str, Any]) -> Any:
    import pandas as pd

    dtype, values = checked_dtype(data["dtype"]), data["values"]
    if not isinstance(values, list) or len(values) > MAX_ITEMS:
        raise ValueError("the column is not a list of at most MAX_ITEMS values")
    if dtype.startswith(("datetime64", "timedelta64")):
        maker = pd.to_datetime if dtype.startswith("datetime64") else pd.to_timedelta
        series = pd.Series(maker(pd.Series(values, dtype="float64"), unit="ns"))
        if "," in dtype:  # tz-aware
            series = series.dt.tz_localize("UTC").dt.tz_convert(dtype.split(",", 1)[1].strip(" ]"))
        try:
            return series.astype(dtype)
        except (TypeError, ValueError):
            return series
    if not (values and isinstance(values[0], (dict, list))) and dtype not in ("object",):
        try:
            return pd.Series(pd.array(values, dtype=dtype))
        except (TypeError, ValueError):
            pass
    return pd.Series([decode(v) for v in values], dtype="object")


def _dec_index(data: dict[str, Any]) -> Any:
    import pandas as pd

    names = [decode(n) for n in data.get("names", [None])]
    if "range" in data:
        index = pd.RangeIndex(*[int(x) for x in data["range"]], name=names[0])
        if len(index) > MAX_ITEMS:
            raise ValueError("the index is too long")
        return index
    if "multi" in data:
        return pd.MultiIndex.from_tuples([decode(t) for t in data["multi"]], names=names)
    return pd.Index(_dec_array(data["values"]), name=names[0])


def decode(data: Any) -> Any:
    """Rebuild a value from ``encode``'s data (no code is run: only data is read).

    >>> decode({"__t": "tuple", "items": [1, {"__t": "set", "items": [2]}]})
    (1, {2})
    """
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    tag = data.get("__t")
    if tag == "blank":
        from crmlib.exercises.blank import ___

        return ___
    if tag in ("tuple", "set", "frozenset"):
        items = [decode(v) for v in data["items"]]
        return {"tuple": tuple, "set": set, "frozenset": frozenset}[tag](items)
    if tag == "dict":
        return {_hashable(decode(k)): decode(v) for k, v in data["items"]}
    if tag == "decimal":
        number = decimal.Decimal(_short(data["value"]))
        if number.is_finite() and abs(number.adjusted()) > 10_000:
            raise ValueError("a decimal in the answer is out of range")
        return number
    if tag == "fraction":
        return fractions.Fraction(_short(data["value"]))
    if tag == "complex":
        return complex(*data["value"])
    if tag == "datetime":
        return _dt.datetime.fromisoformat(data["value"])
    if tag == "date":
        return _dt.date.fromisoformat(data["value"])
    if tag == "Timestamp":
        import pandas as pd

        return pd.Timestamp(data["value"])
    if tag in ("NA", "NaT"):
        import pandas as pd

        return pd.NA if tag == "NA" else pd.NaT
    if tag == "npscalar":
        import numpy as np

        return np.dtype(checked_dtype(data["dtype"])).type(decode(data["value"]))
    if tag == "ndarray":
        import numpy as np

        if data["dtype"] == "object":
            array = np.empty(len(data["values"]), dtype=object)
            array[:] = [decode(v) for v in data["values"]]
            return array.reshape([int(n) for n in data["shape"]])
        return np.array(data["values"], dtype=checked_dtype(data["dtype"]))
    if tag == "Series":
        series = _dec_array(data["data"])
        series.index = _dec_index(data["index"])
        series.name = decode(data["name"])
        return series
    if tag == "DataFrame":
        import pandas as pd

        columns = _dec_index(data["columns"])
        index = _dec_index(data["index"])
        parts = {i: _dec_array(col).set_axis(index) if len(index) else _dec_array(col) for i, col in enumerate(data["data"])}
        frame = pd.DataFrame(parts, index=index) if parts else pd.DataFrame(index=index)
        frame.columns = columns
        return frame
    return _opaque(data)


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, set):
        return frozenset(value)
    return value


# ---------------------------------------------------------------- run in the kernel
def collect_values(namespace: dict[str, Any], names: list[str], limit: int = MAX_ITEMS) -> dict[str, Any]:
    """Each name's value in ``namespace`` as data: ``{"missing": true}``, ``{"value": ...}`` or ``{"error": ...}``.

    >>> collect_values({"x": 640}, ["x", "y"])
    {'x': {'value': 640}, 'y': {'missing': True}}
    """
    out: dict[str, Any] = {}
    for name in names:
        if name not in namespace:
            out[name] = {"missing": True}
            continue
        try:
            out[name] = {"value": encode(namespace[name], limit)}
        except TooLarge:
            out[name] = {"too_large": True}
        except Exception as error:  # a student's odd object: say what it was
            out[name] = {"value": _other(namespace[name]), "note": type(error).__name__}
    return out


def call_function(namespace: dict[str, Any], name: str, cases: list[Any], limit: int = MAX_ITEMS) -> dict[str, Any]:
    """Call the student's function ``name`` on each encoded case; bring back each result as data.

    A case is ``{"args": [...], "kwargs": {...}}`` of encoded values; each call gets fresh copies.

    >>> ns = {"double": lambda x: 2 * x}
    >>> call_function(ns, "double", [{"args": [1], "kwargs": {}}, {"args": ["a"], "kwargs": {}}])["calls"]
    [{'ok': 2}, {'ok': 'aa'}]
    >>> call_function({"double": 3}, "double", [])
    {'value': 3}
    """
    if name not in namespace:
        return {"missing": True}
    function = namespace[name]
    if not callable(function) or isinstance(function, type) or getattr(type(function), "_crmlib_blank", False):
        return collect_values(namespace, [name], limit)[name]
    calls: list[dict[str, Any]] = []
    for case in cases:
        args = [decode(a) for a in case.get("args", [])]
        kwargs = {k: decode(v) for k, v in case.get("kwargs", {}).items()}
        try:
            got = function(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        except NotImplementedError:
            calls.append({"not_implemented": True})
            break
        except Exception as error:
            calls.append({"raised": type(error).__name__, "message": " ".join(str(error).split())[:500]})
            break
        try:
            calls.append({"ok": encode(got, limit)})
        except TooLarge:
            calls.append({"too_large": True})
            break
    return {"function": str(getattr(function, "__name__", name)), "calls": calls}


def _main(request: str, namespace: dict[str, Any]) -> None:
    """Run one grader request in the kernel and write its answer, as JSON, to the request's path."""
    job = json.loads(request)
    if job["kind"] == "values":
        result: Any = collect_values(namespace, job["names"], job.get("limit", MAX_ITEMS))
    else:
        result = call_function(namespace, job["name"], job["cases"], job.get("limit", MAX_ITEMS))
    text = json.dumps(result, allow_nan=True)
    with open(job["path"], "w", encoding="utf-8") as handle:
        handle.write(text)


if __name__ == "crmlib_grader":  # executed in the student's kernel by crmlib.grading.run
    _main(REQUEST, USER_NS)  # type: ignore[name-defined]  # noqa: F821
