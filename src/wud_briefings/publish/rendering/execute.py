"""Execute the briefing notebook for one region with Papermill, on a reused kernel.

Starting a kernel and importing pandas, seaborn and the package costs more than
running a briefing, so each build worker keeps one warm kernel and runs region
after region on it. A ``%reset -f`` cell, run first and removed afterwards,
clears the namespace between regions so no variable leaks from one to the next;
cells tagged ``interactive-only`` (autoreload, for JupyterLab sessions) are not run.
Kernels talk over IPC sockets in a folder of their own (no port to race for),
and no kernel is given a working directory: Papermill's ``cwd`` changes the
whole process's directory, a race between threads.

No wait is unbounded: a kernel must answer within ``START_TIMEOUT`` before each
notebook, every cell finish within ``cell_timeout``, and output must follow a cell's
reply within ``IOPUB_TIMEOUT``. A kernel that stops answering is restarted and
the notebook tried once more; a cell that runs too long fails its notebook
(the kernel, still busy, is restarted for the next one).
"""

from __future__ import annotations

import atexit
import copy
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import papermill
import psutil
from jupyter_client.manager import KernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.exceptions import PapermillExecutionError

from wud_briefings.core.encryption import IDENTITY_VARIABLE
from wud_briefings.ingest.protection.pseudonyms import KEY_VARIABLE
from wud_briefings.publish.rendering.render import INTERACTIVE_TAG

RESET_TAG = "wud-reset"
KERNEL_NAME = "python3"
ENGINE_NAME = "wud-warm-kernel"
START_TIMEOUT = 60  # seconds a kernel may take to answer before a notebook
IOPUB_TIMEOUT = 10  # seconds for a cell's output to follow its reply

SECRET_VARIABLES = frozenset({IDENTITY_VARIABLE, KEY_VARIABLE})


class KernelUnresponsive(RuntimeError):
    """The kernel did not answer, died, or its output never came."""


@dataclass
class Execution:
    """An executed notebook and, when a cell raised, the error's one-line summary."""

    notebook: NotebookNode
    error: str | None


def without_secrets(environment: Mapping[str, str]) -> dict[str, str]:
    """The environment less the keys that read real exports: a notebook never needs them.

    Kernels run the notebook's code, whose output is published: a cell that
    printed the environment must find no secret in it.
    """
    return {k: v for k, v in environment.items() if k not in SECRET_VARIABLES}


def quiet_papermill() -> None:
    """Papermill logs every cell at INFO and a progress bar; the build reports instead."""
    for name in ("papermill", "traitlets", "nbclient"):
        logging.getLogger(name).setLevel(logging.WARNING)


class WarmKernel:
    """One long-lived kernel, restarted if a notebook kills it or it stops answering."""

    def __init__(self, kernel_name: str = KERNEL_NAME, niceness: int = 0) -> None:
        # IPC sockets in a folder of its own: no TCP ports or socket names to race for,
        # and no "unencrypted TCP" warning from ipykernel.
        self.sockets = Path(tempfile.mkdtemp(prefix="wud-kernel-"))
        self.kernel_name = kernel_name
        self.niceness = niceness
        self.manager = self._start()

    def _start(self) -> KernelManager:
        manager = KernelManager(
            kernel_name=self.kernel_name,
            transport="ipc",
            ip=str(self.sockets / "k"),
            # nbclient polls two channels at once in one event loop: a blocking client
            # would block that loop in one poll, and no timeout could ever fire.
            client_class="jupyter_client.asynchronous.AsyncKernelClient",
        )
        # A user-level "python3" kernelspec may point at another Python; notebooks are
        # always run by the interpreter (and so the package and lock) of the build.
        spec = manager.kernel_spec
        if spec is None:
            raise RuntimeError(f"no kernelspec {manager.kernel_name!r}: run `make venv`")
        spec.argv[0] = sys.executable
        manager.start_kernel(env=without_secrets(os.environ))
        process = getattr(manager.provisioner, "process", None)  # a local kernel's
        if self.niceness and process is not None:
            psutil.Process(process.pid).nice(self.niceness)
        return manager

    def restart(self) -> None:
        """A fresh kernel (and manager): the old one died, hangs, or is still busy.

        A new manager, because nbclient shuts down a kernel that does not answer
        in a way that leaves its manager unable to start another.
        """
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)
        self.manager = self._start()

    def shutdown(self) -> None:
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)
        shutil.rmtree(self.sockets, ignore_errors=True)


class WarmKernelEngine(NBClientEngine):
    """A Papermill engine that runs notebooks on an already running kernel.

    nbclient opens an asynchronous client for each notebook and waits, within
    the start timeout, until the kernel answers on every channel (without that
    handshake the first messages on IOPub can be missed); this engine closes the
    client afterwards, which nbclient leaves open when it does not own the kernel.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
        kernel: WarmKernel = kwargs.pop("warm_kernel")
        cell_timeout = kwargs.pop("execution_timeout")
        start_timeout = kwargs.pop("start_timeout")
        kwargs.pop("input_path", None)
        client = PapermillNotebookClient(
            nb_man,
            km=kernel.manager,
            kernel_name=kernel_name,
            log=logging.getLogger("papermill"),
            timeout=cell_timeout,
            startup_timeout=start_timeout,
            iopub_timeout=IOPUB_TIMEOUT,
            raise_on_iopub_timeout=True,
            **kwargs,
        )
        try:
            return client.execute()
        except CellTimeoutError as error:
            if "IOPub" in str(error):
                raise KernelUnresponsive(f"no output came within {IOPUB_TIMEOUT} s") from error
            return _record_timeout(nb_man.nb, cell_timeout)
        except DeadKernelError as error:
            raise KernelUnresponsive("the kernel died") from error
        except RuntimeError as error:  # "Kernel didn't respond in N seconds"
            raise KernelUnresponsive(
                f"the kernel did not answer within {start_timeout} s"
            ) from error
        finally:
            atexit.unregister(client._cleanup_kernel)
            if client.kc is not None:
                client.kc.stop_channels()


def _record_timeout(notebook: NotebookNode, limit: int) -> NotebookNode:
    """Put the timeout in the cell that ran last, as an error Papermill reports and keeps."""
    started = [c for c in notebook.cells if c.metadata.get("papermill", {}).get("start_time")]
    cell = started[-1]
    message = f"the cell ran longer than the limit of {limit} s"
    cell.outputs.append(
        nbformat.v4.new_output(
            "error",
            ename="CellTimeoutError",
            evalue=message,
            traceback=[f"CellTimeoutError: {message}"],
        )
    )
    cell.metadata.papermill["exception"] = True
    return notebook


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)


def _tags(cell: NotebookNode) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def prepared_for_build(notebook: NotebookNode, *, reset: bool) -> NotebookNode:
    """A copy without interactive-only cells, with a ``%reset -f`` cell first if ``reset``.

    Interactive-only cells are for a researcher's session: on a warm kernel,
    ``%load_ext autoreload`` would print "already loaded" from the second region on.
    """
    prepared = copy.deepcopy(notebook)
    prepared.cells = [c for c in prepared.cells if INTERACTIVE_TAG not in _tags(c)]
    if reset:
        cell = nbformat.v4.new_code_cell("%reset -f", metadata={"tags": [RESET_TAG]})
        cell["id"] = RESET_TAG
        prepared.cells.insert(0, cell)
    return prepared


def without_reset_cell(notebook: NotebookNode) -> NotebookNode:
    notebook.cells = [c for c in notebook.cells if RESET_TAG not in _tags(c)]
    return notebook


def _describe(failure: PapermillExecutionError, notebook: NotebookNode) -> str:
    """The error, and the cell that raised it by its number in the executed notebook."""
    code = [c for c in notebook.cells if c.cell_type == "code"]
    number = next(
        (i for i, c in enumerate(code, 1) if c.metadata.get("papermill", {}).get("exception")),
        "?",
    )
    first_line = next((line for line in failure.source.splitlines() if line.strip()), "")
    return f"{failure.ename}: {failure.evalue} (code cell {number}: `{first_line[:60]}`)"


def _run_once(
    notebook: NotebookNode,
    parameters: dict[str, Any],
    kernel: WarmKernel,
    scratch: Path,
    cell_timeout: int,
    reset: bool,
) -> Execution:
    if not kernel.manager.is_alive():
        kernel.restart()  # the previous notebook killed it
        reset = False  # a new kernel's namespace is empty
    error: PapermillExecutionError | None = None
    try:
        executed = papermill.execute_notebook(
            prepared_for_build(notebook, reset=reset),
            str(scratch),
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            engine_name=ENGINE_NAME,
            warm_kernel=kernel,
            execution_timeout=cell_timeout,
            start_timeout=START_TIMEOUT,
            progress_bar=False,
            log_output=False,
            record_timing=False,
            request_save_on_cell_execute=False,
        )
    except PapermillExecutionError as failure:
        error = failure
        executed = nbformat.read(scratch, as_version=4)  # Papermill saves it before raising
    executed = without_reset_cell(executed)
    scratch.unlink(missing_ok=True)
    if error is not None and error.ename == "CellTimeoutError":
        kernel.restart()  # it is still running the cell that timed out
    return Execution(executed, None if error is None else _describe(error, executed))


def execute_briefing(
    notebook: NotebookNode,
    parameters: dict[str, Any],
    kernel: WarmKernel,
    scratch: Path,
    cell_timeout: int,
    *,
    reset: bool = True,
) -> Execution:
    """Run the notebook with these parameters; keep it, traceback included, if it raises.

    ``reset=False`` skips the ``%reset -f`` (a quarter of a second): only for a
    caller that cleared the namespace itself since the kernel last ran anything.
    A kernel that stops answering is restarted and the notebook run once more;
    :class:`KernelUnresponsive` is raised if it fails again.
    """
    scratch.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _run_once(notebook, parameters, kernel, scratch, cell_timeout, reset)
    except KernelUnresponsive:
        kernel.restart()  # one retry, on a fresh kernel
    try:
        return _run_once(notebook, parameters, kernel, scratch, cell_timeout, False)
    except KernelUnresponsive as error:
        raise KernelUnresponsive(f"{error}, again after a restart") from error
