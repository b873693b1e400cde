"""The customer-journey funnel: people per stage, conversion between stages, and the bottleneck.

A funnel table holds how many people reached each stage of the journey (awareness → … → repeat
purchase), possibly split by channel or period. ``stage_counts`` sums it per stage in journey
order, ``funnel_conversion`` gives one row per step between two stages, and ``bottleneck`` names
the step with the lowest conversion: where the largest share of people is lost.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"stage": ["aware", "try", "buy", "stay"], "people": [1000, 600, 150, 120]})
    >>> steps = funnel_conversion(t, order=["aware", "try", "buy", "stay"])
    >>> steps[["from_stage", "to_stage", "conversion"]].values.tolist()
    [['aware', 'try', 0.6], ['try', 'buy', 0.25], ['buy', 'stay', 0.8]]
    >>> bottleneck(steps)[["from_stage", "to_stage"]].tolist()
    ['try', 'buy']
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np
import pandas as pd

from crmlib._checks import share as _share
from crmlib._checks import require_columns

__all__ = ["stage_counts", "funnel_conversion", "bottleneck", "simulate_funnel"]


def _columns(table: object, **columns: str | None) -> pd.DataFrame:
    return require_columns(table, {p: c for p, c in columns.items() if c is not None}, "the table")


def _stage_order(stages: pd.Series, order: Sequence[str] | None) -> list[str]:
    present = [str(s) for s in pd.unique(stages.astype(str))]
    if order is not None:
        if isinstance(order, (str, bytes)) or not isinstance(order, Sequence):
            raise TypeError(f"order must be a list of stage names; got {type(order).__name__}")
        order = [str(s) for s in order]
        unknown = [s for s in present if s not in order]
        if unknown:
            raise ValueError(f"stage(s) {', '.join(map(repr, unknown))} are not in order=; order lists: {', '.join(order)}")
        return [s for s in order if s in present]
    if isinstance(stages.dtype, pd.CategoricalDtype) and stages.dtype.ordered:
        return [str(c) for c in stages.dtype.categories if str(c) in present]
    return present  # order of first appearance


def stage_counts(
    table: pd.DataFrame,
    *,
    stage: str = "stage",
    count: str = "people",
    by: str | None = None,
    order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """People per stage (summed over every other column, e.g. quarters), in journey order.

    With ``by`` there is one funnel per group. A later stage may not hold more people than the one before it:
    that means the order is wrong.

    Parameters
    ----------
    table : pandas.DataFrame
        How many people reached each stage, possibly split by channel or period.
    stage : str, default "stage"
        The column of stage names.
    count : str, default "people"
        The column of people (numbers ≥ 0).
    by : str, optional
        A column (e.g. ``"channel"``) to give one funnel per group of.
    order : sequence of str, optional
        The stages in journey order; default: the category order of an ordered ``stage`` column, else the order
        of first appearance.

    Returns
    -------
    pandas.DataFrame
        Columns [``by``], ``stage`` (an ordered Categorical in journey order) and ``count`` (whole numbers stay
        integers), one row per (group and) stage.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame, or ``order`` is not a list.
    ColumnError
        When a column is not in the table.
    ValueError
        When the table has no rows, a count is missing, not a number or negative, a stage is not in ``order``,
        a funnel lacks a stage, or a later stage holds more people than the one before it.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"q": [1, 1, 2, 2], "stage": ["aware", "buy"] * 2, "people": [100, 20, 120, 30]})
    >>> stage_counts(t).values.tolist()
    [['aware', 220], ['buy', 50]]
    >>> stage_counts(t, order=["buy", "aware"])
    Traceback (most recent call last):
    ...
    ValueError: stage 'aware' has more people (220) than the stage before it, 'buy' (50): check the stage order (order=)
    """
    _columns(table, stage=stage, count=count, by=by)
    if table.empty:
        raise ValueError("the table has no rows")
    values = pd.to_numeric(table[count], errors="coerce")
    if values.isna().any():
        bad = table.loc[values.isna(), count].iloc[0]
        raise ValueError(f"column {count!r} (count=) must hold numbers of people with none missing; found {bad!r}")
    if (values < 0).any():
        raise ValueError(f"column {count!r} (count=) must be ≥ 0; found {values[values < 0].iloc[0]:g}")
    stages = _stage_order(table[stage], order)
    keys = [by, stage] if by else [stage]
    data = pd.DataFrame({k: table[k].astype(str) for k in keys})
    data[count] = values.to_numpy()
    summed = data.groupby(keys, sort=False)[count].sum()
    groups = [str(g) for g in pd.unique(table[by].astype(str))] if by else [None]
    if by and isinstance(table[by].dtype, pd.CategoricalDtype):
        groups = [str(c) for c in table[by].dtype.categories if str(c) in set(groups)]
    rows = []
    for group in groups:
        counts = []
        for s in stages:
            key = (group, s) if by else s
            if key not in summed.index:
                where = f" in {by} {group!r}" if by else ""
                raise ValueError(f"stage {s!r} has no rows{where}: every funnel needs every stage")
            counts.append(summed[key])
        for i in range(1, len(counts)):
            if counts[i] > counts[i - 1]:
                where = f" in {by} {group!r}" if by else ""
                raise ValueError(
                    f"stage {stages[i]!r} has more people ({counts[i]:g}) than the stage before it, "
                    f"{stages[i - 1]!r} ({counts[i - 1]:g}){where}: check the stage order (order=)"
                )
        rows += [((group,) if by else ()) + (s, c) for s, c in zip(stages, counts)]
    out = pd.DataFrame(rows, columns=[*([by] if by else []), stage, count])
    # journey order travels with the table, so that pivots and sorts keep it
    out[stage] = pd.Categorical(out[stage], categories=stages, ordered=True)
    if by:
        out[by] = pd.Categorical(out[by], categories=groups)
    if np.allclose(out[count], out[count].round(), rtol=0.0, atol=1e-9):  # whole numbers stay int
        out[count] = out[count].round().astype("int64")
    return out


def funnel_conversion(
    table: pd.DataFrame,
    *,
    stage: str = "stage",
    count: str = "people",
    by: str | None = None,
    order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per step between consecutive stages: who entered it, who moved on, and the conversion.

    Counts are summed first, as in ``stage_counts``.

    Parameters
    ----------
    table : pandas.DataFrame
        How many people reached each stage, possibly split by channel or period.
    stage : str, default "stage"
        The column of stage names.
    count : str, default "people"
        The column of people (numbers ≥ 0).
    by : str, optional
        A column (e.g. ``"channel"``) to give one funnel per group of.
    order : sequence of str, optional
        The stages in journey order; default: the category order of an ordered ``stage`` column, else the order
        of first appearance.

    Returns
    -------
    pandas.DataFrame
        Columns [``by``], ``step`` (1, 2, …), ``from_stage``, ``to_stage``, ``entered`` (people at the
        first stage), ``moved_on`` (people at the next), ``conversion`` (moved_on / entered),
        ``lost`` (entered − moved_on), ``reach`` (moved_on as a share of the top of the funnel).

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame, or ``order`` is not a list.
    ColumnError
        When a column is not in the table.
    ValueError
        When the table has no rows, a count is missing, not a number or negative, a stage is not in ``order``,
        a funnel lacks a stage, or a later stage holds more people than the one before it.
        Also when a funnel has fewer than 2 stages, or a stage before the last has 0 people.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"stage": ["aware", "try", "buy"], "people": [100, 40, 10]})
    >>> funnel_conversion(t)[["from_stage", "to_stage", "conversion", "reach"]].values.tolist()
    [['aware', 'try', 0.4, 0.4], ['try', 'buy', 0.25, 0.1]]
    >>> t = pd.DataFrame({"stage": ["aware", "buy"], "people": [0, 0]})
    >>> funnel_conversion(t)
    Traceback (most recent call last):
    ...
    ValueError: stage 'aware' has 0 people, so the conversion to 'buy' is undefined
    """
    counts = stage_counts(table, stage=stage, count=count, by=by, order=order)
    groups = [g for _, g in counts.groupby(by, sort=False, observed=True)] if by else [counts]
    frames = []
    for g in groups:
        people = g[count].to_numpy(dtype=float)
        names = [str(x) for x in g[stage]]
        if len(names) < 2:
            raise ValueError(f"a funnel needs at least 2 stages; got {len(names)}: {', '.join(names)}")
        zero = np.flatnonzero(people[:-1] == 0)
        if zero.size:
            i = int(zero[0])
            raise ValueError(f"stage {names[i]!r} has 0 people, so the conversion to {names[i + 1]!r} is undefined")
        order = pd.CategoricalDtype(list(counts[stage].cat.categories), ordered=True)
        frame = pd.DataFrame({
            "step": np.arange(1, len(names)),
            "from_stage": pd.Series(names[:-1], dtype=order),
            "to_stage": pd.Series(names[1:], dtype=order),
            "entered": g[count].to_numpy()[:-1],
            "moved_on": g[count].to_numpy()[1:],
            "conversion": people[1:] / people[:-1],
            "lost": g[count].to_numpy()[:-1] - g[count].to_numpy()[1:],
            "reach": people[1:] / people[0],
        })
        if by:
            frame.insert(0, by, pd.Series([g[by].iloc[0]] * len(frame), dtype=counts[by].dtype))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def bottleneck(conversion: pd.DataFrame, by: str | None = None) -> pd.Series | pd.DataFrame:
    """The step with the lowest conversion (a row of ``funnel_conversion``), or one per group with ``by``.

    Ties go to the earlier step.

    Parameters
    ----------
    conversion : pandas.DataFrame
        A table from :func:`funnel_conversion`.
    by : str, optional
        The column the funnels were split by.

    Returns
    -------
    pandas.Series or pandas.DataFrame
        The bottleneck's row; with ``by``, a table with one row per group.

    Raises
    ------
    TypeError
        When ``conversion`` is not a DataFrame.
    ColumnError
        When ``conversion`` or ``by`` is not a column.
    ValueError
        When the table has no rows, or holds several funnels (repeated steps) and no ``by`` is given.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"channel": ["app"] * 3 + ["store"] * 3, "stage": ["aware", "sign", "use"] * 2,
    ...                   "people": [100, 80, 20, 100, 50, 45]})
    >>> steps = funnel_conversion(t, by="channel")
    >>> bottleneck(steps, by="channel")[["channel", "to_stage", "conversion"]].values.tolist()
    [['app', 'use', 0.25], ['store', 'sign', 0.5]]
    """
    _columns(conversion, conversion="conversion", by=by)
    if conversion.empty:
        raise ValueError("the conversion table has no rows")
    if by is None:
        if "step" in conversion.columns and conversion["step"].duplicated().any():
            raise ValueError("the table holds several funnels (repeated steps): pass by=... (e.g. by='channel')")
        return conversion.loc[conversion["conversion"].idxmin()]
    rows = conversion.groupby(by, sort=False, observed=True)["conversion"].idxmin()
    return conversion.loc[rows.to_numpy()].reset_index(drop=True)


def simulate_funnel(top: float, conversions: Sequence[float], stages: Sequence[str], *,
                    stage: str = "stage", count: str = "people") -> pd.DataFrame:
    """People per stage when ``top`` people start and each step converts its share.

    The result has the shape of ``stage_counts`` (unrounded), so ``funnel_conversion`` reads it.

    Parameters
    ----------
    top : float
        People at the first stage (> 0).
    conversions : sequence of float
        One rate (a share from 0 to 1) per step, i.e. one fewer than ``stages``.
    stages : sequence of str
        The stage names, in journey order (at least 2).
    stage : str, default "stage"
        The name of the result's stage column.
    count : str, default "people"
        The name of the result's count column.

    Returns
    -------
    pandas.DataFrame
        One row per stage: ``stage`` and ``count``.

    Raises
    ------
    TypeError
        When ``conversions`` is not a list, or a rate is not a number.
    ValueError
        When ``top`` is not a number above 0, ``stages`` has fewer than 2 names, the number of conversions is not
        one per step, or a rate is outside 0 to 1.

    Examples
    --------
    >>> simulate_funnel(1000, [0.5, 0.4], ["aware", "buy", "stay"]).values.tolist()
    [['aware', 1000.0], ['buy', 500.0], ['stay', 200.0]]
    >>> simulate_funnel(1000, [0.5, 40], ["aware", "buy", "stay"])
    Traceback (most recent call last):
    ...
    ValueError: conversions[1] must be a share from 0 to 1 (e.g. 0.4 for 40 %); got 40
    """
    if isinstance(top, bool) or not isinstance(top, numbers.Real) or not top > 0:
        raise ValueError(f"top must be a number of people > 0; got {top!r}")
    if isinstance(stages, (str, bytes)) or not isinstance(stages, Sequence) or len(stages) < 2:
        raise ValueError(f"stages must be a list of at least 2 stage names; got {stages!r}")
    if isinstance(conversions, (str, bytes)) or not isinstance(conversions, Sequence):
        raise TypeError(f"conversions must be a list of shares; got {type(conversions).__name__}")
    if len(conversions) != len(stages) - 1:
        raise ValueError(f"give one conversion per step: {len(stages) - 1} for {len(stages)} stages; "
                         f"got {len(conversions)}")
    rates = []
    for i, rate in enumerate(conversions):
        rates.append(_share(f"conversions[{i}]", rate.item() if isinstance(rate, np.number) else rate,
                            example=0.4))
    people = float(top) * np.concatenate([[1.0], np.cumprod(rates)])
    return pd.DataFrame({stage: [str(s) for s in stages], count: people})
