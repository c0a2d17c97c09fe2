"""The package reads in the order of the flow, and no stage reaches back up it."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from wud_briefings.core.paths import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "src" / "wud_briefings"
# The flow, first to last; the README and CONTRIBUTING describe the same order.
STAGES = ("core", "survey", "ingest", "gate", "process", "analysis", "publish", "dev")
# Inside the two largest stages, their rooms, lowest first; a module beside them (load,
# report_parts, figures_listing; the preview) stands above them all.
ROOMS = {
    "analysis": ("disclosure", "figures", "display", "texts"),
    "publish": ("provenance", "rendering", "engine"),
}


def stage_of(module: str) -> str | None:
    """``wud_briefings.gate.suites`` -> ``gate``; the package root and cli have no stage."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def room_rank(module: str) -> int | None:
    """Where a module stands inside its stage: its room's place, or above every room.

    ``None`` for the stage's own package (its ``__init__``) and stages without rooms.
    """
    parts = module.split(".")
    rooms = ROOMS.get(parts[1]) if len(parts) > 2 else None
    if rooms is None:
        return None
    return rooms.index(parts[2]) if parts[2] in rooms else len(rooms)


def imported_modules(path: Path) -> set[str]:
    """Every wud_briefings module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("wud_briefings"):
            found.add(node.module)  # and each name, which may be a module of that package
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("wud_briefings")}
    return found


def test_every_module_lives_in_a_stage():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in {"__init__.py", "cli.py"})
    assert loose == [], f"modules outside a stage subpackage: {loose}"
    assert sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()) == sorted(
        STAGES
    )


def imports() -> Iterator[tuple[str, str]]:
    """``(module, imported module)`` for every import of the package's own modules."""
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for target in imported_modules(path):
            yield module, target


def test_no_stage_imports_a_later_one():
    backwards = [
        f"{module} imports {target}"
        for module, target in imports()
        if (own := stage_of(module))
        and (stage := stage_of(target))
        and STAGES.index(stage) > STAGES.index(own)
    ]
    assert backwards == []


def test_no_room_of_a_stage_imports_a_higher_one():
    """E.g. figures never import display, and provenance never imports rendering."""
    upward = [
        f"{module} imports {target}"
        for module, target in imports()
        if stage_of(target) == stage_of(module)
        and (own := room_rank(module)) is not None
        and (rank := room_rank(target)) is not None
        and rank > own
    ]
    assert upward == []


def test_every_module_of_a_stage_with_rooms_is_in_a_room_or_an_entry():
    """The rooms are the stage; what stands beside them is named here, so it stays few."""
    entries = {
        "analysis": {"load.py", "report_parts.py", "figures_listing.py"},
        "publish": {"preview.py"},
    }
    for stage, rooms in ROOMS.items():
        folders = {p.name for p in (PACKAGE / stage).iterdir() if (p / "__init__.py").exists()}
        assert folders == set(rooms)
        loose = {p.name for p in (PACKAGE / stage).glob("*.py")} - {"__init__.py"}
        assert loose == entries.get(stage, set())


def test_readme_and_contributing_describe_the_stages_in_the_code_order():
    for name in ("README.md", "CONTRIBUTING.md"):
        text = (PROJECT_ROOT / name).read_text(encoding="utf-8")
        found = [re.search(rf"(?:`|^ +){s}/(?:`|\s)", text, re.MULTILINE) for s in STAGES]
        positions = [m.start() for m in found if m]
        assert len(positions) == len(STAGES), f"{name} does not name every stage as <stage>/"
        assert positions == sorted(positions), f"{name} lists the stages out of order"
