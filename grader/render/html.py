"""The reviewer's report on a batch: one self-contained HTML page a hiring team opens, sorts,
shares and prints.

Everything is inline (CSS, a little JS, no fonts or scripts from anywhere), so the file opens
offline, from an attachment or an archive, and its Content-Security-Policy forbids any request.
It shows everything, hidden specs included, marked as such: it is for reviewers, never for
candidates (they get ``feedback.candidate_view``). All candidate text goes through Jinja's
autoescaping; this module only shapes the Reports into what the template lays out.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

import jinja2

from grader.models import Report, SimilarPair, SpecInfo, SpecResult, SpecStatus, Visibility
from grader.resources import templates_dir

TEMPLATE = "report.html"

# One colour per kind of outcome; error and timeout are the run's trouble, not a wrong answer.
STATUS_CLASS = {
    SpecStatus.passed: "passed",
    SpecStatus.failed: "failed",
    SpecStatus.error: "error",
    SpecStatus.timeout: "error",
    SpecStatus.skipped: "none",
    SpecStatus.not_run: "none",
}
# Printed in every grid cell, so the grid still reads in black and white or without colour vision.
STATUS_SYMBOL = {
    SpecStatus.passed: "✓",
    SpecStatus.failed: "✗",
    SpecStatus.error: "!",
    SpecStatus.timeout: "!",
    SpecStatus.skipped: "\N{EN DASH}",
    SpecStatus.not_run: "\N{EN DASH}",
}
LEGEND = [
    ("passed", "✓", "passed"),
    ("failed", "✗", "failed"),
    ("error", "!", "error or timeout"),
    ("none", "\N{EN DASH}", "not run or skipped"),
]
HIDDEN_NOTE = "hidden from candidates"


def status_label(status: SpecStatus) -> str:
    return status.value.replace("_", " ")


def when(moment: datetime) -> str:
    """A time a reader compares across candidates: UTC when the zone is known, to the minute."""
    if moment.tzinfo is not None:
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def percent_of(score: int | float, max_score: int | float) -> float | None:
    return 100 * score / max_score if max_score else None


@dataclass(frozen=True)
class Column:
    number: int
    spec: SpecInfo

    @property
    def hidden(self) -> bool:
        return self.spec.visibility is Visibility.hidden


@dataclass(frozen=True)
class Cell:
    css: str
    symbol: str
    tooltip: str
    status: str


@dataclass(frozen=True)
class Failure:
    spec: SpecResult
    css: str
    label: str
    hidden: bool


@dataclass(frozen=True)
class Change:
    """How a candidate's score moved since an earlier grading of the same candidate."""

    text: str
    sort: str
    tooltip: str
    css: str = ""


@dataclass(frozen=True)
class Candidate:
    rank: int
    anchor: str
    report: Report
    percent: float | None
    cells: list[Cell]
    failures: list[Failure]
    change: Change | None

    @property
    def percent_text(self) -> str:
        return "" if self.percent is None else f"{self.percent:.0f}%"


@dataclass(frozen=True)
class Pair:
    pair: SimilarPair
    first_anchor: str
    second_anchor: str

    @property
    def percent_text(self) -> str:
        return f"{100 * self.pair.score:.0f}%"


def _cell(column: Column, result: SpecResult | None) -> Cell:
    note = f" · {HIDDEN_NOTE}" if column.hidden else ""
    if result is None:
        tooltip = f"{column.spec.title}: not in this run{note}"
        return Cell(css="none", symbol="", tooltip=tooltip, status="absent")
    tooltip = (
        f"{column.spec.title}: {status_label(result.status)} "
        f"({result.points}/{result.max_points}){note}"
    )
    return Cell(
        css=STATUS_CLASS[result.status],
        symbol=STATUS_SYMBOL[result.status],
        tooltip=tooltip,
        status=result.status.value,
    )


def _failures(report: Report) -> list[Failure]:
    return [
        Failure(
            spec=spec,
            css=STATUS_CLASS[spec.status],
            label=status_label(spec.status),
            hidden=spec.visibility is Visibility.hidden,
        )
        for spec in report.specs
        if spec.status is not SpecStatus.passed
    ]


def _change(report: Report, previous: Mapping[str, Report] | None) -> Change | None:
    """None when no earlier reports were given; "new" for a candidate graded for the first time."""
    if previous is None:
        return None
    before = previous.get(report.submission.name)
    if before is None:
        return Change(text="new", sort="", tooltip="no earlier grading of this candidate")
    delta = report.score - before.score
    text = f"+{delta}" if delta > 0 else f"\N{MINUS SIGN}{-delta}" if delta < 0 else "±0"
    tooltip = f"was {before.score}/{before.max_score} on {when(before.started_at)}"
    if before.kata.version != report.kata.version:
        tooltip += ", against another version of the kata"
    css = "up" if delta > 0 else "down" if delta < 0 else ""
    return Change(text=text, sort=str(delta), tooltip=tooltip, css=css)


def _ranked(reports: Sequence[Report]) -> list[tuple[int, Report]]:
    """Best first; equal scores share a rank ("1, 2, 2, 4"), ties listed by name."""
    ordered = sorted(
        reports,
        key=lambda r: (
            -r.score,
            -(percent_of(r.score, r.max_score) or 0),
            r.submission.name.casefold(),
        ),
    )
    ranked: list[tuple[int, Report]] = []
    for position, report in enumerate(ordered, start=1):
        last = ranked[-1] if ranked else None
        if last and (last[1].score, last[1].max_score) == (report.score, report.max_score):
            ranked.append((last[0], report))
        else:
            ranked.append((position, report))
    return ranked


def _distinct(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _header(reports: Sequence[Report]) -> dict[str, object]:
    """The facts a reader checks before trusting the page: which kata, when, in what sandbox."""
    starts = sorted(report.started_at for report in reports)
    graded = ""
    if starts:
        first, last = when(starts[0]), when(starts[-1])
        graded = first if first == last else f"{first} to {last}"
    sandboxes = _distinct(f"{r.sandbox.backend} ({r.sandbox.mode})" for r in reports)
    limits = _distinct(
        f"{lim.wall_seconds:g} s wall, {lim.cpu_seconds} s CPU, {lim.cpus:g} CPUs, "
        f"{lim.memory_mb} MB memory, {lim.processes} processes"
        for lim in (r.sandbox.limits for r in reports)
    )
    return {
        "katas": _distinct(r.kata.id for r in reports),
        "versions": _distinct(r.kata.version for r in reports),
        "images": _distinct(r.sandbox.image for r in reports if r.sandbox.image),
        "graded": graded,
        "sandboxes": sandboxes,
        "limits": limits,
    }


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def html_report(
    reports: Sequence[Report],
    specs: Sequence[SpecInfo],
    pairs: Sequence[SimilarPair] = (),
    previous: Mapping[str, Report] | None = None,
) -> str:
    """The page: header, ranking, candidate-by-spec grid, similar submissions, then each
    candidate's failures, integrity findings and errors.

    ``specs`` is the kata's spec index (the grid's columns, in its order); ``previous`` maps a
    candidate's name to an earlier Report of theirs, to show how far the score moved.
    """
    columns = [Column(number, spec) for number, spec in enumerate(specs, start=1)]
    candidates = []
    for index, (rank, report) in enumerate(_ranked(reports), start=1):
        results = {result.id: result for result in report.specs}
        candidates.append(
            Candidate(
                rank=rank,
                anchor=f"candidate-{index}",
                report=report,
                percent=percent_of(report.score, report.max_score),
                cells=[_cell(column, results.get(column.spec.id)) for column in columns],
                failures=_failures(report),
                change=_change(report, previous),
            )
        )
    anchors = {c.report.submission.name: c.anchor for c in reversed(candidates)}
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            header=_header(reports),
            columns=columns,
            candidates=candidates,
            show_change=previous is not None,
            pairs=[
                Pair(pair, anchors.get(pair.first, ""), anchors.get(pair.second, ""))
                for pair in pairs
            ],
            legend=LEGEND,
            hidden_note=HIDDEN_NOTE,
        )
    )
