"""The grader's words for feedback files, in English and Simplified Chinese.

Keys are ``grading.*`` in the kit's one catalogue, ``crmlib/data/messages.json``::

    >>> gmsg("status.timed_out", "zh")
    '超时'
    >>> gmsg("score", "en", total="2", max_points="3")
    'Score: 2 / 3'
"""

from __future__ import annotations

from typing import Any

from crmlib.i18n import catalogue, get_language

__all__ = ["gmsg", "status_text"]

_STATUS_KEYS = {"graded": "graded", "timed out": "timed_out", "not a notebook": "not_a_notebook",
                "could not run": "could_not_run"}


def gmsg(key: str, language: str | None = None, **values: Any) -> str:
    """The grader message ``grading.<key>`` in ``language`` (default: the current one).

    >>> gmsg("no.such")
    Traceback (most recent call last):
    ...
    KeyError: "no grader message 'grading.no.such'"
    """
    full = f"grading.{key}"
    entry = catalogue().get(full)
    if entry is None:
        raise KeyError(f"no grader message {full!r}")
    text = entry[language or get_language()]
    return text.format(**values) if values else text


def status_text(status: str, language: str | None = None) -> str:
    """A submission status (``graded``, ``timed out``, ...) in words.

    >>> status_text("timed out", "en"), status_text("could not run", "zh")
    ('timed out', '无法运行')
    """
    return gmsg(f"status.{_STATUS_KEYS[status]}", language)
