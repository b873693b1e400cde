"""Every number a lesson states in prose is pinned to its computation or to its source.

A lesson's pins live in ``tests/prose_pins/<notebook stem>.py`` (e.g. ``nb01_crm_background.py`` for
``notebooks/01_crm_background.ipynb``), a module defining two dicts:

``PINS: dict[str, Callable[[], float | tuple[float, ...]]]``
    phrase -> function. The phrase is a piece of the lesson's Markdown, quoted exactly (white space may differ),
    holding one or more numbers. The function computes those numbers from crmlib and the kit's data; each
    computed value, rounded to the decimals the prose shows, must equal the number as written. Rounding beyond
    decimals (a prose "about ¥2,500") is the function's job: return ``round(value, -2)``.
``SOURCED: dict[str, str]``
    phrase -> where the number comes from: a cited source (``"seed 000, §2"``, ``"Reichheld & Sasser 1990"``), or
    why it is not a result (``"an input the example chooses"``). The reason may not be empty.

The check fails when a number in a lesson's Markdown is covered by no phrase, when a pinned number disagrees
with its computation, or when a phrase no longer stands in the lesson (a stale pin). Numbers that are not
claims are skipped: section and list numbering, years (1900-2099), lesson numbers with a leading zero (01), numbers inside `code` or $math$, and digits
that are part of a word or identifier (q3, B2B, 00_start_here, CO2).
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
PIN_DIR = Path(__file__).resolve().parent / "prose_pins"

# A number as prose writes it: optional sign, digits with thousands separators or plain, optional decimals.
# Only Latin letters, digits and _ glue a number into a word (q3, B2B): a Chinese character next to it does not
# (Python's \w would count 375 in 共有375位 as part of a word), so the Chinese edition reads the same way.
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.,/])([-+−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![A-Za-z0-9_])")
_CODE = re.compile(r"`[^`]*`")
_MATH = re.compile(r"\$\$.*?\$\$|\$(?!\d)[^$\n]+?\$", re.S)  # "$600,000" is money, not math
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HEADING_NUMBER = re.compile(r"^(\s*#+\s*)[\d.]+\s", re.M)
_LIST_MARKER = re.compile(r"^(\s*)\d+(?:[.)]\s|、)", re.M)  # "1. ", "1) " or Chinese "1、"


@dataclass(frozen=True)
class Number:
    text: str
    value: float
    decimals: int
    start: int


def markdown_text(notebook: Path) -> str:
    """The lesson's Markdown cells, joined by blank lines."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def masked_text(text: str) -> str:
    """Text with the spans whose numbers are not claims replaced by spaces (positions are kept)."""
    for pattern in (_CODE, _MATH, _LINK_TARGET):
        text = pattern.sub(_blank, text)
    text = _HEADING_NUMBER.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)
    text = _LIST_MARKER.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)
    return text


def numbers(text: str, *, masked: bool = True) -> list[Number]:
    """The numbers stated in ``text``, years and non-claims left out.

    >>> [n.text for n in numbers("Margin ¥1,200 at r = 0.80; 52 % left by 2025 (q3, `top_share(0.2)`)")]
    ['1,200', '0.80', '52']
    """
    scan = masked_text(text) if masked else text
    found = []
    for m in _NUMBER.finditer(scan):
        sign, whole, frac = m.group(1), m.group(2), m.group(3) or ""
        digits = whole.replace(",", "")
        if not frac and not sign and "," not in whole and len(digits) == 4 and 1900 <= int(digits) <= 2099:
            continue  # a year
        if len(digits) > 1 and digits.startswith("0") and not frac:
            continue  # a lesson or exercise number such as 01, 03
        value = float(f"{digits}.{frac}" if frac else digits)
        if sign in "-−" and sign:
            value = -value
        found.append(Number(m.group(0), value, len(frac), m.start()))
    return found


def _phrase_pattern(phrase: str) -> re.Pattern:
    """The phrase as a pattern in which any run of white space matches any other (prose is re-wrapped)."""
    return re.compile(r"\s+".join(re.escape(word) for word in phrase.split()))


def load_pins(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"prose_pins_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _as_tuple(value: float | Iterable[float]) -> tuple[float, ...]:
    if isinstance(value, Iterable) and not isinstance(value, str):
        return tuple(float(v) for v in value)
    return (float(value),)


def problems(text: str, pins: dict[str, Callable[[], object]], sourced: dict[str, str]) -> list[str]:
    """Everything wrong with the numbers in ``text`` against its pins; empty when all is well."""
    scan = masked_text(text)  # same length as text: positions agree
    out: list[str] = []
    covered: set[int] = set()

    def cover(phrase: str, kind: str) -> list[Number] | None:
        spans = [(m.start(), m.end()) for m in _phrase_pattern(phrase).finditer(text)]
        if not spans:
            out.append(f"stale {kind}: the phrase {phrase!r} no longer stands in the lesson")
            return None
        stated = numbers(phrase)
        if not stated:
            out.append(f"{kind} {phrase!r} holds no number to check")
            return None
        for start, end in spans:
            for n in numbers(scan[start:end], masked=False):
                covered.add(start + n.start)
        return stated

    for phrase, reason in sourced.items():
        if not str(reason).strip():
            out.append(f"sourced phrase {phrase!r} gives no source or reason")
        cover(phrase, "sourced phrase")

    for phrase, compute in pins.items():
        stated = cover(phrase, "pin")
        if stated is None:
            continue
        try:
            computed = _as_tuple(compute())
        except Exception as error:  # a broken pin is reported, not raised, so every pin is checked
            out.append(f"pin {phrase!r}: computing it raised {type(error).__name__}: {error}")
            continue
        if len(computed) != len(stated):
            out.append(f"pin {phrase!r} states {len(stated)} number(s) but its function returned {len(computed)}")
            continue
        for n, value in zip(stated, computed):
            shown = round(value, n.decimals)
            if not math.isclose(shown, n.value, abs_tol=10 ** -(n.decimals + 6)):
                out.append(
                    f"pin {phrase!r}: the prose says {n.text}, the computation gives {value!r} "
                    f"(shown at {n.decimals} decimals: {shown:.{n.decimals}f})"
                )

    for n in numbers(text):
        if n.start not in covered:
            context = " ".join(text[max(0, n.start - 60): n.start + len(n.text) + 30].split())
            out.append(f"unpinned number {n.text} in: …{context}…")
    return out


def pin_file(notebook: Path) -> Path:
    return PIN_DIR / f"nb{notebook.stem}.py"
