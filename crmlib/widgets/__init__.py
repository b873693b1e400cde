"""Interactive apps: ipywidgets controls wired to analysis functions and charts, with no logic of their own.

Each app shows its chart as an ``ipywidgets.Image`` and its numbers as ``ipywidgets.HTML``, so a test can
move a control and read the result without a kernel or a browser. One module per app; each lesson adds
its own and re-exports its public functions here.
"""

# One line per module, in lesson order. `__all__` is built from these imports.
from crmlib.widgets.retention import RetentionDemo, retention_demo
from crmlib.widgets.retention_economics import RetentionCalculator, retention_calculator
from crmlib.widgets.pyramid import PyramidApp, customer_pyramid
from crmlib.widgets.valuechain import ValueChainApp, value_chain_app
from crmlib.widgets.maturity import MaturityApp, maturity_app
from crmlib.widgets.funnel import FunnelApp, funnel_app
from crmlib.widgets.clv import CLVCalculator, clv_calculator
from crmlib.widgets.portfolio import PortfolioApp, portfolio_matrix
from crmlib.widgets.whale import WhaleApp, whale_app
from crmlib.widgets.campaign import CampaignPlanner, campaign_planner
from crmlib.widgets.survival import SurvivalExplorer, survival_explorer
from crmlib.widgets.crosssell import CrossSellExplorer, crosssell_explorer

__all__ = [
    "RetentionDemo",
    "retention_demo",
    "RetentionCalculator",
    "retention_calculator",
    "PyramidApp",
    "customer_pyramid",
    "ValueChainApp",
    "value_chain_app",
    "MaturityApp",
    "maturity_app",
    "FunnelApp",
    "funnel_app",
    "CLVCalculator",
    "clv_calculator",
    "PortfolioApp",
    "portfolio_matrix",
    "WhaleApp",
    "whale_app",
    "CampaignPlanner",
    "campaign_planner",
    "SurvivalExplorer",
    "survival_explorer",
    "CrossSellExplorer",
    "crosssell_explorer",
]
