"""Widget latency in a real browser: keydown on a slider → the widget's chart and text updated in the page.

Starts JupyterLab and headless Chromium with the browser tests' harness (tests/browser/lab.py), opens
each lesson, runs it, and for every widget moves one control 21 times by keyboard (11 steps right, 10
back; a press at the slider's end, which changes nothing, is not counted and turns round), timing each key press in the page: a keydown listener notes the time, a MutationObserver on the
widget's output area notes every change outside the slider itself (the chart image's ``src``, the
text), and the latency is keydown → the last such change (the widget has stopped changing for 250 ms).

It runs every lesson on the committed data, then (``--customers``, default 100,000) a copy of each
lesson whose widgets grow with the number of customers, with ``datasets.load`` / ``datasets.connect``
pointed at a dataset of that size made by ``crmlib.synth`` in a temp folder (cached there, never
committed). Every cell of such a copy is tagged ``raises-exception`` so that a cell that only fits
the committed data (a named customer, say) does not stop the widgets after it.

Prints a table widget → median and p90 ms (committed data and large data), then, as its last line,
one JSON object ``{"widget": median ms at the large size, ...}``.

    .venv/bin/python benchmarks/bench_widgets_browser.py                 # English lessons, 100k customers
    .venv/bin/python benchmarks/bench_widgets_browser.py --language zh   # Chinese lessons, once they exist
    .venv/bin/python benchmarks/bench_widgets_browser.py --only 04 --presses 11

It is a benchmark, not a test: ``make test`` does not run it (pytest collects only tests/, crmlib/,
notebooks/ and exercises/). It needs Chromium, like the browser tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

import lab as harness  # noqa: E402 - the browser tests' harness, imported from its folder


@dataclass(frozen=True)
class Probe:
    """One widget to time: the lesson it lives in, the catalogue key of the slider to move, and whether
    its work grows with the number of customers."""

    name: str
    lesson: str
    slider_key: str
    grows: bool


PROBES = [
    Probe("retention demo (00)", "00_start_here", "widget.retention.slider", False),
    Probe("retention calculator (01)", "01_crm_background", "widget.calc.churn", False),
    Probe("customer pyramid (01)", "01_crm_background", "widget.pyramid.gold", True),
    Probe("maturity self-assessment (02)", "02_value_chain", "maturity.target_slider", False),
    Probe("value chain (02)", "02_value_chain", "vc.revenue", False),
    Probe("funnel (02)", "02_value_chain", "stage.consideration", False),
    Probe("CLV calculator (03)", "03_customer_portfolio", "widget.clv.retention", True),
    Probe("whale curve (03)", "03_customer_portfolio", "activity.account_manager_hour", True),
    Probe("portfolio matrix (03)", "03_customer_portfolio", "widget.matrix.current", True),
    Probe("survival explorer (04)", "04_telecom_case", "survival.slider", True),
    Probe("campaign planner (04)", "04_telecom_case", "widget.budget", True),
    Probe("cross-sell explorer (04)", "04_telecom_case", "widget.min_propensity", True),
]

# Arms a measurement on the output area holding slider number `index`: resolves with keydown → last
# change outside the slider (ms), or null when nothing but the slider changed within `timeout` ms.
_JS_ARM = """
([index, quiet, timeout]) => {
  const sliders = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .widget-slider');
  const slider = sliders[index];
  const area = slider.closest('.jp-OutputArea-output') || slider.parentElement;
  window.__crmLatency = new Promise((resolve) => {
    let start = null, last = null, quietTimer = null;
    const finish = () => { observer.disconnect(); document.removeEventListener('keydown', onKey, true);
                           resolve(last === null ? null : last - start); };
    const onKey = () => { if (start === null) start = performance.now(); };
    const observer = new MutationObserver((mutations) => {
      if (start === null) return;
      const outside = mutations.some((m) => {
        const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
        return el && !el.closest('.widget-slider');
      });
      if (!outside) return;
      last = performance.now();
      clearTimeout(quietTimer);
      quietTimer = setTimeout(finish, quiet);
    });
    observer.observe(area, {subtree: true, childList: true, characterData: true, attributes: true,
                            attributeFilter: ['src']});
    document.addEventListener('keydown', onKey, true);
    setTimeout(finish, timeout);
  });
}
"""


def _description(key: str, language: str) -> str:
    from crmlib.i18n import t

    text = t(key, language)
    return text.split("(")[0].split("（")[0].strip()[:24]


def _slider_index(nb: harness.Notebook, description: str) -> int:
    for slider in nb.sliders():
        if description.lower() in slider.description.lower():
            return slider.index
    raise harness.HarnessError(f"no slider {description!r}; on show: {[s.description for s in nb.sliders()]}")


def time_widget(nb: harness.Notebook, probe: Probe, language: str, presses: int, quiet_ms: int = 250) -> list[float]:
    """Press the probe's slider keys ``presses`` times; the latency of each press in ms."""
    description = _description(probe.slider_key, language)
    index = _slider_index(nb, description)
    handle = nb.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-slider").nth(index).locator(".noUi-handle")
    times = []
    right, key, misses = presses // 2 + 1, "ArrowRight", 0
    for i in range(presses + 4):  # a few spare presses for the ones that hit the slider's end
        if len(times) >= presses or misses > 4:
            break
        nb.wait_for(lambda: nb.kernel_status() == "idle", 30, "the kernel to be idle")
        if not handle.evaluate("el => document.activeElement === el"):  # a redraw may take the focus away
            handle.evaluate("el => { el.scrollIntoView({block: 'center'}); el.focus(); }")
            nb.wait_for(lambda: handle.evaluate("el => document.activeElement === el"), 10, f"{description!r} focused")
        if len(times) == right:
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        nb.page.evaluate(_JS_ARM, [index, quiet_ms, 4_000])
        nb.page.keyboard.press(key)
        value = nb.page.evaluate("window.__crmLatency")
        if value is None:  # nothing changed: the slider is at its end; go the other way
            misses += 1
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        else:
            times.append(float(value))
    return times


def lesson_path(lesson: str, language: str, root: Path) -> str | None:
    """The lesson notebook for ``language``: notebooks/<lesson>.ipynb in English; a Chinese lesson
    where one exists (notebooks/zh/<lesson>.ipynb or notebooks/<lesson>_zh.ipynb), else None."""
    if language == "en":
        candidates = [f"notebooks/{lesson}.ipynb"]
    else:
        candidates = [f"notebooks/{language}/{lesson}.ipynb", f"notebooks/{lesson}_{language}.ipynb"]
    return next((c for c in candidates if (root / c).is_file()), None)


def large_copy(lab: harness.Lab, source: str, data_dir: Path) -> str:
    """A copy of lesson ``source`` reading the dataset in ``data_dir``; every cell tagged raises-exception."""
    import nbformat

    nb = nbformat.read(str(lab.server.root / source), as_version=4)
    folder = repr(str(data_dir))
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.source = (cell.source.replace('datasets.load("telecom")', f'datasets.load("telecom", data_dir={folder})')
                       .replace("datasets.connect()", f"datasets.connect(data_dir={folder})"))
        cell.metadata.setdefault("tags", []).append("raises-exception")
    name = f"bench/{Path(source).stem}_large.ipynb"
    target = lab.server.root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(target))
    return name


def make_large_data(customers: int) -> Path:
    """The dataset of ``customers`` customers, generated once into the temp folder."""
    folder = Path(tempfile.gettempdir()) / "crmlib-bench" / f"telecom-{customers}"
    if not (folder / "SHA256SUMS").is_file():
        from crmlib import synth

        print(f"generating {customers:,} customers into {folder} ...", file=sys.stderr, flush=True)
        synth.main(["--out", str(folder), "--customers", str(customers)])
    return folder


def summary(times: list[float]) -> tuple[float, float] | None:
    if not times:
        return None
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return statistics.median(ordered), p90


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--language", default="en", choices=["en", "zh"])
    parser.add_argument("--customers", type=int, default=100_000, help="size of the large dataset (0: skip it)")
    parser.add_argument("--presses", type=int, default=21)
    parser.add_argument("--only", default="", help="lessons to run, e.g. '03,04' (default: all)")
    args = parser.parse_args()

    executable, reason = harness.find_chromium()
    if executable is None:
        print(reason, file=sys.stderr)
        return 2
    data = make_large_data(args.customers) if args.customers else None
    state = Path(tempfile.mkdtemp(prefix="crmlib-bench-lab-"))
    server = harness.LabServer(root=harness.copy_sources(state / "root"), state=state / "state").start()
    lab = harness.Lab(server, executable, profile=state / "chromium")
    results: dict[tuple[str, str], list[float]] = {}
    problems: list[str] = []
    lessons = list(dict.fromkeys(p.lesson for p in PROBES))
    if args.only:
        lessons = [name for name in lessons if name[:2] in args.only.split(",")]
    try:
        for lesson in lessons:
            source = lesson_path(lesson, args.language, server.root)
            if source is None:
                problems.append(f"{lesson}: no {args.language} lesson yet")
                continue
            runs = [("committed", source, False)]
            if data is not None and any(p.grows for p in PROBES if p.lesson == lesson):
                runs.append(("large", large_copy(lab, source, data), True))
            for size, path, large in runs:
                nb = lab.open_notebook(path, timeout=120)
                started = time.monotonic()
                try:
                    nb.run_all(timeout=900)
                except harness.HarnessError as error:
                    problems.append(f"{path}: {str(error).splitlines()[0]}")
                print(f"{path}: ran in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
                for probe in (p for p in PROBES if p.lesson == lesson and (p.grows or not large)):
                    try:
                        results[(probe.name, size)] = found = time_widget(nb, probe, args.language, args.presses)
                        print(f"  {probe.name} ({size}): {len(found)} of {args.presses} presses timed", file=sys.stderr,
                              flush=True)
                    except harness.HarnessError as error:
                        problems.append(f"{probe.name} ({size}): {str(error).splitlines()[0]}")
                nb.close()
    finally:
        lab.close()
        server.stop()

    big = f"{args.customers // 1000}k customers" if args.customers else "large data"
    print(f"\n{'widget':32} {'committed: median':>18} {'p90':>7} {big + ': median':>24} {'p90':>7}   (ms, n={args.presses})")
    medians = {}
    for probe in PROBES:
        small, large = summary(results.get((probe.name, "committed"), [])), summary(results.get((probe.name, "large"), []))
        cells = [f"{small[0]:18.0f} {small[1]:7.0f}" if small else f"{'-':>18} {'-':>7}",
                 f"{large[0]:24.0f} {large[1]:7.0f}" if large else f"{'-':>24} {'-':>7}"]
        print(f"{probe.name:32} {cells[0]} {cells[1]}")
        if large or small:
            medians[probe.name] = round((large or small)[0], 1)
    for problem in problems:
        print(f"note: {problem}")
    print(json.dumps(medians, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
