"""Make an executed notebook byte-reproducible and free of the build machine's paths.

Two Papermill runs of the same notebook differ in: papermill's timing metadata
and absolute input/output paths, nbclient's per-cell timings, the random id of
the injected-parameters cell, and execution counts (a reused kernel keeps
counting). This keeps only what the inputs determine.
"""

from __future__ import annotations

import copy
from pathlib import Path

from nbformat import NotebookNode

PAPERMILL_KEEP = ("parameters", "default_parameters", "version")


def _scrub_paths(text: str, roots: list[str]) -> str:
    for root in roots:
        text = text.replace(root, "<project>")
    return text


def _clean_outputs(cell: NotebookNode, roots: list[str]) -> None:
    kept = []
    for output in cell.outputs:
        if output.output_type == "stream" and output.name == "stderr":
            continue  # warnings name the kernel's temporary files
        if "execution_count" in output:
            output.execution_count = cell.execution_count
        if output.output_type == "error":  # kept for inspection, without our paths
            output.traceback = [_scrub_paths(line, roots) for line in output.traceback]
        kept.append(output)
    cell.outputs = kept


def normalise_notebook(notebook: NotebookNode, project_root: Path | None = None) -> NotebookNode:
    """A copy with stable cell ids, no timings, no absolute paths and no stderr."""
    nb = copy.deepcopy(notebook)
    papermill = nb.metadata.get("papermill")
    if papermill is not None:
        nb.metadata["papermill"] = {k: papermill[k] for k in PAPERMILL_KEEP if k in papermill}
    nb.metadata.pop("widgets", None)
    roots = [str(project_root.resolve()), str(project_root)] if project_root else []
    roots.append(str(Path.home()))
    executed = 0
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:03d}"
        for key in ("papermill", "execution", "ExecuteTime"):
            cell.metadata.pop(key, None)
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]
        if cell.cell_type == "code":
            if cell.execution_count is not None:  # numbered as in a fresh kernel
                executed += 1
                cell.execution_count = executed
            _clean_outputs(cell, roots)
    return nb
