"""02_value_chain in a real browser: it runs clean, and each of its three widgets redraws when a slider moves.

The notebook's contract (what this test relies on):
* Run All finishes with no error, warning or stderr output;
* it shows, in this order, the maturity self-assessment (a slider per stage and condition, one described
  "IT and data management"), the operator's value chain (a "cost" and a "revenue" slider per link, CNY
  million, user service fourth) and the journey funnel (a slider per step, one described
  "sign-up → activation");
* each widget shows its numbers as text and its charts as images; moving a slider changes both, as the
  numbers below say (they follow from the operator's data: margin 1,098, online funnel 103,621 repeat buyers).

A second test drives the same three widgets in Chinese (crmlib.set_language("zh")) in a scratch notebook.
Screenshots go to test-artifacts/browser/value_chain_*.png.
"""

from __future__ import annotations

import re

from .lab import Lab, Notebook, WidgetOutput

WIDGETS = ".jp-OutputArea-output:has(.jupyter-widgets)"


def number(text: str) -> int:
    return int(text.replace(",", ""))


def view_with(nb: Notebook, pattern: str) -> tuple[int, WidgetOutput]:
    """The index and content of the first widget view whose text matches ``pattern`` (waits for it)."""

    def find() -> tuple[int, WidgetOutput] | None:
        for i, view in enumerate(nb.widget_views()):
            if re.search(pattern, view.text) and view.images:
                return i, view
        return None

    return nb.wait_for(find, timeout=60, what=f"a widget showing {pattern!r}")


def shoot(nb: Notebook, index: int, name: str) -> None:
    nb.page.locator(WIDGETS).nth(index).evaluate("el => el.scrollIntoView({block: 'start'})")
    nb.screenshot(name)


def changed(nb: Notebook, index: int, before: WidgetOutput, pattern: str) -> WidgetOutput:
    """Wait until widget ``index`` shows new text matching ``pattern`` and new image bytes."""

    def read() -> WidgetOutput:
        return nb.widget_views()[index]

    return nb.wait_for_change(read, before, timeout=30,
                              until=lambda v: re.search(pattern, v.text) and v.digests != before.digests)


def test_value_chain_runs_and_its_widgets_redraw(lab: Lab) -> None:
    nb = lab.open_notebook("02_value_chain.ipynb")
    nb.run_all(timeout=240)
    assert nb.errors() == []
    assert nb.popups() == []
    sliders = nb.wait_for(lambda: len(nb.sliders()) >= 25 and nb.sliders(), timeout=60, what="the 25 sliders")
    assert len(sliders) == 25  # maturity: target + 10, value chain: 5 x 2, funnel: 4

    # 1. maturity: raising "IT and data management" from 1 to 3 closes most of its gap
    m_index, m_before = view_with(nb, r"Gaps to close")
    assert "IT and data management: score 1, 3 below target" in m_before.text
    shoot(nb, m_index, "value_chain_maturity_before")
    moved = nb.move_slider("IT and data", +2)
    assert moved.value == 3
    m_after = changed(nb, m_index, m_before, r"IT and data management: score 3, 1 below target")
    assert all(d and not d.startswith("unreadable") for d in m_after.digests)
    shoot(nb, m_index, "value_chain_maturity_after")

    # 2. value chain: +3 steps of 1 on user service's revenue adds 3 to the margin
    v_index, v_before = view_with(nb, r"Margin of the whole chain")
    margin = number(re.search(r"Margin of the whole chain: ([\d,]+)", v_before.text).group(1))
    assert margin == 1098
    assert len(v_before.images) == 2  # the chain diagram and the share chart
    revenue = [s.index for s in nb.sliders() if s.description == "revenue"]
    cost = [s.index for s in nb.sliders() if s.description == "cost"]
    assert len(revenue) == len(cost) == 5
    user_service = nb.sliders()[revenue[3]]
    assert user_service.value == 446
    shoot(nb, v_index, "value_chain_links_before")
    moved = nb.move_slider(revenue[3], +3)
    assert moved.value == 449
    v_after = changed(nb, v_index, v_before, r"Margin of the whole chain: 1,101\b")
    assert v_after.digests[0] != v_before.digests[0] and v_after.digests[1] != v_before.digests[1]
    shoot(nb, v_index, "value_chain_links_after")

    # 3. funnel: raising sign-up → activation gains repeat buyers in the online channel
    f_index, f_before = view_with(nb, r"reach repeat purchase")
    assert re.search(r"Of 881,395 people at the awareness stage, 103,621 reach repeat purchase", f_before.text)
    assert "Bottleneck: sign-up → activation" in f_before.text
    shoot(nb, f_index, "value_chain_funnel_before")
    step = nb.slider("sign-up → activation")
    moved = nb.move_slider(step.index, +5)
    assert moved.value > step.value
    f_after = changed(nb, f_index, f_before, r"changes by \+[\d,]+ people")
    final = number(re.search(r"([\d,]+) reach repeat purchase", f_after.text).group(1))
    gained = number(re.search(r"changes by \+([\d,]+) people", f_after.text).group(1))
    assert final > 103621 and abs(final - 103621 - gained) <= 1
    shoot(nb, f_index, "value_chain_funnel_after")
    assert nb.errors() == []
    nb.close()


def test_the_three_widgets_in_chinese(lab: Lab) -> None:
    path = lab.write_notebook("value_chain_zh.ipynb", [
        "import crmlib\ncrmlib.set_language('zh')\nfrom crmlib import datasets, widgets\n"
        "links = datasets.load('telecom', 'value_chain')\njourney = datasets.load('telecom', 'funnel')",
        "widgets.maturity_app()",
        "widgets.value_chain_app(links, year=2025)",
        "widgets.funnel_app(journey, channel='app')",
    ])
    nb = lab.open_notebook(path)
    nb.run_all(timeout=180)
    assert nb.errors() == []
    nb.wait_for(lambda: len(nb.sliders()) == 25, timeout=60, what="the 25 sliders")
    m_index, m_before = view_with(nb, r"待弥补的差距")
    assert "信息技术管理：得分 1，低于目标 3 分" in m_before.text
    v_index, v_before = view_with(nb, r"整条价值链的利润：1,098（百万元）")
    f_index, f_before = view_with(nb, r"瓶颈：注册 → 激活")
    nb.move_slider("信息技术管理", +4)
    m_after = changed(nb, m_index, m_before, r"(?s)^(?!.*信息技术管理：得分)")
    assert "信息技术管理" not in m_after.text.split("待弥补的差距")[1]
    cost = [s.index for s in nb.sliders() if s.description == "成本"]
    nb.move_slider(cost[3], -3)  # user service costs 3 less: the margin grows by 3
    changed(nb, v_index, v_before, r"整条价值链的利润：1,101（百万元）")
    shoot(nb, v_index, "value_chain_zh_links")
    nb.move_slider("注册 → 激活", +10)
    changed(nb, f_index, f_before, r"人数变化 \+[\d,]+ 人")
    shoot(nb, f_index, "value_chain_zh_funnel")
    assert nb.errors() == []
    nb.close()
