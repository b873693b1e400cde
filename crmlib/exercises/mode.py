"""Course mode: an instructor turns solutions off, for a class or for one notebook.

Solutions are off when either ``set_course_mode(True)`` was called or the environment variable
``CRMLIB_COURSE_MODE`` is ``1`` (also ``true``, ``yes``, ``on``). The variable is read each time a
solution is asked for, not at import, so it can be set on a JupyterHub or in a terminal::

    >>> set_course_mode(True); course_mode()
    True
    >>> set_course_mode(False)
"""

from __future__ import annotations

import os

__all__ = ["ENV_VAR", "course_mode", "set_course_mode"]

ENV_VAR = "CRMLIB_COURSE_MODE"
_TRUE = {"1", "true", "yes", "on"}
_state: dict[str, bool] = {"on": False}


def set_course_mode(on: bool = True) -> None:
    """Turn solutions off (``True``) or back on (``False``) in this Python session.

    ``set_course_mode(False)`` does not override ``CRMLIB_COURSE_MODE=1`` set by an instructor.

    >>> set_course_mode("yes")
    Traceback (most recent call last):
    ...
    TypeError: on must be True or False; got a str: 'yes'
    >>> set_course_mode(False)
    """
    if not isinstance(on, bool):
        raise TypeError(f"on must be True or False; got a {type(on).__name__}: {on!r}")
    _state["on"] = on


def course_mode() -> bool:
    """True when solutions are turned off (see the module's docstring).

    >>> saved = os.environ.pop(ENV_VAR, None)
    >>> os.environ[ENV_VAR] = "1"; course_mode()
    True
    >>> os.environ[ENV_VAR] = "0"; course_mode()
    False
    >>> _ = os.environ.pop(ENV_VAR) if saved is None else os.environ.update({ENV_VAR: saved})
    """
    return _state["on"] or os.environ.get(ENV_VAR, "").strip().lower() in _TRUE
