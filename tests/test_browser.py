"""The summary page in a real browser: headless Chromium from Debian, driven by selenium + chromedriver.

Checks what only a browser can tell: the page loads with no console error, every chart is
laid out with all its glyph references resolved, Thai text is shaped with the embedded font
(a combining vowel adds no width: no boxes), the agency table sorts and filters, and a
screenshot comes out. ``ITA_SUMMARY_SCREENSHOT=docs/summary.png`` also writes the screenshot
there (how the README's picture is made).

Skips, naming what to install, where Chromium, chromedriver or selenium is missing (CI installs
them: ``.ci/run``). Chromium runs with no network features and its own throw-away profile.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import handbuilt
import pytest
from ita_extract.extract.analysis.summary import write_summary

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
INSTALL = "apt-get install chromium chromium-driver"
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER), reason=f"needs Debian's Chromium and its driver: {INSTALL}"
)
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium: pip install 'ita-extract[dev]'")
pytest.importorskip("matplotlib", reason="the summary's charts need matplotlib: pip install 'ita-extract[analysis]'")

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--window-size=1200,900",
)  # fmt: skip
PAGE_WIDTH_PX = 1200
SCREENSHOT_HEIGHT_PX = 1500  # the README's picture, from the plans section down
CHARTS = {"outcomes", "progress", "histogram", "boxplot", "heatmap", "timeline"}  # and one "questions-<year>" a year


def question_charts() -> set[str]:
    """One questions chart per fiscal year whose reports (the samples' truth, the hand-built run) have records."""
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "samples").glob("sample*.json"))]
    years = {t["document"]["fiscal_year"] for t in truths if t["records"]}
    years |= {r.document.fiscal_year for r in handbuilt.reports() if r.records}
    return {f"questions-{year}" for year in years}


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One headless Chromium for the module, console messages collected at every level."""
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page of two runs: the eight samples' expected JSON, and the hand-built agencies with plans and scores."""
    root = tmp_path_factory.mktemp("summary")
    samples = root / "samples"
    samples.mkdir()
    for truth in sorted((REPO / "samples").glob("sample*.json")):
        shutil.copy(truth, samples / truth.name)
    return write_summary([samples, handbuilt.write_run(root / "handbuilt")], root / "summary.html").path


def load(browser: object, path: Path) -> list[dict]:
    """Open ``path``; return the console messages it logged (the log is emptied by reading it)."""
    browser.get_log("browser")
    browser.get(path.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    return browser.get_log("browser")


def errors(messages: list[dict]) -> list[str]:
    return [m["message"] for m in messages if m["level"] == "SEVERE"]


def test_the_page_loads_with_no_console_errors(browser: object, page: Path) -> None:
    assert errors(load(browser, page)) == []


def test_a_console_error_would_be_caught(browser: object, tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><title>x</title><script>console.error('boom'); undefinedCall();</script>")
    found = errors(load(browser, broken))
    assert any("boom" in m for m in found) and any("undefinedCall" in m for m in found)


CHART_BOXES = """
return Array.from(document.querySelectorAll('figure.chart')).map(function (fig) {
  var svg = fig.querySelector('svg'), box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  var uses = svg ? Array.from(svg.querySelectorAll('use')) : [];
  var broken = uses.filter(function (u) {
    var ref = u.getAttribute('xlink:href') || u.getAttribute('href');
    return !document.getElementById(ref.slice(1));
  });
  return {name: fig.dataset.chart, width: box.width, height: box.height, glyphs: uses.length,
          broken: broken.length, caption: fig.querySelector('figcaption').textContent};
});
"""


def test_every_chart_is_laid_out_with_its_glyphs(browser: object, page: Path) -> None:
    load(browser, page)
    charts = browser.execute_script(CHART_BOXES)
    assert {c["name"] for c in charts} == CHARTS | question_charts()
    for chart in charts:
        assert chart["width"] > PAGE_WIDTH_PX / 2 and chart["height"] > 100, chart
        assert chart["glyphs"] > 20 and chart["broken"] == 0, chart
        assert re.search("[\u0e00-\u0e7f]", chart["caption"]), chart


THAI_WIDTHS = """
var probe = document.createElement('span');
document.body.appendChild(probe);
function width(text) { probe.textContent = text; return probe.getBoundingClientRect().width; }
var result = {base: width('ก'), withVowel: width('กี'), withMarks: width('กิ่'), two: width('กก')};
probe.remove();
return result;
"""


def test_thai_is_shaped_with_the_embedded_font_not_boxes(browser: object, page: Path) -> None:
    load(browser, page)
    widths = browser.execute_script(THAI_WIDTHS)
    assert widths["base"] > 4
    assert abs(widths["withVowel"] - widths["base"]) < 0.5  # a box would add a second glyph's width
    assert abs(widths["withMarks"] - widths["base"]) < 0.5
    assert widths["two"] == pytest.approx(2 * widths["base"], abs=0.5)
    root = browser.execute_cdp_cmd("DOM.getDocument", {"depth": 1})["root"]["nodeId"]
    browser.execute_cdp_cmd("CSS.enable", {})
    for selector in ("h1", "#agencies-table tbody td", "figcaption"):
        node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = browser.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        assert [f["familyName"] for f in fonts if f["isCustomFont"]] == ["Loma"], (selector, fonts)


def test_the_agency_table_sorts_and_filters(browser: object, page: Path) -> None:
    from selenium.webdriver.common.by import By

    load(browser, page)
    table = browser.find_element(By.ID, "agencies-table")
    column = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")].index("รายการ · records")
    read = f"return Array.from(arguments[0].tBodies[0].rows).filter(r => !r.hidden).map(r => r.cells[{column}].textContent)"
    header = table.find_elements(By.CSS_SELECTOR, "thead th")[column]
    header.click()
    ascending = [int(v.replace(",", "")) for v in browser.execute_script(read, table)]
    header.click()
    descending = [int(v.replace(",", "")) for v in browser.execute_script(read, table)]
    assert ascending == sorted(ascending) and descending == sorted(ascending, reverse=True)
    assert ascending != descending
    box = browser.find_element(By.CSS_SELECTOR, "input[data-filter='agencies-table']")
    box.send_keys("โรงพยาบาล")
    assert len(browser.execute_script(read, table)) == 1
    assert browser.find_element(By.ID, "agencies-table-shown").text == "1"
    box.clear()
    box.send_keys("ศรีสะเกษ 2567")  # every word must be in the row
    names = [row.split("\n")[0] for row in browser.execute_script(
        "return Array.from(arguments[0].tBodies[0].rows).filter(r => !r.hidden).map(r => r.cells[0].textContent)",
        table)]  # fmt: skip
    assert sorted(names) == sorted([handbuilt.PHO.name, handbuilt.PRANG_KU.name, handbuilt.SISAKET.name])


def test_an_empty_batch_loads_cleanly_and_says_so(browser: object, tmp_path: Path) -> None:
    run = handbuilt.write_run(tmp_path / "run", [])
    path = write_summary([run], tmp_path / "empty.html").path
    assert errors(load(browser, path)) == []
    notes = browser.execute_script("return Array.from(document.querySelectorAll('[data-empty]')).map(n => n.dataset.empty)")
    assert set(notes) >= {"reports", "questions", "progress", "scores", "timeline", "agencies"}


def test_a_screenshot_of_the_whole_page(browser: object, page: Path, tmp_path: Path) -> None:
    from PIL import Image

    load(browser, page)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": PAGE_WIDTH_PX, "height": height, "scale": 1},
    })  # fmt: skip
    target = tmp_path / "summary.png"
    target.write_bytes(__import__("base64").b64decode(shot["data"]))
    image = Image.open(target)
    assert image.size == (PAGE_WIDTH_PX, height) and height > 3000
    assert len(image.convert("L").getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50  # not blank
    if os.environ.get("ITA_SUMMARY_SCREENSHOT"):  # the README's picture: the plans and the scores
        top = browser.execute_script("return document.getElementById('progress').getBoundingClientRect().top")
        part = image.crop((0, int(top), PAGE_WIDTH_PX, min(height, int(top) + SCREENSHOT_HEIGHT_PX)))
        part.quantize(colors=256).save(os.environ["ITA_SUMMARY_SCREENSHOT"], optimize=True)
