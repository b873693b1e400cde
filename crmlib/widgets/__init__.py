"""Interactive apps: ipywidgets controls wired to analysis functions and charts, with no logic of their own.

Each app shows its chart as an ``ipywidgets.Image`` and its numbers as ``ipywidgets.HTML``, so a test can
move a control and read the result without a kernel or a browser. One module per app; each lesson adds
its own and re-exports its public functions here.
"""

from crmlib.widgets._app import renamed

# One line per module, in lesson order. `__all__` is built from these imports.
from crmlib.widgets.retention import RetentionApp, retention_app
from crmlib.widgets.retention_economics import RetentionEconomicsApp, retention_economics_app
from crmlib.widgets.pyramid import PyramidApp, pyramid_app
from crmlib.widgets.valuechain import ValueChainApp, value_chain_app
from crmlib.widgets.maturity import MaturityApp, maturity_app
from crmlib.widgets.funnel import FunnelApp, funnel_app
from crmlib.widgets.clv import CLVApp, clv_app
from crmlib.widgets.portfolio import PortfolioApp, portfolio_app
from crmlib.widgets.whale import WhaleApp, whale_app
from crmlib.widgets.campaign import CampaignApp, campaign_app
from crmlib.widgets.survival import SurvivalApp, survival_app
from crmlib.widgets.crosssell import CrossSellApp, cross_sell_app

__all__ = [
    "RetentionApp",
    "retention_app",
    "RetentionEconomicsApp",
    "retention_economics_app",
    "PyramidApp",
    "pyramid_app",
    "ValueChainApp",
    "value_chain_app",
    "MaturityApp",
    "maturity_app",
    "FunnelApp",
    "funnel_app",
    "CLVApp",
    "clv_app",
    "PortfolioApp",
    "portfolio_app",
    "WhaleApp",
    "whale_app",
    "CampaignApp",
    "campaign_app",
    "SurvivalApp",
    "survival_app",
    "CrossSellApp",
    "cross_sell_app",
]

#: Every app's class ends in ``App`` and its factory is the class's name in snake_case
#: (``CLVApp`` → ``clv_app``). The names before that rename still work for one release, with a
#: ``DeprecationWarning``.
RENAMED = {
    "RetentionDemo": "RetentionApp",
    "retention_demo": "retention_app",
    "RetentionCalculator": "RetentionEconomicsApp",
    "retention_calculator": "retention_economics_app",
    "customer_pyramid": "pyramid_app",
    "CLVCalculator": "CLVApp",
    "clv_calculator": "clv_app",
    "portfolio_matrix": "portfolio_app",
    "CampaignPlanner": "CampaignApp",
    "campaign_planner": "campaign_app",
    "SurvivalExplorer": "SurvivalApp",
    "survival_explorer": "survival_app",
    "CrossSellExplorer": "CrossSellApp",
    "crosssell_explorer": "cross_sell_app",
}
__getattr__ = renamed(__name__, RENAMED)
