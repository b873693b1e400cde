"""Interactive apps: ipywidgets controls wired to analysis functions and charts, with no logic of their own.

Each app shows its chart as an ``ipywidgets.Image`` and its numbers as ``ipywidgets.HTML``, so a test can
move a control and read the result without a kernel or a browser. One module per app; each lesson adds
its own and names its public functions in `_WHERE` below.
"""

from __future__ import annotations

from crmlib._lazy import lazy_exports
from crmlib.widgets._app import renamed

# Each app's module and the two names it defines (class, factory), one line per module in lesson order.
# A module is imported when one of its names is first used, so ``from crmlib import widgets`` imports
# neither ipywidgets nor matplotlib until a lesson builds its first app.
_WHERE = {
    "retention": ["RetentionApp", "retention_app"],
    "retention_economics": ["RetentionEconomicsApp", "retention_economics_app"],
    "pyramid": ["PyramidApp", "pyramid_app"],
    "valuechain": ["ValueChainApp", "value_chain_app"],
    "maturity": ["MaturityApp", "maturity_app"],
    "funnel": ["FunnelApp", "funnel_app"],
    "clv": ["CLVApp", "clv_app"],
    "portfolio": ["PortfolioApp", "portfolio_app"],
    "whale": ["WhaleApp", "whale_app"],
    "campaign": ["CampaignApp", "campaign_app"],
    "survival": ["SurvivalApp", "survival_app"],
    "crosssell": ["CrossSellApp", "cross_sell_app"],
}

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
_renamed = renamed(__name__, RENAMED, stacklevel=3)  # warned from inside the __getattr__ below

_MODULE_OF, __getattr__, __dir__ = lazy_exports(globals(), _WHERE, missing=_renamed)
