"""Numbers as the kit writes them: one place for every formatter the layers share.

>>> number(1000 * 0.8 * 0.8), percent(0.2050300710770913), money(129600, language="en")
('640', '20.5%', 'CNY 129,600')
"""

from __future__ import annotations

import math
from typing import Any

from crmlib.i18n import t

__all__ = ["money", "number", "percent", "share_percent"]


def number(x: Any) -> str:
    """A number written briefly: ``640.0000000000001`` as ``640``, ``2.0`` as ``2``, ``0.8`` as ``0.8``.

    Anything that is not a number is returned as ``str(x)``.

    >>> number(1000 * 0.8 * 0.8), number(0.25), number(12), number(1234567.5), number(2.0), number("memo")
    ('640', '0.25', '12', '1234567.5', '2', 'memo')
    """
    if isinstance(x, int) and not isinstance(x, bool):
        return str(x)
    if isinstance(x, bool) or not isinstance(x, (int, float)) and not hasattr(x, "__float__"):
        return str(x)
    try:
        value = float(x)
    except (TypeError, ValueError, OverflowError):
        return str(x)
    if math.isfinite(value) and value == round(value) and abs(value) < 1e15:
        return str(int(round(value)))
    return f"{value:.10g}"


def money(amount: float, currency: str | None = None, language: str | None = None) -> str:
    """An amount with thousands separators and its currency, as the kit writes it in each language.

    Yuan (the default) follow the language: "CNY 129,600" or "129,600 元". A currency symbol goes before
    the amount ("$5"); another currency code too ("USD 5"). Negative amounts carry a true minus sign.

    >>> money(129600, "CNY", "en"), money(129600, None, "zh"), money(-5, "$", "en"), money(5, "USD", "zh")
    ('CNY 129,600', '129,600 元', '−$5', 'USD 5')
    """
    sign = "−" if amount < 0 else ""
    text = f"{abs(amount):,.0f}"
    if currency is None or currency in ("CNY", "元"):
        return sign + t("money.cny", language, amount=text)
    if currency in ("$", "¥", "€", "£"):
        return f"{sign}{currency}{text}"
    return f"{sign}{currency} {text}"


def percent(rate: float) -> str:
    """A rate as a percentage with one decimal, dropped when it is zero: the chart titles and the
    lesson's printed numbers then show the same rate.

    >>> percent(0.25), percent(0.2050300710770913), percent(0.999)
    ('25%', '20.5%', '99.9%')
    """
    text = f"{rate * 100:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def share_percent(value: float) -> str:
    """A share as a whole percentage, or with one decimal below 1 % (so that 0.4 % does not read 0 %).

    >>> share_percent(0.885), share_percent(0.004), share_percent(0)
    ('88%', '0.4%', '0%')
    """
    return f"{value:.0%}" if abs(value) >= 0.01 or value == 0 else f"{value:.1%}"
