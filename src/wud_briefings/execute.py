"""Execute the briefing notebook for one region with Papermill, on a reused kernel.

Starting a kernel and importing pandas, seaborn and the package costs more than
running a briefing, so each build worker keeps one warm kernel and runs region
after region on it. A ``%reset -f`` cell, run first and removed afterwards,
clears the namespace between regions so no variable leaks from one to the next.
Kernels talk over IPC sockets in a folder of their own (no port to race for),
and no kernel is given a working directory: Papermill's ``cwd`` changes the
whole process's directory, a race between threads.
"""

from __future__ import annotations

import copy
import logging
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import papermill
import psutil
from jupyter_client.manager import KernelManager
from nbformat import NotebookNode
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.exceptions import PapermillExecutionError

RESET_TAG = "wud-reset"
KERNEL_NAME = "python3"
ENGINE_NAME = "wud-warm-kernel"


@dataclass
class Execution:
    """An executed notebook and, when a cell raised, the error's one-line summary."""

    notebook: NotebookNode
    error: str | None


def quiet_papermill() -> None:
    """Papermill logs every cell at INFO and a progress bar; the build reports instead."""
    for name in ("papermill", "traitlets", "nbclient"):
        logging.getLogger(name).setLevel(logging.WARNING)


class WarmKernel:
    """One long-lived kernel, restarted if a notebook kills it."""

    def __init__(self, kernel_name: str = KERNEL_NAME, niceness: int = 0) -> None:
        # IPC sockets in a folder of its own: no TCP ports or socket names to race for,
        # and no "unencrypted TCP" warning from ipykernel.
        self.sockets = Path(tempfile.mkdtemp(prefix="wud-kernel-"))
        self.manager = KernelManager(
            kernel_name=kernel_name, transport="ipc", ip=str(self.sockets / "k")
        )
        # A user-level "python3" kernelspec may point at another Python; notebooks are
        # always run by the interpreter (and so the package and lock) of the build.
        self.manager.kernel_spec.argv[0] = sys.executable
        self.manager.start_kernel()
        if niceness:
            psutil.Process(self.manager.provisioner.process.pid).nice(niceness)
        self.client = self._new_client()

    def _new_client(self) -> Any:
        """One client for the kernel's life, handed to every Papermill run on it."""
        client = self.manager.client()
        client.start_channels()
        return client

    def ensure_alive(self) -> None:
        if not self.manager.is_alive():
            self.client.stop_channels()
            self.manager.restart_kernel(now=True)
            self.client = self._new_client()

    def shutdown(self) -> None:
        self.client.stop_channels()
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)
        shutil.rmtree(self.sockets, ignore_errors=True)


class WarmKernelEngine(NBClientEngine):
    """A Papermill engine that runs notebooks on an already running kernel and client.

    Papermill's default engine gives nbclient the kernel manager but not a client,
    so nbclient opens a new client for every notebook and never closes it.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
        kernel: WarmKernel = kwargs.pop("warm_kernel")
        for unused in ("input_path", "start_timeout", "execution_timeout"):
            kwargs.pop(unused, None)
        client = PapermillNotebookClient(
            nb_man,
            km=kernel.manager,
            kernel_name=kernel_name,
            log=logging.getLogger("papermill"),
            **kwargs,
        )
        client.kc = kernel.client  # nbclient then neither starts nor stops a client
        return client.execute()


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)


def with_reset_cell(notebook: NotebookNode) -> NotebookNode:
    prepared = copy.deepcopy(notebook)
    reset = nbformat.v4.new_code_cell("%reset -f", metadata={"tags": [RESET_TAG]})
    reset["id"] = RESET_TAG
    prepared.cells.insert(0, reset)
    return prepared


def without_reset_cell(notebook: NotebookNode) -> NotebookNode:
    notebook.cells = [
        c for c in notebook.cells if RESET_TAG not in c.get("metadata", {}).get("tags", [])
    ]
    return notebook


def execute_briefing(
    notebook: NotebookNode, parameters: dict[str, Any], kernel: WarmKernel, scratch: Path
) -> Execution:
    """Run the notebook with these parameters; keep it, traceback included, if it raises."""
    kernel.ensure_alive()
    scratch.parent.mkdir(parents=True, exist_ok=True)
    error = None
    try:
        papermill.execute_notebook(
            with_reset_cell(notebook),
            str(scratch),
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            engine_name=ENGINE_NAME,
            warm_kernel=kernel,
            progress_bar=False,
            log_output=False,
            record_timing=False,
            request_save_on_cell_execute=False,
        )
    except PapermillExecutionError as failure:
        error = f"{failure.ename}: {failure.evalue} (cell {failure.exec_count})"
    executed = nbformat.read(scratch, as_version=4)
    scratch.unlink(missing_ok=True)
    return Execution(without_reset_cell(executed), error)
