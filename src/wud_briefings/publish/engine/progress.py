"""Progress of a build: a live per-region table on a terminal, plain lines in CI logs."""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass
from typing import TextIO

from rich.console import Console
from rich.live import Live
from rich.table import Table

FINAL = ("done", "up to date", "failed")
STYLES = {"failed": "red", "done": "green", "up to date": "dim"}


@dataclass
class RegionState:
    state: str = "queued"
    detail: str = ""
    began: float | None = None
    ended: float | None = None

    def elapsed(self, now: float) -> str:
        if self.began is None:
            return ""
        return f"{(self.ended or now) - self.began:.1f}s"


class Progress:
    """Each region's state (queued, validating, executing, rendering, done, failed), timed."""

    def __init__(
        self, region_ids: list[str], stream: TextIO | None = None, live: bool | None = None
    ) -> None:
        self.stream = stream or sys.stdout
        self.started = time.perf_counter()
        self.regions = {r: RegionState() for r in region_ids}
        self.lock = threading.Lock()
        is_live = self.stream.isatty() if live is None else live
        self.live = (
            Live(self._table(), console=Console(file=self.stream), auto_refresh=False)
            if is_live
            else None
        )

    def __enter__(self) -> Progress:
        if self.live:
            self.live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live:
            self.live.update(self._table(), refresh=True)
            self.live.stop()

    def update(self, region_id: str, state: str, detail: str = "") -> None:
        with self.lock:
            now = time.perf_counter()
            entry = self.regions.setdefault(region_id, RegionState())  # e.g. the global one
            if entry.began is None and state != "up to date":
                entry.began = now
            entry.state, entry.detail = state, detail
            if state in FINAL:
                entry.ended = now
            if self.live:
                self.live.update(self._table(), refresh=True)
            else:
                note = f": {detail}" if detail else ""
                print(
                    f"[{now - self.started:6.1f}s] {region_id} {state}{note}",
                    file=self.stream,
                    flush=True,
                )

    def _table(self) -> Table:
        table = Table(title="Building briefings", title_justify="left")
        for column in ("region", "state", "time", "detail"):
            table.add_column(column)
        now = time.perf_counter()
        for region_id, entry in self.regions.items():
            style = STYLES.get(entry.state)
            state = f"[{style}]{entry.state}[/]" if style else entry.state
            table.add_row(region_id, state, entry.elapsed(now), entry.detail)
        return table
