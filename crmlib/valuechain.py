"""Value chains as data, and the cost / value-added analysis of a chain's links.

The chains of the course sources are kept here as data (never as pictures), each step with an
English and a Chinese name and a short note of what it holds:

======================  ==================================================================
key                     chain
======================  ==================================================================
``porter``              Porter's value chain (1985): five primary, four support activities, margin
``crm``                 Buttle's five stages on the supporting conditions of course notes S0 (业务流程)
``crm_buttle``          Buttle's CRM value chain as he drew it (2000, 2004): procurement processes
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

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

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


_STEP_FIELDS = {"key", "en", "zh", "note_en", "note_zh", "term"}
_CHAIN_FIELDS = {"key", "en", "zh", "kind", "primary", "support", "end", "labels", "source"}


def _step(data: Any, where: str) -> Step:
    if not isinstance(data, Mapping) or not {"key", "en", "zh"} <= set(data) or set(data) - _STEP_FIELDS:
        raise ValueError(f"valuechains.json: {where} must have key, en, zh (and optionally note_en, note_zh, term); "
                         f"got {data!r}")
    return Step(data["key"], data["en"], data["zh"], data.get("note_en", ""), data.get("note_zh", ""),
                data.get("term"))


def _steps(data: Any, shared: Mapping[str, Any], where: str) -> tuple[Step, ...]:
    if isinstance(data, str):
        if not data.startswith("@") or data[1:] not in shared:
            raise ValueError(f"valuechains.json: {where} names {data!r}; the shared lists are: {', '.join(shared)}")
        data = shared[data[1:]]
    if not isinstance(data, list):
        raise ValueError(f"valuechains.json: {where} must be a list of steps; got {type(data).__name__}")
    return tuple(_step(item, f"{where}[{i}]") for i, item in enumerate(data))


@lru_cache(maxsize=1)
def _chains() -> dict[str, Chain]:
    """Every chain of crmlib/data/valuechains.json, read and checked once, by key in teaching order."""
    with resources.files("crmlib").joinpath("data/valuechains.json").open(encoding="utf-8") as f:
        doc = json.load(f)
    shared = doc.get("shared", {})
    chains: dict[str, Chain] = {}
    for i, c in enumerate(doc["chains"]):
        where = f"chain {c.get('key', i)!r}"
        unknown = set(c) - _CHAIN_FIELDS
        if unknown or not {"key", "en", "zh", "kind", "primary"} <= set(c):
            raise ValueError(f"valuechains.json: {where} needs key, en, zh, kind, primary; unknown fields: "
                             f"{', '.join(sorted(unknown)) or 'none'}")
        if c["key"] in chains:
            raise ValueError(f"valuechains.json: two chains have the key {c['key']!r}")
        chains[c["key"]] = Chain(
            c["key"], c["en"], c["zh"], c["kind"],
            primary=_steps(c["primary"], shared, f"{where} primary"),
            support=_steps(c.get("support", []), shared, f"{where} support"),
            end=_step(c["end"], f"{where} end") if c.get("end") else None,
            labels={group: tuple(names) for group, names in c.get("labels", {}).items()},
            source=c.get("source", ""),
        )
    return chains


def __getattr__(name: str) -> Any:
    """``CHAINS``: every chain of the course, by key (read from the data file on first use)."""
    if name == "CHAINS":
        return _chains()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def chain_keys() -> list[str]:
    """The keys of every chain, in teaching order.

    Returns
    -------
    list of str
        The keys of ``CHAINS``.

    Examples
    --------
    >>> chain_keys()
    ['porter', 'crm', 'crm_buttle', 'crm_clv', 'customer', 'external', 'bank', 'telecom', 'ecommerce', 'value_star']
    """
    return list(_chains())


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
    KeyError: "no chain 'porters'; the chains are: porter, crm, crm_buttle, crm_clv, customer, external, bank, telecom, ecommerce, value_star"
    """
    if isinstance(chain, Chain):
        return chain
    chains = _chains()
    if not isinstance(chain, str) or chain not in chains:
        raise KeyError(f"no chain {chain!r}; the chains are: {', '.join(chains)}")
    return chains[chain]


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

