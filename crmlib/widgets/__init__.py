"""Interactive apps: ipywidgets controls wired to analysis functions and charts, with no logic of their own.

Each app shows its chart as an ``ipywidgets.Image`` and its numbers as ``ipywidgets.HTML``, so a test can
move a control and read the result without a kernel or a browser. One module per app; each lesson adds
its own and re-exports its public functions here.
"""

from crmlib.widgets.retention import RetentionDemo, retention_demo
from crmlib.widgets.retention_economics import RetentionCalculator, retention_calculator
from crmlib.widgets.pyramid import PyramidApp, customer_pyramid
from crmlib.widgets.valuechain import ValueChainApp, value_chain_app
from crmlib.widgets.maturity import MaturityApp, maturity_app
from crmlib.widgets.funnel import FunnelApp, funnel_app
from crmlib.widgets.clv import CLVCalculator, clv_calculator
from crmlib.widgets.portfolio import PortfolioApp, portfolio_matrix
from crmlib.widgets.whale import WhaleApp, whale_app

__all__ = ["RetentionDemo", "retention_demo"]
