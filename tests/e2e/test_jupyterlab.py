"""The researcher's JupyterLab, end to end: `make lab`'s settings (.jupyter/) and kernel,
the briefing notebook run top to bottom in a real Chromium, and no request to any other
host, neither from the browser nor from the server or the kernel it starts.

The server's side is checked with an audit hook (a `sitecustomize` on the server's
PYTHONPATH, inherited by its kernel) that records every DNS lookup and socket connect
the processes make: a news feed fetch, an update check or a PyPI listing shows up there
even on a machine without network, where the news and update endpoints answer just the
same as when they fetch nothing.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import psutil
import pytest

from support.browser import chromium_or_skip
from support.project import REPO
from wud_briefings.core.paths import ROOT_VARIABLE

SERVER_START = 120  # seconds for the server to answer (it is mostly importing)
PAGE_LOAD = 120_000  # ms for JupyterLab to load and the notebook's kernel to be idle
RUN_ALL = 180_000  # ms for every cell to run
HTTP_TIMEOUT = 30  # seconds for one request to the server
STOP = 20  # seconds for the server to stop (and shut its kernel down) before a kill

AUDIT_VARIABLE = "WUD_NETWORK_AUDIT_LOG"
# Loaded by every Python process of the server's tree (the server and its kernels):
# writes one JSON line when it starts and one per name lookup or outbound socket use.
AUDIT_HOOK = """\
import json, os, sys

_LOG = os.environ.get("WUD_NETWORK_AUDIT_LOG")
_NETWORK = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
            "socket.gethostbyaddr", "socket.connect", "socket.sendto", "socket.sendmsg"}


def _write(record):
    line = json.dumps({"pid": os.getpid(), **record}, default=repr) + "\\n"
    fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode("utf-8", "replace"))
    finally:
        os.close(fd)


def _hook(event, args):
    if event in _NETWORK:
        # socket.* events on a socket object pass the socket first: keep the address
        _write({"event": event, "args": list(args[1:] if event.startswith(
            ("socket.connect", "socket.send")) else args)})


if _LOG:
    _write({"event": "started", "argv": sys.orig_argv, "executable": sys.executable,
            "root": os.environ.get("WUD_PROJECT_ROOT")})
    sys.addaudithook(_hook)
"""

# Records every dialog and toast JupyterLab shows, however briefly.
RECORD_POPUPS = """
window.__popups = [];
new MutationObserver(mutations => {
  for (const m of mutations) for (const node of m.addedNodes) {
    if (node.nodeType !== 1) continue;
    for (const el of [node, ...node.querySelectorAll('.jp-Dialog, .Toastify__toast')]) {
      if (el.matches('.jp-Dialog, .Toastify__toast')) window.__popups.push(el);
    }
  }
}).observe(document, {childList: true, subtree: true});
"""
POPUP_TEXTS = "() => window.__popups.map(el => el.className + ': ' + el.textContent)"

# True once the notebook has a kernel and it is idle, or as soon as a dialog (a kernel
# picker) shows. The execution indicator says "idle" before a kernel is chosen, too.
KERNEL_IDLE_OR_DIALOG = """() => document.querySelector('.jp-Dialog') !== null || (
  document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator')
    ?.getAttribute('data-status') === 'idle' &&
  !['', 'No Kernel'].includes(document.querySelector('.jp-NotebookPanel .jp-Toolbar-kernelName')
    ?.textContent.trim() ?? ''))"""
# True once the kernel is idle again and every code cell shows an execution count, or a
# cell's error stopped the run.
ALL_CELLS_RAN = """n => {
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
    .map(p => p.textContent.trim());
  const status = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator')
    ?.getAttribute('data-status');
  const failed = document.querySelector('.jp-OutputArea-output[data-mime-type*="stderr"]');
  return status === 'idle' && (failed !== null ||
    prompts.length === n && prompts.every(p => /^\\[\\d+\\]:$/.test(p)));
}"""


def make_lab_kernel() -> tuple[str, str]:
    """The kernel name and display name the environment's install (make venv, which
    `make lab` depends on) registers."""
    makefile = (REPO.root / "Makefile").read_text()
    install = makefile.split("\n$(RUN_STAMP):", 1)[1].split("\n\n", 1)[0]
    lab = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    name = re.search(r"--name (\S+)", install)
    display = re.search(r'--display-name "([^"]+)"', install)
    assert name and display, "make venv must install the notebook's kernel"
    assert lab.startswith(" $(RUN_STAMP)"), "make lab must set up the environment first"
    assert 'JUPYTER_CONFIG_DIR="$(CURDIR)/.jupyter"' in lab, "make lab must use .jupyter/"
    return name.group(1), display.group(1)


def is_local(host: object) -> bool:
    if host is None or host == "" or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def off_machine(record: dict) -> bool:
    """A name lookup or connection to anything but this machine (a UNIX socket is local)."""
    if record["event"] == "started":
        return False
    address = record["args"][0] if record["args"] else None
    if isinstance(address, list):  # (host, port[, flowinfo, scope_id])
        address = address[0]
    elif record["event"].startswith(("socket.connect", "socket.send")):
        return False  # a path: AF_UNIX
    return not is_local(address)


def server_env(root: Path, scratch: Path, kernels: Path, audit: Path) -> dict[str, str]:
    """The user's environment, minus every Jupyter location in their home."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "JPY_")) and k not in ("IPYTHONDIR", "JUPYTERLAB_DIR")
    }
    hook = scratch / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(AUDIT_HOOK)
    env.update(
        {
            ROOT_VARIABLE: str(root),  # the kernel inherits it: the notebook reads the copy
            "JUPYTER_CONFIG_DIR": str(root / ".jupyter"),  # a copy of the project's
            "JUPYTER_DATA_DIR": str(scratch / "data"),
            "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
            "JUPYTER_PATH": str(kernels / "share" / "jupyter"),
            "IPYTHONDIR": str(scratch / "ipython"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(hook), env.get("PYTHONPATH")])),
            AUDIT_VARIABLE: str(audit),
        }
    )
    return env


def get(origin: str, token: str, path: str) -> object:
    request = urllib.request.Request(f"{origin}{path}", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
        return json.loads(response.read())


def texts(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.textContent.trim())")


def wait_for_server(server: subprocess.Popen, runtime: Path, log: Path, token: str) -> str:
    """The server's origin once it answers; it was started on a port of its choosing."""
    deadline = time.monotonic() + SERVER_START
    info = runtime / f"jpserver-{server.pid}.json"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited with {server.returncode}:\n{log.read_text()}")
        if info.exists():
            try:
                origin = f"http://127.0.0.1:{json.loads(info.read_text())['port']}"
                get(origin, token, "/api/status")
                return origin
            except (OSError, ValueError, KeyError):
                pass  # written but not serving yet
        time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer within {SERVER_START} s:\n{log.read_text()}")


def stop(server: subprocess.Popen) -> None:
    """Terminate the server (it shuts its kernels down), kill it and them after a bound."""
    try:
        children = psutil.Process(server.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=STOP)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=STOP)
    for child in psutil.wait_procs(children, timeout=STOP)[1]:
        child.kill()  # kernels run in a session of their own: not killed with the server


@pytest.fixture(scope="module")
def lab(tmp_path_factory, builds):
    """JupyterLab as `make lab` starts it, on a project copy with EECA processed (by the
    session's gate)."""
    executable = chromium_or_skip()  # before the server: no point starting it without
    scratch = tmp_path_factory.mktemp("jupyterlab")
    paths = builds.gated(scratch / "project", ["eeca"])
    assert paths.processed_region("eeca").exists()
    shutil.copytree(
        REPO.root / ".jupyter",
        paths.root / ".jupyter",
        ignore=shutil.ignore_patterns("lab", "migrated"),  # a researcher's state
    )
    audit, log, kernels = scratch / "network.jsonl", scratch / "server.log", scratch / "kernels"
    env = server_env(paths.root, scratch, kernels, audit)
    name, display = make_lab_kernel()
    install = [sys.executable, "-m", "ipykernel", "install", "--prefix", str(kernels)]
    subprocess.run(
        [*install, "--name", name, "--display-name", display],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    token = secrets.token_hex(24)
    # `-m jupyterlab`, not `-m jupyter lab`: jupyter execs whichever jupyter-lab is on PATH
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1"]
    command += ["--ServerApp.port=0", f"--IdentityProvider.token={token}"]
    command += [f"--ServerApp.root_dir={paths.root}"]
    if os.geteuid() == 0:  # CI containers; the server refuses root otherwise
        command.append("--ServerApp.allow_root=True")
    with log.open("w") as output:
        server = subprocess.Popen(
            command, cwd=paths.root, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        origin = wait_for_server(server, scratch / "runtime", log, token)
        yield executable, origin, token, paths, audit
    finally:
        stop(server)


def run_all_cells(page, url: str, code_cells: int) -> tuple[float, float]:
    """Open the notebook, wait for its kernel, run every cell: seconds for each step."""
    started = time.monotonic()
    page.goto(url, timeout=PAGE_LOAD)
    page.wait_for_function(KERNEL_IDLE_OR_DIALOG, timeout=PAGE_LOAD, polling=250)
    loaded = time.monotonic()
    assert page.locator(".jp-Dialog").count() == 0, page.evaluate(POPUP_TEXTS)
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    page.wait_for_function(ALL_CELLS_RAN, arg=code_cells, timeout=RUN_ALL, polling=250)
    return loaded - started, time.monotonic() - loaded


CHARTS = ("show.service_map(", "plots.barrier_figure(")  # the service map, the barriers


def code_cell(page, call: str):
    """The code cell that makes this call."""
    return page.locator(".jp-Notebook .jp-CodeCell", has_text=call)


def test_the_briefing_notebook_runs_in_jupyterlab_with_the_projects_kernel(lab, browser):
    _, origin, token, paths, audit = lab

    notebook = nbformat.read(paths.notebooks / "briefing.ipynb", as_version=4)
    code_cells = sum(c.cell_type == "code" for c in notebook.cells)
    shot = paths.outputs / "test-artefacts" / "jupyterlab.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    foreign, sockets, console = [], [], []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.on(
        "request",
        lambda r: None if r.url.startswith((origin, "data:", "blob:")) else foreign.append(r.url),
    )
    page = context.new_page()
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.add_init_script(RECORD_POPUPS)
    try:
        url = f"{origin}/lab/tree/notebooks/briefing.ipynb?token={token}"
        loading, running = run_all_cells(page, url, code_cells)
        # the service map, for the screenshot
        code_cell(page, CHARTS[0]).scroll_into_view_if_needed(timeout=10_000)
    finally:
        page.screenshot(path=str(shot), timeout=30_000)
        print(f"\nJupyterLab screenshot: {shot}")
    kernel = texts(page, ".jp-NotebookPanel .jp-Toolbar-kernelName")
    # textContent: innerText is empty for cells scrolled out of view (content-visibility)
    counts = texts(page, ".jp-Notebook .jp-CodeCell .jp-InputPrompt")
    drawn = {
        call: code_cell(page, call)
        .locator(".jp-OutputArea-output img")
        .evaluate_all("imgs => imgs.some(i => i.complete && i.naturalWidth > 0)")
        for call in CHARTS
    }
    errors = texts(page, '.jp-OutputArea-output[data-mime-type*="error"]')
    errors += texts(page, '.jp-OutputArea-output[data-mime-type*="stderr"]')
    errors += [t for t in texts(page, ".jp-RenderedText") if "Traceback" in t]
    popups = page.evaluate(POPUP_TEXTS)
    context.close()

    print(f"JupyterLab and its kernel ready in {loading:.1f} s, every cell run in {running:.1f} s")
    print(f"browser console errors (not checked): {console}")
    assert kernel == [notebook.metadata.kernelspec.display_name]
    assert errors == [], errors
    assert counts == [f"[{n}]:" for n in range(1, code_cells + 1)]
    assert drawn == dict.fromkeys(CHARTS, True), f"charts drawn: {drawn}"
    assert popups == [], f"JupyterLab showed {popups}"
    assert foreign == [], f"the browser asked other hosts for {foreign}"
    local = origin.replace("http", "ws", 1)
    assert sockets and all(s.startswith(local) for s in sockets), f"websockets: {sockets}"
    assert_server_made_no_outbound_request(origin, token, paths.root, audit)


# What a researcher can make the server fetch, and its answer when it fetches nothing: the
# news, an update check, the Extension Manager's list of installed extensions (with their
# latest versions, from PyPI) and its search (PyPI).
PROBES = {
    "/lab/api/news": {"news": []},
    "/lab/api/update": {"notification": None},
    "/lab/api/extensions?query=&page=1&per_page=30": [],
    "/lab/api/extensions?query=jupyterlab&page=1&per_page=30": [],
}


def probe(origin: str, token: str, path: str) -> object:
    try:
        return get(origin, token, path)
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"


def assert_server_made_no_outbound_request(origin, token, root, audit):
    answers = {path: probe(origin, token, path) for path in PROBES}
    records = [json.loads(line) for line in audit.read_text().splitlines()]
    processes = [r for r in records if r["event"] == "started"]
    server = [p for p in processes if "jupyterlab" in p["argv"]]
    kernel = [p for p in processes if "ipykernel_launcher" in p["argv"]]
    assert server and kernel, f"the audit hook did not run in the server and kernel: {processes}"
    assert all(k["executable"] == sys.executable and k["root"] == str(root) for k in kernel)
    assert any(r["event"] == "socket.getaddrinfo" for r in records)  # the server's own bind
    outbound = [r for r in records if off_machine(r)]
    assert outbound == [], f"the server or kernel reached for other hosts: {outbound}"
    assert answers == PROBES
