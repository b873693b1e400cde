"""Value-chain diagrams (any chain of ``crmlib.valuechain``) and the chart of cost vs value added per link.

``chain_diagram`` draws the familiar pictures: Porter's chain as support-activity bands above
chevrons of primary activities with the margin at the tip; a CRM chain as a row of stage chevrons
resting on bands of supporting conditions; the value star as eight sources around the customer.
Every label is wrapped and sized to fit its box, in English or Chinese.

    >>> fig = chain_diagram("porter", language="en")
    >>> fig.texts[0].get_text()
    "Porter's value chain: 5 primary activities and 4 support activities"
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_gid() == "box:margin")
    ['margin']
"""

from __future__ import annotations

import math
import re
from typing import Any
from functools import lru_cache
from collections.abc import Iterable, Mapping, Sequence

import matplotlib
import numpy as np
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyBboxPatch, Patch, Polygon, Rectangle

from crmlib.i18n import t
from crmlib.plots.base import ChartFigure, live, new_figure, parts
from crmlib.style import PALETTE, chart_language, rc
from crmlib.valuechain import Chain, get_chain, weakest_link

__all__ = ["chain_diagram", "link_economics_chart", "fit_text", "update_chain_diagram",
           "update_link_economics_chart", "wrap_text"]

BLUE, ORANGE, SKY, VERMILLION = PALETTE[0], PALETTE[1], PALETTE[4], PALETTE[5]
BAND = "#D6ECF8"  # sky blue, light: support bands (black text)
NOTE_GREY = "#333333"
LINE = 1.2  # line spacing, in font sizes

_TOKENS = re.compile(r"[A-Za-z0-9%&'’./+\-−·,:;()]+|\s+|.", re.S)
_NO_LINE_START = set("，。、；：）》」』%,.;:)·")


def _renderer():
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(10, 10, 72)  # at 72 dpi a pixel is a point


@lru_cache(maxsize=4096)
def _token_width(token: str, size: float, fonts: tuple[str, ...]) -> float:
    """Width in inches of one word, space or character at ``size`` points (cached: measuring is slow)."""
    prop = FontProperties(family="sans-serif", size=size)  # resolved through rcParams (``fonts`` keys the cache)
    width, _, _ = _renderer().get_text_width_height_descent(token, prop, ismath=False)
    return width / 72.0


def _width(renderer, text: str, size: float) -> float:
    """Width in inches of ``text``: the sum of its tokens' widths (kerning between them is ignored,
    so wrapping keeps a small safety margin)."""
    fonts = tuple(matplotlib.rcParams["font.sans-serif"])
    return sum(_token_width(token, float(size), fonts) for token in _TOKENS.findall(text))


def wrap_text(text: str, width: float, size: float, renderer=None) -> list[str] | None:
    """``text`` broken into lines no wider than ``width`` inches at font ``size`` (points), or
    ``None`` when one word alone is too wide. Words stay whole; Chinese breaks between characters
    (never before a closing mark such as ``，`` or ``）``). Explicit newlines are kept.

    >>> import matplotlib
    >>> from crmlib.style import rc
    >>> with matplotlib.rc_context(rc()):
    ...     wrap_text("customer portfolio analysis", 1.3, 10)
    ['customer portfolio', 'analysis']
    """
    renderer = renderer or _renderer()
    width = width * 0.97  # measured widths ignore kerning: keep a margin
    lines: list[str] = []
    for paragraph in text.split("\n"):
        tokens = _TOKENS.findall(paragraph)
        line = ""
        for token in tokens:
            candidate = line + token
            if not line or _width(renderer, candidate.rstrip(), size) <= width or token.isspace() or token in _NO_LINE_START:
                line = candidate
                continue
            lines.append(line.rstrip())
            line = token.lstrip()
        lines.append(line.rstrip())
    if any(_width(renderer, line, size) > width * 1.02 for line in lines):
        return None
    return lines


def fit_text(text: str, width: float, height: float, *, max_size: float = 11.0, min_size: float = 6.5,
             renderer=None) -> tuple[str, float]:
    """The wrapped text and the largest font size (points) at which it fits ``width`` × ``height``
    inches, trying ``max_size`` down to ``min_size`` in half points (``min_size`` if nothing fits).

    >>> import matplotlib
    >>> from crmlib.style import rc
    >>> with matplotlib.rc_context(rc()):
    ...     fit_text("value proposition development", 1.4, 0.6, max_size=10)
    ('value proposition\\ndevelopment', 10.0)
    """
    renderer = renderer or _renderer()
    size = float(max_size)
    lines = None
    while size >= min_size:
        lines = wrap_text(text, width, size, renderer)
        if lines is not None and len(lines) * size * LINE / 72.0 <= height:
            return "\n".join(_balance(text, lines, width, size, renderer)), size
        size -= 0.5
    lines = wrap_text(text, width, min_size, renderer) or [text]
    return "\n".join(lines), min_size


def _balance(text: str, lines: list[str], width: float, size: float, renderer) -> list[str]:
    """The same number of lines, made as even as possible (no lone last word or character)."""
    if len(lines) < 2:
        return lines
    low, high = 0.3 * width, width
    best = lines
    for _ in range(12):  # bisect the narrowest width that still gives as few lines
        mid = (low + high) / 2
        trial = wrap_text(text, mid, size, renderer)
        if trial is not None and len(trial) <= len(lines):
            best, high = trial, mid
        else:
            low = mid
    return best


class _Canvas:
    """Draws on one axes whose data units are inches of the figure (0..width, 0..height)."""

    def __init__(self, width: float, height: float) -> None:
        fig = new_figure(figsize=(width, height))
        fig.set_layout_engine("none")
        ax = fig.axes[0]
        ax.set_position((0.0, 0.0, 1.0, 1.0))
        ax.set_xlim(0, width)
        ax.set_ylim(0, height)
        ax.set_axis_off()
        self.fig, self.ax = fig, ax
        self.width, self.height = width, height
        self.renderer = _renderer()

    def text(self, text: str, box: tuple[float, float, float, float], *, gid: str, color: str = "black",
             max_size: float = 11.0, min_size: float = 6.5, ha: str = "center", pad: float = 0.06) -> Any:
        """Fit ``text`` into ``box`` = (x, y, w, h) in inches and draw it there (the Text is returned)."""
        x, y, w, h = box
        wrapped, size = fit_text(text, w - 2 * pad, h - 2 * pad, max_size=max_size, min_size=min_size,
                                 renderer=self.renderer)
        tx = x + w / 2 if ha == "center" else x + pad
        artist = self.ax.text(tx, y + h / 2, wrapped, ha=ha, va="center", ma=ha, fontsize=size, color=color,
                              linespacing=LINE, gid=gid)
        artist._crm_fit = (w - 2 * pad, h - 2 * pad, max_size, min_size)  # how update_chain_diagram refits it
        return artist

    def patch(self, artist, gid: str) -> None:
        artist.set_gid(gid)
        self.ax.add_patch(artist)


def _chevron(x: float, y: float, w: float, h: float, depth: float, first: bool) -> list[tuple[float, float]]:
    left_notch = [] if first else [(x + depth, y + h / 2)]
    return [(x, y), (x + w, y), (x + w + depth, y + h / 2), (x + w, y + h), (x, y + h), *left_notch]


def _title(chain: Chain, language: str) -> str:
    primary = chain.label("primary", language)
    if chain.support:
        return t("diagram.title_support", language, name=chain.name(language), n_primary=len(chain.primary),
                 primary=primary, n_support=len(chain.support), support=chain.label("support", language))
    if chain.kind == "star":
        return t("diagram.title_star", language, name=chain.name(language), n_primary=len(chain.primary),
                 primary=primary)
    return t("diagram.title", language, name=chain.name(language), n_primary=len(chain.primary),
             primary=primary)


def _as_keys(highlight: str | Iterable[str] | None) -> set[str]:
    if highlight is None:
        return set()
    return {highlight} if isinstance(highlight, str) else set(highlight)


def chain_diagram(
    chain: str | Chain,
    language: str | None = None,
    *,
    notes: bool = False,
    annotations: Mapping[str, str] | None = None,
    highlight: str | Iterable[str] | None = None,
    title: str | None = None,
    width: float = 10.0,
) -> ChartFigure:
    """The diagram of a value chain: chevrons for primary activities/stages, bands for support.

    - ``notes=True`` writes each primary step's note (e.g. the telecom links' key levers) under it;
    - ``annotations`` maps step keys to text written under their chevrons instead (e.g. cost and
      value added per link);
    - ``highlight`` (a key or keys) colours those chevrons vermillion (e.g. the weakest link);
    - ``title`` replaces the default title (the chain's name and what it is made of).

    Every label carries a ``gid`` (``"box:<key>"``, ``"note:<key>"``, ``"band:<key>"``...) shared
    with the shape it sits in, so a test can check that the text fits its shape.

    >>> fig = chain_diagram("telecom", language="zh", notes=True, highlight="user_service")
    >>> [p.get_facecolor()[:3] for p in fig.axes[0].patches if p.get_gid() == "box:user_service"] == [
    ...     matplotlib.colors.to_rgb("#D55E00")]
    True
    >>> chain_diagram("telecom", annotations={"billing": "x"})
    Traceback (most recent call last):
    ...
    KeyError: "annotations: chain 'telecom' has no primary step 'billing'; its primary steps are: infrastructure, network_operation, business_support, user_service, value_creation"
    """
    c = get_chain(chain)
    lang = chart_language(language)
    primary_keys = [s.key for s in c.primary]
    for what, keys in (("annotations", list(annotations or {})), ("highlight", sorted(_as_keys(highlight)))):
        for key in keys:
            if key not in primary_keys:
                raise KeyError(f"{what}: chain {c.key!r} has no primary step {key!r}; its primary steps are: "
                               f"{', '.join(primary_keys)}")
    with matplotlib.rc_context(rc()):
        if c.kind == "star":
            return _star(c, lang, notes, _as_keys(highlight), title or _title(c, lang))
        return _rows(c, lang, notes, annotations, _as_keys(highlight), width, title or _title(c, lang))


def _rows(c: Chain, lang: str, notes: bool, annotations: Mapping[str, str] | None, highlight: set[str],
          width: float, title: str) -> ChartFigure:
    band_h, band_gap = 0.40, 0.06
    chev_h = 1.25
    caption_h = 0.30
    note_h = 0.80 if (notes or annotations) else 0.0
    title_h = 0.55
    n_support = len(c.support)
    support_h = (n_support * band_h + (n_support - 1) * band_gap + caption_h) if n_support else 0.0
    height = title_h + caption_h + chev_h + note_h + support_h + 0.25
    canvas = _Canvas(width, height)
    margin_x = 0.15
    end_w = 0.0 if c.end is None else (0.95 if c.kind == "porter" else 1.45)
    depth = 0.22
    n = len(c.primary)
    gap = 0.05
    right = width - margin_x - end_w - (0.1 if end_w else 0.0)
    chev_w = (right - margin_x - depth - (n - 1) * gap) / n

    wrapped, size = fit_text(title, width - 2 * margin_x, title_h - 0.05, max_size=13, min_size=9,
                             renderer=canvas.renderer)
    canvas.fig.text(0.5, 1 - title_h / 2 / height, wrapped, ha="center", va="center", fontsize=size, gid="title")

    top = height - title_h
    if c.kind == "porter":  # support bands first, then the primary row
        support_top = top
        primary_top = top - support_h
    else:
        primary_top = top
        support_top = top - caption_h - chev_h - note_h - 0.05

    def caption(text: str, y_top: float, gid: str) -> None:
        canvas.text(text, (margin_x, y_top - caption_h, width * 0.6, caption_h), gid=gid, color=NOTE_GREY,
                    max_size=9.5, min_size=7, ha="left", pad=0.02)

    # primary row
    caption(c.label("primary", lang), primary_top, "caption:primary")
    chev_y = primary_top - caption_h - chev_h
    for i, step in enumerate(c.primary):
        x = margin_x + i * (chev_w + gap)
        colour = VERMILLION if step.key in highlight else BLUE
        canvas.patch(Polygon(_chevron(x, chev_y, chev_w, chev_h, depth, i == 0), closed=True, facecolor=colour,
                             edgecolor="white", linewidth=1.5), f"box:{step.key}")
        inner_x = x + (0.04 if i == 0 else depth)
        inner_w = x + chev_w - inner_x + depth * 0.35
        canvas.text(step.name(lang), (inner_x, chev_y + 0.08, inner_w, chev_h - 0.16), gid=f"box:{step.key}",
                    color="white", max_size=11.5)
        note = (annotations or {}).get(step.key) if annotations else (step.note(lang) if notes else None)
        if note:
            box = (x + 0.02, chev_y - note_h, chev_w + depth * 0.5, note_h - 0.04)
            canvas.patch(Rectangle(box[:2], box[2], box[3], facecolor="none", edgecolor="none"), f"note:{step.key}")
            drawn = canvas.text(note, box, gid=f"note:{step.key}", color=NOTE_GREY, max_size=9.5, min_size=6.5)
            if annotations:
                parts(canvas.fig).setdefault("annotations", {})[step.key] = drawn

    # the end: Porter's margin (a triangle), or the chain's aim (a box)
    if c.end is not None:
        x_end = right + 0.1
        if c.kind == "porter":
            y_low, y_high = chev_y, support_top - caption_h
            canvas.patch(Polygon([(x_end, y_high), (x_end + end_w, (y_low + y_high) / 2), (x_end, y_low)], closed=True,
                                 facecolor=ORANGE, edgecolor="white", linewidth=1.5), f"box:{c.end.key}")
            mid = (y_low + y_high) / 2
            box = (x_end, mid - 0.45, end_w * 0.62, 0.9)
        else:
            box = (x_end, chev_y, end_w, chev_h)
            canvas.patch(FancyBboxPatch(box[:2], box[2], box[3], boxstyle="round,pad=0,rounding_size=0.12",
                                        facecolor=ORANGE, edgecolor="white"), f"box:{c.end.key}")
        canvas.text(c.end.name(lang), box, gid=f"box:{c.end.key}", max_size=11, min_size=7)

    # support bands
    if n_support:
        caption(c.label("support", lang), support_top, "caption:support")
        band_right = right if c.kind == "porter" else width - margin_x
        band_w = band_right - margin_x
        for j, step in enumerate(c.support):
            y = support_top - caption_h - (j + 1) * band_h - j * band_gap
            canvas.patch(Rectangle((margin_x, y), band_w, band_h, facecolor=BAND, edgecolor=SKY, linewidth=0.8),
                         f"band:{step.key}")
            label = step.name(lang)
            if notes and step.note(lang):
                label = f"{label} — {step.note(lang)}" if lang == "en" else f"{label}：{step.note(lang)}"
            canvas.text(label, (margin_x, y, band_w, band_h), gid=f"band:{step.key}", max_size=10.5, min_size=7)
    live(canvas.fig, list(parts(canvas.fig).get("annotations", {}).values()))
    return canvas.fig


def update_chain_diagram(fig: ChartFigure, annotations: Mapping[str, str]) -> bool:
    """Write new ``annotations`` under the chevrons of a ``chain_diagram`` drawn with annotations for the
    same steps, in place (each text refitted to its box); False when the diagram has no annotations for
    exactly those steps (it must then be drawn anew).

    >>> fig = chain_diagram("telecom", "en", annotations={"user_service": "cost 489"})
    >>> update_chain_diagram(fig, {"user_service": "cost 400"}), update_chain_diagram(fig, {"billing": "x"})
    (True, False)
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "note:user_service"]
    ['cost 400']
    """
    drawn = parts(fig).get("annotations")
    if not drawn or set(drawn) != set(annotations):
        return False
    renderer = _renderer()
    with matplotlib.rc_context(rc()):
        for key, text in annotations.items():
            width, height, max_size, min_size = drawn[key]._crm_fit
            wrapped, size = fit_text(text, width, height, max_size=max_size, min_size=min_size, renderer=renderer)
            drawn[key].set_text(wrapped)
            drawn[key].set_fontsize(size)
    return True


def _star(c: Chain, lang: str, notes: bool, highlight: set[str], title: str) -> ChartFigure:
    width, height = 8.6, 6.6
    canvas = _Canvas(width, height)
    cx, cy = width / 2, (height - 0.6) / 2
    n = len(c.primary)
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    # the star behind: points towards each source, notches between them
    outer_r, inner_r = 2.35, 1.15
    star = []
    for a in angles:
        star.append((cx + outer_r * 1.25 * math.cos(a), cy + outer_r * math.sin(a)))
        b = a - np.pi / n
        star.append((cx + inner_r * 1.25 * math.cos(b), cy + inner_r * math.sin(b)))
    canvas.patch(Polygon(star, closed=True, facecolor=BAND, edgecolor=SKY, linewidth=1.0), "star")
    wrapped, size = fit_text(title, width - 0.3, 0.5, max_size=13, min_size=9, renderer=canvas.renderer)
    canvas.fig.text(0.5, 1 - 0.3 / height, wrapped, ha="center", va="center", fontsize=size, gid="title")
    box_w, box_h = (1.75, 0.95) if notes else (1.6, 0.6)
    rx, ry = 3.25, 2.35
    for a, step in zip(angles, c.primary):
        x, y = cx + rx * math.cos(a) - box_w / 2, cy + ry * math.sin(a) - box_h / 2
        colour = VERMILLION if step.key in highlight else BLUE
        canvas.patch(FancyBboxPatch((x, y), box_w, box_h, boxstyle="round,pad=0,rounding_size=0.1",
                                    facecolor=colour, edgecolor="white"), f"box:{step.key}")
        if notes and step.note(lang):
            canvas.text(step.name(lang), (x, y + box_h * 0.5, box_w, box_h * 0.5), gid=f"box:{step.key}",
                        color="white", max_size=11)
            canvas.text(step.note(lang), (x, y, box_w, box_h * 0.55), gid=f"box:{step.key}", color="white",
                        max_size=8.5, min_size=6.5)
        else:
            canvas.text(step.name(lang), (x, y, box_w, box_h), gid=f"box:{step.key}", color="white", max_size=11.5)
    if c.end is not None:
        r = 0.78
        canvas.patch(Circle((cx, cy), r, facecolor=ORANGE, edgecolor="white", linewidth=1.5), f"box:{c.end.key}")
        side = r * 1.35
        canvas.text(c.end.name(lang), (cx - side / 2, cy - side / 2, side, side), gid=f"box:{c.end.key}",
                    max_size=12)
    return canvas.fig


# ------------------------------------------------------------------------------------------------
# cost share vs value-added share per link


def _link_names(index: Sequence[object], chain: str | Chain | None, lang: str) -> list[str]:
    if chain is None:
        return [str(k) for k in index]
    c = get_chain(chain)
    known = {s.key: s.name(lang) for s in c.steps()}
    return [known.get(str(k), str(k)) for k in index]


def link_economics_chart(economics, language: str | None = None, chain: str | Chain | None = "telecom") -> ChartFigure:
    """Bars of each link's share of the chain's cost and of its value added (a ``link_economics`` table).

    The title names the weakest link (lowest value added per yuan of cost) with its two shares, and
    says in words when its value added is negative. The weakest link's value bar is vermillion and has
    its own legend entry. Link keys are shown by their names in ``chain`` (default: the telecom
    operator's chain).

    >>> import pandas as pd
    >>> from crmlib.valuechain import link_economics
    >>> econ = link_economics(pd.DataFrame({"link": ["user_service", "value_creation"],
    ...     "cost": [50.0, 50.0], "revenue": [40.0, 100.0]}), cost="cost", revenue="revenue")
    >>> link_economics_chart(econ, language="en").axes[0].get_title()
    'User service takes 50% of the cost but adds negative value (-25%)'
    """
    for column in ("cost_share", "value_added_share", "value_per_cost"):
        if column not in getattr(economics, "columns", ()):
            raise KeyError(f"column {column!r} not found: pass the table crmlib.valuechain.link_economics returns")
    lang = chart_language(language)
    names = _link_names(list(economics.index), chain, lang)
    cost_pct = economics["cost_share"].to_numpy() * 100
    value_pct = economics["value_added_share"].to_numpy() * 100
    fig = new_figure(figsize=(7.5, 4.2))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        y = np.arange(len(names))[::-1]
        h = 0.38
        cost_bars = ax.barh(y + h / 2, cost_pct, height=h, color=SKY, label=t("econ.cost_share", lang))
        value_bars = ax.barh(y - h / 2, value_pct, height=h, color=BLUE)
        labels = [(ax.text(0, yy + h / 2, "", va="center", fontsize=8.5), ax.text(0, yy - h / 2, "", va="center",
                                                                                 fontsize=8.5)) for yy in y]
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_yticks(y, labels=names)
        low = min(0.0, float(np.min(value_pct)), float(np.min(cost_pct)))
        high = max(float(np.max(value_pct)), float(np.max(cost_pct)))
        ax.set_xlim(low - 8 if low < 0 else 0, high * 1.15 + 2)
        ax.set_xlabel(t("econ.x", lang))
        handles = [Patch(color=SKY, label=t("econ.cost_share", lang)),
                   Patch(color=BLUE, label=t("econ.value_share", lang)),
                   Patch(color=VERMILLION, label=t("econ.value_share_weakest", lang))]
        fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=8.5, frameon=False)
        ax.grid(axis="y", visible=False)
    parts(fig).update(links=list(economics.index), names=names, cost_bars=list(cost_bars),
                      value_bars=list(value_bars), labels=labels)
    live(fig, cost_bars, value_bars, [text for pair in labels for text in pair], ax.title)
    _set_link_values(fig, economics, lang)
    return fig


def update_link_economics_chart(fig: ChartFigure, economics, language: str | None = None) -> bool:
    """Set a ``link_economics_chart``'s bars, labels, weakest-link colour and title to a new
    ``link_economics`` table of the same links, in place; False when the links differ or a bar (with
    its label) would leave the chart's axis (the chart must then be drawn anew).

    >>> import pandas as pd
    >>> from crmlib.valuechain import link_economics
    >>> table = pd.DataFrame({"link": ["user_service", "value_creation"], "cost": [50.0, 50.0],
    ...                       "revenue": [40.0, 100.0]})
    >>> fig = link_economics_chart(link_economics(table, cost="cost", revenue="revenue"), "en")
    >>> table.loc[0, "revenue"] = 45.0
    >>> update_link_economics_chart(fig, link_economics(table, cost="cost", revenue="revenue"), "en")
    True
    >>> fig.axes[0].get_title()
    'User service takes 50% of the cost but adds negative value (-11%)'
    >>> table.loc[0, "revenue"] = 20.0   # value added shares of −150% and 250%: beyond the axis
    >>> update_link_economics_chart(fig, link_economics(table, cost="cost", revenue="revenue"), "en")
    False
    """
    for column in ("cost_share", "value_added_share", "value_per_cost"):
        if column not in getattr(economics, "columns", ()):
            raise KeyError(f"column {column!r} not found: pass the table crmlib.valuechain.link_economics returns")
    kept = parts(fig)
    if kept.get("links") != list(economics.index):
        return False
    lang = chart_language(language)
    ax = fig.axes[0]
    cost_pct = economics["cost_share"].to_numpy() * 100
    value_pct = economics["value_added_share"].to_numpy() * 100
    left, right = ax.get_xlim()
    low = min(0.0, float(cost_pct.min()), float(value_pct.min()))
    high = max(float(cost_pct.max()), float(value_pct.max()))
    if (low < 0 and low < left + 4) or high * 1.1 + 1 > right:
        return False  # a bar's label would leave the axis (the chart keeps 8 points left, 15% right): new limits
    _set_link_values(fig, economics, lang)
    return True


def _set_link_values(fig: ChartFigure, economics, lang: str) -> None:
    """Bars, labels, the weakest link's colour and the title of a ``link_economics_chart`` for ``economics``."""
    kept = parts(fig)
    ax = fig.axes[0]
    cost_pct = economics["cost_share"].to_numpy() * 100
    value_pct = economics["value_added_share"].to_numpy() * 100
    weak = weakest_link(economics)
    for key, cost_bar, value_bar, (cost_label, value_label), c_, v_ in zip(
            economics.index, kept["cost_bars"], kept["value_bars"], kept["labels"], cost_pct, value_pct):
        cost_bar.set_width(c_)
        value_bar.set_width(v_)
        value_bar.set_facecolor(VERMILLION if key == weak else BLUE)
        for label, value in ((cost_label, c_), (value_label, v_)):
            label.set_x(value + (0.6 if value >= 0 else -0.6))
            label.set_horizontalalignment("left" if value >= 0 else "right")
            label.set_text(f"{value:.0f}%")
    weak_name = kept["names"][list(economics.index).index(weak)]
    row = economics.loc[weak]
    key = "econ.title_negative" if row["value_added"] < 0 else "econ.title"
    with matplotlib.rc_context(rc()):
        ax.set_title(t(key, lang, link=weak_name[:1].upper() + weak_name[1:],
                       cost=f"{row['cost_share']:.0%}", value=f"{row['value_added_share']:.0%}"))
