"""Charts: take analysis results, return matplotlib Figures. No computation beyond layout.

Every chart labels its axes with units and states its finding in the title, in the current language
(``crmlib.set_language``); Chinese falls back to English where no CJK font is installed (see
``crmlib.style.chart_language``). Charts are ``ChartFigure`` objects: Jupyter shows them as PNG, and
they are drawn in the kit's style without changing matplotlib's global settings.

One module per kind of chart; each lesson adds its own and re-exports its public functions here.
"""

# One line per module, in lesson order. `__all__` is built from these imports.
from crmlib.plots.base import ChartCanvas, ChartFigure, figure_png, live, new_figure, parts
from crmlib.plots.retention import survivors_chart, update_survivors_chart
from crmlib.plots.economics import money, retention_cost_chart, update_retention_cost_chart, word_of_mouth_chart
from crmlib.plots.pyramid import pyramid_chart, update_pyramid_chart
from crmlib.plots.valuechain import chain_diagram, link_economics_chart
from crmlib.plots.maturity import maturity_radar
from crmlib.plots.funnel import funnel_chart
from crmlib.plots.portfolio import (clv_chart, cohort_chart, largest_accounts_chart, lorenz_chart, matrix_chart,
                                     update_clv_chart, update_matrix_chart, update_whale_chart,
                                     pareto_chart, rfm_chart, whale_chart)
from crmlib.plots.churn import driver_chart, gains_chart, monthly_churn_chart, survival_chart, update_survival_chart
from crmlib.plots.campaign import campaign_chart, holding_chart, update_campaign_chart, update_holding_chart, uplift_chart

__all__ = [
    "ChartCanvas",
    "ChartFigure",
    "figure_png",
    "live",
    "new_figure",
    "parts",
    "survivors_chart",
    "update_survivors_chart",
    "money",
    "retention_cost_chart",
    "update_retention_cost_chart",
    "word_of_mouth_chart",
    "pyramid_chart",
    "update_pyramid_chart",
    "chain_diagram",
    "link_economics_chart",
    "maturity_radar",
    "funnel_chart",
    "clv_chart",
    "cohort_chart",
    "largest_accounts_chart",
    "lorenz_chart",
    "matrix_chart",
    "pareto_chart",
    "rfm_chart",
    "whale_chart",
    "update_clv_chart",
    "update_matrix_chart",
    "update_whale_chart",
    "driver_chart",
    "gains_chart",
    "monthly_churn_chart",
    "survival_chart",
    "update_survival_chart",
    "campaign_chart",
    "update_campaign_chart",
    "holding_chart",
    "update_holding_chart",
    "uplift_chart",
]
