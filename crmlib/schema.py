"""The vocabulary of the kit's data: every categorical column's categories, in their fixed order.

The generator (``crmlib.synth``), the loader (``crmlib.datasets``), the real-data adapters and the
analyses all read categories from here, so that a table made, loaded or adapted has the same dtypes.

>>> category_dtype("credit_class")
CategoricalDtype(categories=['A', 'B', 'C', 'D'], ordered=True, categories_dtype=object)
>>> CATEGORIES["contract_type"]
['month_to_month', '12_months', '24_months', 'prepaid']
"""

from __future__ import annotations

import pandas as pd

__all__ = ["CATEGORIES", "ORDERED", "category_dtype"]

CATEGORIES: dict[str, list[str]] = {
    "segment": ["individual_postpaid", "individual_prepaid", "sme", "enterprise", "government"],
    "region": ["central", "harbour", "riverside", "hillside", "airport", "university_town",
               "industrial_park", "lakeside"],
    "channel": ["store", "online", "app", "telesales", "dealer", "referral", "direct_sales"],
    "credit_class": ["A", "B", "C", "D"],
    "contract_type": ["month_to_month", "12_months", "24_months", "prepaid"],
    "product_line": ["mobile", "broadband", "bundle", "enterprise_line", "prepaid"],
    "market": ["consumer", "business"],
    "fee_unit": ["per_line", "per_connection", "per_account"],
    "end_reason": ["churned", "upgraded"],
    "ticket_type": ["complaint", "repair", "billing_dispute", "enquiry"],
    "ticket_channel": ["phone", "app", "store", "field_visit"],
    "churn_reason": ["price", "network_quality", "service", "competitor_offer", "moved", "other"],
    "campaign_type": ["retention", "cross_sell", "upgrade"],
    "group": ["treatment", "control"],
    "topup_channel": ["app", "store", "voucher", "online"],
    "industry": ["manufacturing", "retail", "finance", "logistics", "technology", "education",
                 "healthcare", "public_administration"],
    "activity_type": ["call", "visit", "meeting", "proposal", "customisation"],
    "contact_role": ["decision_maker", "it_manager", "procurement", "finance", "line_administrator"],
    "preferred_channel": ["phone", "email", "wechat", "visit"],
    "opportunity_stage": ["prospecting", "proposal", "negotiation", "won", "lost"],
    "cost_activity": ["contact_centre_minute", "store_visit", "field_repair", "billing_dispute",
                      "account_manager_hour", "customised_contract", "paper_bill", "collection_call"],
    "value_chain_link": ["infrastructure", "network_operation", "business_support", "user_service",
                         "value_creation"],
    "funnel_stage": ["awareness", "consideration", "sign_up", "activation", "repeat"],
}
#: Categorical columns whose order means something (best/first to worst/last).
ORDERED = {"credit_class", "opportunity_stage", "value_chain_link", "funnel_stage"}


def category_dtype(kind: str) -> pd.CategoricalDtype:
    """The pandas dtype of a categorical column, with its fixed category order.

    Parameters
    ----------
    kind : str
        The name of a category list of ``CATEGORIES`` (e.g. ``"group"``, ``"credit_class"``).

    Returns
    -------
    pandas.CategoricalDtype
        The list's categories, ordered when ``kind`` is in ``ORDERED``.

    Raises
    ------
    KeyError
        When there is no category list ``kind``; the message lists those there are.

    Examples
    --------
    >>> category_dtype("group")
    CategoricalDtype(categories=['treatment', 'control'], ordered=False, categories_dtype=object)
    >>> category_dtype("colour")
    Traceback (most recent call last):
    ...
    KeyError: "no category list 'colour'; the lists are: segment, region, channel, credit_class, contract_type, product_line, market, fee_unit, end_reason, ticket_type, ticket_channel, churn_reason, campaign_type, group, topup_channel, industry, activity_type, contact_role, preferred_channel, opportunity_stage, cost_activity, value_chain_link, funnel_stage"
    """
    if kind not in CATEGORIES:
        raise KeyError(f"no category list {kind!r}; the lists are: {', '.join(CATEGORIES)}")
    return pd.CategoricalDtype(pd.Index(CATEGORIES[kind], dtype=object), ordered=kind in ORDERED)
