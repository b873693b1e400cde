"""The answer placeholder ``___``: a student cell holds it until the student answers.

It is its own class, so "not attempted" (still ``___``) differs from "wrong". Arithmetic with
it stays ``___``, so a half-filled formula such as ``1000 * ___`` is still "not attempted"::

    >>> ___
    ___ (not answered yet)
    >>> is_blank(1000 * ___ * 0.8)
    True
    >>> contains_blank({"CRM dashboard": ___, "call centre": "operational"})
    True
    >>> is_blank(None)
    False
"""

from __future__ import annotations

from typing import Any

__all__ = ["Blank", "___", "is_blank", "contains_blank"]


class Blank:
    """The type of ``___``, the placeholder an answer cell holds until it is answered.

    There is one instance; copying or pickling it gives the same object back.

    >>> Blank() is ___
    True
    >>> import copy; copy.deepcopy([___])[0] is ___
    True
    """

    _crmlib_blank = True  # marker: survives a reload of this module, unlike isinstance
    _instance: Blank | None = None
    __array_ufunc__ = None  # numpy defers to our reflected operators: np.float64(2) * ___ is ___

    def __new__(cls) -> Blank:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "___ (not answered yet)"

    __str__ = __repr__

    def __reduce__(self) -> str:
        return "___"

    def __copy__(self) -> Blank:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Blank:
        return self

    def _same(self, *_: Any) -> Blank:
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _same
    __mod__ = __rmod__ = __pow__ = __rpow__ = __matmul__ = __rmatmul__ = _same
    __neg__ = __pos__ = __abs__ = __round__ = _same


___ = Blank()


def is_blank(value: Any) -> bool:
    """True when ``value`` is the placeholder ``___`` itself.

    >>> is_blank(___), is_blank("___"), is_blank(0)
    (True, False, False)
    """
    return getattr(type(value), "_crmlib_blank", False) is True


def contains_blank(value: Any, _depth: int = 0) -> bool:
    """True when ``value`` is ``___`` or holds it in a list, tuple, set, dict or pandas object.

    >>> contains_blank(["a", ["b", ___]]), contains_blank(["a", "b"])
    (True, False)
    """
    if is_blank(value):
        return True
    if _depth > 4:
        return False
    if isinstance(value, dict):
        return any(contains_blank(k, _depth + 1) or contains_blank(v, _depth + 1) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(contains_blank(item, _depth + 1) for item in value)
    module = type(value).__module__.split(".")[0]
    if module == "pandas" and type(value).__name__ in ("Series", "DataFrame"):
        frame = value.to_frame() if type(value).__name__ == "Series" else value
        return any(
            str(dtype) == "object" and any(is_blank(item) for item in frame.iloc[:, i])
            for i, dtype in enumerate(frame.dtypes)
        )
    return False
