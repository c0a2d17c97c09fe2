"""The index and every briefing in a real headless Chromium: no broken images, no
console errors, no request to another host, and working links to PDFs and reports."""

from __future__ import annotations

import pytest

from support.browser import open_page, served, site_pages
from support.project import PLACEHOLDER, copy_project, run_build
from support.rows import read_rows, rows_to_csv


@pytest.fixture(scope="module")
def site(built_project):
    paths, report, _ = built_project
    with served(paths.outputs) as origin:
        yield origin, paths, report


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
        assert page.locator("img").count() == 3  # locator map, service map, barriers
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


PAYLOADS = [
    "<img src=data:x onerror=alert(1)> Juventas drop-in",
    "<details open ontoggle=alert(2)>toggle</details>",
    '<p style="background:url(https://tracker.example/x.png)">styled</p>',
    "[a link](javascript:alert(3)) and <a href=javascript:alert(4)>another</a>",
    '<meta http-equiv="refresh" content="0;url=https://tracker.example/">',
    '<img src="https://tracker.example/pixel.png"> <svg onload=alert(5)></svg>',
]


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    """EECA built with a coding sheet whose publishable excerpts are injection payloads."""
    paths = copy_project(tmp_path_factory.mktemp("injected") / "project")
    sheet = paths.coding / "eeca.csv"
    rows = read_rows(sheet)
    belarus = next(r[0] for r in read_rows(paths.synthetic / "eeca.csv")[2:] if r[9] == "Belarus")
    for n, payload in enumerate(PAYLOADS):
        rows.append([belarus, "services", "drop_in", payload, "yes"])
        rows.append([belarus, "gaps", "stigma", f"{payload} ({n})", "yes"])
    sheet.write_text(rows_to_csv(rows), encoding="utf-8")
    report, _ = run_build(paths, ["eeca"], pdf=PLACEHOLDER)  # the test reads the HTML pages
    assert report.entries["eeca"].status == "built", report.entries["eeca"]
    with served(paths.outputs) as origin:
        yield origin, paths


def test_every_page_under_outputs_is_self_contained_and_inert(injected_site, browser):
    origin, paths = injected_site
    pages = site_pages(paths.outputs)
    assert {"index.html", "eeca/briefing.html", "validation/eeca/index.html"} <= set(pages)
    for name in pages:
        page = browser.new_page()
        foreign: list[str] = []

        def intercept(route, foreign=foreign):
            if route.request.url.startswith((origin, "data:")):
                route.continue_()
            else:
                foreign.append(route.request.url)
                route.abort()

        page.route("**/*", intercept)
        page.goto(f"{origin}/{name}", wait_until="networkidle")
        page.wait_for_timeout(300)  # a meta refresh or a toggle handler would fire by now
        assert page.url == f"{origin}/{name}", f"{name} navigated away"
        assert foreign == [], f"{name}: requests to other hosts {foreign}"
        handlers = page.eval_on_selector_all(
            "*",
            "els => els.flatMap(e => Array.from(e.attributes).map(a => a.name))"
            ".filter(n => n.startsWith('on'))",
        )
        assert handlers == [], f"{name}: event-handler attributes {handlers}"
        scripted = page.eval_on_selector_all(
            "[href], [src]",
            "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))"
            ".filter(u => /^\\s*(javascript|vbscript):/i.test(u))",
        )
        assert scripted == [], f"{name}: script links {scripted}"
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
        assert "default-src 'none'" in policy.get_attribute("content"), name
        page.close()
    briefing = (paths.outputs / "eeca" / "briefing.html").read_text(encoding="utf-8")
    assert "Juventas drop-in" in briefing  # the excerpts are shown, as harmless text
