"""The class report in Chromium: it opens from a file with no network, every chart loads, in English and
Chinese; screenshots go to ``test-artifacts/browser/class_report_<language>.png``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .lab import ARTIFACTS, CHROMIUM_FLAGS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/generated_class.py

from generated_class import generated_class  # noqa: E402


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from crmlib.grading.classreport import write_class_report
    from crmlib.i18n import set_language

    set_language("en")
    graded, _ = generated_class(tmp_path_factory.mktemp("class"))
    found = {}
    for language in ("en", "zh"):
        folder = tmp_path_factory.mktemp(f"report-{language}")
        found[language] = write_class_report(graded, folder, language)["report"]
    return found


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_report_opens_offline_with_every_chart(chromium_executable: str, reports: dict[str, Path],
                                                   language: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_executable, headless=True, args=list(CHROMIUM_FLAGS))
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(reports[language].as_uri())
            page.wait_for_load_state("load")
            sizes = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.complete, i.naturalWidth])")
            assert len(sizes) == 8 and all(done and width > 100 for done, width in sizes), sizes
            assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
            heading = page.inner_text("h1")
            assert heading == ("班级报告：全班错在哪里" if language == "zh" else "Class report: what the class got wrong")
            width = page.evaluate("() => document.querySelector('h1').getBoundingClientRect().width")
            assert width > 100  # the Chinese title is drawn with real glyphs, not collapsed
            page.screenshot(path=str(ARTIFACTS / f"class_report_{language}.png"), full_page=False)
        finally:
            browser.close()
