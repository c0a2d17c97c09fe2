"""Person-first language in the notebook's prose and in every rendered briefing."""

from __future__ import annotations

import json

import pytest

from support.project import REPO
from wud_briefings.analysis.display.wording import stigmatising_terms


def test_the_check_catches_stigmatising_terms():
    flagged = {
        f.term.lower()
        for f in stigmatising_terms(
            "Addicts and drug abusers, junkies who are clean or dirty; substance abuse."
        )
    }
    assert flagged >= {"addicts", "drug abusers", "junkies", "clean", "dirty", "substance abuse"}
    assert stigmatising_terms("Women who use drugs; sterile needles; a cleaning job.") == []


@pytest.mark.parametrize("name", ["briefing", "global"])
def test_notebook_prose_is_person_first(name):
    notebook = json.loads((REPO.notebooks / f"{name}.ipynb").read_text(encoding="utf-8"))
    prose = "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )
    assert prose.strip()
    assert stigmatising_terms(prose) == []
