"""Course mode: an instructor turns solutions off, for a class or for one notebook.

Solutions are off when any of these holds (each is checked when a solution is asked for, not at
import):

- a file ``crmlib-course.toml`` is in the notebook's folder or any folder above it. This switch
  travels with the students' copies: put it at the top of the folder you hand out. Its content may
  be empty; ``solutions = true`` in it turns solutions back on (e.g. after the deadline);
- the environment variable ``CRMLIB_COURSE_MODE`` is ``1`` (also ``true``, ``yes``, ``on``), e.g.
  on a JupyterHub;
- ``set_course_mode(True)`` was called in this Python session::

    >>> set_course_mode(True); course_mode()
    True
    >>> set_course_mode(False)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["ENV_VAR", "COURSE_FILE", "course_mode", "set_course_mode", "course_file"]

ENV_VAR = "CRMLIB_COURSE_MODE"
COURSE_FILE = "crmlib-course.toml"
_SOLUTIONS_ON = re.compile(r"^\s*solutions\s*=\s*(true|\"on\"|\"shown\")\s*(#.*)?$", re.MULTILINE | re.IGNORECASE)
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
    if _state["on"] or os.environ.get(ENV_VAR, "").strip().lower() in _TRUE:
        return True
    found = course_file()
    if found is None:
        return False
    try:
        text = found.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return True  # unreadable: the instructor's intent was to hide solutions
    return _SOLUTIONS_ON.search(text) is None


def course_file(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The ``crmlib-course.toml`` that applies to ``start`` (default: the current folder, which is
    the notebook's folder in Jupyter), looking in it and every folder above; None if there is none.

    >>> import tempfile; root = Path(tempfile.mkdtemp()); (root / "week1").mkdir()
    >>> course_file(root / "week1") is None
    True
    >>> _ = (root / COURSE_FILE).write_text("# solutions hidden for the course")
    >>> course_file(root / "week1") == root / COURSE_FILE
    True
    """
    try:
        folder = Path(start if start is not None else os.getcwd()).resolve()
    except (OSError, RuntimeError):
        return None
    for candidate in (folder, *folder.parents):
        path = candidate / COURSE_FILE
        try:
            if path.is_file():
                return path
        except OSError:
            return None
    return None
