"""The HTML report of the example talk (mocked end-to-end run) as headless Chromium shows it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.model import Report
from citecheck.report import render

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.browser, pytest.mark.enable_socket]


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser.new_page(viewport={"width": 1280, "height": 1400})
        finally:
            browser.close()


@pytest.fixture
def talk_html(tmp_path: Path, talk_report: Report) -> Path:
    path = tmp_path / "talk-report.html"
    path.write_text(render(talk_report, "html"), encoding="utf-8")
    return path


def test_the_talk_report_shows_badges_diffs_and_page_links_without_errors(
    page: Any, talk_html: Path
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(talk_html.as_uri())

    badges = page.locator(".entry .badge")
    assert badges.count() >= 26
    assert badges.first.is_visible()
    assert page.locator("#q10 .badge", has_text="other page").is_visible()

    altered = page.locator("#q16")
    assert altered.locator(".side.doc").is_visible()
    assert altered.locator(".side.src del", has_text="In 1920").is_visible()
    omitted = page.locator("#q10 .side.doc mark.omitted")
    assert omitted.is_visible()
    assert omitted.inner_text().startswith("not only from revolution from within")

    scan = page.locator("#q10 .scan-links a")
    assert scan.is_visible()
    # leaf 342 is the scan of printed page 318 (talk_world's page map)
    assert (
        scan.get_attribute("href")
        == "https://archive.org/details/greatconspiracyse00saye/page/n342"
    )
    assert page.locator("svg.chart rect").first.is_visible()
    assert page.locator(".document a.hl").count() == 13
    assert errors == []

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "talk-report.png"), full_page=True)
    page.locator("#q10").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "talk-report-q10.png"))


def test_a_quotation_in_the_document_view_leads_to_its_entry(page: Any, talk_html: Path) -> None:
    page.goto(talk_html.as_uri())
    page.locator("#doc-q16").click()
    assert page.url.endswith("#q16")
    assert page.locator("#q16").is_visible()
