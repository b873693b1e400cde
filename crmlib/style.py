"""The kit's chart style: a colour-blind-safe palette and fonts that render Chinese.

Nothing here runs at import time. ``use_style()`` changes matplotlib's rcParams on request only.

    >>> PALETTE[:3]
    ['#0072B2', '#E69F00', '#009E73']
"""

from __future__ import annotations

import warnings
from functools import lru_cache

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Ordered so that the first colours contrast most; black is last.
PALETTE: list[str] = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]

# Fonts with Chinese glyphs, most common first: Windows, macOS, then Linux packages.
CJK_FONTS: list[str] = [
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans SC",
]


class FontWarning(UserWarning):
    """Chinese labels were asked for but no font with Chinese glyphs is installed."""


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of the first installed font of ``CJK_FONTS``, or ``None`` when there is none.

    >>> cjk_font() is None or cjk_font() in CJK_FONTS
    True
    """
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def chart_language(language: str | None = None) -> str:
    """The language charts can really be drawn in: the asked one, or English if Chinese can't render.

    When Chinese is asked for and no CJK font is installed, this warns once (``FontWarning``) with
    how to install one, and returns ``"en"`` so that charts never show empty boxes.

    >>> chart_language("en")
    'en'
    """
    from crmlib.i18n import get_language, t

    language = language or get_language()
    if language == "zh" and cjk_font() is None:
        _warn_missing_font_once(t("font.missing", language="en") + "\n" + t("font.missing", language="zh"))
        return "en"
    return language


@lru_cache(maxsize=1)
def _warn_missing_font_once(message: str) -> None:
    warnings.warn(message, FontWarning, stacklevel=3)


def rc(language: str | None = None) -> dict[str, object]:
    """The rcParams that ``use_style`` applies (also usable with ``matplotlib.rc_context``).

    >>> rc()["axes.unicode_minus"]
    False
    """
    from cycler import cycler

    return {
        "axes.prop_cycle": cycler(color=PALETTE),
        "font.family": "sans-serif",
        "font.sans-serif": [*CJK_FONTS, "DejaVu Sans", "Arial", "Liberation Sans"],
        "axes.unicode_minus": False,  # CJK fonts often lack the Unicode minus sign
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "grid.alpha": 0.3,
        "axes.titleweight": "normal",  # most CJK fonts have no bold face: bold would fall back with a warning
        "axes.titlesize": 12,
        "axes.labelsize": 10,
        "figure.figsize": (7.0, 4.0),
        "figure.dpi": 100,
        "savefig.bbox": "tight",
        "image.cmap": "cividis",  # perceptually uniform and colour-blind safe
    }


def use_style() -> None:
    """Apply the kit's chart style to matplotlib (an explicit, global change).

    Sets the Okabe–Ito palette, a font list that renders Chinese where a CJK font is installed,
    and a light grid. Call it once at the top of a notebook.

    >>> import matplotlib
    >>> with matplotlib.rc_context():
    ...     use_style()
    ...     matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0]
    '#0072B2'
    """
    import matplotlib

    matplotlib.rcParams.update(rc())
