"""The pages as a person uses them: a real headless Chromium (Debian's ``chromium`` and
``chromium-driver``) driven through search -> statement -> speaker -> position against a real server.

Screenshots go to the test's folder, and also to ``$ONRECORD_SCREENSHOTS`` when it is set; that is how
the ones in ``docs/screenshots/`` are made:
``ONRECORD_SCREENSHOTS=docs/screenshots pytest tests/test_browser.py``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    if not (CHROMIUM and CHROMEDRIVER):
        message = "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("ONRECORD_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-extensions",
        "--no-first-run",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folders = [tmp_path_factory.mktemp("screenshots")]
    if os.environ.get("ONRECORD_SCREENSHOTS"):
        folders.append(Path(os.environ["ONRECORD_SCREENSHOTS"]))
        folders[-1].mkdir(parents=True, exist_ok=True)
    return folders


def _shoot(driver: WebDriver, folders: list[Path], name: str) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, min(max(int(height), 700), 1800))
    for folder in folders:
        assert driver.save_screenshot(str(folder / f"{name}.png"))
        assert (folder / f"{name}.png").stat().st_size > 10_000


def test_search_statement_speaker_position(browser: WebDriver, served: str, shots: list[Path]) -> None:
    browser.set_window_size(1280, 900)
    browser.get(served + "/")
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("pretext to interfere")
    box.submit()
    assert "pretext to interfere" in browser.title
    results = browser.find_elements(By.CSS_SELECTOR, "li.statement")
    assert results, browser.page_source[:2000]
    wang = [r for r in results if r.find_element(By.CSS_SELECTOR, ".speaker").text == "Wang Yi"]
    assert wang, [r.text for r in results]
    marks = [m.text.lower() for m in wang[0].find_elements(By.TAG_NAME, "mark")]
    assert {"pretext", "interfere"} <= set(marks)
    assert browser.find_elements(By.CSS_SELECTOR, ".facet[data-facet=speaker] li")
    _shoot(browser, shots, "search")

    wang[0].find_element(By.CSS_SELECTOR, "blockquote a").click()
    said = browser.find_element(By.CSS_SELECTOR, ".article mark#said")
    assert said.is_displayed()
    highlighted = " ".join(m.text for m in browser.find_elements(By.CSS_SELECTOR, ".article mark.content"))
    assert "pretext" in highlighted
    assert browser.find_elements(By.CSS_SELECTOR, ".article mark.cue")
    assert "Wang Yi" in browser.find_element(By.TAG_NAME, "h1").text
    browser.set_window_size(1280, 900)
    _shoot(browser, shots, "statement")

    browser.find_element(By.CSS_SELECTOR, "h1 a").click()
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Wang Yi")
    charts = browser.find_elements(By.CSS_SELECTOR, ".charts svg")
    assert len(charts) == 2 and all(c.size["width"] > 200 for c in charts)
    _shoot(browser, shots, "speaker")

    browser.set_window_size(1280, 900)
    browser.find_element(By.CSS_SELECTOR, "a.tag.position").click()
    assert browser.current_url.startswith(served + "/positions/")
    assert browser.find_elements(By.CSS_SELECTOR, ".side figure svg")
    assert browser.find_elements(By.CSS_SELECTOR, "li.statement")
    _shoot(browser, shots, "position")


def test_markup_in_a_document_stays_text(browser: WebDriver, served: str) -> None:
    browser.get(served + "/?q=alert")
    results = browser.find_elements(By.CSS_SELECTOR, "li.statement blockquote")
    assert results and "<script>" in results[0].text
    results[0].find_element(By.TAG_NAME, "a").click()
    assert "<script>alert('onrecord')</script>" in browser.find_element(By.CSS_SELECTOR, ".article").text
    assert browser.execute_script("return document.querySelectorAll('main script').length") == 0


def test_readable_on_a_phone(browser: WebDriver, served: str, shots: list[Path]) -> None:
    browser.set_window_size(390, 844)
    browser.get(served + "/?q=rights")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page is {width} px wide on a 390 px screen"
    results = browser.find_element(By.CSS_SELECTOR, ".results")
    facets = browser.find_element(By.CSS_SELECTOR, ".facets")
    assert results.location["y"] < facets.location["y"]  # results first, facets below on a phone
    _shoot(browser, shots, "search-phone")
    browser.set_window_size(1280, 900)


def test_error_page_in_the_browser(browser: WebDriver, served: str) -> None:
    browser.get(served + '/?q="unclosed')
    alert = browser.find_element(By.CSS_SELECTOR, "[role=alert]")
    assert "cannot read the query" in alert.text
    browser.get(served + "/compare?a=Wang+Yi&b=China")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.compare tbody tr")
    assert rows and browser.find_elements(By.CSS_SELECTOR, "table.compare meter")
