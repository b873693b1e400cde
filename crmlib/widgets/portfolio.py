"""Lesson 03's portfolio matrix with adjustable thresholds: live counts, margin and CLV per cell, and the
strategy for each cell.

Two sliders set which share of customers counts as "high" current value and "high" potential value;
``crmlib.portfolio`` places the customers and sums each cell, ``crmlib.plots.portfolio.matrix_chart``
draws the grid::

    >>> import pandas as pd
    >>> t = pd.DataFrame({"current_value": [900.0, 800.0, 50.0, 40.0, -30.0, 20.0],
    ...                   "potential_value": [700.0, 10.0, 900.0, 5.0, 2.0, 1.0]})
    >>> app = portfolio_app(t, current_top=0.35, potential_top=0.35, language="en")
    >>> app.summary()["customers"].tolist()
    [1, 1, 1, 2, 1]
    >>> app.current_top.value = 0.05
    >>> app.summary()["customers"].tolist()
    [1, 0, 1, 3, 1]
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from crmlib import portfolio
from crmlib.i18n import t
from crmlib.plots.economics import money
from crmlib.plots.portfolio import CELL_COLOURS, CURRENCY, matrix_chart, update_matrix_chart
from crmlib.widgets._app import App, renamed

if TYPE_CHECKING:
    import pandas as pd


class PortfolioApp(App):
    """Two threshold sliders, a table of customers, margin, CLV and strategy per cell, and the matrix.

    Build it with ``portfolio_app()``.
    """

    dpi = 80

    def __init__(self, table: pd.DataFrame, current: str, potential: str, margin: str | None, clv: str | None,
                 current_top: float, potential_top: float, language: str | None) -> None:
        import ipywidgets as w

        self.values = [c for c in (margin, clv) if c is not None]
        portfolio.value_matrix(table, current=current, potential=potential)  # validate before building controls
        portfolio.cell_summary(table, portfolio.value_matrix(table, current=current, potential=potential),
                               list(dict.fromkeys([current, *self.values])))
        super().__init__(language)
        self.table, self.current, self.potential, self.margin, self.clv = table, current, potential, margin, clv
        lang = self.language
        style, layout = {"description_width": "initial"}, w.Layout(width="460px")
        common = dict(min=0.05, max=0.95, step=0.05, readout_format=".0%", continuous_update=True, style=style,
                      layout=layout)
        self.current_top = w.FloatSlider(value=float(current_top), description=t("widget.matrix.current", lang),
                                         **common)
        self.potential_top = w.FloatSlider(value=float(potential_top),
                                           description=t("widget.matrix.potential", lang), **common)
        self.sliders = [self.current_top, self.potential_top]
        self._build([*self.sliders, self.text, self.image_area("720px")], controls=self.sliders)

    def thresholds(self) -> tuple[float, float]:
        """The current- and potential-value thresholds (¥) that the sliders' shares imply."""
        return (portfolio.threshold_for_share(self.table, float(self.current_top.value), self.current),
                portfolio.threshold_for_share(self.table, float(self.potential_top.value), self.potential))

    def cells(self) -> pd.Series:
        """Each customer's cell for the current thresholds (``portfolio.value_matrix``)."""
        return self.compute()[2]

    def summary(self) -> pd.DataFrame:
        """Customers and value per cell for the current thresholds (``portfolio.cell_summary``)."""
        return self.compute()[3]

    def compute(self) -> tuple[float, float, pd.Series, pd.DataFrame]:
        """Everything an update needs: the two thresholds, each customer's cell, and the cell summary."""
        current_threshold, potential_threshold = self.thresholds()
        cells = portfolio.value_matrix(self.table, current=self.current, potential=self.potential,
                                       current_threshold=current_threshold, potential_threshold=potential_threshold)
        summary = portfolio.cell_summary(self.table, cells, list(dict.fromkeys([self.current, *self.values])),
                                         language=self.language)
        return current_threshold, potential_threshold, cells, summary

    def update(self) -> None:
        lang = self.language
        current_threshold, potential_threshold, cells, summary = self.compute()
        heads = [t("widget.matrix.col.cell", lang), t("widget.matrix.col.customers", lang)]
        heads += [t(f"widget.matrix.col.{kind}", lang) for kind, column in (("margin", self.margin),
                                                                                   ("clv", self.clv)) if column]
        heads.append(t("widget.matrix.col.strategy", lang))
        cell_style = "padding:2px 8px;text-align:{align};vertical-align:top"
        rows = []
        for name, row in summary.iterrows():
            cells_html = [f"<td style='{cell_style.format(align='left')};color:{CELL_COLOURS[name]}'><b>"
                          f"{html.escape(portfolio.cell_name(name, lang))}</b></td>",
                          f"<td style='{cell_style.format(align='right')}'>{int(row['customers']):,} "
                          f"({row['customer_share']:.0%})</td>"]
            for column in self.values:
                cells_html.append(f"<td style='{cell_style.format(align='right')}'>"
                                  f"{html.escape(money(float(row[column]), CURRENCY, lang))}</td>")
            cells_html.append(f"<td style='{cell_style.format(align='left')};max-width:380px'>"
                              f"{html.escape(str(row['strategy']))}</td>")
            rows.append("<tr>" + "".join(cells_html) + "</tr>")
        header = "<tr>" + "".join(f"<th style='{cell_style.format(align='left')}'>{html.escape(h)}</th>"
                                  for h in heads) + "</tr>"
        note = t("widget.matrix.thresholds", lang, current=money(current_threshold, CURRENCY, lang),
                 potential=money(potential_threshold, CURRENCY, lang))
        self.text.value = f"<p>{html.escape(note)}</p><table style='font-size:12px'>{header}{''.join(rows)}</table>"
        self.show_chart(None, lambda: matrix_chart(self.table, cells, x=self.current, y=self.potential,
                                                   x_threshold=current_threshold, y_threshold=potential_threshold,
                                                   summary=summary, kind="value", language=lang),
                        lambda fig: update_matrix_chart(fig, cells, x_threshold=current_threshold,
                                                        y_threshold=potential_threshold, summary=summary,
                                                        language=lang))


def portfolio_app(table: pd.DataFrame, *, current: str = "current_value", potential: str = "potential_value",
                     margin: str | None = None, clv: str | None = None, current_top: float = 0.25,
                     potential_top: float = 0.25, language: str | None = None) -> PortfolioApp:
    """The current × potential value matrix of ``table`` (one row per customer) with two threshold sliders.

    ``current_top`` / ``potential_top``: the share of customers counted as high current / high
    potential value (the thresholds are the matching quantiles, shown in ¥). ``margin`` and ``clv``
    name columns to add up per cell (e.g. the year's profit and the customers' CLV).

    >>> import pandas as pd
    >>> t = pd.DataFrame({"current_value": [5.0, 1.0], "potential_value": [1.0, 5.0]})
    >>> app = portfolio_app(t, current_top=0.5, potential_top=0.5, language="en")
    >>> app.cells().tolist()
    ['retain', 'cultivate']
    """
    return PortfolioApp(table, current, potential, margin, clv, current_top, potential_top, language)


#: The old names, kept for one release (``DeprecationWarning``); the suffix of every app is now ``App``.
__getattr__ = renamed(__name__, {"portfolio_matrix": "portfolio_app"})
