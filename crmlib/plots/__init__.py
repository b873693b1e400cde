"""Charts: take analysis results, return matplotlib Figures. No computation beyond layout.

Every chart labels its axes with units and states its finding in the title, in the current language
(``crmlib.set_language``); Chinese falls back to English where no CJK font is installed (see
``crmlib.style.chart_language``). Charts are ``ChartFigure`` objects: Jupyter shows them as PNG, and
they are drawn in the kit's style without changing matplotlib's global settings.

One module per kind of chart; each lesson adds its own and names its public functions in `_WHERE` below.
"""

from __future__ import annotations

from crmlib._lazy import lazy_exports

# Each name and the submodule that defines it, one line per module in lesson order. A submodule is
# imported when one of its names is first used, so ``from crmlib import plots`` does not import
# matplotlib (a third of a second) before the first chart is drawn.
_WHERE = {
    "base": ["ChartCanvas", "ChartFigure", "figure_png", "live", "new_figure", "parts"],
    "retention": ["survivors_chart", "update_survivors_chart"],
    "economics": ["money", "retention_cost_chart", "update_retention_cost_chart", "word_of_mouth_chart"],
    "pyramid": ["pyramid_chart", "update_pyramid_chart"],
    "valuechain": ["chain_diagram", "link_economics_chart"],
    "maturity": ["maturity_radar"],
    "funnel": ["funnel_chart"],
    "portfolio": ["clv_chart", "cohort_chart", "largest_accounts_chart", "lorenz_chart", "matrix_chart",
                  "update_clv_chart", "update_matrix_chart", "update_whale_chart", "pareto_chart", "rfm_chart",
                  "whale_chart"],
    "churn": ["driver_chart", "gains_chart", "monthly_churn_chart", "survival_chart", "update_survival_chart"],
    "campaign": ["campaign_chart", "holding_chart", "update_campaign_chart", "update_holding_chart", "uplift_chart"],
}

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

_MODULE_OF, __getattr__, __dir__ = lazy_exports(globals(), _WHERE)
