"""The ``kata`` command line: parse, call, render. No grading logic lives here.

Exit codes: 0 everything passed; 1 graded, some specs did not pass (or a verify check broke);
2 bad usage or bad input; 3 the grader could not run the specs; 130 interrupted.
"""

import json
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape

from grader import __version__
from grader.errors import KataError

if TYPE_CHECKING:  # the catalog loads pydantic models, which a bare `kata --version` never needs
    from grader.catalog import Kata
    from grader.models import Report

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INFRASTRUCTURE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

console = Console()
errors = Console(stderr=True)

catalog_option = click.option(
    "--catalog",
    "catalogs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="A folder of katas to use besides the built-in ones (repeatable; also KATA_PATH).",
)


sandbox_option = click.option(
    "--sandbox",
    "sandbox_name",
    type=click.Choice(["auto", "process", "bwrap", "docker"]),
    default="auto",
    show_default=True,
    help="Where the submission runs; auto picks docker, then bwrap, then process.",
)
mode_option = click.option(
    "--mode",
    type=click.Choice(["inprocess", "blackbox"]),
    help="Import the app into the specs' process (process sandbox only; the default there) or "
    "serve it apart from them (black-box; the default elsewhere).",
)


def _catalog(catalogs: tuple[Path, ...], *also: Path):
    from grader.catalog import Catalog

    return Catalog.discover([*catalogs, *also])


def _warn(message: str) -> None:
    errors.print(f"[bold yellow]warning:[/] {escape(message)}", highlight=False, soft_wrap=True)


def _workspace_kata(catalogs: tuple[Path, ...], directory: Path) -> tuple[Path, "Kata"]:
    """The workspace holding ``directory`` and its kata (from the catalog its marker names)."""
    from grader.workspace import find_workspace

    root, marker = find_workspace(directory)
    also = [Path(marker.catalog)] if marker.catalog else []
    return root, _catalog(catalogs, *also).get(marker.kata)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kata")
def cli() -> None:
    """Practise FastAPI katas, and grade take-home submissions against them."""


@cli.command("list")
@catalog_option
@click.option("--topic", help="Only katas with this topic.")
@click.option(
    "--difficulty", type=click.Choice(["junior", "mid", "senior"]), help="Only this level."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_katas(
    catalogs: tuple[Path, ...], topic: str | None, difficulty: str | None, as_json: bool
) -> None:
    """List the katas."""
    from grader.collect import spec_index
    from grader.progress import status_labels
    from grader.render.terminal import catalog_table

    catalog = _catalog(catalogs)
    rows = []
    for kata_id in catalog.ids():
        try:  # one broken kata must not hide the others: name it and go on
            kata = catalog.get(kata_id)
            if (topic is None or topic in kata.config.topics) and (
                difficulty is None or kata.config.difficulty == difficulty
            ):
                rows.append((kata, spec_index(kata)))
        except KataError as exc:
            errors.print(f"[bold yellow]skipped:[/] {escape(str(exc))}", highlight=False)
    if as_json:
        listing = [
            {
                **kata.config.model_dump(mode="json"),
                "specs": len(specs),
                "points": sum(s.points for s in specs),
            }
            for kata, specs in rows
        ]
        click.echo(json.dumps(listing, indent=2))
    elif rows:
        console.print(catalog_table(rows, status_labels(rows, _warn)))
    else:
        console.print("No kata matches.")


@cli.command()
@catalog_option
@click.argument("kata_id", metavar="KATA")
def show(catalogs: tuple[Path, ...], kata_id: str) -> None:
    """Show a kata: its summary, its README, and its specs' titles and points."""
    from grader.collect import spec_index
    from grader.render.terminal import kata_view

    kata = _catalog(catalogs).get(kata_id)
    console.print(kata_view(kata, spec_index(kata)))


@cli.command()
@catalog_option
@click.argument("kata_id", metavar="KATA")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def new(catalogs: tuple[Path, ...], kata_id: str, directory: Path | None, force: bool) -> None:
    """Start a kata: copy its stub project and README into DIRECTORY (default ./KATA)."""
    from grader.workspace import new_workspace

    kata = _catalog(catalogs).get(kata_id)
    target = new_workspace(kata, directory or Path(kata.id), force=force)
    shown = shlex.quote(str(target))
    console.print(
        f"[bold green]Created[/] {escape(shown)} for [bold]{escape(kata.config.title)}[/]."
    )
    writes_tests = kata.config.grading == "tests"
    console.print(
        "Next:\n"
        f"  cd {shown}\n"
        "  read README.md                 the task and what is graded\n"
        "  uvicorn app.main:app --reload  run the app while you work\n"
        + ("  pytest                         run your tests on the app\n" if writes_tests else "")
        + "  kata check                     run the specs; repeat until all pass"
    )


@cli.command()
@catalog_option
@click.argument("directory", required=False, type=click.Path(path_type=Path), default=".")
@click.option("--json", "as_json", is_flag=True, help="Print the Report as JSON.")
@click.option(
    "-k", "select", metavar="EXPR", help="Only run specs matching this pytest -k expression."
)
@sandbox_option
@mode_option
def check(
    catalogs: tuple[Path, ...],
    directory: Path,
    as_json: bool,
    select: str | None,
    sandbox_name: str,
    mode: str | None,
) -> None:
    """Check the workspace in DIRECTORY (default: here) against its kata's specs."""
    from grader.models import ReportStatus
    from grader.progress import record_check
    from grader.render.terminal import report_view
    from grader.runner import grade
    from grader.sandbox import mode_for, open_sandbox
    from grader.sandbox.warm import keep_warm
    from grader.scratch import sweep_abandoned
    from grader.workspace import find_workspace

    root, marker = find_workspace(directory)
    kata = _catalog(catalogs, *([Path(marker.catalog)] if marker.catalog else [])).get(marker.kata)
    sweep_abandoned()  # what a killed check left in the temporary folder
    sandbox = open_sandbox(sandbox_name)
    mode = mode_for(sandbox, mode)
    warm = keep_warm(sandbox, mode)  # the learner's loop: imports paid once, not each time
    if not as_json:
        errors.print(
            escape(f"Checking {kata.id} in {root} (sandbox: {sandbox.name}, {mode})..."),
            highlight=False,
        )
    report = grade(kata, root, warm.sandbox, mode=mode, select=select, specs_side=warm.specs_side)
    report = record_check(kata, report, _warn)  # progress, and the hints seen into the Report
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    else:
        console.print(report_view(report))
    exit_codes = {ReportStatus.passed: EXIT_OK, ReportStatus.failed: EXIT_FAILED}
    sys.exit(exit_codes.get(report.status, EXIT_INFRASTRUCTURE))


@cli.command()
@catalog_option
@click.argument("kata_ids", metavar="[KATA]...", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Verify every kata in the catalog.")
@sandbox_option
@click.option(
    "--mode",
    type=click.Choice(["inprocess", "blackbox"]),
    help="Verify in this mode only (default: both; in-process always uses the process sandbox).",
)
@click.option(
    "--mutants",
    "with_mutants",
    is_flag=True,
    help="Also score the specs' strength on mutants of the solution (black-box in the "
    "--sandbox, or in-process with --mode inprocess).",
)
@click.option(
    "--max-mutants",
    type=click.IntRange(min=1),
    metavar="N",
    help="With --mutants: run at most N mutants per kata, spread over operators and files "
    "[default: 40].",
)
def verify(
    catalogs: tuple[Path, ...],
    kata_ids: tuple[str, ...],
    everything: bool,
    sandbox_name: str,
    mode: str | None,
    with_mutants: bool,
    max_mutants: int | None,
) -> None:
    """Prove katas discriminate: solution passes, stub fails, near-misses are caught.

    Each kata is linted first (kata.toml, specs' titles, points and hints, README sections,
    requirements, the stub's app loads), then verified in both modes: in-process, and black-box
    in the --sandbox.
    """
    from grader.authoring import verify as verify_katas
    from grader.errors import UsageError
    from grader.lint import lint
    from grader.render.terminal import verify_table
    from grader.sandbox import ProcessSandbox, open_sandbox

    catalog = _catalog(catalogs)
    if everything == bool(kata_ids):
        raise UsageError("name the katas to verify, or pass --all (not both)")
    if max_mutants is not None and not with_mutants:
        raise UsageError("--max-mutants only applies with --mutants")
    katas = list(catalog) if everything else [catalog.get(kata_id) for kata_id in kata_ids]
    if with_mutants:  # before any work: a kata it cannot apply to is a usage error
        from grader.mutants import mutable

        mutated, not_mutated = mutable(katas)
    runs = []
    if mode in (None, "inprocess"):
        runs.append((ProcessSandbox(), "inprocess"))
    if mode in (None, "blackbox"):
        runs.append((open_sandbox(sandbox_name), "blackbox"))
    workers = os.cpu_count() or 1
    checks = [*lint(katas, workers=workers), *verify_katas(katas, runs, workers=workers)]
    console.print(verify_table(checks))
    broken = [check for check in checks if not check.ok]
    console.print(
        f"\n{len(checks) - len(broken)} of {len(checks)} checks hold"
        + (f"; {len(broken)} broken" if broken else ""),
        style="bold red" if broken else "bold green",
    )
    if with_mutants:
        from grader.mutants import DEFAULT_MAX_MUTANTS, measure
        from grader.render.terminal import strength_view

        sandbox, mutant_mode = runs[-1]  # black-box, unless --mode inprocess
        for note in not_mutated:
            console.print(escape(note), highlight=False)
        for kata in mutated:
            strength = measure(
                kata,
                sandbox,
                mutant_mode,
                max_mutants=max_mutants or DEFAULT_MAX_MUTANTS,
                workers=workers,
            )
            console.print(strength_view(strength))
    sys.exit(EXIT_FAILED if broken else EXIT_OK)


@cli.command()
@catalog_option
@click.argument("kata_id", metavar="KATA")
@click.argument(
    "submissions", metavar="SUBMISSION...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "--out", required=True, type=click.Path(path_type=Path), help="The folder for the results."
)
@click.option(
    "--sandbox",
    "sandbox_name",
    type=click.Choice(["docker", "bwrap", "process"]),
    default="docker",
    show_default=True,
    help="Where submissions run (always black-box); process needs --trusted.",
)
@click.option(
    "--trusted", is_flag=True, help="The submissions are trusted: allow --sandbox process."
)
@click.option("--jobs", type=click.IntRange(min=1), help="Submissions graded at once [cores].")
@click.option(
    "--manifest", type=click.Path(path_type=Path, dir_okay=False), help="CSV: submission,candidate."
)
@click.option("--force", is_flag=True, help="Grade again what is already graded.")
@click.option("--timeout", type=click.IntRange(min=1), help="Wall-clock seconds per submission.")
@click.option("--memory", type=click.IntRange(min=64), help="Memory per submission, in MiB.")
@click.option("--cpus", type=click.FloatRange(min=0.1), help="Cores per submission.")
@click.option("--similarity", is_flag=True, help="Flag submissions whose code is alike.")
def grade(
    catalogs: tuple[Path, ...],
    kata_id: str,
    submissions: tuple[Path, ...],
    out: Path,
    sandbox_name: str,
    trusted: bool,
    jobs: int | None,
    manifest: Path | None,
    force: bool,
    timeout: int | None,
    memory: int | None,
    cpus: float | None,
    similarity: bool,
) -> None:
    """Grade candidates' SUBMISSIONs (folders, .zip or .tar.gz) against KATA, into --out."""
    from grader.batch import Batch, gather, run_batch, summarise, write_summaries
    from grader.errors import UsageError
    from grader.render.terminal import BatchProgress, summary_table
    from grader.runner import limits_for
    from grader.sandbox import open_sandbox

    if sandbox_name == "process" and not trusted:
        raise UsageError(
            "the process sandbox does not contain hostile code; grade in docker or bwrap, "
            "or pass --trusted if you wrote these submissions yourself"
        )
    kata = _catalog(catalogs).get(kata_id)
    candidates = gather(submissions, manifest)
    overrides = {"wall_seconds": timeout, "memory_mb": memory, "cpus": cpus}
    limits = limits_for(kata).model_copy(
        update={key: value for key, value in overrides.items() if value is not None}
    )
    batch = Batch(out, kata, open_sandbox(sandbox_name))
    with BatchProgress(console, len(candidates)) as progress:
        reports = run_batch(
            batch,
            candidates,
            limits=limits,
            jobs=jobs or os.cpu_count() or 1,
            force=force,
            progress=progress.hooks(),
        )
    pairs = []
    if similarity:
        from grader.similarity import similar_pairs

        copies = {c.name: batch.copy_path(c) for c in candidates if batch.copy_path(c).is_dir()}
        pairs = similar_pairs(copies, kata.stub_dir)
    write_summaries(batch, candidates, pairs)
    console.print(summary_table(summarise(reports)))
    console.print(
        f"Reports in {escape(str(out))}: report.html, results.csv, junit.xml, candidates/"
    )
    statuses = {report.status for report in reports}
    if "error" in statuses:
        sys.exit(EXIT_INFRASTRUCTURE)
    sys.exit(EXIT_OK if statuses == {"passed"} else EXIT_FAILED)


@cli.command()
@click.argument("kata_id", metavar="ID")
@click.option(
    "--catalog",
    type=click.Path(path_type=Path, file_okay=False),
    help="The catalog folder to create the kata in; it must exist (default: the one folder "
    "in KATA_PATH).",
)
def create(kata_id: str, catalog: Path | None) -> None:
    """Scaffold a new kata ID that passes `kata verify` as created, ready to edit."""
    from grader.scaffold import create_kata

    target = create_kata(kata_id, catalog)
    folder = shlex.quote(str(target.parent))
    console.print(f"[bold green]Created[/] {escape(str(target))}.")
    console.print(
        "Next: make it your kata (see docs/authoring.md), and after each change run:\n"
        f"  kata verify {kata_id} --catalog {escape(folder)}            lint and verify it\n"
        f"  kata verify {kata_id} --catalog {escape(folder)} --mutants  score its specs",
        highlight=False,
    )


@cli.command()
@catalog_option
@click.argument("kata_id", metavar="KATA")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="The .zip file to write the handout to.",
)
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
def pack(catalogs: tuple[Path, ...], kata_id: str, out: Path, force: bool) -> None:
    """Write KATA's handout for a candidate: the stub, README and SUBMITTING.md, as a .zip."""
    from grader.pack import pack as pack_kata

    kata = _catalog(catalogs).get(kata_id)
    names = pack_kata(kata, out, force=force)
    console.print(f"[bold green]Packed[/] {escape(kata.id)} into {escape(str(out))}:")
    for name in names:
        console.print(f"  {escape(name)}", highlight=False)
    console.print("No specs, solution, near-misses or harness: those stay with you.")


@cli.group("image")
def image_group() -> None:
    """The docker image that sandboxed runs serve the learner's app in."""


@image_group.command("build")
@catalog_option
@click.option(
    "--base",
    metavar="IMAGE",
    help="A local image with python3 3.11 or newer to build on (default: python:3.11-slim).",
)
@click.option("--tag", metavar="TAG", help="Tag the image TAG (default: kata-sandbox:VERSION).")
@click.option("--force", is_flag=True, help="Rebuild even if the image is up to date.")
def image_build(catalogs: tuple[Path, ...], base: str | None, tag: str | None, force: bool) -> None:
    """Build the sandbox image: the grader, its runtime stack and every kata's requirements."""
    from grader.image import build_image, plan_build
    from grader.render.terminal import image_view
    from grader.sandbox.available import connect_docker

    def say(line: str) -> None:
        errors.print(escape(line), style="dim", highlight=False, emoji=False, soft_wrap=True)

    client = connect_docker()
    plan = plan_build(client, _catalog(catalogs), base, tag, say)
    console.print(image_view(build_image(client, plan, force=force, progress=say), plan))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def doctor(as_json: bool) -> None:
    """Say which sandboxes work here, which one `auto` picks, and how to fix the others."""
    from grader.render.terminal import doctor_view
    from grader.sandbox.available import survey

    found = survey()
    if as_json:
        click.echo(json.dumps(found.as_dict(), indent=2))
    else:
        console.print(doctor_view(found))


@cli.command()
@catalog_option
@click.argument("directory", required=False, type=click.Path(path_type=Path), default=".")
@click.option(
    "-k", "select", metavar="EXPR", help="Only run specs matching this pytest -k expression."
)
@sandbox_option
@mode_option
def watch(
    catalogs: tuple[Path, ...],
    directory: Path,
    select: str | None,
    sandbox_name: str,
    mode: str | None,
) -> None:
    """Re-check the workspace on every save.

    Checks the workspace in DIRECTORY (default: here), then again after every save, and says
    which specs turned green or red; Ctrl-C stops.
    """
    from grader.progress import record_check
    from grader.render.terminal import watch_checking, watch_view
    from grader.runner import grade
    from grader.sandbox import mode_for, open_sandbox
    from grader.sandbox.warm import keep_warm
    from grader.watch import Update, watch_workspace

    root, kata = _workspace_kata(catalogs, directory)
    sandbox = open_sandbox(sandbox_name)
    mode = mode_for(sandbox, mode)
    warm = keep_warm(sandbox, mode)
    heading = f"Watching {root} ({kata.id}; sandbox: {sandbox.name}, {mode}). Ctrl-C stops."

    def check() -> "Report":
        report = grade(
            kata, root, warm.sandbox, mode=mode, select=select, specs_side=warm.specs_side
        )
        return record_check(kata, report, _warn)

    def show(update: Update) -> None:
        console.clear()
        console.print(watch_view(update, heading))

    try:
        watch_workspace(
            root,
            check,
            starting=lambda saved: console.print(watch_checking(saved)),
            show=show,
        )
    except KeyboardInterrupt:
        console.print("\nstopped watching")
    finally:
        if warm.worker is not None:
            warm.worker.stop()


@cli.command()
@catalog_option
@click.argument("spec", required=False)
def hint(catalogs: tuple[Path, ...], spec: str | None) -> None:
    """Reveal the next hint for a failing spec.

    For SPEC (an id, or a part of a title), else for the first spec that failed at the last
    check of the workspace here.
    """
    from grader.hints import reveal_next
    from grader.render.terminal import hint_view

    _, kata = _workspace_kata(catalogs, Path.cwd())
    console.print(hint_view(reveal_next(kata, spec, _warn)))


@cli.command("progress")
@catalog_option
def progress_summary(catalogs: tuple[Path, ...]) -> None:
    """Sum up your progress by level and by topic.

    Katas done, started (done included) and in all, and the points of your best checks.
    """
    from grader.collect import spec_index
    from grader.progress import load, summarise
    from grader.render.terminal import progress_view

    rows = []
    for kata_id in (catalog := _catalog(catalogs)).ids():
        try:  # one broken kata must not hide the others: name it and go on
            kata = catalog.get(kata_id)
            rows.append((kata, spec_index(kata)))
        except KataError as exc:
            errors.print(f"[bold yellow]skipped:[/] {escape(str(exc))}", highlight=False)
    console.print(progress_view(summarise(rows, load(_warn))))


@cli.command()
@catalog_option
@click.argument("kata_id", metavar="KATA")
def solution(catalogs: tuple[Path, ...], kata_id: str) -> None:
    """Show a solved kata's reference solution (once a check has passed every spec)."""
    from grader.progress import solution_files
    from grader.render.terminal import solution_view

    kata = _catalog(catalogs).get(kata_id)
    console.print(solution_view(kata.id, solution_files(kata, _warn)))


@cli.command()
@catalog_option
@click.argument("files", metavar="[FILE]...", nargs=-1)
@click.option("--yes", is_flag=True, help="Restore every stub file without asking.")
def reset(catalogs: tuple[Path, ...], files: tuple[str, ...], yes: bool) -> None:
    """Restore workspace files from the kata's stub.

    Restores the FILEs named (a folder: the stub's files in it) in the workspace here, or every
    stub file after a prompt. Files you added are kept.
    """
    from grader.errors import UsageError
    from grader.progress import reset_files, reset_plan

    root, kata = _workspace_kata(catalogs, Path.cwd())
    keys = reset_plan(kata, root, files, Path.cwd())
    if not files and not yes:
        question = (
            f"Restore all {len(keys)} files of the stub in {root}? Your changes to them are lost; "
            f"files you added are kept."
        )
        try:
            if not click.confirm(question, default=False):
                console.print("Nothing was reset.")
                return
        except click.exceptions.Abort:
            raise UsageError("no answer; pass --yes to restore every stub file unasked") from None
    reset_files(kata, root, keys)
    for key in keys:
        console.print(f"restored {escape(key)}", highlight=False)


def main() -> None:
    """Run the CLI; expected errors become one line on stderr and an exit code, never a trace."""
    try:
        cli.main(standalone_mode=False)
    except KataError as exc:
        errors.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except (KeyboardInterrupt, click.exceptions.Abort):
        errors.print("interrupted")
        sys.exit(EXIT_INTERRUPTED)
