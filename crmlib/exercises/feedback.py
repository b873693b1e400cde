"""How feedback reaches the student: a small coloured box in Jupyter, plain text elsewhere.

``show(obj)`` displays through IPython when an IPython shell is running (JupyterLab, nbclient),
else prints ``str(obj)`` (a terminal, a doctest, a batch grader). Nothing here imports IPython
unless it is already loaded::

    >>> show(Note("hint", "q1: hint 1 of 2", "Work one year at a time."))
    q1: hint 1 of 2
    Work one year at a time.
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from typing import Any

from crmlib.exercises.text import to_html
from crmlib.style import PALETTE

__all__ = ["COLOURS", "ICONS", "Note", "box_html", "show"]

# Okabe–Ito colours (crmlib.style.PALETTE); the word and the icon carry the meaning too,
# so nothing depends on telling colours apart.
COLOURS: dict[str, str] = {
    "correct": PALETTE[2],  # bluish green
    "incorrect": PALETTE[5],  # vermillion
    "not attempted": PALETTE[1],  # orange
    "submitted": PALETTE[0],  # blue
    "hint": PALETTE[4],  # sky blue
    "solution": PALETTE[3],  # reddish purple
    "info": "#777777",
}
ICONS: dict[str, str] = {
    "correct": "✔", "incorrect": "✘", "not attempted": "…", "submitted": "✉",
    "hint": "➜", "solution": "✎", "info": "ℹ",
}


def box_html(kind: str, title: str, body: str = "") -> str:
    """A feedback box: coloured left border, the title in bold, then the body (all escaped).

    >>> print(box_html("correct", "q1: Correct", "1 < 2"))  # doctest: +ELLIPSIS
    <div class="crmlib-feedback crmlib-correct" ...><strong>✔ q1: Correct</strong><div>1 &lt; 2</div></div>
    """
    colour = COLOURS.get(kind, COLOURS["info"])
    style = (
        f"border-left:6px solid {colour};background:{colour}1f;padding:.45em .8em;"
        "margin:.35em 0;border-radius:4px;line-height:1.45"
    )
    css_kind = html.escape(kind.replace(" ", "-"))
    body_html = f"<div>{to_html(body)}</div>" if body else ""
    return (
        f'<div class="crmlib-feedback crmlib-{css_kind}" style="{style}">'
        f"<strong>{ICONS.get(kind, '')} {to_html(title)}</strong>{body_html}</div>"
    )


@dataclass(frozen=True)
class Note:
    """A hint, a solution or a notice, shown like a check result.

    >>> Note("solution", "q1: solution", "1000 × 0.8 × 0.8 = 640")._repr_html_()[:45]
    '<div class="crmlib-feedback crmlib-solution" '
    """

    kind: str
    title: str
    body: str = ""

    def __str__(self) -> str:
        return f"{self.title}\n{self.body}" if self.body else self.title

    def _repr_html_(self) -> str:
        return box_html(self.kind, self.title, self.body)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def _ipython() -> Any:
    """The running IPython shell, or None (IPython is not imported just to find out)."""
    module = sys.modules.get("IPython")
    if module is None:
        return None
    try:
        return module.get_ipython()
    except Exception:
        return None


def show(obj: Any) -> None:
    """Display ``obj`` as rich output in Jupyter, else print it as plain text.

    >>> show(Note("info", "Solutions are turned off by your instructor."))
    Solutions are turned off by your instructor.
    """
    if _ipython() is not None:
        from IPython.display import display

        display(obj)
    else:
        print(str(obj))
