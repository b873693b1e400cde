"""One rule for every CSV cell the grader writes: text a spreadsheet would run as a formula is neutralised.

A student chooses their folder name, their file name and the text of their answers, so a cell such as
``=HYPERLINK(...)`` or ``@SUM(...)`` could run when an instructor opens the gradebook in Excel or LibreOffice.
``csv_cell`` puts a ``'`` before any text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return (OWASP's rule for CSV injection); numbers, including negative ones, stay numbers.

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("@SUM(A1)"), csv_cell("\\tx"), csv_cell("-2+3")
    ('\\'=HYPERLINK("http://x")', "'@SUM(A1)", "'\\tx", "'-2+3")
    >>> csv_cell(-43), csv_cell("-43"), csv_cell(2.0), csv_cell("alice"), csv_cell(None)
    ('-43', '-43', '2', 'alice', '')
"""

from __future__ import annotations

from typing import Any

from crmlib.grading.report import cell

__all__ = ["csv_cell", "csv_row"]


def csv_cell(value: Any) -> str:
    """``value`` as the text of a CSV cell that no spreadsheet runs as a formula (see the module's docstring):
    the gradebook's own rule (``crmlib.grading.report.cell``), so every CSV file of the grader escapes alike;
    ``None`` is an empty cell."""
    if value is None:
        return ""
    return cell(value)


def csv_row(values: Any) -> list[str]:
    """Every value of a row through ``csv_cell``.

    >>> csv_row(["=1+1", 3, "ok"])
    ["'=1+1", '3', 'ok']
    """
    return [csv_cell(v) for v in values]
