"""The index and every briefing in a real headless Chromium: no broken images, no
console errors, no request to another host, and working links to PDFs and reports."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: CI must install it (.ci/run does)")
    pytest.skip(f"Chromium is not installed ({CHROMIUM}); `apt-get install chromium`")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(built_project):
    paths, report, _ = built_project
    handler = functools.partial(QuietHandler, directory=str(paths.outputs))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", paths, report
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, url: str, origin: str):
    """A page, the console errors it logs, and every request it makes off our server."""
    page = browser.new_page()
    errors, foreign = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: foreign.append(r.url) if not r.url.startswith((origin, "data:")) else None,
    )
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    return page, errors, foreign


def broken_images(page) -> list[str]:
    return page.eval_on_selector_all(
        "img",
        "imgs => imgs.filter(i => !i.complete || i.naturalWidth === 0)"
        ".map(i => i.alt || i.src.slice(0, 40))",
    )


def test_index_links_work_in_a_browser(site, browser):
    origin, paths, report = site
    page, errors, foreign = open_page(browser, f"{origin}/index.html", origin)
    assert page.title().startswith("Regional briefings")
    hrefs = page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
    for region_id in report.entries:
        for target in (
            f"{region_id}/briefing.pdf",
            f"validation/{region_id}.json",
            f"{region_id}/briefing.html",
        ):
            assert target in hrefs
    for href in hrefs:
        response = page.request.get(f"{origin}/{href}")
        assert response.ok, href
        if href.endswith(".pdf"):
            assert response.body().startswith(b"%PDF")
    screenshots = paths.outputs / "screenshots"
    screenshots.mkdir(exist_ok=True)
    page.screenshot(path=str(screenshots / "index.png"), full_page=True)
    assert not errors and not foreign


def test_each_briefing_renders_cleanly(site, browser):
    origin, paths, report = site
    (paths.outputs / "screenshots").mkdir(exist_ok=True)
    for region_id in report.entries:
        page, errors, foreign = open_page(browser, f"{origin}/{region_id}/briefing.html", origin)
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("img").count() == 2
        assert broken_images(page) == []
        assert page.locator(".synthetic-banner").is_visible()
        page.screenshot(
            path=str(paths.outputs / "screenshots" / f"{region_id}.png"), full_page=True
        )
        assert errors == [], f"{region_id}: console errors {errors}"
        assert foreign == [], f"{region_id}: requests to other hosts {foreign}"
        page.close()
    shots = sorted(p.name for p in (paths.outputs / "screenshots").glob("*.png"))
    assert len(shots) == len(report.entries) + 1
