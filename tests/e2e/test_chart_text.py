"""Every chart and map of every edition, measured as Chromium draws it.

The charts' words are SVG ``<text>`` set in the reader's software (matplotlib
writes them with ``svg.fonttype = "none"``), so a layout measured with
matplotlib's own renderer can still overflow or collide where a reader sees it.
Each SVG the briefings embed is opened in Chromium and each text element's box
measured: none may leave the SVG's canvas, and no two may overlap (the lines of
one wrapped label aside).
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from support.browser import served

SVG_IMAGE = re.compile(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')
TOLERANCE = 0.5  # px: a glyph's antialiased edge, or two boxes that merely touch

# Each <text>'s box in CSS px, with the index of the label it belongs to (the lines of a
# wrapped label are <text> elements of one <g>).
MEASURE = """
() => {
  const svg = document.querySelector('svg');
  const canvas = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
  const groups = texts.map(t => t.parentNode);
  return {
    canvas: [canvas.left, canvas.top, canvas.right, canvas.bottom],
    texts: texts.map((t, i) => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, group: groups.indexOf(t.parentNode),
              box: [r.left, r.top, r.right, r.bottom]};
    }),
  };
}
"""


def edition_charts(outputs: Path) -> dict[str, str]:
    """Every SVG chart the briefings embed, by edition and position ("eeca/briefing.ru 2")."""
    charts = {}
    for page in sorted(outputs.glob("*/briefing*.html")):
        html = page.read_text(encoding="utf-8")
        for number, encoded in enumerate(SVG_IMAGE.findall(html), 1):
            name = f"{page.parent.name}/{page.stem} {number}"
            charts[name] = base64.b64decode(encoded).decode("utf-8")
    return charts


def inside(box: list[float], canvas: list[float]) -> bool:
    left, top, right, bottom = canvas
    return (
        box[0] >= left - TOLERANCE
        and box[1] >= top - TOLERANCE
        and box[2] <= right + TOLERANCE
        and box[3] <= bottom + TOLERANCE
    )


def overlap(a: list[float], b: list[float]) -> bool:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width > TOLERANCE and height > TOLERANCE


def problems(measured: dict) -> list[str]:
    """Each text that leaves the canvas, and each pair of labels whose words overlap."""
    found = [
        f"{t['text']!r} leaves the canvas"
        for t in measured["texts"]
        if not inside(t["box"], measured["canvas"])
    ]
    texts = measured["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if a["group"] != b["group"] and overlap(a["box"], b["box"]):
                found.append(f"{a['text']!r} overlaps {b['text']!r}")
    return found


def test_no_chart_text_leaves_its_canvas_or_meets_another_as_chromium_draws_it(
    built_project, browser, tmp_path
):
    paths, _, _ = built_project
    charts = edition_charts(paths.outputs)
    editions = {name.split(" ")[0] for name in charts}
    assert len(editions) == 12  # every language edition of every briefing
    assert len(charts) >= 3 * len(editions)
    for number, svg in enumerate(charts.values()):
        (tmp_path / f"{number}.svg").write_text(svg, encoding="utf-8")
    found, texts = {}, 0
    with served(tmp_path) as origin:
        page = browser.new_page()
        for number, name in enumerate(charts):
            page.goto(f"{origin}/{number}.svg")
            measured = page.evaluate(MEASURE)
            texts += len(measured["texts"])
            if problems(measured):
                found[name] = problems(measured)
        page.close()
    assert texts > 10 * len(charts)  # the words were found and measured
    assert found == {}, found


def test_the_measure_finds_a_word_off_the_canvas_and_two_that_collide(browser, tmp_path):
    text = "<g><text x='{x}' y='{y}' style='font: 10px DejaVu Sans'>{words}</text></g>"
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' width='200pt' height='50pt' "
        "viewBox='0 0 200 50'>"
        + text.format(x=150, y=20, words="Far too long to fit")
        + text.format(x=5, y=40, words="One")
        + text.format(x=15, y=42, words="Two")
        + "</svg>"
    )
    (tmp_path / "probe.svg").write_text(svg, encoding="utf-8")
    with served(tmp_path) as origin:
        page = browser.new_page()
        page.goto(f"{origin}/probe.svg")
        found = problems(page.evaluate(MEASURE))
        page.close()
    assert found == ["'Far too long to fit' leaves the canvas", "'One' overlaps 'Two'"]
