"""Rich renderables for the terminal; the CLI prints them, nothing here prints."""

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from grader.catalog import Kata
from grader.models import Report, ReportStatus, RunEnd, SpecInfo, SpecStatus

if TYPE_CHECKING:  # these load the docker SDK or the runner, which most commands never need
    from grader.authoring import Check
    from grader.batch import Progress as BatchHooks
    from grader.batch import Submission, Summary
    from grader.image import BuildPlan, BuiltImage
    from grader.sandbox.available import Survey

STATUS_LABELS = {
    SpecStatus.passed: ("PASS", "green"),
    SpecStatus.failed: ("FAIL", "red"),
    SpecStatus.error: ("ERROR", "red"),
    SpecStatus.timeout: ("TIMEOUT", "yellow"),
    SpecStatus.skipped: ("SKIP", "yellow"),
    SpecStatus.not_run: ("NOT RUN", "dim"),
}
MESSAGE_LINES = 6


def _first_lines(text: str, count: int = MESSAGE_LINES) -> str:
    lines = text.strip().splitlines()
    shown = "\n".join(lines[:count])
    return shown + (f"\n[... {len(lines) - count} more lines]" if len(lines) > count else "")


def report_view(report: Report) -> RenderableType:
    """The spec table with each failure's message and hint under it, then the score line."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("status", no_wrap=True)
    table.add_column("spec", ratio=1)
    table.add_column("points", justify="right", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    for spec in report.specs:
        label, style = STATUS_LABELS[spec.status]
        table.add_row(
            Text(label, style=f"bold {style}"),
            Text(spec.title),
            f"{spec.points}/{spec.max_points}",
            f"{spec.duration:.2f}s" if spec.duration else "",
        )
        if spec.status is not SpecStatus.passed:
            if spec.message:
                table.add_row("", Text(_first_lines(spec.message), style="red"), "", "")
            if spec.hint:
                table.add_row("", Text(f"hint: {spec.hint}", style="cyan"), "", "")
    parts: list[RenderableType] = [table]
    for finding in report.integrity:
        parts.append(Text(f"integrity: {finding}", style="bold red"))
    for error in report.errors:
        parts.append(Text(f"error: {error}", style="bold red"))
    if report.errors and report.output:
        parts.append(Text(_first_lines(report.output, 30), style="dim"))
    parts.append(score_line(report))
    return Group(*parts)


def score_line(report: Report) -> Text:
    passed = len(report.passed)
    style = "bold green" if report.status is ReportStatus.passed else "bold red"
    text = Text(f"\nScore {report.score}/{report.max_score}", style=style)
    text.append(f"  ·  {passed} of {len(report.specs)} specs passed", style="bold")
    if report.integrity:
        text.append("  ·  scored 0: integrity findings above", style="bold red")
    elif report.status is ReportStatus.error:
        text.append("  ·  the specs could not be run", style="bold red")
    elif report.status is ReportStatus.rejected:
        text.append("  ·  the submission was rejected", style="bold red")
    return text


def catalog_table(rows: Iterable[tuple[Kata, list[SpecInfo]]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("id", "title", "level", "topics"):
        table.add_column(column)
    table.add_column("minutes", justify="right")
    table.add_column("specs", justify="right")
    for kata, specs in rows:
        config = kata.config
        table.add_row(
            Text(kata.id, style="bold"),
            Text(config.title),
            config.difficulty.value,
            Text(", ".join(config.topics)),
            str(config.minutes),
            str(len(specs)),
        )
    return table


def kata_view(kata: Kata, specs: list[SpecInfo]) -> RenderableType:
    """A kata's summary, its README and its specs' titles and points; never their code."""
    from rich.markdown import Markdown  # slow to import, and only this view needs it

    config = kata.config
    header = Text(f"{config.title}", style="bold")
    header.append(f"  ({kata.id})", style="dim")
    facts = Text(
        f"{config.summary}\n{config.difficulty.value} · about {config.minutes} minutes · "
        f"topics: {', '.join(config.topics)}"
    )
    specs_table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    specs_table.add_column("spec")
    specs_table.add_column("points", justify="right")
    for spec in specs:
        specs_table.add_row(Text(spec.title), str(spec.points))
    return Group(
        header,
        facts,
        Text(""),
        Markdown(kata.readme.read_text(encoding="utf-8")),
        Text(f"\nSpecs ({sum(spec.points for spec in specs)} points)", style="bold"),
        specs_table,
    )


def verify_table(checks: Iterable["Check"]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("kata", "project", "run", "expectation", "result"):
        table.add_column(column)
    for check in checks:
        result = Text("ok", style="bold green") if check.ok else Text("BROKEN", style="bold red")
        table.add_row(check.kata, Text(check.subject), check.run, Text(check.expectation), result)
        for problem in check.problems:
            table.add_row("", "", "", Text(problem, style="red"), "")
    return table


def image_view(built: "BuiltImage", plan: "BuildPlan") -> Text:
    """One line: the image tag and id, its size, and whether it was built or already current."""
    facts = f"{built.id[:19]}, {built.size / 1e6:.0f} MB"
    if built.reused:
        text = Text(f"{built.ref} is up to date", style="bold green")
        text.append(f" ({facts}); --force rebuilds it")
        return text
    text = Text(f"Built {built.ref}", style="bold green")
    text.append(f" ({facts}) in {built.seconds:.0f} s from {plan.base} ({plan.python.describe()})")
    return text


def doctor_view(survey: "Survey") -> RenderableType:
    """Each check with what was found and what to do about it, then what ``auto`` picks."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("check", "status", "found", "to fix"):
        table.add_column(column, no_wrap=column in ("check", "status"))
    for probe in survey.probes:
        status = Text("ok", style="bold green") if probe.ok else Text("missing", style="bold red")
        table.add_row(probe.name, status, Text(probe.detail), Text(probe.fix or "", style="cyan"))
    auto = Text("\nauto picks: ", style="bold")
    auto.append(survey.auto, style="bold green" if survey.auto != "process" else "bold yellow")
    if survey.auto == "process":
        auto.append("  (not a security boundary: only for code you trust)")
    return Group(table, auto)


class BatchProgress:
    """A live progress bar for `kata grade`: done, running and left, failures as they happen."""

    def __init__(self, console: Console, total: int) -> None:
        self._console = console
        self._running = 0
        self._failures = 0
        self._lock = threading.Lock()
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]grading"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[running]} running · {task.fields[failures]} not passed"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._task = self._progress.add_task("grading", total=total, running=0, failures=0)

    def __enter__(self) -> "BatchProgress":
        self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._progress.stop()

    def _started(self, submission: "Submission") -> None:
        with self._lock:
            self._running += 1
            self._progress.update(self._task, running=self._running)

    def _finished(self, submission: "Submission", report: Report, fresh: bool) -> None:
        with self._lock:
            if fresh:
                self._running -= 1
            if report.status is not ReportStatus.passed:
                self._failures += 1
                line = Text(f"{submission.name}: {report.status.value}", style="red")
                line.append(f"  {report.score}/{report.max_score}", style="bold")
                reason = next(iter(report.errors), "")
                if reason or report.run_end is not RunEnd.finished:
                    line.append(f"  {reason or report.run_end.value}", style="dim")
                self._console.print(line)
            self._progress.update(
                self._task, advance=1, running=self._running, failures=self._failures
            )

    def hooks(self) -> "BatchHooks":
        from grader.batch import Progress as Hooks

        return Hooks(started=self._started, finished=self._finished)


def summary_table(summary: "Summary") -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title="Batch summary")
    for column in ("candidates", "median score", "passed", "not passed", "timed out", "errored",
                   "rejected"):  # fmt: skip
        table.add_column(column, justify="right")
    table.add_row(
        str(summary.candidates),
        f"{summary.median_score:g}/{summary.max_score}",
        str(summary.passed),
        str(summary.failed),
        str(summary.timed_out),
        str(summary.errored),
        str(summary.rejected),
    )
    return table
