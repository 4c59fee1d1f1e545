"""Many submissions, graded in parallel, each in its own sandbox, resumable.

A batch is a folder. Each candidate's results are written there the moment that candidate is
graded (``candidates/<name>/report.json`` and the same Report in the candidate-facing and external
formats), so a batch stopped half-way loses nothing. Run again, it grades only the candidates
whose Report is missing or was made against another version of the kata or of the sandbox image.
The summaries (CSV, JUnit, HTML) are written last, from the Reports on disk alone. A Report that a
re-grade replaces is kept as ``previous.json``, so the summaries can show which scores moved.
"""

import contextlib
import csv
import json
import os
import queue
import re
import shutil
import statistics
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from grader.archives import archive_name
from grader.catalog import Kata
from grader.collect import spec_index
from grader.errors import InfrastructureError, IntakeError, UsageError
from grader.intake import take_in
from grader.models import (
    Limits,
    Report,
    ReportStatus,
    RunEnd,
    SandboxRef,
    SimilarPair,
    SpecInfo,
)
from grader.results import unrun_report
from grader.runner import grade
from grader.sandbox import ProcessSandbox, Sandbox
from grader.sandbox.warm import WarmProcessSandbox
from grader.scratch import sweep_abandoned
from grader.warm import WarmWorker

CANDIDATES = "candidates"


@dataclass(frozen=True)
class Submission:
    """One candidate's work: a folder (maybe a git checkout) or an archive."""

    name: str
    path: Path

    @property
    def slug(self) -> str:
        """The candidate's name made safe as a folder name."""
        return re.sub(r"[^A-Za-z0-9._-]+", "_", self.name).strip("._") or "candidate"


def _default_name(path: Path) -> str:
    return archive_name(path) or path.name


def _manifest_names(manifest: Path) -> dict[str, str]:
    """submission (file or folder name) -> candidate name, from a CSV with those two columns."""
    try:
        with manifest.open(newline="", encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"--manifest {manifest}: cannot read it: {exc}") from None
    if not rows or not {"submission", "candidate"} <= set(rows[0]):
        raise UsageError(
            f"--manifest {manifest}: needs a header with the columns submission and candidate"
        )
    names = {}
    for number, row in enumerate(rows, start=2):
        submission, candidate = (row["submission"] or "").strip(), (row["candidate"] or "").strip()
        if not submission or not candidate:
            raise UsageError(f"--manifest {manifest}, line {number}: an empty submission or name")
        names[Path(submission).name] = candidate
    return names


def gather(paths: Sequence[Path], manifest: Path | None = None) -> list[Submission]:
    """The submissions to grade, named after their folder or archive, or by the manifest."""
    names = _manifest_names(manifest) if manifest else {}
    submissions: dict[str, Submission] = {}
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if manifest and path.name not in names:
            raise UsageError(f"{path} is not in --manifest {manifest}; add a row for it")
        submission = Submission(names.get(path.name) or _default_name(path), path)
        twin = next((s for s in submissions.values() if s.slug == submission.slug), None)
        if twin is not None:
            raise UsageError(
                f"{twin.path} and {path} both belong to candidate {submission.name!r}; "
                f"rename one or name them in a --manifest"
            )
        submissions[submission.name] = submission
    if not submissions:
        raise UsageError("no submissions given")
    return sorted(submissions.values(), key=lambda submission: submission.name)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


class Batch:
    """A batch folder: where each candidate's Report lives, and whether it is still current."""

    def __init__(self, out: Path, kata: Kata, sandbox: Sandbox) -> None:
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out {out} is a file; name a folder")
        self.out = out
        self.kata = kata
        self.sandbox = sandbox

    def report_path(self, submission: Submission) -> Path:
        return self.out / CANDIDATES / submission.slug / "report.json"

    def copy_path(self, submission: Submission) -> Path:
        """The safe copy of what was graded, kept for reviewers (and the similarity check)."""
        return self.out / CANDIDATES / submission.slug / "submission"

    def stored(self, submission: Submission, name: str = "report.json") -> Report | None:
        path = self.report_path(submission).with_name(name)
        try:
            return Report.model_validate_json(path.read_bytes())
        except (OSError, ValidationError):
            return None

    def is_current(self, report: Report) -> bool:
        """Graded against this very kata and image; anything else must be graded again."""
        return (
            report.kata.version == self.kata.version
            and report.sandbox.image == self.sandbox.image_id
            and report.sandbox.backend == self.sandbox.name
        )

    def save(self, submission: Submission, report: Report) -> None:
        """Write one candidate's results, the earlier Report kept if this one replaces it."""
        from grader.render.external import exercism_results, gradescope_results
        from grader.render.feedback import candidate_view

        path = self.report_path(submission)
        earlier = self.stored(submission)
        if earlier is not None and earlier.model_dump() != report.model_dump():
            _write_atomically(path.with_name("previous.json"), earlier.model_dump_json(indent=2))
        folder = path.parent
        _write_atomically(
            folder / "feedback.json", candidate_view(report).model_dump_json(indent=2)
        )
        _write_atomically(folder / "gradescope" / "results.json", _json(gradescope_results(report)))
        _write_atomically(folder / "exercism" / "results.json", _json(exercism_results(report)))
        _write_atomically(path, report.model_dump_json(indent=2))  # last: it marks the work done


def _json(data: object) -> str:
    return json.dumps(data, indent=2) + "\n"


@dataclass
class Progress:
    """What the batch tells whoever watches it, as it happens."""

    started: Callable[[Submission], None] = lambda submission: None
    finished: Callable[[Submission, Report, bool], None] = lambda submission, report, fresh: None


def _grade_one(
    batch: Batch,
    submission: Submission,
    index: list[SpecInfo],
    limits: Limits,
    specs_side: ProcessSandbox | None,
) -> Report:
    copy = batch.copy_path(submission)
    shutil.rmtree(copy, ignore_errors=True)
    sandbox = SandboxRef(
        backend=batch.sandbox.name, mode="blackbox", limits=limits, image=batch.sandbox.image_id
    )
    try:
        take_in(submission.path, copy)
        report = grade(
            batch.kata, copy, batch.sandbox, mode="blackbox", limits=limits, specs_side=specs_side
        )
    except (IntakeError, InfrastructureError) as exc:
        # One candidate's broken archive, or a sandbox that failed one run, is that candidate's
        # status: the batch goes on.
        rejected = isinstance(exc, IntakeError)
        if rejected:
            shutil.rmtree(copy, ignore_errors=True)
        report = unrun_report(
            kata=batch.kata,
            index=index,
            name=submission.name,
            reason=str(exc),
            sandbox=sandbox,
            status=ReportStatus.rejected if rejected else ReportStatus.error,
        )
    return report.model_copy(
        update={"submission": report.submission.model_copy(update={"name": submission.name})}
    )


class _SpecsSides:
    """One warm worker per job slot for the specs' side of each run (unless KATA_WARM=0).

    The specs are the grader's own code, so they may start from a worker that has imported
    pytest and the plugin already; each submission still gets a fresh sandbox of its own.
    """

    def __init__(self, count: int) -> None:
        self._folder: Path | None = None
        self._free: queue.SimpleQueue[ProcessSandbox | None] = queue.SimpleQueue()
        self._workers: list[WarmWorker] = []
        if os.environ.get("KATA_WARM") == "0":
            for _ in range(count):
                self._free.put(None)
            return
        self._folder = Path(tempfile.mkdtemp(prefix=f"kata-batch-{os.getpid()}-"))
        for slot in range(count):
            worker = WarmWorker(self._folder / f"slot-{slot}")
            self._workers.append(worker)
            self._free.put(WarmProcessSandbox(worker))

    @contextlib.contextmanager
    def one(self) -> Iterator[ProcessSandbox | None]:
        specs_side = self._free.get()
        try:
            yield specs_side
        finally:
            self._free.put(specs_side)

    def close(self) -> None:
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.stop()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)


def run_batch(
    batch: Batch,
    submissions: Sequence[Submission],
    *,
    limits: Limits,
    jobs: int,
    force: bool = False,
    progress: Progress | None = None,
) -> list[Report]:
    """Grade every submission not already graded, in parallel; returns all Reports, by name."""
    progress = progress or Progress()
    sweep_abandoned()  # what a killed batch left in the temporary folder
    index = spec_index(batch.kata)
    reports: dict[str, Report] = {}
    todo = []
    for submission in submissions:
        stored = None if force else batch.stored(submission)
        if stored is not None and batch.is_current(stored):
            reports[submission.name] = stored
            progress.finished(submission, stored, False)
        else:
            todo.append(submission)

    jobs = max(1, min(jobs, len(todo)))
    batch.sandbox.start_ahead(jobs)
    specs_sides = _SpecsSides(jobs)

    def work(submission: Submission) -> Report:
        progress.started(submission)
        with specs_sides.one() as specs_side:
            return _grade_one(batch, submission, index, limits, specs_side)

    pool = ThreadPoolExecutor(max_workers=jobs)
    futures = {pool.submit(work, submission): submission for submission in todo}
    try:
        for future in as_completed(futures):
            submission = futures[future]
            report = future.result()
            batch.save(submission, report)
            reports[submission.name] = report
            progress.finished(submission, report, True)
    finally:
        # On Ctrl-C nothing new starts; what is running ends within its own time limit, and
        # the next run of the same command grades what is still missing.
        pool.shutdown(wait=True, cancel_futures=True)
        specs_sides.close()
        batch.sandbox.close()
    return [reports[submission.name] for submission in submissions]


def write_summaries(
    batch: Batch, submissions: Sequence[Submission], similar: Sequence[SimilarPair] = ()
) -> None:
    """results.csv, junit.xml and report.html, from the Reports on disk alone."""
    from grader.render.csv import results_csv
    from grader.render.html import html_report
    from grader.render.junit import junit_xml

    index = spec_index(batch.kata)
    reports = [batch.stored(submission) for submission in submissions]
    present = [report for report in reports if report is not None]
    previous = {
        submission.name: earlier
        for submission in submissions
        if (earlier := batch.stored(submission, "previous.json")) is not None
    }
    _write_atomically(batch.out / "results.csv", results_csv(present, index))
    _write_atomically(batch.out / "junit.xml", junit_xml(present))
    _write_atomically(
        batch.out / "report.html", html_report(present, index, list(similar), previous or None)
    )


@dataclass(frozen=True)
class Summary:
    candidates: int
    median_score: float
    max_score: int
    passed: int
    failed: int
    timed_out: int
    errored: int
    rejected: int


def summarise(reports: Sequence[Report]) -> Summary:
    def count(status: ReportStatus) -> int:
        return sum(1 for report in reports if report.status is status)

    return Summary(
        candidates=len(reports),
        median_score=statistics.median(report.score for report in reports) if reports else 0.0,
        max_score=max((report.max_score for report in reports), default=0),
        passed=count(ReportStatus.passed),
        failed=count(ReportStatus.failed),
        timed_out=sum(1 for report in reports if report.run_end is RunEnd.timed_out),
        errored=count(ReportStatus.error),
        rejected=count(ReportStatus.rejected),
    )
