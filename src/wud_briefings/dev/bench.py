"""Side-by-side benchmark: the naive shell loop against the build, in one run.

Everything runs in a scratch copy of the project, as separate processes, as a
user would run them: (a) the gate, then per region and for the global notebook,
the ``papermill`` CLI, the ``jupyter nbconvert --to html --no-input`` CLI and the
``weasyprint`` CLI; (b) a cold,
forced build; (c) a build with nothing to do; (d) a build after one region's
export changed. Short runs are repeated and their medians reported.

Then the edit loop, timed from saving the notebook to the updated HTML of one
region: (e) ``wud-briefings preview`` on its warm kernel; (f) quarto preview's
semantics, emulated (Quarto cannot be installed here): the same loop with a new
kernel for every save; (g) the naive pair, the ``papermill`` CLI then ``jupyter
nbconvert --to html --no-input``, after each save.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
import yaml

from wud_briefings.core.atomic import write_text_atomic
from wud_briefings.core.paths import ROOT_VARIABLE, ProjectPaths
from wud_briefings.publish.provenance.manifest import GLOBAL_ID
from wud_briefings.survey.regions import global_languages, load_regions

COPIED = ("data/raw", "data/external", "expectations", "notebooks", "requirements.lock")

# The environment's own default kernel, as a plain papermill run would use.
NAIVE_KERNEL = "python3"


def scratch_project(source: ProjectPaths, target: Path) -> ProjectPaths:
    for name in COPIED:
        origin = source.root / name
        if origin.is_dir():
            shutil.copytree(origin, target / name, ignore=shutil.ignore_patterns("exports"))
        else:
            shutil.copy2(origin, target / name)
    return ProjectPaths(target)


def _bin(name: str) -> str:
    """A console script installed beside this interpreter."""
    return str(Path(sys.executable).with_name(name))


class PeakMemory:
    """Samples the summed resident memory of a process and its children."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.running = pid, 0, True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while self.running:
            try:
                root = psutil.Process(self.pid)
                processes = [root, *root.children(recursive=True)]
                total = sum(p.memory_info().rss for p in processes if p.is_running())
            except psutil.Error:
                total = 0
            self.peak = max(self.peak, total)
            time.sleep(0.1)

    def stop(self) -> int:
        self.running = False
        self.thread.join()
        return self.peak


def timed(command: list[str], root: Path, *, measure_memory: bool = False) -> tuple[float, int]:
    """Seconds (and peak memory in bytes) of one command run in the scratch project."""
    env = os.environ | {ROOT_VARIABLE: str(root)}
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    memory = PeakMemory(process.pid) if measure_memory else None
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    peak = memory.stop() if memory else 0
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-2000:]}")
    return seconds, peak


def build_command(regions: list[str], *, force: bool = False, jobs: int | None = None) -> list[str]:
    command = [sys.executable, "-m", "wud_briefings.cli", "build", *regions]
    if force:
        command.append("--force")
    if jobs:
        command += ["--jobs", str(jobs)]
    return command


def naive_pair(
    paths: ProjectPaths, region: str, executed: Path, language: str = "en"
) -> list[list[str]]:
    """What a user would type for one region: the papermill CLI, then nbconvert to HTML."""
    papermill = [_bin("papermill"), "--no-progress-bar", "--kernel", NAIVE_KERNEL]
    parameters = ["-p", "region", region, "-p", "k", "3", "-p", "language", language]
    notebook = str(paths.briefing_notebook)
    return [
        [*papermill, notebook, str(executed), *parameters],
        [_bin("jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
    ]


def _weasyprint(html: Path, pdf: Path) -> list[str]:
    return [_bin("weasyprint"), "--pdf-variant", "pdf/ua-1", str(html), str(pdf)]


def naive_loop(paths: ProjectPaths, regions: list[str]) -> float:
    """The baseline: the gate (``wud-briefings process``, as ``make validate`` does it, and
    writing what the notebooks read), then three separate tools per region and language, one
    after another, then the same three for the global notebook in each of its languages."""
    out = paths.root / "naive"
    out.mkdir(exist_ok=True)
    total = timed([sys.executable, "-m", "wud_briefings.cli", "process", *regions], paths.root)[0]
    editions = publication_languages(paths, regions)
    for region in regions:
        for language in editions[region]:
            notebook, html = out / f"{region}.{language}.ipynb", out / f"{region}.{language}.html"
            for command in (
                *naive_pair(paths, region, notebook, language),
                _weasyprint(html, html.with_suffix(".pdf")),
            ):
                total += timed(command, paths.root)[0]
    papermill = [_bin("papermill"), "--no-progress-bar", "--kernel", NAIVE_KERNEL]
    for language in editions[GLOBAL_ID]:
        executed, html = out / f"global.{language}.ipynb", out / f"global.{language}.html"
        parameters = ["-p", "k", "3", "-p", "language", language]
        for command in (
            [*papermill, str(paths.global_notebook), str(executed), *parameters],
            [_bin("jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            _weasyprint(html, html.with_suffix(".pdf")),
        ):
            total += timed(command, paths.root)[0]
    return total


def publication_languages(paths: ProjectPaths, regions: list[str]) -> dict[str, list[str]]:
    """The languages each region's briefing, and the global one, are published in."""
    known = load_regions(paths)
    languages = {region: list(known[region].languages) for region in regions}
    return languages | {GLOBAL_ID: global_languages(known.values())}


def english_only(paths: ProjectPaths) -> None:
    """Publish every briefing in English alone: what the other languages cost is the
    difference."""
    data = yaml.safe_load(paths.regions.read_text(encoding="utf-8"))
    for entry in data["regions"]:
        entry["languages"] = ["en"]
    paths.regions.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def touch_export(paths: ProjectPaths, region: str, n: int) -> None:
    """Change one region's export the way a researcher's correction would."""
    export = paths.synthetic / f"{region}.csv"
    text = export.read_text(encoding="utf-8")
    marker = "No shelter"
    export.write_text(
        text.replace(marker, f"{marker} (edit {n})", 1) if marker in text else text + "\r\n",
        encoding="utf-8",
    )


def median_of(runs: int, action: Callable[[int], float]) -> tuple[float, list[float]]:
    times = [action(n) for n in range(runs)]
    return statistics.median(times), times


def run_bench(
    source: ProjectPaths, regions: list[str], repeats: int, jobs: int, say: Callable[[str], None]
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="wud-bench-") as scratch:
        paths = scratch_project(source, Path(scratch) / "project")
        load = os.getloadavg()[0]
        say(
            f"(a) naive loop: the gate, then papermill, nbconvert and weasyprint CLIs for "
            f"{len(regions)} regions and the global notebook (load average {load:.1f})"
        )
        baseline = naive_loop(paths, regions)
        say(f"    {baseline:.1f} s")
        shutil.rmtree(paths.processed)
        say("(b) cold forced build")
        cold, peak = timed(
            build_command(regions, force=True, jobs=jobs), paths.root, measure_memory=True
        )
        say(f"    {cold:.1f} s")
        say(f"(c) no-op build, {repeats} runs")
        noop, noop_runs = median_of(repeats, lambda n: timed(build_command(regions), paths.root)[0])
        changed = regions[-1]
        say(f"(d) build after changing {changed}'s export, {repeats} runs")

        def one_changed(n: int) -> float:
            touch_export(paths, changed, n)
            return timed(build_command(regions, jobs=jobs), paths.root)[0]

        one, one_runs = median_of(repeats, one_changed)
        editions = publication_languages(paths, regions)
        extra = sum(len(languages) - 1 for languages in editions.values())
        say(f"(h) cold forced build in English alone ({extra} editions fewer)")
        english_only(paths)
        cold_english = timed(build_command(regions, force=True, jobs=jobs), paths.root)[0]
        say(f"    {cold_english:.1f} s")
    return {
        "baseline_s": round(baseline, 2),
        "cold_s": round(cold, 2),
        "noop_s": round(noop, 3),
        "one_changed_s": round(one, 2),
        "cold_ratio": round(cold / baseline, 3),
        "noop_ratio": round(noop / baseline, 4),
        "one_changed_per_region_baseline": round(one / (baseline / len(regions)), 2),
        "regions": len(regions),
        "load_average_at_start": round(load, 1),
        "jobs": jobs,
        "cores": os.cpu_count(),
        "repeats": repeats,
        "noop_runs_s": noop_runs,
        "one_changed_runs_s": one_runs,
        "cold_peak_memory_mb": round(peak / 2**20),
        "cold_english_only_s": round(cold_english, 2),
        "extra_editions": extra,
        "per_extra_edition_s": round((cold - cold_english) / extra, 2) if extra else None,
    }


def run_scale(
    source: ProjectPaths, counts: tuple[int, ...], jobs: int, say: Callable[[str], None]
) -> dict[str, Any]:
    """Seconds per region and peak memory of cold builds of many synthetic regions."""
    from wud_briefings.dev.synth.generate import write_scaled_project
    from wud_briefings.survey.codebook import Codebook
    from wud_briefings.survey.regions import load_regions

    results: dict[str, Any] = {"jobs": jobs, "cores": os.cpu_count(), "runs": []}
    with tempfile.TemporaryDirectory(prefix="wud-scale-") as scratch:
        paths = scratch_project(source, Path(scratch) / "project")
        base = list(load_regions(source).values())
        scaled = write_scaled_project(Codebook.load(source.codebook), base, max(counts), paths.root)
        for count in counts:
            shutil.rmtree(paths.outputs, ignore_errors=True)
            shutil.rmtree(paths.processed, ignore_errors=True)
            say(f"cold build of {count} synthetic regions")
            ids = [r.id for r in scaled[:count]]
            seconds, peak = timed(
                build_command(ids, force=True, jobs=jobs), paths.root, measure_memory=True
            )
            say(
                f"    {seconds:.1f} s, {seconds / count:.2f} s per region, "
                f"peak {peak / 2**20:.0f} MB"
            )
            results["runs"].append(
                {
                    "regions": count,
                    "seconds": round(seconds, 1),
                    "seconds_per_region": round(seconds / count, 3),
                    "peak_memory_mb": round(peak / 2**20),
                }
            )
    first, last = results["runs"][0], results["runs"][-1]
    results["per_region_change"] = round(
        last["seconds_per_region"] / first["seconds_per_region"] - 1, 3
    )
    return results


SAVE_TIMEOUT = 300  # seconds for one save's HTML to appear (a kernel's first imports included)
SETTLE_S = 1.0  # between saves: people do not save twice a second
STOP_TIMEOUT = 60  # seconds for a preview to stop after Ctrl-C


def with_marker(notebook: Path, marker: str) -> str:
    """The notebook with another closing paragraph, as text to save (made before the clock)."""
    import nbformat

    node = nbformat.read(notebook, as_version=4)
    [c for c in node.cells if c.cell_type == "markdown"][-1].source = marker
    return nbformat.writes(node)


def wait_for_text(path: Path, text: str, timeout: float) -> None:
    """Until ``path`` holds ``text``: read only when the file is replaced or modified."""
    deadline, seen = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            status = path.stat()
            stamp = (status.st_ino, status.st_mtime_ns)
        except FileNotFoundError:
            stamp = None
        if stamp is not None and stamp != seen:
            seen = stamp
            if text in path.read_text(encoding="utf-8"):
                return
        time.sleep(0.005)
    raise RuntimeError(f"{path.name} did not show the save within {timeout} s")


class PreviewProcess:
    """``wud-briefings preview`` in the scratch project, its output read line by line."""

    def __init__(self, root: Path, region: str, *, fresh_kernel: bool) -> None:
        command = [sys.executable, "-m", "wud_briefings.cli", "preview", region]
        command += ["--for", str(SAVE_TIMEOUT * 10)]
        if fresh_kernel:
            command.append("--fresh-kernel")
        self.process = subprocess.Popen(
            command,
            cwd=root,
            env=os.environ | {ROOT_VARIABLE: str(root)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.said: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout or ():
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.said.append(line)
            if text in line:
                return
        raise RuntimeError(f"the preview did not say {text!r}:\n" + "\n".join(self.said[-20:]))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT)


def preview_saves(
    paths: ProjectPaths, region: str, saves: int, *, fresh_kernel: bool
) -> list[float]:
    """Seconds from each save to the preview's HTML showing it."""
    html = paths.preview_page(region)
    preview = PreviewProcess(paths.root, region, fresh_kernel=fresh_kernel)
    times = []
    try:
        preview.wait_for("watching", SAVE_TIMEOUT)
        for n in range(saves):
            time.sleep(SETTLE_S)
            marker = f"Benchmark save {n} ({'fresh' if fresh_kernel else 'warm'} kernel)."
            text = with_marker(paths.briefing_notebook, marker)
            started = time.perf_counter()
            write_text_atomic(paths.briefing_notebook, text)  # as Jupyter saves
            wait_for_text(html, marker, SAVE_TIMEOUT)
            times.append(time.perf_counter() - started)
            preview.wait_for("rendered", SAVE_TIMEOUT)  # its report, before the next save
    finally:
        preview.stop()
    return times


def naive_saves(paths: ProjectPaths, region: str, saves: int) -> list[float]:
    """Seconds from each save to the HTML of the papermill and nbconvert CLIs run after it."""
    out = paths.root / "naive-edit"
    out.mkdir(exist_ok=True)
    executed, html = out / f"{region}.ipynb", out / f"{region}.html"
    times = []
    for n in range(saves):
        time.sleep(SETTLE_S)
        marker = f"Benchmark save {n} (papermill and nbconvert)."
        text = with_marker(paths.briefing_notebook, marker)
        started = time.perf_counter()
        write_text_atomic(paths.briefing_notebook, text)
        for command in naive_pair(paths, region, executed):
            timed(command, paths.root)
        times.append(time.perf_counter() - started)
        wait_for_text(html, marker, 1)  # it did render this save
    return times


def run_edit_bench(
    source: ProjectPaths, region: str, saves: int, say: Callable[[str], None]
) -> dict[str, Any]:
    """Save-to-HTML seconds of the three edit loops, side by side in one scratch project."""
    with tempfile.TemporaryDirectory(prefix="wud-bench-edit-") as scratch:
        paths = scratch_project(source, Path(scratch) / "project")
        say(f"preparing {region}'s processed data for the edit loops (not timed)")
        timed([sys.executable, "-m", "wud_briefings.cli", "process", region], paths.root)
        cases, load = {}, {}
        say(f"(e) preview on a warm kernel, {saves} saves")
        load["preview_warm"] = os.getloadavg()[0]
        cases["preview_warm"] = preview_saves(paths, region, saves, fresh_kernel=False)
        say("(f) quarto preview's semantics, emulated: a fresh kernel for each save")
        load["fresh_kernel"] = os.getloadavg()[0]
        cases["fresh_kernel"] = preview_saves(paths, region, saves, fresh_kernel=True)
        say("(g) papermill then jupyter nbconvert --to html, as CLIs, after each save")
        load["naive_pair"] = os.getloadavg()[0]
        cases["naive_pair"] = naive_saves(paths, region, saves)
    medians = {name: round(statistics.median(times), 3) for name, times in cases.items()}
    baseline = medians["naive_pair"]
    return {
        "region": region,
        "saves": saves,
        "median_s": medians,
        "ratio_to_naive_pair": {name: round(m / baseline, 3) for name, m in medians.items()},
        "runs_s": {name: [round(t, 3) for t in times] for name, times in cases.items()},
        "load_average_before": {name: round(value, 2) for name, value in load.items()},
        "fresh_kernel_note": (
            "quarto preview's semantics emulated, Quarto not installed: each save, a fresh "
            "kernel executes the notebook and the HTML is rendered by this preview's loop"
        ),
    }
