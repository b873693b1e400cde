"""Value chains as data, and the cost / value-added analysis of a chain's links.

The chains of the course sources are kept here as data (never as pictures), each step with an
English and a Chinese name and a short note of what it holds:

======================  ==================================================================
key                     chain
======================  ==================================================================
``porter``              Porter's value chain (1985): five primary, four support activities, margin
``crm``                 Buttle's CRM value chain: five stages on five supporting conditions
``crm_clv``             the Chinese variant that starts from customer lifetime value
``customer``            the customer's side: expected value, perceived value, satisfaction
``external``            the external value chain: SCM, operations, distribution, CRM
``bank``                a commercial bank's CRM chain
``telecom``             the telecom operator's five links, each with its key lever
``ecommerce``           the e-commerce value chain
``value_star``          Buttle's value star: eight sources of customer value
======================  ==================================================================

    >>> porter = get_chain("porter")
    >>> [s.key for s in porter.primary][:2], len(porter.support)
    (['inbound_logistics', 'operations'], 4)
    >>> get_chain("crm").primary[0].name("zh")
    '客户组合分析'

The analysis works on any table of cost and revenue per link (column names are parameters); the
defaults fit the operator's ``value_chain`` table (``crmlib.datasets.load("telecom", "value_chain")``):

    >>> import pandas as pd
    >>> costs = pd.DataFrame({"link": ["a", "b", "c"], "cost": [50.0, 30.0, 20.0],
    ...                       "revenue": [80.0, 30.0, 50.0]})
    >>> econ = link_economics(costs, cost="cost", revenue="revenue")
    >>> econ["value_added"].tolist(), weakest_link(econ)
    ([30.0, 0.0, 30.0], 'b')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmlib._checks import require_columns
from crmlib.i18n import get_language

__all__ = [
    "Step", "Chain", "CHAINS", "chain_keys", "get_chain", "chain_table",
    "link_economics", "weakest_link", "chain_margin", "customer_view",
]

KINDS = ("porter", "stages", "star")


# ------------------------------------------------------------------------------------------------
# the chains as data


@dataclass(frozen=True)
class Step:
    """One activity, stage, link or source of a chain: a key, an English and a Chinese name, a note.

    Parameters
    ----------
    key : str
        The step's key, unique within its chain.
    en, zh : str
        The step's English and Chinese names.
    note_en, note_zh : str, default ""
        A short note of what the step holds, in English and in Chinese.
    term : str or None, default None
        The glossary entry (``term_en``) the step stands for, where there is one.

    Examples
    --------
    >>> s = Step("people", "people", "人员", "staff who serve customers", "为客户服务的员工")
    >>> s.name("en"), s.name("zh"), s.note("zh")
    ('people', '人员', '为客户服务的员工')
    """

    key: str
    en: str
    zh: str
    note_en: str = ""
    note_zh: str = ""
    term: str | None = None

    def name(self, language: str | None = None) -> str:
        """The step's name in ``language`` (default: the current language).

        Parameters
        ----------
        language : {"en", "zh"}, optional
            The language; default: the current language (``crmlib.i18n.get_language``).

        Returns
        -------
        str
            The Chinese name for ``"zh"``, the English name otherwise.
        """
        return self.zh if (language or get_language()) == "zh" else self.en

    def note(self, language: str | None = None) -> str:
        """The step's note in ``language`` (default: the current language).

        Parameters
        ----------
        language : {"en", "zh"}, optional
            The language; default: the current language (``crmlib.i18n.get_language``).

        Returns
        -------
        str
            The Chinese note for ``"zh"``, the English note otherwise ("" when the step has none).
        """
        return self.note_zh if (language or get_language()) == "zh" else self.note_en


@dataclass(frozen=True)
class Chain:
    """A value chain: its primary steps in order, its support steps and an optional end (e.g. margin).

    Parameters
    ----------
    key : str
        The chain's key (see :func:`chain_keys`).
    en, zh : str
        The chain's English and Chinese names.
    kind : {"porter", "stages", "star"}
        How the chain is drawn: ``"porter"`` (support bands above primary chevrons, margin on the
        right), ``"stages"`` (chevrons in a row, supporting conditions as bands below) or ``"star"``
        (sources of value around a centre, which is ``end``).
    primary : tuple of Step
        The primary steps, in order (at least one).
    support : tuple of Step, default ()
        The support steps (or supporting conditions).
    end : Step or None, default None
        What the chain ends in (e.g. margin), or the centre of a star.
    labels : mapping of str to (str, str), default {}
        The en/zh names of the groups (``"primary"``, ``"support"``) as the source names them.
    source : str, default ""
        Where the chain comes from.

    Raises
    ------
    ValueError
        When ``kind`` is unknown, two steps share a key, or there is no primary step.

    Examples
    --------
    >>> c = get_chain("bank")
    >>> c.kind, c.name("en"), len(c.steps())
    ('stages', "A commercial bank's CRM value chain", 4)
    """

    key: str
    en: str
    zh: str
    kind: str
    primary: tuple[Step, ...]
    support: tuple[Step, ...] = ()
    end: Step | None = None
    labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    source: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {self.kind!r}")
        keys = [s.key for s in (*self.primary, *self.support)]
        doubled = sorted({k for k in keys if keys.count(k) > 1})
        if doubled:
            raise ValueError(f"chain {self.key!r}: step keys must be unique; repeated: {', '.join(doubled)}")
        if not self.primary:
            raise ValueError(f"chain {self.key!r}: needs at least one primary step")

    def name(self, language: str | None = None) -> str:
        """The chain's name in ``language`` (default: the current language).

        Parameters
        ----------
        language : {"en", "zh"}, optional
            The language; default: the current language (``crmlib.i18n.get_language``).

        Returns
        -------
        str
            The Chinese name for ``"zh"``, the English name otherwise.
        """
        return self.zh if (language or get_language()) == "zh" else self.en

    def label(self, group: str, language: str | None = None) -> str:
        """The name of a group of steps (``"primary"`` or ``"support"``) as this chain calls it.

        Parameters
        ----------
        group : {"primary", "support"}
            The group of steps.
        language : {"en", "zh"}, optional
            The language; default: the current language (``crmlib.i18n.get_language``).

        Returns
        -------
        str
            The group's name ("" when the chain does not name it).
        """
        en, zh = self.labels.get(group, ("", ""))
        return zh if (language or get_language()) == "zh" else en

    def steps(self, part: str | None = None) -> tuple[Step, ...]:
        """The primary steps, the support steps, or both (``part=None``), in order.

        Parameters
        ----------
        part : {"primary", "support"} or None, default None
            Which steps; None for the primary then the support steps.

        Returns
        -------
        tuple of Step
            The steps, in order.

        Raises
        ------
        ValueError
            When ``part`` is not "primary", "support" or None.
        """
        if part is None:
            return (*self.primary, *self.support)
        if part not in ("primary", "support"):
            raise ValueError(f"part must be 'primary', 'support' or None; got {part!r}")
        return self.primary if part == "primary" else self.support

    def step(self, key: str) -> Step:
        """The step with this key; the error lists the chain's keys.

        Parameters
        ----------
        key : str
            The step's key.

        Returns
        -------
        Step
            The primary or support step with that key.

        Raises
        ------
        KeyError
            When the chain has no step ``key``; the message lists the keys it has.

        Examples
        --------
        >>> get_chain("telecom").step("user_service").name("zh")
        '用户服务'
        >>> get_chain("telecom").step("billing")
        Traceback (most recent call last):
        ...
        KeyError: "chain 'telecom' has no step 'billing'; its steps are: infrastructure, network_operation, business_support, user_service, value_creation"
        """
        for s in self.steps():
            if s.key == key:
                return s
        raise KeyError(f"chain {self.key!r} has no step {key!r}; its steps are: {', '.join(s.key for s in self.steps())}")


def _s(key: str, en: str, zh: str, note_en: str = "", note_zh: str = "", term: str | None = "") -> Step:
    """A step whose glossary term is its English name unless said otherwise (None: not a glossary term)."""
    return Step(key, en, zh, note_en, note_zh, en if term == "" else term)


_PORTER = Chain(
    "porter", "Porter's value chain", "波特价值链", "porter",
    primary=(
        _s("inbound_logistics", "inbound logistics", "材料供应",
           "receive, store and handle inputs", "接收、储存和调配原材料"),
        _s("operations", "operations", "生产加工", "turn inputs into products", "把投入品加工成产品"),
        _s("outbound_logistics", "outbound logistics", "成品储运",
           "store and deliver finished goods", "储存并运送成品"),
        _s("marketing_sales", "marketing and sales", "市场销售",
           "make buyers aware and win the sale", "让买家了解产品并促成购买"),
        _s("service", "after-sales service", "售后服务",
           "install, repair and support", "安装、维修和支持"),
    ),
    support=(
        _s("infrastructure", "firm infrastructure", "企业基础设施",
           "management, planning, finance, accounting, legal", "管理、计划、财务、会计、法务"),
        _s("hrm", "human resource management", "人力资源管理",
           "recruit, train and reward staff in every activity", "为各项活动招聘、培训和激励员工"),
        _s("technology", "technology development", "技术开发",
           "product, process and information technology", "产品、工艺和信息技术"),
        _s("procurement", "procurement", "采购管理",
           "buy every input, from materials to advertising", "采购从原材料到广告服务的一切投入"),
    ),
    end=_s("margin", "margin", "利润", "what revenue leaves after all costs", "收入扣除全部成本后的剩余"),
    labels={"primary": ("primary activities", "基本活动"), "support": ("support activities", "支持活动")},
    source="Porter (1985); seed 000, 002, 003",
)

_CRM = Chain(
    "crm", "Buttle's CRM value chain", "客户关系管理价值链（伯特）", "stages",
    primary=(
        _s("portfolio", "customer portfolio analysis", "客户组合分析",
           "choose which customers to serve, by profit potential", "按利润潜力选择要服务的客户",
           "customer portfolio analysis"),
        _s("intimacy", "customer intimacy", "客户亲近",
           "know the chosen customers through data", "借助数据深入了解所选客户"),
        _s("network", "network development", "关系网络发展",
           "align employees, suppliers, partners, investors", "让员工、供应商、伙伴和投资者协同一致"),
        _s("proposition", "value proposition development", "创造并传递客户价值",
           "create value with the network for both sides", "与网络伙伴一起为双方创造价值"),
        _s("relationship", "managing the relationship", "关系管理",
           "structures, processes, acquisition, retention and development plans",
           "结构、流程，以及获取、保持和发展计划"),
    ),
    support=(
        _s("culture", "culture and leadership", "企业文化和领导",
           "leaders and values that put customers first", "领导和价值观以客户为先"),
        _s("processes", "business processes", "业务流程",
           "work designed around customers", "围绕客户设计的工作流程", "business process"),
        _s("hr", "human resource management", "人力资源管理",
           "recruit, train and reward for customer focus", "按客户导向招聘、培训和激励员工"),
        _s("it_data", "IT and data management", "信息技术管理",
           "systems and customer data", "信息系统和客户数据"),
        _s("organisation", "organisation design", "组织结构设计",
           "structure around customers, not products", "围绕客户而非产品设置组织结构"),
    ),
    end=_s("relationships", "long-term, mutually beneficial relationships", "长期互利的客户关系",
           "with strategically significant customers", "与具有战略意义的客户", None),
    labels={"primary": ("primary stages", "基本活动"), "support": ("supporting conditions", "企业支持系统")},
    source="Buttle (2000), seed 002; seed 000",
)

_CRM_CLV = Chain(
    "crm_clv", "CRM value chain starting from customer lifetime value", "以客户终生价值为起点的客户关系管理价值链",
    "stages",
    primary=(
        _s("clv_analysis", "customer lifetime value analysis", "客户终生价值分析",
           "historical, current and potential value", "历史价值、当前价值和潜在价值"),
        _s("intimacy", "customer intimacy", "客户亲近",
           "learn what the valuable customers need", "了解高价值客户的需求"),
        _s("network", "network development", "关系网络发展",
           "partners who help serve them", "帮助服务这些客户的伙伴"),
        _s("proposition", "value proposition", "价值主张", "the value promised to them", "向他们许诺的价值"),
        _s("relationship", "relationship management", "关系管理",
           "keep and grow the relationship", "保持并发展客户关系", "managing the relationship"),
    ),
    support=(
        _s("database", "customer database", "客户数据库", "shared customer data", "共享的客户数据"),
        _s("culture", "corporate culture", "公司文化", "customer-first values", "客户至上的价值观"),
        _s("hr", "human resource management", "人力资源管理", "skills and rewards", "技能与激励"),
        _s("bpr", "business process re-engineering", "业务流程重组",
           "redesign processes around customers", "围绕客户重新设计流程"),
        _s("organisation", "organisation design", "组织结构设计",
           "structure that fits the strategy", "与战略相符的组织结构"),
    ),
    labels={"primary": ("basic processes", "基本流程"), "support": ("support processes", "支持流程")},
    source="seed 002 (course slides)",
)

_CUSTOMER = Chain(
    "customer", "The customer's side of the value chain", "客户角度的价值链", "stages",
    primary=(
        _s("seek", "look for the firm that offers the most value", "寻找价值最大的企业",
           "customers compare firms", "客户在企业之间比较", None),
        _s("expected", "expected value", "期望价值", "what the customer expects before buying", "购买前的预期"),
        _s("perceived", "perceived value", "感知价值",
           "what the customer feels they got for what they gave", "客户权衡得失后感受到的价值"),
        _s("satisfaction", "satisfaction: perceived vs expected", "满意度：感知对比期望",
           "satisfied when perceived value reaches the expected", "感知价值达到期望时满意", None),
        _s("choice", "stay, or switch to another firm", "留下，或转向其他企业",
           "the next choice of firm", "下一次对企业的选择", None),
    ),
    labels={"primary": ("steps", "步骤")},
    source="seed 002",
)

_EXTERNAL = Chain(
    "external", "The external value chain", "外部价值链", "stages",
    primary=(
        _s("scm", "supply chain management", "供应链管理",
           "suppliers, procurement, inventory, logistics", "供应商、采购、库存、物流", "supply chain management (SCM)"),
        _s("operations", "operations management", "运营管理",
           "making products, developing and improving them", "生产、开发和改进产品"),
        _s("distribution", "distribution management", "分销管理",
           "transport, warehousing, retailing", "运输、仓储、零售"),
        _s("crm", "customer relationship management", "客户关系管理",
           "service, sales and marketing", "服务、销售和营销", "customer relationship management (CRM)"),
    ),
    labels={"primary": ("components", "组成部分")},
    source="seed 002",
)

_BANK = Chain(
    "bank", "A commercial bank's CRM value chain", "商业银行客户关系管理价值链", "stages",
    primary=(
        _s("knowledge", "customer knowledge", "客户知识", "what the bank knows of its customers", "银行对客户的了解"),
        _s("value_analysis", "customer value analysis", "客户价值分析",
           "what each customer is worth to the bank", "每位客户对银行的价值"),
        _s("marketing", "differentiated marketing", "差异化营销",
           "different offers for different groups", "对不同客户群提供不同方案"),
        _s("proposition", "value proposition", "价值主张", "the value promised to each group", "向各客户群许诺的价值"),
    ),
    labels={"primary": ("steps of the basic process", "基本流程的步骤")},
    source="seed 002",
)

_TELECOM = Chain(
    "telecom", "The telecom operator's value chain", "电信运营价值链", "stages",
    primary=(
        # shown as "infrastructure", the data's key, so charts, tables and questions use one name;
        # the glossary term is the source's "infrastructure building"
        _s("infrastructure", "infrastructure", "基础设施建设",
           "lever: build fast and at low cost", "关键：建设快、成本低", "infrastructure building"),
        _s("network_operation", "network operation", "网络运营",
           "lever: find and fix faults early", "关键：及早发现并排除故障"),
        _s("business_support", "business support", "业务支持",
           "lever: efficient billing and CRM, satisfied users", "关键：账务和客户管理高效、用户满意"),
        _s("user_service", "user service", "用户服务",
           "lever: service quality and contact channels", "关键：服务质量和沟通渠道"),
        _s("value_creation", "value creation", "价值创造",
           "lever: competitive products and markets", "关键：产品和市场的竞争力"),
    ),
    labels={"primary": ("links", "环节")},
    source="seed 000",
)

_ECOMMERCE = Chain(
    "ecommerce", "The e-commerce value chain", "电子商务价值链", "stages",
    primary=(
        _s("research", "market research and product planning", "市场研究与产品策划",
           "demand, positioning", "需求分析、产品定位"),
        _s("supply", "supply chain management", "供应链管理",
           "suppliers, stock, logistics", "供应商、库存、物流", "supply chain management (SCM)"),
        _s("platform", "e-commerce platform", "电子商务平台",
           "site design, payment, security", "网站设计、支付、安全"),
        _s("marketing_crm", "online marketing and CRM", "在线营销与客户关系管理",
           "search, social media, customer database", "搜索、社交媒体、客户数据库", "online marketing"),
        _s("analysis", "data analysis and performance review", "数据分析与业绩评估",
           "measure and improve", "衡量与改进", "data analysis"),
    ),
    labels={"primary": ("key links", "关键环节")},
    source="seed 000",
)

_STAR = Chain(
    "value_star", "Buttle's value star", "价值星（伯特）", "star",
    primary=(
        _s("people", "people", "人员", "skilled, friendly staff", "专业、友善的员工"),
        _s("process", "process", "流程", "how things are done for customers", "为客户办事的方式"),
        _s("product_brand", "product/brand", "产品与品牌", "what is sold and its name", "所售商品及其品牌"),
        _s("price", "price", "价格", "what the customer pays", "客户支付的价格"),
        _s("service", "service", "服务", "help before, during and after the sale", "售前、售中和售后的帮助"),
        _s("location", "location", "地点", "where the customer is served", "为客户服务的地方"),
        _s("servicescape", "servicescape", "服务场景", "the physical setting", "实体环境"),
        _s("communication", "communication", "沟通", "what the firm tells customers", "企业与客户的交流"),
    ),
    end=_s("customer_value", "customer value", "客户价值", "", ""),
    labels={"primary": ("sources of customer value", "客户价值的来源")},
    source="Buttle (2000), seed 002",
)

#: Every chain of the course, by key.
CHAINS: dict[str, Chain] = {c.key: c for c in (
    _PORTER, _CRM, _CRM_CLV, _CUSTOMER, _EXTERNAL, _BANK, _TELECOM, _ECOMMERCE, _STAR)}


def chain_keys() -> list[str]:
    """The keys of every chain, in teaching order.

    Returns
    -------
    list of str
        The keys of ``CHAINS``.

    Examples
    --------
    >>> chain_keys()
    ['porter', 'crm', 'crm_clv', 'customer', 'external', 'bank', 'telecom', 'ecommerce', 'value_star']
    """
    return list(CHAINS)


def get_chain(chain: str | Chain) -> Chain:
    """The chain with this key (a ``Chain`` is returned as it is); the error lists the keys.

    Parameters
    ----------
    chain : str or Chain
        A chain's key, or a chain.

    Returns
    -------
    Chain
        The chain.

    Raises
    ------
    KeyError
        When there is no chain ``chain``; the message lists the keys.

    Examples
    --------
    >>> get_chain("telecom").name("zh")
    '电信运营价值链'
    >>> get_chain("porters")
    Traceback (most recent call last):
    ...
    KeyError: "no chain 'porters'; the chains are: porter, crm, crm_clv, customer, external, bank, telecom, ecommerce, value_star"
    """
    if isinstance(chain, Chain):
        return chain
    if not isinstance(chain, str) or chain not in CHAINS:
        raise KeyError(f"no chain {chain!r}; the chains are: {', '.join(CHAINS)}")
    return CHAINS[chain]


def chain_table(chain: str | Chain, language: str | None = None) -> pd.DataFrame:
    """A chain as a table, one row per step.

    Parameters
    ----------
    chain : str or Chain
        A chain's key, or a chain.
    language : {"en", "zh"}, optional
        The language; default: the current language (``crmlib.i18n.get_language``).

    Returns
    -------
    pandas.DataFrame
        One row per step, primary steps first: ``part`` (primary/support), ``position`` (from 1 within the part),
        ``key``, ``name`` and ``note`` in ``language``.

    Raises
    ------
    KeyError
        When there is no chain ``chain``.

    Examples
    --------
    >>> chain_table("bank", "en")[["position", "name"]].values.tolist()
    [[1, 'customer knowledge'], [2, 'customer value analysis'], [3, 'differentiated marketing'], [4, 'value proposition']]
    >>> chain_table("porter", "zh").groupby("part").size().to_dict()
    {'primary': 5, 'support': 4}
    """
    c = get_chain(chain)
    rows = [
        {"part": part, "position": i, "key": s.key, "name": s.name(language), "note": s.note(language)}
        for part in ("primary", "support") for i, s in enumerate(c.steps(part), start=1)
    ]
    return pd.DataFrame(rows, columns=["part", "position", "key", "name", "note"])


# ------------------------------------------------------------------------------------------------
# cost and value added per link


def _numeric(table: pd.DataFrame, column: str, what: str, *, minimum: float | None = None) -> np.ndarray:
    values = pd.to_numeric(table[column], errors="coerce")
    bad = values.isna() & table[column].notna()
    if bad.any():
        example = table.loc[bad, column].iloc[0]
        raise ValueError(f"column {column!r} ({what}) must hold numbers; found {example!r}")
    if values.isna().any():
        raise ValueError(f"column {column!r} ({what}) has {int(values.isna().sum())} missing value(s); fill or drop them first")
    array = values.to_numpy(dtype=float)
    if minimum is not None and (array < minimum).any():
        raise ValueError(f"column {column!r} ({what}) must be ≥ {minimum}; found {array[array < minimum][0]:g}")
    return array


def link_economics(
    table: pd.DataFrame,
    *,
    link: str = "link",
    cost: str = "cost_cny_million",
    revenue: str = "revenue_attributed_cny_million",
    year: int | None = None,
    year_column: str = "year",
) -> pd.DataFrame:
    """Cost, revenue attributed and value added per link of a value chain, with their shares.

    One row per link (in the table's order, or the category order of an ordered ``link`` column).
    When the table holds several years (a ``year_column``), pick one with ``year``.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per link (and year).
    link : str, default "link"
        The column of link names (each once, none missing).
    cost : str, default "cost_cny_million"
        The column of cost per link (numbers ≥ 0).
    revenue : str, default "revenue_attributed_cny_million"
        The column of revenue attributed to each link (numbers ≥ 0).
    year : int, optional
        The year to keep, when the table holds several.
    year_column : str, default "year"
        The column of years, if any.

    Returns
    -------
    pandas.DataFrame
        Indexed by link, with columns

        - ``cost``, ``revenue``: as given; ``value_added`` = revenue − cost;
        - ``cost_share``: the link's share of the chain's total cost (0–1);
        - ``value_added_share``: its share of the chain's total value added (negative for a link that
          destroys value);
        - ``value_per_cost``: value added per unit of cost (0.5 = each yuan spent adds 0.5 yuan; a link
          with no cost gets ``inf``);
        - ``rank``: 1 for the highest ``value_per_cost``; the weakest link has the largest rank.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame.
    ColumnError
        When a column is not in the table (``year_column`` only when ``year`` is given).
    ValueError
        When the table holds several years and no ``year`` is given, ``year`` is not in it, there are no rows,
        link names are missing or repeated, cost or revenue is not a number, missing or negative, the total cost
        is 0, or the total value added is 0.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"link": ["build", "serve"], "cost": [300.0, 100.0], "revenue": [360.0, 90.0]})
    >>> econ = link_economics(t, cost="cost", revenue="revenue")
    >>> econ.reset_index()[["link", "value_added", "cost_share", "value_added_share", "value_per_cost", "rank"]].round(3)
        link  value_added  cost_share  value_added_share  value_per_cost  rank
    0  build         60.0        0.75                1.2             0.2     1
    1  serve        -10.0        0.25               -0.2            -0.1     2
    >>> link_economics(t, cost="costs")
    Traceback (most recent call last):
    ...
    crmlib._checks.ColumnError: column 'costs' (cost=) not found in the table; did you mean 'cost'? the table has: link, cost, revenue
    """
    require_columns(table, {"link": link, "cost": cost, "revenue": revenue}, "the table")
    if year is not None:
        require_columns(table, {"year_column": year_column}, f"the table (year={year!r} was given)")
    data = table
    if year_column in table.columns:
        years = pd.unique(table[year_column])
        if year is None and len(years) > 1:
            raise ValueError(
                f"the table holds {len(years)} years in column {year_column!r} ({', '.join(map(str, sorted(years)))}); "
                f"pick one with year=..."
            )
        if year is not None:
            data = table[table[year_column] == year]
            if data.empty:
                raise ValueError(f"year {year!r} not found in column {year_column!r}; the years are: "
                                 f"{', '.join(map(str, sorted(years)))}")
    if data.empty:
        raise ValueError("the table has no rows")
    links = data[link]
    if links.isna().any():
        raise ValueError(f"column {link!r} (link=) has missing link names")
    doubled = links[links.duplicated()].astype(str).unique().tolist()
    if doubled:
        raise ValueError(f"each link must appear once; repeated in column {link!r}: {', '.join(doubled)}"
                         + (f" (the table holds several years: pass year=...)" if year_column in data.columns else ""))
    cost_values = _numeric(data, cost, "cost", minimum=0.0)
    revenue_values = _numeric(data, revenue, "revenue", minimum=0.0)
    if cost_values.sum() <= 0:
        raise ValueError(f"the total cost in column {cost!r} must be > 0; it is {cost_values.sum():g}")
    value_added = revenue_values - cost_values
    total_value_added = value_added.sum()
    if total_value_added == 0:
        raise ValueError("the chain's total value added (revenue − cost) is 0, so value-added shares are undefined")
    names = links.astype(str).to_numpy()
    out = pd.DataFrame(
        {
            "cost": cost_values,
            "revenue": revenue_values,
            "value_added": value_added,
            "cost_share": cost_values / cost_values.sum(),
            "value_added_share": value_added / total_value_added,
        },
        index=pd.Index(names, name="link"),
    )
    safe_cost = np.where(cost_values > 0, cost_values, 1.0)
    out["value_per_cost"] = np.where(cost_values > 0, value_added / safe_cost, np.inf)
    out["rank"] = out["value_per_cost"].rank(ascending=False, method="min").astype(int)
    if isinstance(links.dtype, pd.CategoricalDtype) and links.dtype.ordered:
        order = [str(c) for c in links.dtype.categories if str(c) in set(names)]
        out = out.loc[order]
    return out


def weakest_link(economics: pd.DataFrame, by: str = "value_per_cost") -> str:
    """The link with the lowest ``by`` (default: value added per unit of cost) in a ``link_economics`` table.

    Ties go to the link that comes first.

    Parameters
    ----------
    economics : pandas.DataFrame
        A table indexed by link, as :func:`link_economics` returns.
    by : str, default "value_per_cost"
        The column to compare links by.

    Returns
    -------
    str
        The weakest link's name.

    Raises
    ------
    TypeError
        When ``economics`` is not a DataFrame.
    ColumnError
        When ``by`` is not a column of ``economics``.
    ValueError
        When ``economics`` has no rows, or ``by`` holds values that are not numbers or are missing.

    Examples
    --------
    >>> import pandas as pd
    >>> econ = pd.DataFrame({"value_added": [5.0, -2.0], "value_per_cost": [0.1, -0.2]}, index=["x", "y"])
    >>> weakest_link(econ), weakest_link(econ, by="value_added")
    ('y', 'y')
    >>> weakest_link(econ, by="margin")
    Traceback (most recent call last):
    ...
    crmlib._checks.ColumnError: column 'margin' (by=) not found in the economics table; the table has: value_added, value_per_cost
    """
    require_columns(economics, {"by": by}, "the economics table")
    if economics.empty:
        raise ValueError("the economics table has no rows")
    values = pd.to_numeric(economics[by], errors="raise")
    if values.isna().any():
        raise ValueError(f"column {by!r} has missing values")
    return str(values.idxmin())


def chain_margin(economics: pd.DataFrame) -> pd.Series:
    """The whole chain's totals, from a ``link_economics`` table.

    Parameters
    ----------
    economics : pandas.DataFrame
        A table with ``cost`` and ``revenue`` columns, as :func:`link_economics` returns.

    Returns
    -------
    pandas.Series
        ``revenue``, ``cost``, ``margin`` (revenue − cost) and ``margin_rate`` (margin / revenue).

    Raises
    ------
    TypeError
        When ``economics`` is not a DataFrame.
    ColumnError
        When ``cost`` or ``revenue`` is not a column of ``economics``.
    ValueError
        When the total revenue is not above 0.

    Examples
    --------
    >>> import pandas as pd
    >>> econ = pd.DataFrame({"cost": [60.0, 20.0], "revenue": [70.0, 30.0]}, index=["a", "b"])
    >>> chain_margin(econ).to_dict()
    {'revenue': 100.0, 'cost': 80.0, 'margin': 20.0, 'margin_rate': 0.2}
    """
    require_columns(economics, ["cost", "revenue"], "the economics table (from link_economics)")
    revenue = float(economics["revenue"].sum())
    cost = float(economics["cost"].sum())
    if revenue <= 0:
        raise ValueError(f"the chain's total revenue must be > 0 to compute a margin rate; it is {revenue:g}")
    return pd.Series({"revenue": revenue, "cost": cost, "margin": revenue - cost, "margin_rate": (revenue - cost) / revenue})


# ------------------------------------------------------------------------------------------------
# the customer's side


def customer_view(
    table: pd.DataFrame,
    *,
    perceived: str = "perceived_value",
    expected: str = "expected_value",
) -> pd.DataFrame:
    """The customer's side: for each offer, the gap between perceived and expected value.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per offer (e.g. per firm).
    perceived : str, default "perceived_value"
        The column of the value customers perceive (numbers).
    expected : str, default "expected_value"
        The column of the value customers expected (numbers).

    Returns
    -------
    pandas.DataFrame
        A copy of ``table`` with ``gap`` (perceived − expected), ``satisfied`` (gap ≥ 0) and ``chosen`` (the offer
        with the highest perceived value: customers look for the firm that gives them the most value) added.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame.
    ColumnError
        When a column is not in the table.
    ValueError
        When the table has no rows, or a value is not a number or is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> firms = pd.DataFrame({"firm": ["A", "B"], "perceived_value": [7.0, 8.5], "expected_value": [8.0, 8.0]})
    >>> customer_view(firms)[["firm", "gap", "satisfied", "chosen"]].values.tolist()
    [['A', -1.0, False, False], ['B', 0.5, True, True]]
    """
    require_columns(table, {"perceived": perceived, "expected": expected}, "the table")
    if table.empty:
        raise ValueError("the table has no rows")
    p = _numeric(table, perceived, "perceived value")
    e = _numeric(table, expected, "expected value")
    out = table.copy()
    out["gap"] = p - e
    out["satisfied"] = out["gap"] >= 0
    out["chosen"] = p == p.max()
    return out

