"""Every page the build writes, held to WCAG 2.1 AA by axe-core in Chromium, on a phone and
on a desktop screen.

axe-core is the engine accessibility practitioners use (Deque; shipped for Playwright by
``axe-playwright-python``). Each regional and global briefing in each of its editions, the
index and the validation pages in each language, and the preview a researcher watches (as
it renders the notebook, and as it shows a notebook stopped by an error) are checked at
320 and 1280 CSS pixels against the WCAG 2.0/2.1 A and AA rules and axe's best practices:
no violation. What axe leaves ``incomplete`` (needs a person to judge, e.g. contrast over
an image) is printed with the test's output, for the reviewer.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import axe_playwright_python
import nbformat
import pytest

from support.browser import served, site_pages
from support.builds import Builds, Built
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.core.language import _, using
from wud_briefings.core.paths import ROOT_VARIABLE
from wud_briefings.publish.preview import Previewer
from wud_briefings.survey.regions import load_regions

# axe-core as ``axe-playwright-python`` ships it; each page's details for violations only
# (what passed is not needed, and listing it costs most of axe's time).
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
RUN = """rules => axe.run(document, rules).then(result => ({
  violations: result.violations.map(v => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3)
    .map(n => n.target.join(" ")).join("; ")}`),
  incomplete: result.incomplete.map(v => `${v.id}: ${v.help}`),
}))"""


STOPPED = "preview/eeca-stopped.html"  # the preview of a notebook stopped by an error


@pytest.fixture(scope="module")
def site(built_project: Built, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The built site, with EECA's preview beside it: as a notebook that raises shows it
    (kept as :data:`STOPPED`), then as the notebook renders."""
    site = Builds.copy(built_project, tmp_path_factory.mktemp("site") / "project")
    notebook_path = site.paths.notebooks / "briefing.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    stopped = copy.deepcopy(notebook)
    stopped.cells.insert(3, nbformat.v4.new_code_cell('raise ValueError("an edit in progress")'))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ROOT_VARIABLE, str(site.paths.root))  # the preview sets it for its kernel
        region = load_regions(site.paths)["eeca"]
        previewer = Previewer(site.paths, region, policy=DisclosurePolicy(3), cell_timeout=120)
        try:
            nbformat.write(stopped, notebook_path)
            assert previewer.render().error is not None
            site.paths.preview_page("eeca").rename(site.paths.outputs / STOPPED)
            nbformat.write(notebook, notebook_path)
            assert previewer.render().error is None
        finally:
            previewer.close()
    return site


def test_the_site_has_every_kind_of_page(site: Built):
    found = site_pages(site.paths.outputs)
    for page in (
        "index.html",
        "index.es.html",
        "index.ru.html",
        "eeca/briefing.ru.html",
        "global/briefing.es.html",
        "validation/eeca/index.ru.html",
        "preview/eeca.html",
        STOPPED,
    ):
        assert page in found


# A reader goes from page to page in one tab, here resized to each width: a phone
# narrower than most (320), a phone held upright (390), a laptop (1280). Every page is
# read at every width.
PHONE, NARROW_PHONE, LAPTOP = 390, 320, 1280
SHOWN = {"eeca/briefing.html": "eeca", "global/briefing.html": "global"}

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


@dataclass
class Reading:
    """What reading every page at one width found: per page, what its check reported
    (axe's violations, or the words broken across lines) and how far it scrolls sideways."""

    found: dict[str, list[str]] = field(default_factory=dict)
    too_wide: dict[str, int] = field(default_factory=dict)
    incomplete: set[str] = field(default_factory=set)  # what axe leaves to a person


def axe(tab, reading: Reading) -> list[str]:
    result = tab.evaluate(RUN, RULES)
    reading.incomplete.update(result["incomplete"])
    return result["violations"]


def words_broken(tab, reading: Reading) -> list[str]:  # the reading unused: a check's shape
    return tab.evaluate(BROKEN_WORDS)


# What each width is read for: axe-core on the narrowest phone and the laptop, words
# broken to fit on the upright phone.
CHECKS = {LAPTOP: axe, PHONE: words_broken, NARROW_PHONE: axe}


@pytest.fixture(scope="module")
def widths(site: Built, browser) -> dict[int, Reading]:
    """Every page loaded once, in one tab, and read at each width in turn: the window is
    resized and the page laid out afresh (the pages run no script, so a page resized to a
    width is the page loaded at it; axe-core, injected once, runs again at each). A page
    wider than the window scrolls sideways, which none may (wide tables scroll in their
    box). Screenshots of EECA and the global briefing at 390 and 1280 go to
    outputs/screenshots/widths/ for a person to look at."""
    shots = site.paths.outputs / "screenshots" / "widths"
    shots.mkdir(parents=True, exist_ok=True)
    read = {size: Reading() for size in CHECKS}
    with served(site.paths.outputs) as origin:
        tab = browser.new_page(viewport={"width": LAPTOP, "height": 900})
        for page in site_pages(site.paths.outputs):
            tab.set_viewport_size({"width": LAPTOP, "height": 900})
            # "load": every image and style is in; the pages fetch nothing later (their CSP
            # forbids it; test_browser's ..._self_contained_and_inert waits for late requests)
            response = tab.goto(f"{origin}/{page}", wait_until="load")
            assert response is not None and response.ok, page
            assert tab.locator('meta[name="viewport"]').count() == 1, page
            tab.evaluate(AXE)
            for size, check in CHECKS.items():
                tab.set_viewport_size({"width": size, "height": 900})
                scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, innerWidth]")
                assert inner == size, page
                if scroll > inner:
                    read[size].too_wide[page] = scroll
                if result := check(tab, read[size]):
                    read[size].found[page] = result
                if page in SHOWN and size != NARROW_PHONE:
                    tab.screenshot(path=str(shots / f"{SHOWN[page]}-{size}.png"), full_page=True)
        tab.close()
    return read


@pytest.mark.parametrize("width", [NARROW_PHONE, LAPTOP])
def test_no_page_violates_wcag_2_1_aa_or_scrolls_sideways(widths, width):
    read = widths[width]
    print(
        f"axe-core at {width} px left for a person to judge:", *sorted(read.incomplete), sep="\n  "
    )
    assert read.found == {}
    assert read.too_wide == {}, (
        f"pages that scroll sideways at {width} px (scrollWidth): {read.too_wide}"
    )


def test_on_a_phone_no_word_breaks_inside_itself_and_no_page_scrolls_sideways(widths):
    read = widths[PHONE]
    assert read.found == {}
    assert read.too_wide == {}, (
        f"pages that scroll sideways at {PHONE} px (scrollWidth): {read.too_wide}"
    )


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
            caption = box.locator("caption")  # or a chart's table by the chart's
            if not caption.count():
                caption = box.locator("xpath=ancestor::figure[1]/figcaption")
            assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
            assert box.get_attribute("aria-label") == caption.inner_text()
        tab.close()


def test_the_check_finds_what_the_briefings_fixed(browser, tmp_path):
    """The same run finds the faults this suite once found on the briefings: a banner
    outside every landmark, a scrolling box no keyboard reaches, an image with no text."""
    (tmp_path / "page.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
        '<p class="briefing-banner">SYNTHETIC DATA</p><main><h1>t</h1>'
        '<div style="overflow:auto;width:100px"><table><tr><td style="white-space:nowrap">'
        + "wide " * 80
        + '</td></tr></table></div><img src="data:,"></main></body></html>',
        encoding="utf-8",
    )
    with served(tmp_path) as origin:
        tab = browser.new_page(viewport={"width": 320, "height": 900})
        tab.goto(f"{origin}/page.html", wait_until="load")
        tab.evaluate(AXE)
        found = {v.split(" ")[0] for v in tab.evaluate(RUN, RULES)["violations"]}
        tab.close()
    assert {"region", "scrollable-region-focusable", "image-alt"} <= found


def test_every_chart_is_a_figure_captioned_in_the_page_language(built_project: Built, browser):
    """A chart's title is its figure's caption, set as text in the edition's language (a
    screen reader reads it, the page's search finds it), never only inside the image."""
    regions = load_regions(built_project.paths)
    with served(built_project.paths.outputs) as origin:
        tab = browser.new_page(viewport={"width": LAPTOP, "height": 900})
        for page, language in (("eeca/briefing.ru.html", "ru"), ("global/briefing.es.html", "es")):
            tab.goto(f"{origin}/{page}", wait_until="load")
            charts = tab.locator("main img")
            assert charts.count() >= 3, page
            captions = tab.locator("main figure.chart > figcaption")
            assert captions.count() == charts.count(), page  # every image is a captioned chart
            shown = captions.all_inner_texts()
            assert all(text.strip() for text in shown), page
            if page.startswith("eeca"):
                with using(language):
                    title = _("Countries surveyed in {region}").format(region=regions["eeca"].name)
                assert title in shown, (page, shown)
        tab.close()
