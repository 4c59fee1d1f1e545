"""The learner's progress: one small JSON file in the user's state folder.

``kata check`` and ``kata watch`` record every run here: per kata, the best score and how many
specs passed in that run, which specs failed at the last check (``kata hint`` starts from them),
the hints revealed, and when every spec first passed (``kata solution`` opens then). Only the
learner's own loop reads it: ``kata grade`` never does, so a candidate's grade never depends on it.

The file is rewritten whole (a temp file, then a rename) under a lock, so neither a crash nor two
commands at once (``kata watch`` and ``kata hint``) can leave half a file. A damaged file costs a
warning and a fresh start, never a crash: progress is a convenience, not the learner's work.

The same loop also undoes and unlocks things: ``kata reset`` restores the stub's files and
``kata solution`` shows the reference project once the kata is done.
"""

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from grader.catalog import Kata
from grader.collect import spec_index
from grader.errors import UsageError
from grader.models import Difficulty, Report, ReportStatus, SpecInfo, SpecStatus
from grader.userdirs import state_dir

Warn = Callable[[str], None]
FILE_NAME = "progress.json"
LOCK_NAME = "progress.lock"
# Never part of a handout: what Python and editors leave next to the sources.
_JUNK_DIRS = {"__pycache__"}
_JUNK_SUFFIXES = (".pyc", ".pyo")


class KataProgress(BaseModel):
    """One kata's record."""

    best_score: int = 0
    best_passed: int = Field(0, description="specs passed in the run with the best score")
    failing: list[str] = Field(
        default=[], description="spec ids that did not pass at the last check, in the kata's order"
    )
    hints: dict[str, int] = Field(
        default={}, description="per spec id, how many of its hints have been revealed"
    )
    last_checked_at: datetime | None = None
    completed_at: datetime | None = Field(None, description="when every spec first passed")

    @property
    def started(self) -> bool:
        return self.last_checked_at is not None


class Progress(BaseModel):
    """The whole file: every kata the learner has touched, by id."""

    version: Literal[1] = 1
    katas: dict[str, KataProgress] = {}


def progress_path() -> Path:
    return state_dir() / FILE_NAME


def load(warn: Warn) -> Progress:
    """The recorded progress; empty when there is none, or (after a warning) when unreadable."""
    path = progress_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Progress()
    except OSError as exc:
        warn(f"cannot read {path} ({exc.strerror}); progress starts afresh")
        return Progress()
    try:
        return Progress.model_validate_json(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        problem = f"{where}: {error['msg']}" if where else error["msg"]
        warn(f"{path} is damaged ({problem}); starting afresh: the next save replaces it")
        return Progress()


def _save(progress: Progress, path: Path, warn: Warn) -> None:
    """Write the whole file next to its place, then rename it over: never half a file."""
    try:
        descriptor, partial = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        warn(f"progress not saved: cannot write in {path.parent} ({exc.strerror})")
        return
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(progress.model_dump_json(indent=2))
            stream.flush()
            os.fsync(stream.fileno())
        Path(partial).replace(path)
    except OSError as exc:
        Path(partial).unlink(missing_ok=True)
        warn(f"progress not saved: cannot write {path} ({exc.strerror})")


@contextlib.contextmanager
def editing(warn: Warn) -> Iterator[Progress]:
    """The progress, to change in place; saved when the block ends without an error."""
    path = progress_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = (path.parent / LOCK_NAME).open("a")
    except OSError as exc:
        warn(f"progress not saved: cannot write in {path.parent} ({exc.strerror})")
        yield load(warn)
        return
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the lock file closes
        progress = load(warn)
        yield progress
        _save(progress, path, warn)


def record_check(kata: Kata, report: Report, warn: Warn) -> Report:
    """Record one check of the learner's work; return its Report with the hints they have seen.

    A run the grader could not do (an error, a rejected submission) says nothing about the
    learner's work, so it changes nothing.
    """
    if report.status not in (ReportStatus.passed, ReportStatus.failed):
        return report
    every_spec = len(report.specs) == len(spec_index(kata))  # not narrowed by -k
    passed = len(report.passed)
    with editing(warn) as progress:
        entry = progress.katas.setdefault(kata.id, KataProgress())
        entry.last_checked_at = datetime.now(UTC)
        entry.failing = [s.id for s in report.specs if s.status is not SpecStatus.passed]
        if (report.score, passed) > (entry.best_score, entry.best_passed):
            entry.best_score, entry.best_passed = report.score, passed
        if every_spec and report.status is ReportStatus.passed and entry.completed_at is None:
            entry.completed_at = entry.last_checked_at
        seen = dict(entry.hints)
    used = {spec.id: seen[spec.id] for spec in report.specs if seen.get(spec.id)}
    return report.model_copy(update={"hints_used": used})


def status_label(entry: KataProgress | None, total_specs: int) -> str:
    """What ``kata list`` says: not started, 5 of 9 (specs passed at best), or done."""
    if entry is None or not entry.started:
        return "not started"
    if entry.completed_at is not None:
        return "done"
    return f"{min(entry.best_passed, total_specs)} of {total_specs}"


def status_labels(rows: Iterable[tuple[Kata, list[SpecInfo]]], warn: Warn) -> dict[str, str]:
    katas = load(warn).katas
    return {kata.id: status_label(katas.get(kata.id), len(specs)) for kata, specs in rows}


@dataclass
class Tally:
    """Katas done, started (done included) and in all, and points earned of all, for a group."""

    name: str
    done: int = 0
    started: int = 0
    total: int = 0
    points: int = 0
    max_points: int = 0

    def add(self, entry: KataProgress | None, max_points: int) -> None:
        self.total += 1
        self.max_points += max_points
        if entry is not None and entry.started:
            self.started += 1
            self.done += entry.completed_at is not None
            self.points += min(entry.best_score, max_points)


@dataclass
class Summary:
    by_topic: list[Tally] = field(default_factory=list)
    by_level: list[Tally] = field(default_factory=list)
    overall: Tally = field(default_factory=lambda: Tally("all katas"))


def summarise(rows: Iterable[tuple[Kata, list[SpecInfo]]], progress: Progress) -> Summary:
    """``kata progress``: katas done, started and in all, and points, by topic and by level."""
    topics: dict[str, Tally] = {}
    levels = {level: Tally(level.value) for level in Difficulty}
    summary = Summary()
    for kata, specs in rows:
        entry = progress.katas.get(kata.id)
        max_points = sum(spec.points for spec in specs)
        for topic in kata.config.topics:
            topics.setdefault(topic, Tally(topic)).add(entry, max_points)
        levels[kata.config.difficulty].add(entry, max_points)
        summary.overall.add(entry, max_points)
    summary.by_topic = [topics[name] for name in sorted(topics)]
    summary.by_level = [tally for tally in levels.values() if tally.total]
    return summary


def _project_files(folder: Path) -> dict[str, Path]:
    """A project's files by their path relative to it, without caches."""
    return {
        path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and not _JUNK_DIRS.intersection(path.relative_to(folder).parts)
        and not path.name.endswith(_JUNK_SUFFIXES)
    }


def solution_files(kata: Kata, warn: Warn) -> dict[str, str]:
    """The reference solution's files and their text, once the learner has passed every spec."""
    entry = load(warn).katas.get(kata.id)
    if entry is None or entry.completed_at is None:
        total = len(spec_index(kata))
        passed = min(entry.best_passed, total) if entry else 0
        raise UsageError(
            f"solve it first: {passed} of {total} specs pass; the solution of {kata.id} opens "
            f"once `kata check` passes every spec"
        )
    shown = {}
    for name, path in _project_files(kata.solution_dir).items():
        try:
            shown[name] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            shown[name] = "(a binary file, not shown)"
    return shown


def handout_files(kata: Kata) -> dict[str, Path]:
    """What ``kata new`` hands out and ``kata reset`` restores: the stub's files and README.md."""
    return {**_project_files(kata.stub_dir), "README.md": kata.readme}


def reset_plan(kata: Kata, root: Path, names: Sequence[str], cwd: Path) -> list[str]:
    """The handout files to restore for the FILE arguments (every one when none is named).

    Every name is checked before anything is written, so one bad name restores nothing. A name
    is relative to ``cwd``, as the shell completed it; a folder stands for the stub's files in it.
    """
    handout = handout_files(kata)
    if not names:
        return list(handout)
    chosen: dict[str, None] = {}
    for name in names:
        relative = Path(os.path.normpath(cwd / name))
        try:
            key = relative.relative_to(root).as_posix()
        except ValueError:
            raise UsageError(f"{name} is outside the workspace {root}") from None
        if key in handout:
            inside = [key]
        else:
            inside = [file for file in handout if key == "." or file.startswith(f"{key}/")]
        if not inside:
            raise UsageError(
                f"the stub of {kata.id} has no {key}; it has {', '.join(handout)} "
                f"(files you added are yours to delete)"
            )
        chosen.update(dict.fromkeys(inside))
    for key in chosen:
        if (root / key).is_dir() and not (root / key).is_symlink():
            raise UsageError(f"{root / key} is a folder, where the stub has a file; move it away")
    return list(chosen)


def reset_files(kata: Kata, root: Path, keys: Sequence[str]) -> None:
    """Put the handout's version of each file back, each one whole (a copy, then a rename)."""
    handout = handout_files(kata)
    for key in keys:
        target = root / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.kata-reset")
            shutil.copyfile(handout[key], partial)
            partial.replace(target)
        except OSError as exc:
            raise UsageError(f"cannot restore {target}: {exc.strerror}") from None
