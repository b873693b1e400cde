"""The widget base (crmlib.widgets._app.App) and the fast chart path (crmlib.plots.base.ChartCanvas),
without a browser: errors show in the widget, charts redraw only their live artists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import datasets, plots, widgets
from crmlib.plots.base import ChartCanvas, live, new_figure
from crmlib.widgets._app import App


class Boom(App):
    """An app whose update fails for negative slider values."""

    def __init__(self, language: str = "en") -> None:
        import ipywidgets as w

        super().__init__(language)
        self.x = w.IntSlider(value=1, min=-5, max=5)
        self.updates = 0
        self._build([self.x, self.text, self.image_area("300px")], controls=[self.x])

    def update(self) -> None:
        self.updates += 1
        if self.x.value < 0:
            raise ZeroDivisionError(f"cannot draw x = {self.x.value}")
        fig = new_figure((2, 1))
        fig.axes[0].plot([0, 1], [0, self.x.value])
        self.text.value = f"x = {self.x.value}"
        self.show(fig)


def test_safe_update_shows_the_error_in_the_widget_and_keeps_the_chart() -> None:
    app = Boom()
    good_png = app.image.value
    app.x.value = -2
    assert "crm-widget-error" in app.text.value
    assert "ZeroDivisionError" in app.text.value and "cannot draw x = -2" in app.text.value
    assert isinstance(app.last_error, ZeroDivisionError)
    assert app.image.value == good_png  # the chart keeps its last good state
    app.x.value = 3  # a good value clears the error
    assert app.text.value == "x = 3" and app.last_error is None and app.image.value != good_png


def test_the_error_message_is_in_the_apps_language() -> None:
    app = Boom(language="zh")
    app.x.value = -1
    assert "此交互控件未能更新" in app.text.value


def test_errors_in_the_first_update_are_raised() -> None:
    class Bad(Boom):
        def update(self) -> None:
            raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        Bad()


def test_quietly_holds_back_updates() -> None:
    app = Boom()
    before = app.updates
    with app.quietly():
        app.x.value = 4
        app.x.value = 5
    assert app.updates == before


def test_every_app_shows_as_a_widget() -> None:
    app = widgets.retention_app(language="en")
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_chart_canvas_redraws_live_artists_like_a_full_draw() -> None:
    """A live frame has the same pixels as drawing the changed figure whole."""
    def chart(x: float):
        fig = new_figure((3, 2))
        ax = fig.axes[0]
        ax.plot([0, 1], [0, 1])
        ax.set_xlim(0, 1)
        marker = ax.axvline(x, color="red")
        live(fig, marker)
        return fig, marker

    canvas = ChartCanvas(dpi=60)
    fig, marker = chart(0.2)
    canvas.render(fig)
    marker.set_xdata([0.7, 0.7])
    fast = canvas.render(fig)
    assert canvas.last_mode == "live"
    whole = ChartCanvas(dpi=60).render(chart(0.7)[0])
    from io import BytesIO

    from PIL import Image

    a = np.asarray(Image.open(BytesIO(fast)).convert("RGB"), dtype=int)
    b = np.asarray(Image.open(BytesIO(whole)).convert("RGB"), dtype=int)
    assert a.shape == b.shape
    assert (np.abs(a - b) > 40).mean() < 0.002  # anti-aliasing aside, the same picture


def test_widget_updates_use_the_live_path() -> None:
    base = pd.DataFrame({"risk": [0.5, 0.4, 0.1, 0.2], "clv": [1000.0, 3000.0, 8000.0, 500.0],
                         "effect": [0.5, -0.5, 0.5, 0.5]})
    app = widgets.campaign_app(base, budget=100, offer_cost=50, language="en")
    assert app.last_render == "full"
    png = app.image.value
    app.budget.value = 150
    assert app.last_render == "live" and app.image.value != png
    app.offer_cost.value = 60  # the curves change: drawn whole
    assert app.last_render == "full"


def test_update_functions_refuse_changes_beyond_their_live_artists() -> None:
    fig = plots.survivors_chart([1000, 800, 640], retention_rate=0.8, language="en")
    assert plots.update_survivors_chart(fig, [1000, 900, 810], 0.9, language="en") is True
    assert plots.update_survivors_chart(fig, [500, 400, 320], 0.8, language="en") is False  # another start


def test_slider_ranges_fit_each_quantity() -> None:
    app = widgets.value_chain_app(datasets.load("telecom", "value_chain"), year=2025, language="en")
    tops = {k: s.max for k, s in app.cost_sliders.items()}
    assert len(set(tops.values())) > 1  # not one range for every link
    for key, slider in app.cost_sliders.items():
        assert slider.value <= slider.max <= max(2.2 * slider.value, 10 + 2 * app.revenue_sliders[key].value + 50)


# ------------------------------------------------------------------ one suffix, factories named after classes


def _snake(name: str) -> str:
    """``CLVApp`` → ``clv_app``, ``CrossSellApp`` → ``cross_sell_app``."""
    import re

    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def test_every_app_class_ends_in_app_and_its_factory_is_its_snake_case_name() -> None:
    import inspect

    classes = [name for name in widgets.__all__ if inspect.isclass(getattr(widgets, name))]
    factories = [name for name in widgets.__all__ if not inspect.isclass(getattr(widgets, name))]
    assert len(classes) == 12 and all(issubclass(getattr(widgets, c), App) for c in classes)
    assert [c for c in classes if not c.endswith("App")] == []
    assert sorted(factories) == sorted(_snake(c) for c in classes)
    for name in factories:  # each factory says what it returns
        annotation = inspect.signature(getattr(widgets, name)).return_annotation
        assert _snake(str(annotation)) == name, (name, annotation)


@pytest.mark.parametrize(("old", "new"), sorted(widgets.RENAMED.items()))
def test_each_old_name_warns_and_gives_the_new_one(old: str, new: str) -> None:
    with pytest.warns(DeprecationWarning, match=rf"crmlib\.widgets\.{old} is now crmlib\.widgets\.{new}; "):
        value = getattr(widgets, old)
    assert value is getattr(widgets, new)
    module = getattr(widgets, new).__module__
    import importlib

    with pytest.warns(DeprecationWarning, match=rf"{module}\.{old} is now {module}\.{new}"):
        assert getattr(importlib.import_module(module), old) is value
    assert old not in widgets.__all__


def test_an_old_factory_returns_the_same_kind_of_app() -> None:
    with pytest.warns(DeprecationWarning, match="retention_demo is now crmlib.widgets.retention_app"):
        app = widgets.retention_demo(language="en")
    assert type(app) is widgets.RetentionApp
    assert app.text.value == widgets.retention_app(language="en").text.value
    with pytest.warns(DeprecationWarning, match="CLVCalculator"):
        from crmlib.widgets import CLVCalculator
    assert isinstance(widgets.clv_app(language="en"), CLVCalculator)
    with pytest.raises(AttributeError, match="has no attribute 'no_such_app'"):
        widgets.no_such_app  # noqa: B018 - an unknown name still fails


def test_plots_and_widgets_import_their_modules_on_first_use() -> None:
    """``from crmlib import plots, widgets`` (every lesson's first cell) imports neither matplotlib nor
    ipywidgets; each public name still resolves to its module's object, and ``__all__`` lists exactly
    the names the lazy tables know."""
    import subprocess
    import sys

    probe = ("import sys\nfrom crmlib import plots, widgets\n"
             "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

    import importlib

    from crmlib import plots, widgets

    for package in (plots, widgets):
        assert sorted(package._MODULE_OF) == sorted(package.__all__)
        for name in package.__all__:
            module = importlib.import_module(f"{package.__name__}.{package._MODULE_OF[name]}")
            assert getattr(package, name) is getattr(module, name)
    assert widgets.portfolio.__name__ == "crmlib.widgets.portfolio"
    with pytest.raises(AttributeError, match="no attribute 'no_such_chart'"):
        plots.no_such_chart
