"""A widget whose callback raises shows the error inside the widget, in a real browser.

ipywidgets sends an exception raised in an observer to JupyterLab's log console, out of the
student's sight; every crmlib app runs its update through ``App._safe_update``, which writes the
error into the widget's own text area instead. This test builds a small app on that base whose update
fails for negative values, moves its slider below zero by keyboard and reads the widget.
"""

from __future__ import annotations

from .lab import Lab

APP = '''
import ipywidgets as w
from crmlib import plots
from crmlib.widgets._app import App


class Fragile(App):
    def __init__(self):
        super().__init__(language="en")
        self.x = w.IntSlider(value=1, min=-3, max=3, description="Fragile x")
        self._build([self.x, self.text, self.image_area("300px")], controls=[self.x])

    def update(self):
        if self.x.value < 0:
            raise ValueError(f"x must be at least 0; got {self.x.value}")
        fig = plots.new_figure((3, 2))
        fig.axes[0].bar([0], [self.x.value])
        self.text.value = f"x squared is {self.x.value ** 2}"
        self.show(fig)


Fragile()
'''


def test_a_raising_callback_shows_its_error_in_the_widget(lab: Lab) -> None:
    nb = lab.open_notebook(lab.write_notebook("scratch/widget_error.ipynb", [APP]))
    try:
        nb.run_all()
        assert nb.errors() == []
        nb.find_widget(lambda text: "x squared is 1" in text or None, "the app's first text")
        before = nb.widget_views()
        nb.move_slider("Fragile x", -1)  # 1 → 0: still fine
        good = nb.wait_for_change(nb.widget_views, before, until=lambda views: any(
            "x squared is 0" in v.text for v in views))
        last_good = next(v for v in good if "x squared is 0" in v.text)
        nb.move_slider("Fragile x", -1)  # 0 → -1: the update raises
        after = nb.wait_for_change(nb.widget_views, good, until=lambda views: any(
            "x must be at least 0; got -1" in v.text for v in views))
        shown = next(v for v in after if "x must be at least 0" in v.text)
        assert "could not update (ValueError)" in shown.text
        assert shown.digests == last_good.digests  # the chart keeps its last good state
        assert not any("log console" in e for e in nb.errors())  # nothing escaped to the log console
        nb.screenshot("widget_error")
        nb.move_slider("Fragile x", +3)  # up to 2: the error goes, the chart redraws
        recovered = nb.wait_for_change(nb.widget_views, after, until=lambda views: any(
            "x squared is 4" in v.text for v in views))
        assert not any("could not update" in v.text for v in recovered)
    finally:
        nb.close()
