"""A test-writing kata (``grading = "tests"``), seen as specs: its app versions and their index.

The learner writes tests; the grader runs them on the kata's correct app and on each of its hidden
faults. So that every report, renderer and ``kata verify`` keeps working unchanged, each version is
one spec: ``correct-app`` (a baseline: "the suite passes on the correct app") and
``faults/<name>`` per fault ("catches: <title>"), passed when the suite fails on that fault.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

from grader.catalog import FAULT_FILE, SUITE_FOLDER, Fault, Kata
from grader.models import SpecInfo

BASELINE_ID = "correct-app"
BASELINE_TITLE = "The suite passes on the correct app"
BASELINE_POINTS = 1
BASELINE_HINTS = [
    "Run your tests locally with `pytest`: every one must pass on the app you were given.",
    "A test that fails on the correct app expects something the README's contract does not "
    "say; read the contract again for that route.",
]
FAULT_PREFIX = "faults/"
CAUGHT_PREFIX = "catches: "
_CACHES = ("__pycache__", "*.pyc")
_LEFT_OUT = shutil.ignore_patterns(*_CACHES)


@dataclass(frozen=True)
class Version:
    """One app the learner's suite is run against: the correct one, or one with a fault."""

    spec_id: str
    fault: Fault | None = None


def fault_id(fault: Fault) -> str:
    return FAULT_PREFIX + fault.name


def versions(kata: Kata) -> list[Version]:
    """The correct app first, then each fault by name."""
    return [Version(BASELINE_ID), *(Version(fault_id(fault), fault) for fault in kata.faults())]


def suite_index(kata: Kata) -> list[SpecInfo]:
    """The kata's "specs": the baseline, then one per fault, in the order of ``versions``."""
    baseline = SpecInfo(
        id=BASELINE_ID,
        title=BASELINE_TITLE,
        points=BASELINE_POINTS,
        hints=BASELINE_HINTS,
        baseline=True,
    )
    return [baseline] + [
        SpecInfo(
            id=fault_id(fault),
            title=CAUGHT_PREFIX + fault.config.title,
            points=fault.config.points,
            hints=fault.config.hints,
            visibility=fault.config.visibility,
        )
        for fault in kata.faults()
    ]


def build_version(kata: Kata, version: Version, destination: Path) -> Path:
    """The app of ``version`` in ``destination``: the solution without the learner's tests, with
    the fault's files (all but fault.toml) laid over it."""
    shutil.copytree(
        kata.solution_dir,
        destination,
        ignore=lambda folder, names: [
            *_LEFT_OUT(folder, names),
            *([SUITE_FOLDER] if Path(folder) == kata.solution_dir else []),
        ],
    )
    if version.fault is not None:
        ignore = shutil.ignore_patterns(*_CACHES, FAULT_FILE)
        shutil.copytree(version.fault.path, destination, ignore=ignore, dirs_exist_ok=True)
    return destination
