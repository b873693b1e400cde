"""The figure every chart of the kit is drawn on, its PNG rendering, and the fast re-rendering that
widgets use (``ChartCanvas``).

    >>> fig = new_figure()
    >>> figure_png(fig)[:4]
    b'\\x89PNG'

A chart function marks the artists that a widget's main control changes with ``live(fig, ...)``
(a vertical marker, a title, bar heights). ``ChartCanvas`` draws everything else once and keeps those
pixels; when the widget changes only those artists (in place) and renders the same figure again, the
new frame is the kept pixels plus the live artists (a few milliseconds instead of a whole draw)::

    >>> canvas = ChartCanvas(dpi=50)
    >>> fig = new_figure((3, 2)); _ = fig.axes[0].set_xlim(0, 1)
    >>> marker = fig.axes[0].axvline(0.2); live(fig, marker)
    >>> first = canvas.render(fig)
    >>> _ = marker.set_xdata([0.7, 0.7])
    >>> second = canvas.render(fig)
    >>> canvas.last_mode, first != second
    ('live', True)
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from crmlib.style import rc


class ChartFigure(Figure):
    """A matplotlib Figure drawn in the kit's style, shown by Jupyter as a PNG, with no pyplot involved.

    Fonts are looked up when a figure is drawn, so drawing happens inside the kit's rcParams too:
    Chinese labels render even where ``use_style()`` was never called, and global state is untouched.
    """

    def draw(self, renderer) -> None:  # type: ignore[override]
        with matplotlib.rc_context(rc()):
            super().draw(renderer)

    def _repr_png_(self) -> bytes:
        return figure_png(self)


def new_figure(figsize: tuple[float, float] = (7.0, 4.0)) -> Figure:
    """A Figure in the kit's style, not attached to pyplot's global state (no global rcParams change).

    It shows itself as a PNG in Jupyter (it has ``_repr_png_``), so a chart function's result can be the
    last value of a cell without pyplot, and is shown once.

    >>> fig = new_figure()
    >>> float(fig.get_figwidth()), fig._repr_png_()[:4]
    (7.0, b'\\x89PNG')
    """
    with matplotlib.rc_context(rc()):
        fig = ChartFigure(figsize=figsize, layout="constrained")
        fig.add_subplot()
    return fig


def figure_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure rendered as PNG bytes (what widgets show in an ``ipywidgets.Image``).

    >>> len(figure_png(new_figure(figsize=(2, 1)))) > 100
    True
    """
    buffer = io.BytesIO()
    # A figure with a layout engine already fits its canvas; a "tight" bounding box (on by default after
    # use_style()) would draw it twice to measure it, doubling a widget's redraw time.
    tight = None if fig.get_layout_engine() is not None else "tight"
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches=tight)
    release_renderer(fig)
    return buffer.getvalue()


def release_renderer(fig: Figure) -> None:
    """Let go of the pixel buffer a drawn figure keeps alive.

    Every matplotlib ``Text`` remembers the renderer it was last drawn with, and with it the whole
    RGBA image (about 1.1 MB for a 7 × 4 inch chart at 100 dpi). A figure shown in a notebook stays
    referenced by IPython's output history, so a lesson's charts kept ~1.7 MB each in the kernel.

    >>> fig = new_figure(); _ = fig.axes[0].set_title("x"); _ = figure_png(fig)
    >>> fig.axes[0].title._renderer is None
    True
    """
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        text._renderer = None


def parts(fig: Figure) -> dict[str, Any]:
    """The named artists a chart function kept on ``fig`` for its ``update_*`` function (a dict).

    >>> fig = new_figure(); parts(fig)["marker"] = fig.axes[0].axvline(1); sorted(parts(fig))
    ['marker']
    """
    found = getattr(fig, "_crm_parts", None)
    if found is None:
        found = {}
        fig._crm_parts = found  # type: ignore[attr-defined]
    return found


def live(fig: Figure, *artists: Any) -> None:
    """Mark ``artists`` of ``fig`` as the ones a widget's control changes (see ``ChartCanvas``).

    Marking changes nothing in how the figure itself draws or saves; it only tells a ``ChartCanvas``
    that the rest of the figure may be reused from the previous frame.

    >>> fig = new_figure(); line, = fig.axes[0].plot([0, 1], [0, 1]); live(fig, line, fig.axes[0].title)
    >>> len(fig._crm_live)
    2
    """
    marked = getattr(fig, "_crm_live", None)
    if marked is None:
        marked = []
        fig._crm_live = marked  # type: ignore[attr-defined]
    for artist in artists:
        if isinstance(artist, Iterable) and not hasattr(artist, "draw"):
            marked.extend(artist)
        else:
            marked.append(artist)


class ChartCanvas:
    """Renders one chart to PNG again and again, redrawing only what changed.

    ``render(fig)`` draws a figure it has not seen before whole, keeping the pixels of everything but
    its ``live`` artists. Given the same figure again (after a chart's ``update_*`` function changed its
    live artists in place: a marker's position, a title, bar heights), it restores those pixels and
    draws only the live artists: no layout, no ticks, no text other than the live ones.
    ``last_mode`` says which happened (``"full"`` or ``"live"``). PNGs are compressed lightly (zlib
    level 1): a few per cent bigger, several times faster to make than matplotlib's default.
    """

    def __init__(self, dpi: int = 100) -> None:
        self.dpi = dpi
        self.last_mode = ""
        self._figure: Figure | None = None
        self._canvas: Any = None
        self._background: Any = None

    def render(self, fig: Figure) -> bytes:
        """The PNG of ``fig`` (see the class docstring for what is redrawn)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        marked = sorted(getattr(fig, "_crm_live", ()), key=lambda a: a.get_zorder())
        with matplotlib.rc_context(rc()):
            if fig is self._figure and self._canvas is not None:
                self._canvas.restore_region(self._background)
                self.last_mode = "live"
            else:
                fig.set_dpi(self.dpi)
                canvas = FigureCanvasAgg(fig)
                for artist in marked:
                    artist.set_animated(True)
                canvas.draw()  # runs the layout engine once, then draws the static artists
                self._background = canvas.copy_from_bbox(fig.bbox)
                for artist in marked:
                    artist.set_animated(False)
                fig.set_layout_engine("none")  # keep the layout: later frames only redraw live artists
                self._figure, self._canvas = fig, canvas
                self.last_mode = "full"
            renderer = self._canvas.get_renderer()
            for artist in marked:
                if artist.get_visible():
                    artist.draw(renderer)
            return self._png()

    def _png(self) -> bytes:
        from PIL import Image

        width, height = self._canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self._canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()
