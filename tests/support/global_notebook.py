"""The global notebook run on a real kernel, with a probe of what its world map draws."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from wud_briefings.core.paths import ROOT_VARIABLE, ProjectPaths

# A cell the global notebook runs right after its world map: what the figure itself draws,
# read from its patches (tagged so that the exporter leaves it out of the HTML).
MAP_PROBE = (
    "import json as _json\n"
    "from wud_briefings.analysis.display import maps as _maps\n"
    "print(_json.dumps(_maps.drawn_status(_.figure)))"
)
PROBE_TAG = "remove_cell"


def run_global_notebook(
    paths: ProjectPaths, k: int, folder: Path
) -> tuple[nbformat.NotebookNode, str, dict[str, str]]:
    """The global notebook run on a real kernel in a project copy, then rendered, by the
    build's own run-and-render path (:mod:`wud_briefings.publish.rendering.briefing`).

    A probe cell after the world map reports each drawn country's colour by ISO
    alpha-3. Returns the executed notebook, its HTML and those colours.
    """
    from wud_briefings.publish.provenance.parameters import NotebookParameters
    from wud_briefings.publish.rendering.briefing import (
        Briefing,
        html_exporter,
        render_html,
        run_notebook,
    )
    from wud_briefings.publish.rendering.execute import WarmKernel

    notebook = nbformat.read(paths.global_notebook, as_version=4)
    at = next(i for i, c in enumerate(notebook.cells) if "maps.world_map_figure(" in c.source)
    probe = nbformat.v4.new_code_cell(MAP_PROBE, metadata={"tags": [PROBE_TAG]})
    notebook.cells.insert(at + 1, probe)
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "global.source.ipynb"
    nbformat.write(notebook, source)
    # the version and date as the notebook's own defaults: no build filled them in
    parameters = NotebookParameters(k, code_version="", build_date="").for_global([])
    briefing = Briefing(source, parameters, "Global briefing", "Global briefing", True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ROOT_VARIABLE, str(paths.root))  # the kernel finds the project by it
        kernel = WarmKernel()
        try:
            run = run_notebook(briefing, kernel, folder / "global.ipynb", 300, paths.root)
        finally:
            kernel.shutdown()
    assert run.error is None, run.error
    probed = next(c for c in run.notebook.cells if PROBE_TAG in c.metadata.get("tags", []))
    drawn = json.loads(probed.outputs[0]["text"])
    return run.notebook, render_html(run.notebook, html_exporter()), drawn
