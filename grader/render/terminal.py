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
from grader.client import EXCHANGE_HEADING
from grader.models import Report, ReportStatus, RunEnd, SpecInfo, SpecStatus

if TYPE_CHECKING:  # these load the docker SDK or the runner, which most commands never need
    from grader.authoring import Check
    from grader.batch import Progress as BatchHooks
    from grader.batch import Submission, Summary
    from grader.hints import Revealed
    from grader.image import BuildPlan, BuiltImage
    from grader.mutants import Strength
    from grader.progress import Summary as ProgressSummary
    from grader.sandbox.available import Survey
    from grader.watch import Update

STATUS_LABELS = {
    SpecStatus.passed: ("PASS", "green"),
    SpecStatus.failed: ("FAIL", "red"),
    SpecStatus.error: ("ERROR", "red"),
    SpecStatus.timeout: ("TIMEOUT", "yellow"),
    SpecStatus.skipped: ("SKIP", "yellow"),
    SpecStatus.not_run: ("NOT RUN", "dim"),
}
MESSAGE_LINES = 6
# A failure's last exchange: the request, the status, every header a spec may be about, the body.
EXCHANGE_LINES = 16


def _first_lines(text: str, count: int = MESSAGE_LINES) -> str:
    lines = text.strip().splitlines()
    shown = "\n".join(lines[:count])
    more = len(lines) - count
    return shown + (f"\n[... {more} more line{'s' if more > 1 else ''}]" if more > 0 else "")


def _failure(message: str) -> str:
    """A failure's message, cut short, and the exchange under it, cut less short."""
    said, heading, exchange = message.partition(EXCHANGE_HEADING)
    text = _first_lines(said)
    if heading:
        text += f"\n\n{heading}\n{_first_lines(exchange, EXCHANGE_LINES)}"
    return text


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
                table.add_row("", Text(_failure(spec.message), style="red"), "", "")
            if spec.hint:
                table.add_row("", Text(f"hint: {spec.hint}", style="cyan"), "", "")
    parts: list[RenderableType] = []
    if report.blocked_by:
        parts.append(Text(f"The app could not be loaded: {report.blocked_by}\n", style="bold red"))
    for problem in report.routes:
        parts.append(Text(f"route check: {problem}", style="bold yellow"))
    if report.routes:
        parts.append(Text(""))
    parts.append(table)
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


def catalog_table(
    rows: Iterable[tuple[Kata, list[SpecInfo]]], progress: dict[str, str] | None = None
) -> Table:
    """The katas; with ``progress`` (labels by kata id), a column of the learner's standing."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("id", "title", "level", "topics"):
        table.add_column(column)
    table.add_column("minutes", justify="right")
    table.add_column("specs", justify="right")
    if progress is not None:
        table.add_column("progress", no_wrap=True)
    for kata, specs in rows:
        config = kata.config
        cells = [
            Text(kata.id, style="bold"),
            Text(config.title),
            config.difficulty.value,
            Text(", ".join(config.topics)),
            str(config.minutes),
            str(len(specs)),
        ]
        if progress is not None:
            label = progress.get(kata.id, "not started")
            styles = {"done": "bold green", "not started": "dim"}
            cells.append(Text(label, style=styles.get(label, "yellow")))
        table.add_row(*cells)
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


def diff_text(diff: str) -> Text:
    """A unified diff, coloured the way git colours one."""
    styles = {"+": "green", "-": "red", "@": "cyan"}
    text = Text()
    for line in diff.splitlines(keepends=True):
        header = line.startswith(("+++", "---"))
        text.append(line, style="bold" if header else styles.get(line[:1], ""))
    return text


def strength_view(strength: "Strength") -> RenderableType:
    """A kata's spec-strength score, then every surviving mutant as a diff: the behaviours no
    spec pins down."""
    from grader.mutants import STRONG_SCORE

    score = strength.score
    head = Text(f"\nSpec strength of {strength.kata}: ", style="bold")
    if score is None:
        head.append("no mutants to run", style="bold yellow")
    else:
        head.append(f"{score:.0%}", style="bold green" if score >= STRONG_SCORE else "bold red")
        judged = len(strength.caught) + len(strength.survived)
        head.append(f"  ·  {len(strength.caught)} of {judged} mutants caught ({strength.run})")
    facts = (
        f"{strength.found} mutants of the solution, {len(strength.results)} run; "
        f"{len(strength.equivalent)} marked equivalent in mutants.toml; {strength.dropped} "
        f"dropped (did not compile or equalled the solution)"
    )
    parts: list[RenderableType] = [head, Text(facts, style="dim")]
    for result in strength.survived:
        parts.append(Text(f"\nsurvived {result.mutant.id}", style="bold yellow"))
        parts.append(diff_text(result.mutant.diff()))
    for result in strength.errored:
        parts.append(Text(f"could not grade {result.mutant.id}: {result.error}", style="red"))
    for mutant_id in strength.stale:
        parts.append(
            Text(
                f"mutants.toml names {mutant_id}, which no mutant of the solution has "
                f"(did its line move?)",
                style="yellow",
            )
        )
    return Group(*parts)


def progress_view(summary: "ProgressSummary") -> RenderableType:
    """``kata progress``: katas done, started (done included) and in all, and points, by level
    and by topic, then the totals."""
    parts: list[RenderableType] = []
    for group, tallies in (("level", summary.by_level), ("topic", summary.by_topic)):
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column(group)
        for column in ("done", "started", "katas", "points"):
            table.add_column(column, justify="right")
        for tally in tallies:
            table.add_row(
                Text(tally.name, style="bold"),
                str(tally.done),
                str(tally.started),
                str(tally.total),
                f"{tally.points}/{tally.max_points}",
            )
        parts.extend([table, Text("")])
    overall = summary.overall
    line = Text(f"{overall.done} of {overall.total} katas done", style="bold")
    line.append(f", {overall.started - overall.done} more started")
    line.append(f"  ·  {overall.points} of {overall.max_points} points")
    parts.append(line)
    return Group(*parts)


def hint_view(revealed: "Revealed") -> Text:
    """``kata hint``: the hint just revealed, or every hint once none is left to reveal."""
    spec = revealed.spec
    if not spec.hints:
        return Text(f"{spec.title} has no hints")
    if not revealed.number:
        text = Text(f"no more hints for {spec.title}; all {len(spec.hints)} of them:", style="bold")
        for number, hint in enumerate(spec.hints, 1):
            text.append(f"\n  {number}. {hint}", style="cyan")
        return text
    text = Text(f"hint {revealed.number} of {len(spec.hints)} for {spec.title}: ", style="bold")
    text.append(revealed.text, style="cyan")
    return text


def solution_view(kata_id: str, files: dict[str, str]) -> RenderableType:
    """``kata solution``: each file of the reference project under a rule, highlighted."""
    from rich.rule import Rule  # only this view needs them
    from rich.syntax import Syntax

    parts: list[RenderableType] = [Text(f"The reference solution of {kata_id}", style="bold")]
    for name, code in files.items():
        parts.append(Rule(name, align="left"))
        if not code.strip():
            parts.append(Text("(empty)", style="dim"))
            continue
        lexer = Syntax.guess_lexer(name, code)
        parts.append(
            Syntax(code, lexer, theme="ansi_dark", background_color="default", line_numbers=True)
        )
    return Group(*parts)


def _listed(names: list[str], shown: int = 3) -> str:
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")


def watch_checking(saved: list[str]) -> Text:
    """``kata watch``'s line while a check runs, under the last report."""
    return Text(f"\nchecking ({_listed(saved)} saved)..." if saved else "checking...", style="dim")


def watch_view(update: "Update", heading: str) -> RenderableType:
    """``kata watch``'s screen: the heading, the report, then which specs turned green or red
    since the last report, by title."""
    parts: list[RenderableType] = [Text(heading, style="dim")]
    if update.report is None:
        parts.append(Text(f"error: {update.error}", style="bold red"))
        parts.append(Text("Still watching: save a file to check again.", style="dim"))
        return Group(*parts)
    parts.append(report_view(update.report))
    if update.first:
        parts.append(Text("\nSave a file to check again.", style="dim"))
        return Group(*parts)
    changes = Text(f"\nSince the last run ({_listed(update.saved)} saved):", style="bold")
    if not update.turned_green and not update.turned_red:
        changes.append(" no spec changed")
    for label, titles, style in (
        ("turned green", update.turned_green, "bold green"),
        ("turned red", update.turned_red, "bold red"),
    ):
        for title in titles:
            changes.append(f"\n  {label:<12}  ", style=style)
            changes.append(title)
    parts.append(changes)
    return Group(*parts)
