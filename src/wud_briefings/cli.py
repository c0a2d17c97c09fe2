"""The command line: ``wud-briefings build | validate | process | encrypt | …``.

Each command takes region ids (all regions when none is given), prints one line
per region, prints every problem with file, row and column, and exits non-zero
when any region failed.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from wud_briefings.analysis.disclosure.policy import DEFAULT_K, MIN_K, DisclosurePolicy
from wud_briefings.core.language import SOURCE_LANGUAGE, UnknownLanguage, check_language
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.publish.engine.run import DEFAULT_CELL_TIMEOUT
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import load_regions, select_regions

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)

RegionsArg = Annotated[
    list[str] | None,
    typer.Argument(help="Region ids (see data/raw/regions.yaml); all regions when omitted."),
]


def _say(text: str, *, error: bool = False) -> None:
    print(text, file=sys.stderr if error else sys.stdout, flush=True)


def _regions(wanted: list[str] | None, paths: ProjectPaths):
    try:
        return select_regions(load_regions(paths), wanted)
    except KeyError as error:
        _say(f"error: {error.args[0]}", error=True)
        raise typer.Exit(2) from None


@app.command()
def synth(regions: RegionsArg = None) -> None:
    """Write the synthetic exports and coding sheets into data/raw/ (byte-identical every run)."""
    from wud_briefings.dev.synth.generate import write_region

    paths = ProjectPaths()
    codebook = Codebook.load(paths.codebook)
    all_ids = list(load_regions(paths))
    for region in _regions(regions, paths):
        export, coding = write_region(codebook, region, all_ids.index(region.id), paths.root)
        _say(
            f"{region.id}: wrote {export.relative_to(paths.root)} and "
            f"{coding.relative_to(paths.root)}"
        )


@app.command("coding-sheet")
def coding_sheet(
    region: Annotated[str, typer.Argument(help="The region id of a real export.")],
) -> None:
    """Write a coding sheet to fill in for a real export: one row per open answer."""
    from wud_briefings.core.errors import InputError
    from wud_briefings.ingest.coding_sheet import write_coding_template

    paths = ProjectPaths()
    chosen = _regions([region], paths)[0]
    try:
        written = write_coding_template(chosen, Codebook.load(paths.codebook), paths)
    except InputError as error:
        for problem in error.problems:
            _say(f"error: {problem}", error=True)
        raise typer.Exit(1) from None
    names = " and ".join(paths.shown(p) for p in written)
    _say(
        f"{region}: wrote {names}. Fill in the codes and the publishable flags, then save "
        f"the sheet as data/raw/exports/coding/{region}.xlsx (or .csv): the build reads "
        "only that name."
    )


@app.command()
def encrypt(
    files: Annotated[
        list[Path],
        typer.Argument(help="Clear real inputs, e.g. data/raw/exports/eeca.csv."),
    ],
    recipients: Annotated[
        Path | None,
        typer.Option(help="The public keys to encrypt to.", show_default="data/raw/recipients.txt"),
    ] = None,
) -> None:
    """Encrypt real exports or coding sheets with age, to every key in data/raw/recipients.txt.

    Writes <file>.age beside each file, to be committed; the clear file is kept
    (git ignores it) and must then leave data/raw/exports/ before the next build.
    """
    from wud_briefings.core.errors import InputError
    from wud_briefings.ingest.encrypted import encrypt_input

    paths = ProjectPaths()
    keys = recipients or paths.recipients
    failed = False
    for file in files:
        try:
            target = encrypt_input(file, keys, paths.shown(file), paths.shown(keys))
        except InputError as error:
            failed = True
            for problem in error.problems:
                _say(f"error: {problem}", error=True)
            continue
        _say(
            f"wrote {paths.shown(target)}: commit it. {paths.shown(file)} is kept in clear "
            "(git ignores it); the build refuses a region that has both, so move it out of "
            "data/raw/exports/ (or delete it) before you build."
        )
    if failed:
        raise typer.Exit(1)


def _check(regions: list[str] | None, *, write: bool) -> None:
    from wud_briefings.gate.suites import load_suites
    from wud_briefings.process.region import process_region

    paths = ProjectPaths()
    codebook = Codebook.load(paths.codebook)
    suites = load_suites(paths.expectations)
    failed = []
    for region in _regions(regions, paths):
        started = time.perf_counter()
        outcome = process_region(region, codebook, suites, paths, write=write)
        took = time.perf_counter() - started
        if outcome.is_valid:
            what = "validated and processed" if write else "validated"
            _say(f"{region.id}: {what} ({outcome.counts['respondents']} respondents, {took:.1f} s)")
            if outcome.synthetic_reason:
                _say(f"  {outcome.synthetic_reason}")
            continue
        failed.append(region.id)
        _say(
            f"{region.id}: FAILED validation; nothing written to data/processed/{region.id}",
            error=True,
        )
        for problem in outcome.problems:
            _say(f"  {problem}", error=True)
    _say(f"reports in {paths.validation.relative_to(paths.root)}/")
    if failed:
        _say(f"{len(failed)} region(s) failed: {', '.join(failed)}", error=True)
        raise typer.Exit(1)


@app.command()
def validate(regions: RegionsArg = None) -> None:
    """Run only the expectations gate; write reports to outputs/validation/."""
    _check(regions, write=False)


@app.command()
def process(regions: RegionsArg = None) -> None:
    """Validate each region and write its PII-free tables to data/processed/."""
    _check(regions, write=True)


@app.command()
def build(
    regions: RegionsArg = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Regions executed at once.")] = (
        os.cpu_count() or 1
    ),
    force: Annotated[
        bool,
        typer.Option(
            help="Execute and render even regions whose inputs did not change (a verdict of "
            "the gate whose inputs did not change is reused; see --regate)."
        ),
    ] = False,
    regate: Annotated[
        bool,
        typer.Option(help="Run the expectations gate even where its recorded verdict holds."),
    ] = False,
    with_global: Annotated[
        bool,
        typer.Option(
            "--global/--no-global",
            help="Then build the global briefing over every region that passed (outputs/global/).",
        ),
    ] = True,
    only_global: Annotated[
        bool,
        typer.Option(
            "--only-global",
            help="Build only the global briefing, from the processed data already in "
            "data/processed/ (CI's global job); regions without it are named missing.",
        ),
    ] = False,
    k: Annotated[
        int,
        typer.Option(
            min=MIN_K, help="Small-cell threshold: counts below k in breakdowns are withheld."
        ),
    ] = DEFAULT_K,
    timeout: Annotated[
        int,
        typer.Option(min=1, help="Seconds a notebook cell may run before its region fails."),
    ] = DEFAULT_CELL_TIMEOUT,
) -> None:
    """Validate, process, execute and render every region's briefing into outputs/."""
    from wud_briefings.publish.engine.progress import Progress
    from wud_briefings.publish.engine.run import BuildOptions
    from wud_briefings.publish.engine.run import build as run_build

    paths = ProjectPaths()
    all_regions = load_regions(paths)
    chosen = [] if only_global else _regions(regions, paths)
    started = time.perf_counter()
    with Progress([r.id for r in chosen]) as progress:
        report = run_build(
            paths,
            chosen,
            all_regions,
            BuildOptions(
                jobs, force, DisclosurePolicy(k), timeout, regate, with_global or only_global
            ),
            progress,
        )
    took = time.perf_counter() - started
    valid = len(report.entries) - len(report.failed)
    redone = (
        f"rebuilt {len(report.rebuilt)}: {', '.join(report.rebuilt)}"
        if report.rebuilt
        else "nothing changed, nothing executed"
    )
    _say(
        f"{valid} of {len(report.entries)} briefing(s) built and current in {took:.1f} s "
        f"({redone}); open outputs/index.html"
    )
    for region_id, entry in report.entries.items():
        if entry.is_built and entry.synthetic_reason:
            _say(f"{region_id}: {entry.synthetic_reason}")
    failed = dict(report.failed)
    if report.global_entry and not report.global_entry.is_built:
        failed["global"] = report.global_entry
    for region_id, entry in failed.items():
        _say(f"{region_id}: {entry.status}: {entry.reason or ''}", error=True)
    if failed:
        raise typer.Exit(1)


@app.command()
def preview(
    region: Annotated[str, typer.Argument(help="The region id to preview.")],
    once: Annotated[bool, typer.Option(help="Render once and exit.")] = False,
    renders: Annotated[
        int | None, typer.Option(min=1, help="Exit after this many renders (the first counts).")
    ] = None,
    seconds: Annotated[
        float | None, typer.Option("--for", min=0, help="Exit after this many seconds.")
    ] = None,
    k: Annotated[
        int, typer.Option(min=MIN_K, help="Small-cell threshold, as in the build.")
    ] = DEFAULT_K,
    timeout: Annotated[
        int, typer.Option(min=1, help="Seconds a notebook cell may run.")
    ] = DEFAULT_CELL_TIMEOUT,
    fresh_kernel: Annotated[
        bool,
        typer.Option(
            help="A new kernel for every render (the bench's emulation of quarto preview)."
        ),
    ] = False,
    language: Annotated[str, typer.Option(help="The edition to preview: en, es or ru.")] = "en",
) -> None:
    """Re-render one region's HTML to outputs/preview/ on every save of the notebook,
    the package or its processed data, on a warm kernel. Ctrl-C stops."""
    from wud_briefings.process.tables import NoProcessedData
    from wud_briefings.publish.preview import Previewer, preview_loop

    paths = ProjectPaths()
    chosen = _regions([region], paths)[0]
    try:
        previewer = Previewer(
            paths,
            chosen,
            policy=DisclosurePolicy(k),
            cell_timeout=timeout,
            fresh_kernel=fresh_kernel,
            language=language,
        )
    except (NoProcessedData, UnknownLanguage) as error:
        _say(f"error: {error}", error=True)
        raise typer.Exit(2) from None
    _say(f"previewing {region} in {previewer.target}")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stops as Ctrl-C does
    try:
        preview_loop(previewer, _say, renders=1 if once else renders, seconds=seconds)
    except KeyboardInterrupt:
        _say("stopped")
    finally:
        previewer.close()


@app.command()
def figures(
    region: Annotated[str, typer.Argument(help="The region id whose figures to list.")],
    language: Annotated[
        str | None,
        typer.Option(help="The edition: en, es or ru (listing: en; --check: every edition)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Check the region's commentary files (notebooks/commentary/) instead of "
            "listing: every name, number and country, as the build does.",
        ),
    ] = False,
    k: Annotated[
        int, typer.Option(min=MIN_K, help="Small-cell threshold, as in the build.")
    ] = DEFAULT_K,
) -> None:
    """List every figure of a region's briefing by the name its commentary may use
    ({{ name }}), with its value as printed (withheld ones only as withheld); or, with
    --check, check its commentary without a build. Needs the processed data."""
    from wud_briefings.analysis.figures_listing import check_commentary, listing
    from wud_briefings.process.tables import NoProcessedData

    paths = ProjectPaths()
    chosen = _regions([region], paths)[0]
    languages = [language] if language else list(chosen.languages)
    policy = DisclosurePolicy(k)
    try:
        if not check:
            _say(listing(paths, chosen, language or SOURCE_LANGUAGE, policy))
            return
        reports = check_commentary(paths, chosen, languages, policy)
    except (NoProcessedData, UnknownLanguage) as error:
        _say(f"error: {error}", error=True)
        raise typer.Exit(2) from None
    failed = False
    for report in reports:
        _say(report.summary, error=bool(report.problems))
        for problem in report.problems:
            _say(f"  {problem}", error=True)
        failed = failed or bool(report.problems)
    if failed:
        raise typer.Exit(1)


@app.command("sign-off")
def sign_off(
    region: Annotated[
        str, typer.Argument(help="The region id, or 'global' for the global briefing.")
    ],
    language: Annotated[str, typer.Option(help="The edition signed off: en, es or ru.")],
    by: Annotated[str, typer.Option(help="Who signs it off (a name, as printed).")],
) -> None:
    """Approve an edition exactly as it is now: record who, when, and the SHA-256 of every
    file it is made from in notebooks/sign-offs.yaml (commit it). The next build prints it
    without the DRAFT mark; any change to those files makes it a draft again."""
    from wud_briefings.publish.provenance.manifest import GLOBAL_ID
    from wud_briefings.publish.provenance.sign_off import SignOffRefused
    from wud_briefings.publish.provenance.sign_off import sign_off as record

    paths = ProjectPaths()
    try:
        check_language(language)
        if region == GLOBAL_ID:
            done = record(paths, paths.global_notebook, None, language, by)
        else:
            chosen = _regions([region], paths)[0]
            if language not in chosen.languages:
                raise SignOffRefused(f"{region} is not published in {language}")
            done = record(paths, paths.briefing_notebook, chosen, language, by)
    except (SignOffRefused, UnknownLanguage) as error:
        _say(f"error: {error}", error=True)
        raise typer.Exit(1) from None
    _say(
        f"{done.region} ({done.language}) signed off by {done.by} at {done.date}: "
        f"{len(done.sources)} files recorded in {paths.shown(paths.sign_offs)}"
    )


@app.command("regions")
def list_regions(
    as_json: Annotated[bool, typer.Option("--json", help="A JSON list, for CI matrices.")] = False,
) -> None:
    """List the region ids of data/raw/regions.yaml."""
    import json

    ids = list(load_regions(ProjectPaths()))
    _say(json.dumps(ids) if as_json else "\n".join(ids))


@app.command()
def citation() -> None:
    """Write CITATION.cff from notebooks/publication/publication.yaml (make citation)."""
    from wud_briefings.publish.provenance.citation_file import write_citation

    _say(f"wrote {write_citation().name}")


@app.command()
def messages() -> None:
    """Update the Spanish and Russian catalogs from the code and the notebooks (make messages)."""
    from wud_briefings.dev.messages import main

    main()


@app.command()
def translations(
    review: Annotated[
        str | None,
        typer.Option(
            help="Record that a person reviewed this language's translations (es or ru): "
            "every translated entry not yet reviewed as it is now."
        ),
    ] = None,
    by: Annotated[str, typer.Option(help="Who reviewed them (a name, with --review).")] = "",
) -> None:
    """How far each language's translations are reviewed by a person, and by whom; with
    --review LANG --by NAME, record a review (a translator comment on each entry, which
    Poedit and Weblate keep). An edition can be signed off only when its language's
    catalogs are reviewed in full."""
    import datetime

    from wud_briefings.core.translation_review import record_review, review_state
    from wud_briefings.dev.messages import published_languages

    try:
        if review is not None:
            if review not in published_languages():
                raise ValueError(f"no catalogs to review in {review!r}")
            marked = record_review(review, by, datetime.date.today())
            _say(f"{review}: {marked} entries recorded as reviewed by {by.strip()}")
    except ValueError as error:
        _say(f"error: {error}", error=True)
        raise typer.Exit(1) from None
    for language in published_languages():
        state = review_state(language)
        who = "; ".join(f"{n} by {b} (last {d})" for b, n, d in state.reviewers) or "nobody yet"
        _say(
            f"{language}: {state.reviewed} of {state.entries} entries reviewed by a person "
            f"({who}); {state.changed} changed since their review"
            + ("" if state.complete else "; not reviewed in full: editions stay drafts")
        )


@app.command()
def proof() -> None:
    """Render every page of each PDF under outputs/ into one contact sheet per briefing.

    The sheets go to outputs/proof/ (e.g. eeca.png, global.png): look them over
    before publishing. Run after `build`; exits 1 when there is no PDF to proof.
    """
    from wud_briefings.publish.rendering.proof import write_proof_sheets

    paths = ProjectPaths()
    written = write_proof_sheets(paths.outputs)
    if not written:
        _say("error: no PDF under outputs/: run `wud-briefings build` first", error=True)
        raise typer.Exit(1)
    for sheet, pages in written.items():
        _say(f"{paths.shown(sheet)}: {pages} page(s)")
    folder = paths.shown(paths.proof)
    _say(f"{len(written)} proof sheet(s) in {folder}/: open them to look over every page")


@app.command()
def assemble(
    parts: Annotated[list[Path], typer.Argument(help="outputs/ trees of single-region builds.")],
) -> None:
    """Merge outputs built by separate jobs (a CI matrix) into one outputs/ with one index.

    Failed and missing regions are listed in the index and reported here, but do
    not fail the command: the other regions are still published (their own jobs
    already failed the CI run).
    """
    from wud_briefings.publish.engine.assemble import assemble as merge

    paths = ProjectPaths()
    manifest = merge(parts, paths)
    failed = [r for r, e in manifest.regions.items() if not e.is_built]
    _say(f"assembled {len(manifest.regions)} region(s) into outputs/index.html")
    if failed:
        _say(f"not built, shown as such in the index: {', '.join(failed)}", error=True)


@app.command()
def bench(
    regions: RegionsArg = None,
    repeats: Annotated[int, typer.Option(help="Runs of the short cases (median).")] = 3,
    jobs: Annotated[int, typer.Option("--jobs", "-j")] = os.cpu_count() or 1,
    saves: Annotated[int, typer.Option(min=1, help="Saves timed in each edit loop.")] = 5,
    edit_region: Annotated[str, typer.Option(help="The region of the edit loops.")] = "eeca",
    edit_only: Annotated[bool, typer.Option(help="Time only the edit loops.")] = False,
) -> None:
    """Time the naive loop against cold, no-op and one-changed builds, and the edit loops
    (save to HTML: preview, fresh kernel per save, papermill + nbconvert); write
    outputs/bench.json."""
    from wud_briefings.core.atomic import write_json_atomic
    from wud_briefings.dev.bench import run_bench, run_edit_bench

    paths = ProjectPaths()
    ids = [r.id for r in _regions(regions, paths)]
    edit_id = _regions([edit_region], paths)[0].id
    result = {} if edit_only else run_bench(paths, ids, repeats, jobs, _say)
    result["edit_loop"] = run_edit_bench(paths, edit_id, saves, _say)
    write_json_atomic(paths.outputs / "bench.json", result)
    if not edit_only:
        _print_build_bench(result)
    edits = result["edit_loop"]
    _say(f"\nsave to updated HTML, {edit_id}, median of {saves} saves")
    _say(f"{'case':52} {'seconds':>9} {'ratio':>8}")
    for name, label in (
        ("preview_warm", "(e) wud-briefings preview, warm kernel"),
        ("fresh_kernel", "(f) quarto preview semantics (emulated, fresh kernel)"),
        ("naive_pair", "(g) papermill + jupyter nbconvert CLIs"),
    ):
        _say(f"{label:52} {edits['median_s'][name]:9.2f} {edits['ratio_to_naive_pair'][name]:8.3f}")
    load = ", ".join(f"{v:.1f}" for v in edits["load_average_before"].values())
    _say(
        "(f) emulates quarto preview (not installed here): a new kernel executes the notebook "
        f"on every save. {os.cpu_count()} cores, load average before (e), (f), (g): {load}; "
        "written to outputs/bench.json"
    )


def _print_build_bench(result: dict) -> None:
    rows = [
        ("naive loop (a)", result["baseline_s"], 1.0),
        ("cold forced build (b)", result["cold_s"], result["cold_ratio"]),
        ("no-op build (c), median", result["noop_s"], result["noop_ratio"]),
        (
            "one export changed (d), median",
            result["one_changed_s"],
            result["one_changed_s"] / result["baseline_s"],
        ),
    ]
    _say(f"\n{'case':34} {'seconds':>9} {'ratio':>8}")
    for name, seconds, ratio in rows:
        _say(f"{name:34} {seconds:9.2f} {ratio:8.3f}")
    if result["per_extra_edition_s"] is not None:
        _say(
            f"cold build in English alone (h): {result['cold_english_only_s']:.2f} s; each of the "
            f"{result['extra_editions']} other-language editions costs "
            f"{result['per_extra_edition_s']:.2f} s"
        )
    _say(
        f"{result['regions']} regions, {result['jobs']} jobs, {result['cores']} cores; "
        "written to outputs/bench.json"
    )


@app.command("bench-scale")
def bench_scale(
    count: Annotated[int, typer.Option(help="Synthetic regions in the large run.")] = 70,
    jobs: Annotated[int, typer.Option("--jobs", "-j")] = os.cpu_count() or 1,
) -> None:
    """Cold builds of 7 and of COUNT synthetic regions: seconds per region, peak memory."""
    from wud_briefings.core.atomic import write_json_atomic
    from wud_briefings.dev.bench import run_scale

    paths = ProjectPaths()
    result = run_scale(paths, (7, count), jobs, _say)
    write_json_atomic(paths.outputs / "bench-scale.json", result)
    _say(
        f"seconds per region changed by {result['per_region_change']:+.1%} from 7 to {count} "
        "regions; written to outputs/bench-scale.json"
    )


if __name__ == "__main__":
    app()
