"""Commentary text the tests write: a conclusions heading, and payloads that must stay text."""

from __future__ import annotations

from support.builds import Builds, Built
from support.project import PLACEHOLDER
from wud_briefings.core.paths import ProjectPaths

CONCLUSIONS = "## Conclusions and recommendations\n"


# No digits in it: a typed number would be checked, and fail, before anything renders.
PAYLOAD = (
    "<script>alert(document.cookie)</script> <img src=x onerror=alert(origin)> "
    "[js](javascript:alert(name)) "
    "[elsewhere](https://tracker.example/pixel) ![pixel](https://tracker.example/p.png) "
    "<a href='https://tracker.example/'>raw link</a> <b onclick=alert(location)>raw html</b> "
    "<https://tracker.example/auto> Juventas-safe-text"
)


def add_payload(paths: ProjectPaths) -> None:
    """EECA's English commentary with :data:`PAYLOAD` appended to it."""
    english = paths.commentary_file("eeca", "en")
    english.write_text(english.read_text(encoding="utf-8") + "\n" + PAYLOAD + "\n", "utf-8")


def payload_build(builds: Builds) -> Built:
    """EECA built once with :func:`add_payload` (shared: tests take copies). Its PDFs are
    placeholders: the commentary's tests read the HTML and the notebooks."""
    built = builds.built(
        ["eeca"], pdf=PLACEHOLDER, variant="commentary-payload", prepare=add_payload
    )
    assert built.report.entries["eeca"].status == "built", built.report.entries["eeca"].reason
    return built
