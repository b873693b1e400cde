"""The parts of a CRM system, seen on a CRM database: which tables serve which kind of CRM.

A CRM system (software) has four subsystems (course notes S2): customer interaction (contact points),
business functions (marketing, sales, service), the database, and enterprise application
integration (links to billing, network and finance systems). The work it supports is of three
kinds: operational CRM (running day-to-day customer work), analytical CRM (learning from the data)
and collaborative CRM (staff and customer doing something together, at the same time: a list of
contact people is a record, so ``contacts`` is operational; a meeting is collaborative).
``TABLE_ROLES`` places each
table of the kit's telecom database in one kind and one subsystem, with the module of a commercial
CRM system (Yonyou TurboCRM, course notes S2) that would hold it. Many tables serve more than one kind:
the table gives the main one.

    >>> roles = table_roles(language="en")
    >>> roles.set_index("table").loc["tickets", ["crm_type", "subsystem"]].tolist()
    ['collaborative', 'customer interaction']
    >>> sorted(roles["crm_type"].unique())
    ['analytical', 'collaborative', 'operational']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from crmlib.i18n import get_language, t

if TYPE_CHECKING:
    import pandas as pd

#: The three kinds of CRM (course notes S2), in the order the lesson teaches them.
CRM_TYPES: tuple[str, ...] = ("operational", "analytical", "collaborative")
#: The four subsystems of a CRM system (course notes S2).
SUBSYSTEMS: tuple[str, ...] = ("customer interaction", "business functions", "database", "application integration")
#: TurboCRM's modules (course notes S2), as the kit names them.
MODULES: tuple[str, ...] = ("customers and contacts", "activities", "marketing campaigns",
                            "sales opportunities", "contracts and payments", "service and complaints",
                            "reports")

#: table → (main kind of CRM, subsystem, TurboCRM module) for the telecom database.
TABLE_ROLES: dict[str, tuple[str, str, str]] = {
    "customers": ("operational", "database", "customers and contacts"),
    "business_accounts": ("operational", "database", "customers and contacts"),
    "contacts": ("operational", "database", "customers and contacts"),
    "activities": ("collaborative", "customer interaction", "activities"),
    "opportunities": ("operational", "business functions", "sales opportunities"),
    "plans": ("operational", "business functions", "sales opportunities"),  # the price list quotes are built from
    "subscriptions": ("operational", "business functions", "contracts and payments"),
    "price_changes": ("operational", "business functions", "contracts and payments"),
    "billing": ("operational", "application integration", "contracts and payments"),
    "topups": ("operational", "application integration", "contracts and payments"),
    "tickets": ("collaborative", "customer interaction", "service and complaints"),
    "network_faults": ("analytical", "application integration", "reports"),
    "churn_events": ("analytical", "database", "reports"),
    "campaigns": ("operational", "business functions", "marketing campaigns"),
    "campaign_contacts": ("operational", "customer interaction", "marketing campaigns"),
    "activity_costs": ("analytical", "database", "reports"),
    "cost_to_serve": ("analytical", "database", "reports"),
    "value_chain": ("analytical", "database", "reports"),
    "funnel": ("analytical", "database", "reports"),
}


def _key(text: str) -> str:
    return text.replace(" ", "_")


def label(kind: str, language: str | None = None) -> str:
    """The name of a kind of CRM, a subsystem or a module in the current (or given) language.

    Parameters
    ----------
    kind : str
        One of ``CRM_TYPES``, ``SUBSYSTEMS`` or ``MODULES``.
    language : {"en", "zh"}, optional
        The language; default: the current language.

    Returns
    -------
    str
        The name from the catalogue.

    Raises
    ------
    ValueError
        When ``kind`` is none of them; the message lists those there are.

    Examples
    --------
    >>> label("collaborative", "zh"), label("database", "en")
    ('协作型', 'database')
    >>> label("strategic")
    Traceback (most recent call last):
    ...
    ValueError: 'strategic' is not a kind of CRM, a subsystem or a module; known: operational, analytical, collaborative, customer interaction, business functions, database, application integration, customers and contacts, activities, marketing campaigns, sales opportunities, contracts and payments, service and complaints, reports
    """
    for group, names in (("type", CRM_TYPES), ("subsystem", SUBSYSTEMS), ("module", MODULES)):
        if kind in names:
            return t(f"{group}.{_key(kind)}", language)
    known = ", ".join([*CRM_TYPES, *SUBSYSTEMS, *MODULES])
    raise ValueError(f"{kind!r} is not a kind of CRM, a subsystem or a module; known: {known}")


def table_roles(tables: Mapping[str, Any] | None = None, language: str | None = None) -> pd.DataFrame:
    """One row per table: its main kind of CRM, its subsystem, its TurboCRM module and what it holds.

    Names of kinds, subsystems and modules stay in English in ``crm_type``/``subsystem``/``module`` (for
    filtering); the ``*_label`` columns and ``holds`` are in the current (or given) language.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame, optional
        Tables by name (e.g. ``crmlib.datasets.load("telecom")``), each one of ``TABLE_ROLES``; default: every
        classified table.
    language : {"en", "zh"}, optional
        The language of the names; default: the current language.
        Given, it restricts the result to those tables and adds a ``rows`` column.

    Returns
    -------
    pandas.DataFrame
        Columns ``table``, ``crm_type``, ``subsystem``, ``module``, ``crm_type_label``, ``subsystem_label``,
        ``module_label``, ``holds`` (and ``rows`` with ``tables``).

    Raises
    ------
    KeyError
        When a table of ``tables`` is not one of ``TABLE_ROLES``; the message lists those that are.

    Examples
    --------
    >>> import pandas as pd
    >>> table_roles({"churn_events": pd.DataFrame({"x": [1, 2]})}, language="zh").to_dict("records")[0]
    {'table': 'churn_events', 'crm_type': 'analytical', 'subsystem': 'database', 'module': 'reports', 'crm_type_label': '分析型', 'subsystem_label': '数据库子系统', 'module_label': '汇总中心', 'holds': '流失记录：谁在何时离开、给出的原因', 'rows': 2}
    >>> table_roles({"orders": pd.DataFrame()})
    Traceback (most recent call last):
    ...
    KeyError: "table 'orders' is not classified; the classified tables are: customers, business_accounts, contacts, activities, opportunities, plans, subscriptions, price_changes, billing, topups, tickets, network_faults, churn_events, campaigns, campaign_contacts, activity_costs, cost_to_serve, value_chain, funnel"
    """
    import pandas as pd

    language = language or get_language()
    names = list(TABLE_ROLES) if tables is None else list(tables)
    unknown = [name for name in names if name not in TABLE_ROLES]
    if unknown:
        raise KeyError(f"table {unknown[0]!r} is not classified; the classified tables are: {', '.join(TABLE_ROLES)}")
    rows = []
    for name in names:
        kind, subsystem, module = TABLE_ROLES[name]
        row = {
            "table": name, "crm_type": kind, "subsystem": subsystem, "module": module,
            "crm_type_label": label(kind, language), "subsystem_label": label(subsystem, language),
            "module_label": label(module, language), "holds": t(f"table.{name}", language),
        }
        if tables is not None:
            row["rows"] = len(tables[name])
        rows.append(row)
    return pd.DataFrame(rows)


def table_overview(tables: Mapping[str, Any] | None = None, language: str | None = None) -> pd.DataFrame:
    """``table_roles`` for reading: headers in the current (or given) language, the TurboCRM module last.

    One row per table, the columns in the order the lesson describes them. Each ``what it holds`` text fits in
    pandas' default column width (50 characters), so nothing is cut off when the table is shown.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame, optional
        Tables by name (e.g. ``crmlib.datasets.load("telecom")``), each one of ``TABLE_ROLES``; default: every
        classified table.
    language : {"en", "zh"}, optional
        The language of the names; default: the current language.

    Returns
    -------
    pandas.DataFrame
        Columns table, (rows,) kind of CRM, subsystem, what it holds and TurboCRM module, headed in ``language``.

    Raises
    ------
    KeyError
        When a table of ``tables`` is not one of ``TABLE_ROLES``.

    Examples
    --------
    >>> table_overview(language="en").columns.tolist()
    ['table', 'kind of CRM', 'subsystem', 'what it holds', 'TurboCRM module']
    >>> table_overview(language="zh").set_index("表").loc["plans"].tolist()
    ['操作型', '业务功能子系统', '价目表：各类套餐及其月费', '销售机会与报价']
    """
    language = language or get_language()
    roles = table_roles(tables, language)
    columns = {"table": "table", "rows": "rows", "crm_type_label": "crm_type", "subsystem_label": "subsystem",
               "holds": "holds", "module_label": "module"}
    kept = [c for c in columns if c in roles.columns]
    return roles[kept].rename(columns={c: t(f"col.{columns[c]}", language) for c in kept})


def kinds_by_subsystem(tables: Mapping[str, Any] | None = None, language: str | None = None) -> pd.DataFrame:
    """How many tables serve each kind of CRM (columns) in each subsystem (rows).

    Names are in the current (or given) language, in the order the lesson teaches them.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame, optional
        Tables by name (e.g. ``crmlib.datasets.load("telecom")``), each one of ``TABLE_ROLES``; default: every
        classified table.
    language : {"en", "zh"}, optional
        The language of the names; default: the current language.

    Returns
    -------
    pandas.DataFrame
        Counts, one row per subsystem and one column per kind of CRM.

    Raises
    ------
    KeyError
        When a table of ``tables`` is not one of ``TABLE_ROLES``.

    Examples
    --------
    >>> counts = kinds_by_subsystem(language="en")
    >>> counts.columns.tolist(), counts.index.name, counts.columns.name
    (['operational', 'analytical', 'collaborative'], 'subsystem', 'kind of CRM')
    >>> int(counts.to_numpy().sum()) == len(TABLE_ROLES)
    True
    """
    import pandas as pd

    language = language or get_language()
    roles = table_roles(tables, language)
    counts = pd.crosstab(pd.Categorical(roles["subsystem"], categories=list(SUBSYSTEMS)),
                         pd.Categorical(roles["crm_type"], categories=list(CRM_TYPES)), dropna=False)
    counts.index = pd.Index([label(s, language) for s in SUBSYSTEMS], name=t("col.subsystem", language))
    counts.columns = pd.Index([label(k, language) for k in CRM_TYPES], name=t("col.crm_type", language))
    return counts
