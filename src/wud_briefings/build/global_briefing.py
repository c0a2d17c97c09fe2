"""The global briefing: notebooks/global.ipynb over every region that passed its gate.

It runs after the regions, on a kernel of its own, and is rendered by the same
exporters into ``outputs/global/`` (swapped in whole), with the services
directory for advocates beside it. It is rebuilt only when what it reads
changed: every region's processed tables, the notebook, the package, the lock,
the codebook, the regions, the boundaries, and its parameters (``k``, and the
regions that did not pass their gate in this build, which it names as missing).
A failed run keeps the last good global briefing published, as a region does.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd

from wud_briefings.analysis.across_regions import services_directory
from wud_briefings.analysis.directory import write_services_directory
from wud_briefings.analysis.load import global_inputs
from wud_briefings.build.execute import WarmKernel, execute_briefing, quiet_papermill
from wud_briefings.build.manifest import GLOBAL_ID, GLOBAL_NOTEBOOK, timestamp
from wud_briefings.build.normalise import normalise_notebook
from wud_briefings.build.progress import Progress
from wud_briefings.build.render import BriefingHTMLExporter, html_to_pdf, quiet_renderers
from wud_briefings.build.worker import FAILED_NOTEBOOK, annotate, keep_published
from wud_briefings.core.atomic import write_bytes_atomic, write_text_atomic
from wud_briefings.core.folders import staging_dir, swap_dir
from wud_briefings.core.paths import ProjectPaths

TITLE = "Harm reduction services for women who use drugs: the regions side by side"


def _render(
    executed: nbformat.NotebookNode, directory: pd.DataFrame, staged: Path
) -> dict[str, str]:
    """HTML, PDF and the services directory into ``staged``; the outputs, by kind."""
    quiet_renderers()
    html, _ = BriefingHTMLExporter().from_notebook_node(
        executed, resources={"metadata": {"name": TITLE}}
    )
    write_text_atomic(staged / "briefing.html", html)
    write_bytes_atomic(staged / "briefing.pdf", html_to_pdf(html))
    write_services_directory(directory, staged)
    return {
        kind: f"{GLOBAL_ID}/{name}"
        for kind, name in (
            ("html", "briefing.html"),
            ("pdf", "briefing.pdf"),
            ("notebook", "briefing.ipynb"),
            ("services_csv", "services.csv"),
            ("services_xlsx", "services.xlsx"),
        )
    }


def build_global(
    paths: ProjectPaths,
    parameters: dict[str, Any],
    key: str,
    previous: dict[str, Any] | None,
    cell_timeout: int,
    progress: Progress,
) -> dict[str, Any]:
    """Execute and render the global briefing; its manifest entry (built or failed)."""
    entry: dict[str, Any] = {
        "dependency_key": key,
        "parameters": parameters,
        "started": timestamp(),
        "timings": {},
    }
    if previous and previous.get("status") == "built":
        entry["last_good"] = {k: previous[k] for k in ("outputs", "build_date") if k in previous}
    k = parameters["k"]
    inputs = global_inputs(parameters["regions"], k, parameters["missing"], paths)
    entry["is_synthetic"] = any(s.is_synthetic for s in inputs.surveys)
    target = paths.output_region(GLOBAL_ID)
    staged = staging_dir(target)
    quiet_papermill()
    kernel = WarmKernel()
    try:
        progress.update(GLOBAL_ID, "executing")
        started = time.perf_counter()
        source = nbformat.read(paths.notebooks / GLOBAL_NOTEBOOK, as_version=4)
        run = execute_briefing(
            source, parameters, kernel, staged / ".executing.ipynb", cell_timeout
        )
        executed = normalise_notebook(run.notebook, paths.root)
        annotate(executed, TITLE, "Global briefing", entry["is_synthetic"])
        entry["timings"]["execute_s"] = round(time.perf_counter() - started, 2)
        if run.error is None:
            write_text_atomic(staged / "briefing.ipynb", nbformat.writes(executed) + "\n")
            progress.update(GLOBAL_ID, "rendering")
            started = time.perf_counter()
            directory = services_directory(inputs.surveys, k)
            entry["outputs"] = _render(executed, directory, staged)
            entry["timings"]["render_s"] = round(time.perf_counter() - started, 2)
            entry["status"] = "built"
        else:
            write_text_atomic(staged / FAILED_NOTEBOOK, nbformat.writes(executed) + "\n")
            entry["outputs"] = keep_published(target, staged)
            entry["failed_notebook"] = f"{GLOBAL_ID}/{FAILED_NOTEBOOK}"
            entry["status"] = "failed-execution"
            entry["reason"] = f"the notebook raised {run.error}; see {GLOBAL_ID}/{FAILED_NOTEBOOK}"
        swap_dir(staged, target)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    finally:
        kernel.shutdown()
    entry["ended"] = timestamp()
    if entry["status"] == "built":
        progress.update(GLOBAL_ID, "done", f"{sum(entry['timings'].values()):.1f}s of work")
    else:
        progress.update(GLOBAL_ID, "failed", entry["reason"])
    return entry
