"""Child processes for the build's CPU-bound work: the expectations gate and PDFs.

Both are pure Python and CPU-bound (Great Expectations is also slow to import):
run in the build's own process they would hold the interpreter lock that the
threads driving the kernels need. In children they run on the other core, in
parallel with kernels executing notebooks. Children exit by themselves if the
build that started them dies.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

CHILD_EXIT_TIMEOUT = 10  # seconds a child may take to exit once the build is done with it


def _exit_with_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _child_setup(parent: int, niceness: int) -> None:
    _exit_with_parent(parent)
    os.nice(niceness)


@contextlib.contextmanager
def child_pool(size: int, niceness: int = 0) -> Iterator[ProcessPoolExecutor]:
    """Spawned processes (never forked from a process with threads) tied to this one.

    ``niceness`` lowers their priority: work off the critical path yields the CPU
    to the gate, which every region waits for. On leaving, pending work is
    cancelled and a child still busy after ``CHILD_EXIT_TIMEOUT`` (one whose
    result the build stopped waiting for) is killed: leaving never hangs.
    """
    pool = ProcessPoolExecutor(
        max_workers=size,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_child_setup,
        initargs=(os.getpid(), niceness),
    )
    try:
        yield pool
    finally:
        processes = list((pool._processes or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=CHILD_EXIT_TIMEOUT)
            if process.is_alive():
                process.kill()
                process.join(timeout=CHILD_EXIT_TIMEOUT)
