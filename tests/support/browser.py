"""Headless Chromium (Debian's, never a downloaded one) on pages served from localhost."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: CI must install it (.ci/run does)")
    pytest.skip(f"Chromium is not installed ({CHROMIUM}); `apt-get install chromium`")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on a free localhost port while the block runs; yields its origin."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def site_pages(outputs: Path) -> list[str]:
    """Every HTML page of the published site, as paths under ``outputs/`` (screenshots a
    test took of them are not pages)."""
    return sorted(
        path.relative_to(outputs).as_posix()
        for path in outputs.rglob("*.html")
        if "screenshots" not in path.parts
    )


def open_page(browser, url: str, origin: str):
    """A page, the console errors it logs, and every request it makes off our server."""
    page = browser.new_page()
    errors, foreign = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: foreign.append(r.url) if not r.url.startswith((origin, "data:")) else None,
    )
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    return page, errors, foreign
