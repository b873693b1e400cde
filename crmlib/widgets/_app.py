"""The base every widget app of the kit is built on: controls, a text area, chart images, one safe
update, and fast chart redraws.

An app subclasses ``App``, builds its controls, calls ``self._build(rows, controls)`` once, and
writes ``update()``: compute with the analysis layer, set ``self.text.value``, and pass each new chart
to ``self.show(fig)``. ``App`` does the rest:

* every control's change runs ``_safe_update``: an exception inside ``update()`` is shown in the
  widget's own text area (ipywidgets would otherwise drop it out of sight, into the log console), the
  chart keeps its last good state, and the exception stays in ``last_error`` for a test or a debugger;
* ``show(fig)`` renders through a ``crmlib.plots.ChartCanvas``: the first chart is drawn whole, and
  later ones redraw only their ``live`` artists over the kept pixels while the rest is unchanged;
* ``_repr_mimebundle_`` shows the app as the last value of a cell.

    >>> import ipywidgets as w
    >>> class Square(App):
    ...     def __init__(self):
    ...         super().__init__(language="en")
    ...         self.x = w.IntSlider(value=2, min=-3, max=3)
    ...         self._build([self.x], controls=[self.x])
    ...     def update(self):
    ...         if self.x.value < 0:
    ...             raise ValueError("x must be at least 0")
    ...         self.text.value = str(self.x.value ** 2)
    >>> app = Square()
    >>> app.text.value
    '4'
    >>> app.x.value = -1            # the callback raises: the widget says so instead of going quiet
    >>> "x must be at least 0" in app.text.value, type(app.last_error).__name__
    (True, 'ValueError')
    >>> app.x.value = 3
    >>> app.text.value, app.last_error is None
    ('9', True)
"""

from __future__ import annotations

import html
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from crmlib.i18n import get_language, t

#: Style of the error box shown in place of an app's text when its update fails.
ERROR_STYLE = ("border-left:4px solid #D55E00;background:#FFF4EC;padding:4px 8px;margin:2px 0;"
               "font-family:var(--jp-code-font-family, monospace);white-space:pre-wrap")


class App:
    """Base of the kit's widget apps (see the module docstring)."""

    #: ``dpi`` of each chart image, by its position in ``images`` (one value for all of them).
    dpi: int = 100

    def __init__(self, language: str | None = None) -> None:
        import ipywidgets as w

        self.language = language or get_language()
        self.text = w.HTML()
        self.last_error: BaseException | None = None
        self.images: list[Any] = []
        self._canvases: list[Any] = []
        self._charts: dict[int, tuple[Any, Any]] = {}
        self.widget: Any = None
        self._quiet = False

    # -- building ---------------------------------------------------------------------------
    def image_area(self, width: str, *, max_width: str | None = None) -> Any:
        """A new chart image (an ``ipywidgets.Image``) with its own ``ChartCanvas``."""
        import ipywidgets as w

        from crmlib.plots.base import ChartCanvas

        layout = w.Layout(width="100%", max_width=max_width) if max_width else w.Layout(width=width)
        image = w.Image(format="png", layout=layout)
        self.images.append(image)
        self._canvases.append(ChartCanvas(dpi=self.dpi))
        return image

    @property
    def image(self) -> Any:
        """The app's (first) chart image."""
        if not self.images:
            self.image_area("640px")
        return self.images[0]

    def _build(self, rows: Sequence[Any], controls: Sequence[Any]) -> None:
        """Lay out ``rows`` (controls, ``self.text``, images ...) in a column, watch ``controls`` and
        run the first update. Errors in that first update are raised: bad input fails early."""
        import ipywidgets as w

        self.widget = w.VBox(list(rows))
        self.controls = list(controls)
        for control in self.controls:
            control.observe(self._safe_update, names="value")
        self.update()

    # -- updating ---------------------------------------------------------------------------
    def update(self) -> None:  # pragma: no cover - every app defines it
        """Recompute and show the numbers and the chart for the controls' values."""
        raise NotImplementedError

    def _safe_update(self, _change: object = None) -> None:
        """Run ``update()``; show any exception in the widget's text area instead of losing it."""
        if self._quiet:
            return
        try:
            self.update()
        except Exception as error:  # noqa: BLE001 - shown to the user, kept in last_error
            self.last_error = error
            self.show_error(error)
        else:
            self.last_error = None

    def show_error(self, error: BaseException) -> None:
        """Put ``error`` in the text area, in the app's language (the chart keeps its last state)."""
        message = t("widget.error", self.language, kind=type(error).__name__, error=str(error))
        self.text.value = f"<div class='crm-widget-error' style='{ERROR_STYLE}'>{html.escape(message)}</div>"

    def quietly(self) -> Any:
        """A context in which control changes do not trigger updates (to set several at once)."""
        app = self

        class _Quiet:
            def __enter__(self) -> None:
                app._quiet = True

            def __exit__(self, *exc: object) -> None:
                app._quiet = False

        return _Quiet()

    def show(self, fig: Any, index: int = 0) -> None:
        """Render ``fig`` into chart image ``index`` (redrawing only its live artists where it can)."""
        if index >= len(self.images):
            raise IndexError(f"the app has {len(self.images)} chart image(s); got index {index}")
        self.images[index].value = self._canvases[index].render(fig)

    def show_chart(self, key: Any, build: Any, refresh: Any = None, index: int = 0) -> None:
        """Show chart ``index``: ``build()`` a new figure when ``key`` (what the chart's static part
        depends on) differs from the previous update's, else ``refresh(fig)`` changes the live artists
        of the figure on show, in place, and only those are redrawn. A ``refresh`` that returns
        ``False`` says the change reaches beyond the live artists (e.g. an axis limit): the chart is
        then built anew."""
        state = self._charts.get(index)
        if refresh is None or state is None or state[0] != key or refresh(state[1]) is False:
            fig = build()
            self._charts[index] = (key, fig)
        else:
            fig = state[1]
        self.show(fig, index)

    @property
    def last_render(self) -> str:
        """How the last chart was drawn: ``"full"`` or ``"live"`` (only its live artists)."""
        return self._canvases[0].last_mode if self._canvases else ""

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)


def nice_step(span: float, steps: int = 100) -> float:
    """A round slider step: the largest 1, 2 or 5 × a power of ten that is at most ``span / steps``.

    >>> nice_step(54_480), nice_step(3.0), nice_step(0)
    (500.0, 0.02, 1.0)
    """
    import math

    if span <= 0:
        return 1.0
    raw = span / steps
    power = 10.0 ** math.floor(math.log10(raw))
    mantissa = max(m for m in (1, 2, 5) if m * power <= raw * 1.000001)
    return float(f"{mantissa * power:.6g}")


def nice_max(value: float, step: float) -> float:
    """``value`` rounded up to a whole number of ``step``s (a slider's top end).

    >>> nice_max(54_480, 500), nice_max(0, 1)
    (54500.0, 1.0)
    """
    import math

    return float(max(step, math.ceil(value / step - 1e-9) * step))


def renamed(module: str, names: Mapping[str, str], *, stacklevel: int = 2) -> Callable[[str], Any]:
    """A module ``__getattr__`` that keeps the old names of renamed apps working for one release.

    ``names`` maps each old name to its new one in ``module``; reading an old name warns with a
    ``DeprecationWarning`` that says the new name, and gives the new object itself (so the old factory
    returns the same app). Any other unknown name raises ``AttributeError`` as usual.

    Parameters
    ----------
    module : str
        The module's ``__name__``.
    names : mapping of str to str
        Old name → new name.
    stacklevel : int, default 2
        Passed to ``warnings.warn``: 2 when the result is the module's ``__getattr__`` itself, one more
        for each function between it and the user's code (so the warning names the user's line).

    Returns
    -------
    callable
        The function to assign to the module's ``__getattr__``.

    Examples
    --------
    >>> import warnings
    >>> from crmlib import widgets
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     old = widgets.clv_calculator
    >>> old is widgets.clv_app, caught[0].category.__name__
    (True, 'DeprecationWarning')
    >>> str(caught[0].message)
    'crmlib.widgets.clv_calculator is now crmlib.widgets.clv_app; the old name goes in the next release'
    """
    old_names = dict(names)

    def __getattr__(name: str) -> Any:
        if name in old_names:
            new = old_names[name]
            warnings.warn(f"{module}.{name} is now {module}.{new}; the old name goes in the next release",
                          DeprecationWarning, stacklevel=stacklevel)
            return getattr(sys.modules[module], new)
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
