"""Every page the build writes, held to WCAG 2.1 AA by axe-core in Chromium, on a phone and
on a desktop screen.

axe-core is the engine accessibility practitioners use (Deque; shipped for Playwright by
``axe-playwright-python``). Each regional and global briefing in each of its editions, the
index and the validation pages in each language are checked at 320 and 1280 CSS pixels
against the WCAG 2.0/2.1 A and AA rules and axe's best practices: no violation. What axe
leaves ``incomplete`` (needs a person to judge, e.g. contrast over an image) is printed
with the test's output, for the reviewer.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.browser import served
from support.builds import Built

RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    }
}


def pages(built: Built) -> list[str]:
    """Every HTML page of the published site, as paths under ``outputs/``."""
    outputs = built.paths.outputs
    return sorted(
        path.relative_to(outputs).as_posix()
        for path in outputs.rglob("*.html")
        if "screenshots" not in path.parts
    )


def test_the_site_has_every_kind_of_page(built_project: Built):
    found = pages(built_project)
    for page in (
        "index.html",
        "index.es.html",
        "index.ru.html",
        "eeca/briefing.ru.html",
        "global/briefing.es.html",
        "validation/eeca/index.ru.html",
    ):
        assert page in found


@pytest.mark.parametrize("width", [320, 1280])
def test_no_page_violates_wcag_2_1_aa(built_project: Built, browser, width: int):
    axe = Axe()
    violations, incomplete = [], set()
    with served(built_project.paths.outputs) as origin:
        tab = browser.new_page(viewport={"width": width, "height": 900})
        for page in pages(built_project):
            response = tab.goto(f"{origin}/{page}", wait_until="load")
            assert response is not None and response.ok, page
            result = axe.run(tab, options=RULES).response
            violations += [
                f"{page}: {v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']][:3]}"
                for v in result["violations"]
            ]
            incomplete |= {f"{v['id']}: {v['help']}" for v in result["incomplete"]}
        tab.close()
    print(f"axe-core at {width} px left for a person to judge:", *sorted(incomplete), sep="\n  ")
    assert violations == []


# Each word of the page's text (no space, hyphen, dash or slash inside it; <wbr> ends a
# text node) and the lines its boxes sit on: a word on two lines was broken to fit.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style') || !parent.getClientRects().length) continue;
    for (const word of node.data.matchAll(/[^\\s\\u00a0\\u202f\\-\\u2010\\u2013\\u2014\\/]+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
        .map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(word[0]);
    }
  }
  return broken;
}"""


def test_no_word_breaks_inside_itself_on_a_phone(built_project: Built, browser):
    broken = {}
    with served(built_project.paths.outputs) as origin:
        tab = browser.new_page(viewport={"width": 390, "height": 900})
        for page in pages(built_project):
            tab.goto(f"{origin}/{page}", wait_until="load")
            if words := tab.evaluate(BROKEN_WORDS):
                broken[page] = words
        tab.close()
    assert broken == {}


def test_a_keyboard_skips_to_the_briefing_and_reaches_every_table(built_project: Built, browser):
    with served(built_project.paths.outputs) as origin:
        tab = browser.new_page(viewport={"width": 320, "height": 900})
        tab.goto(f"{origin}/global/briefing.ru.html", wait_until="load")
        tab.keyboard.press("Tab")
        skip = tab.locator(":focus")
        assert skip.get_attribute("class") == "skip-link" and skip.is_visible()
        assert skip.inner_text() == "Перейти к тексту обзора"
        tab.keyboard.press("Enter")
        assert tab.evaluate("location.hash") == "#briefing"
        assert tab.locator("main#briefing").count() == 1
        boxes = tab.locator(".table-scroll")
        assert boxes.count() >= 3
        for box in boxes.all():  # a keyboard stop, a region named by its table's caption
            caption = box.locator("caption").inner_text()
            assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
            assert box.get_attribute("aria-label") == caption
        tab.close()
