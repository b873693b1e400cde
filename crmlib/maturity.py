"""CRM value chain maturity self-assessment: a score per stage and supporting condition → ranked gaps.

A team scores each of the five stages of Buttle's CRM value chain and each of its five supporting
conditions from 1 (absent) to 5 (fully developed). The gap to a target score shows where to work
first; a stage cannot do better than the conditions that support it, so both are scored.

    >>> scores = dict.fromkeys(item_keys(), 3)
    >>> scores.update(it_data=1, portfolio=2)
    >>> gaps = maturity_gaps(scores, target=4, language="en")
    >>> gaps[["key", "score", "gap"]].head(3).values.tolist()
    [['it_data', 1.0, 3.0], ['portfolio', 2.0, 2.0], ['intimacy', 3.0, 1.0]]
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmlib.valuechain import Chain, get_chain

__all__ = ["SCALE", "item_keys", "maturity_items", "maturity_gaps"]

#: The scoring scale: 1 = absent, 5 = fully developed.
SCALE: tuple[int, int] = (1, 5)


def item_keys(chain: str | Chain = "crm") -> list[str]:
    """The keys of the items to score: the chain's stages, then its supporting conditions.

    Parameters
    ----------
    chain : str or Chain, default "crm"
        The value chain whose stages and supporting conditions are scored.

    Returns
    -------
    list of str
        The item keys, primary steps first.

    Raises
    ------
    KeyError
        When there is no chain ``chain``.

    Examples
    --------
    >>> item_keys()
    ['portfolio', 'intimacy', 'network', 'proposition', 'relationship', 'culture', 'processes', 'hr', 'it_data', 'organisation']
    """
    return [s.key for s in get_chain(chain).steps()]


def maturity_items(chain: str | Chain = "crm", language: str | None = None) -> pd.DataFrame:
    """The items to score, one row each: ``key``, ``part`` (primary/support), ``name`` in ``language``.

    Parameters
    ----------
    chain : str or Chain, default "crm"
        The value chain whose stages and supporting conditions are scored.
    language : {"en", "zh"}, optional
        The language of the names; default: the current language.

    Returns
    -------
    pandas.DataFrame
        Columns ``key``, ``part`` and ``name``, in the chain's order.

    Raises
    ------
    KeyError
        When there is no chain ``chain``.

    Examples
    --------
    >>> maturity_items(language="zh").head(2).values.tolist()
    [['portfolio', 'primary', '客户组合分析'], ['intimacy', 'primary', '客户亲近']]
    """
    c = get_chain(chain)
    rows = [(s.key, part, s.name(language)) for part in ("primary", "support") for s in c.steps(part)]
    return pd.DataFrame(rows, columns=["key", "part", "name"])


def _number(name: str, value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.number)):
        raise TypeError(f"{name} must be a number from {low:g} to {high:g}; got {type(value).__name__}: {value!r}")
    number = float(value)
    if np.isnan(number) or not low <= number <= high:
        raise ValueError(f"{name} must be from {low:g} to {high:g}; got {number:g}")
    return number


def _per_item(values: object, keys: list[str], what: str, low: float, high: float) -> dict[str, float]:
    """One number per item key from a dict or Series (every key, nothing else) or one number for all."""
    if isinstance(values, pd.Series):
        values = values.to_dict()
    if not isinstance(values, Mapping):
        number = _number(what, values, low, high)
        return dict.fromkeys(keys, number)
    unknown = [str(k) for k in values if k not in keys]
    if unknown:
        raise KeyError(f"{what}: unknown item(s) {', '.join(map(repr, unknown))}; the items are: {', '.join(keys)}")
    missing = [k for k in keys if k not in values]
    if missing:
        raise KeyError(f"{what}: no score for {', '.join(map(repr, missing))}; score every item: {', '.join(keys)}")
    return {k: _number(f"{what}[{k!r}]", values[k], low, high) for k in keys}


def maturity_gaps(
    scores: Mapping[str, float] | pd.Series,
    target: float | Mapping[str, float] | pd.Series = 4,
    chain: str | Chain = "crm",
    language: str | None = None,
    scale: tuple[float, float] = SCALE,
) -> pd.DataFrame:
    """Each item's score, target and gap (target − score), largest gap first.

    Ties keep the chain's order.

    Parameters
    ----------
    scores : mapping of str to float or pandas.Series
        Every item key (see ``item_keys``) mapped to a score on ``scale``, and nothing else.
    target : float or mapping of str to float or pandas.Series, default 4
        One target score for all items, or a score per item.
    chain : str or Chain, default "crm"
        The value chain whose stages and supporting conditions are scored.
    language : {"en", "zh"}, optional
        The language of the names; default: the current language.
    scale : (float, float), default (1, 5)
        The lowest and highest score.

    Returns
    -------
    pandas.DataFrame
        Columns ``rank`` (1 = largest gap; items that meet their target share the last rank), ``key``, ``part``,
        ``name``, ``score``, ``target``, ``gap`` (never below 0) and ``order`` (the item's place in the chain, for
        charts).

    Raises
    ------
    TypeError
        When a score or target is not a number.
    KeyError
        When ``scores`` or ``target`` names an unknown item or lacks one, or there is no chain ``chain``.
    ValueError
        When a score or target is outside ``scale``, or ``scale`` does not go from low to high.

    Examples
    --------
    >>> scores = dict.fromkeys(item_keys(), 3)
    >>> scores.update(it_data=1, portfolio=2)
    >>> maturity_gaps(scores, target=4, language="en")[["rank", "key", "gap"]].head(2).values.tolist()
    [[1, 'it_data', 3.0], [2, 'portfolio', 2.0]]
    >>> maturity_gaps(dict.fromkeys(item_keys(), 6), target=4)
    Traceback (most recent call last):
    ...
    ValueError: scores['portfolio'] must be from 1 to 5; got 6
    >>> maturity_gaps({"sales": 3})
    Traceback (most recent call last):
    ...
    KeyError: "scores: unknown item(s) 'sales'; the items are: portfolio, intimacy, network, proposition, relationship, culture, processes, hr, it_data, organisation"
    """
    low, high = (float(scale[0]), float(scale[1]))
    if not low < high:
        raise ValueError(f"scale must be (lowest, highest) with lowest < highest; got {scale!r}")
    items = maturity_items(chain, language)
    keys = items["key"].tolist()
    score = _per_item(scores, keys, "scores", low, high)
    goal = _per_item(target, keys, "target", low, high)
    out = items.copy()
    out["score"] = [score[k] for k in keys]
    out["target"] = [goal[k] for k in keys]
    out["gap"] = (out["target"] - out["score"]).clip(lower=0.0)
    out["order"] = np.arange(len(out))
    out = out.sort_values(["gap", "order"], ascending=[False, True], kind="stable").reset_index(drop=True)
    open_gaps = out["gap"] > 0
    out["rank"] = np.where(open_gaps, np.arange(1, len(out) + 1), int(open_gaps.sum()) + 1)
    return out[["rank", "key", "part", "name", "score", "target", "gap", "order"]]
