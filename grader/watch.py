"""``kata watch``: check the workspace again after every save, and say what changed.

The learner's loop without the typing: a save (debounced, so an editor's write-rename-touch
counts once) runs the check; the caller redraws the report and says which specs turned green or
red since the run before. Caches and editors' temporary files are not saves. In-process checks go
through the warm worker, as ``kata check``'s do, and the worker goes when the watch ends.
"""

import contextlib
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

from grader.errors import KataError
from grader.models import Report, SpecStatus

# Wait for a quiet STEP after a save (an editor writes, renames and touches), at most DEBOUNCE.
DEBOUNCE_MS = 1600
STEP_MS = 300
# How long the watcher waits before it yields nothing; its first "nothing" says it is watching,
# so no save made during the first check is missed.
READY_MS = 300


class WorkspaceFilter(watchfiles.DefaultFilter):
    """Caches, VCS folders and editors' temporary files: none of them is a save."""

    ignore_dirs = (*watchfiles.DefaultFilter.ignore_dirs, ".ruff_cache")
    ignore_entity_patterns = (
        *watchfiles.DefaultFilter.ignore_entity_patterns,  # *.pyc, *.swp, *~, .#*, ...
        r"^4913$",  # vim probes whether it may write in the folder
        r"^#.*#$",  # emacs auto-save
        r"\.kata-reset$",  # kata reset's file on its way in
    )


@dataclass(frozen=True)
class Update:
    """One run of the loop: its report (or why there is none) and what changed since the last
    report (``first``: there is none to compare with)."""

    report: Report | None
    first: bool
    error: str = ""
    saved: list[str] = field(default_factory=list)
    turned_green: list[str] = field(default_factory=list)
    turned_red: list[str] = field(default_factory=list)


def compare(before: Report | None, after: Report) -> tuple[list[str], list[str]]:
    """Titles of the specs that turned green and that turned red from one report to the next."""
    if before is None:
        return [], []
    was_green = {spec.id: spec.status is SpecStatus.passed for spec in before.specs}
    green, red = [], []
    for spec in after.specs:
        if spec.id not in was_green:
            continue
        is_green = spec.status is SpecStatus.passed
        if is_green and not was_green[spec.id]:
            green.append(spec.title)
        elif was_green[spec.id] and not is_green:
            red.append(spec.title)
    return green, red


@contextlib.contextmanager
def _ended_like_ctrl_c() -> Iterator[None]:
    """A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends the watch as Ctrl-C does, so
    the caller's clean-up (stopping the warm worker) runs instead of being skipped."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {
        number: signal.signal(number, interrupt) for number in (signal.SIGHUP, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def watch_workspace(
    root: Path,
    check: Callable[[], Report],
    *,
    starting: Callable[[list[str]], None],
    show: Callable[[Update], None],
) -> None:
    """Check once, then once per batch of saves; ends only by KeyboardInterrupt (Ctrl-C, and
    SIGTERM or SIGHUP made into one).

    ``starting`` is told the files saved before each check (none before the first); ``show``
    gets its update. A check the grader cannot do (a file intake refuses) is shown and the watch
    goes on: the next save may fix it.
    """
    with _ended_like_ctrl_c():
        _loop(root, check, starting, show)


def _loop(
    root: Path,
    check: Callable[[], Report],
    starting: Callable[[list[str]], None],
    show: Callable[[Update], None],
) -> None:
    before: Report | None = None
    checked = False
    for changes in watchfiles.watch(
        root,
        watch_filter=WorkspaceFilter(),
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        rust_timeout=READY_MS,
        yield_on_timeout=True,
    ):
        if not changes and checked:
            continue
        saved = sorted({Path(path).relative_to(root).as_posix() for _, path in changes})
        starting(saved)
        try:
            report = check()
        except KataError as exc:
            show(Update(report=None, first=before is None, error=str(exc), saved=saved))
        else:
            green, red = compare(before, report)
            show(
                Update(
                    report=report,
                    first=before is None,
                    saved=saved,
                    turned_green=green,
                    turned_red=red,
                )
            )
            before = report
        checked = True
