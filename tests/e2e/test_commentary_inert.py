"""A commentary full of payloads is inert in Chromium: nothing runs, links or loads."""

from __future__ import annotations

from support.browser import open_page, served
from support.commentary import payload_build


def test_the_commentary_is_inert_in_chromium(builds, browser):
    paths = payload_build(builds).paths  # read only
    with served(paths.outputs) as origin:
        page, errors, foreign = open_page(browser, f"{origin}/eeca/briefing.html", origin)
        page.wait_for_timeout(300)
        # key findings, background, conclusions: the payload ends the conclusions
        assert page.locator("div.commentary").count() == 3
        assert "Juventas-safe-text" in page.locator("div.commentary").nth(2).inner_text()
        assert page.locator("div.commentary a, div.commentary img, script").count() == 0
        handlers = page.eval_on_selector_all(
            "*",
            "els => els.flatMap(e => Array.from(e.attributes).map(a => a.name))"
            ".filter(n => n.startsWith('on'))",
        )
        assert handlers == [] and errors == [] and foreign == []
        page.close()
