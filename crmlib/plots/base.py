"""The figure every chart of the kit is drawn on, and its PNG rendering.

    >>> fig = new_figure()
    >>> figure_png(fig)[:4]
    b'\\x89PNG'
"""

from __future__ import annotations

import io

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
    return buffer.getvalue()
