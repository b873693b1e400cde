"""The environment self-check of the start-here notebook: says clearly what is missing, if anything.

    >>> report = check()
    >>> list(report.columns)
    ['item', 'found', 'needed', 'ok', 'message']
"""

from __future__ import annotations

import importlib.metadata as metadata
import importlib.util
import sys

from crmlib.i18n import get_language, t

# (import name, distribution name, minimum version, how to fix)
REQUIREMENTS: list[tuple[str, str, str]] = [
    ("pandas", "pandas", "2.2"),
    ("numpy", "numpy", "2.0"),
    ("matplotlib", "matplotlib", "3.8"),
    ("seaborn", "seaborn", "0.13"),
    ("scipy", "scipy", "1.13"),
    ("duckdb", "duckdb", "1.1"),
    ("sklearn", "scikit-learn", "1.5"),
    ("ipywidgets", "ipywidgets", "8.0"),
]
FIX_INSTALL = "make lab (or: pip install -e .) from the kit's folder installs it."
FIX_INSTALL_ZH = "在课程文件夹中运行 make lab（或 pip install -e .）即可安装。"


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def check(language: str | None = None):
    """Check Python, every library the kit needs, a Chinese font, and the kit's data.

    Returns a DataFrame with one row per item; ``ok`` is False where something needs attention and
    ``message`` says what to do.
    """
    import pandas as pd

    from crmlib.style import cjk_font

    lang = language or get_language()
    fix = FIX_INSTALL if lang == "en" else FIX_INSTALL_ZH
    rows = []
    py = ".".join(map(str, sys.version_info[:3]))
    py_ok = sys.version_info >= (3, 10)
    rows.append(("Python", py, "3.10", py_ok,
                 t("selfcheck.ok", lang, name="Python", version=py) if py_ok
                 else t("selfcheck.too_old", lang, name="Python", version=py, needed="3.10", fix="")))
    for module, dist, needed in REQUIREMENTS:
        # Find the package and read its version from its metadata without importing it: importing
        # SciPy, scikit-learn, DuckDB ... only to report versions cost the start-here kernel ~155 MB.
        try:
            if importlib.util.find_spec(module) is None:
                raise ImportError(module)
            found = metadata.version(dist)
        except (ImportError, ValueError, metadata.PackageNotFoundError):
            rows.append((dist, "", needed, False, t("selfcheck.missing", lang, name=dist, fix=fix)))
            continue
        ok = _version_tuple(found) >= _version_tuple(needed)
        message = (t("selfcheck.ok", lang, name=dist, version=found) if ok
                   else t("selfcheck.too_old", lang, name=dist, version=found, needed=needed, fix=fix))
        rows.append((dist, found, needed, ok, message))
    font = cjk_font()
    rows.append((t("selfcheck.font", lang), font or "", "", font is not None,
                 t("selfcheck.ok", lang, name=t("selfcheck.font", lang), version=font) if font
                 else t("font.missing", lang)))
    return pd.DataFrame(rows, columns=["item", "found", "needed", "ok", "message"])


def report(language: str | None = None) -> str:
    """The self-check as lines of text: ✔ or ✘ per item, then a one-line verdict.

    >>> report().splitlines()[0].startswith("✔ Python")
    True
    """
    lang = language or get_language()
    table = check(lang)
    lines = [("✔ " if ok else "✘ ") + message for ok, message in zip(table["ok"], table["message"])]
    missing = int((~table["ok"]).sum())
    lines.append(t("selfcheck.all_ok", lang) if missing == 0 else t("selfcheck.some_missing", lang, count=missing))
    return "\n".join(lines)
