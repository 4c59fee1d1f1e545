"""A learner's workspace: ``kata new`` creates it, the marker file says which kata it is."""

import json
import shutil
import tempfile
from pathlib import Path

from grader import __version__
from grader.catalog import Kata, load_toml_model
from grader.errors import UsageError
from grader.models import WorkspaceMarker

MARKER = ".kata.toml"


def marker_text(marker: WorkspaceMarker) -> str:
    lines = ["# Written by `kata new`: which kata this folder is for. `kata check` reads it."]
    for key, value in marker.model_dump(exclude_none=True).items():
        lines.append(f"{key} = {json.dumps(value)}")  # a JSON string is a valid TOML string
    return "\n".join(lines) + "\n"


def new_workspace(kata: Kata, target: Path, *, force: bool = False) -> Path:
    """Copy the kata's stub and README into ``target``; all or nothing."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder; choose another place")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise UsageError(
            f"{target} is not empty; choose another folder, or pass --force to write the kata's "
            f"files over what is there"
        )
    marker = WorkspaceMarker(
        kata=kata.id,
        kata_version=kata.version,
        grader_version=__version__,
        catalog=None if kata.builtin else str(kata.root.parent.resolve()),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    # Build the whole workspace next to the target, then move it in: an error half-way through
    # leaves no half-made workspace behind.
    with tempfile.TemporaryDirectory(prefix=".kata-new-", dir=target.parent) as tmp:
        staging = Path(tmp) / "workspace"
        shutil.copytree(
            kata.stub_dir, staging, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
        shutil.copyfile(kata.readme, staging / "README.md")
        (staging / MARKER).write_text(marker_text(marker), encoding="utf-8")
        if not target.exists():
            staging.rename(target)
            return target
        for entry in staging.iterdir():
            destination = target / entry.name
            if destination.is_dir() and not destination.is_symlink():
                shutil.rmtree(destination)
            elif destination.exists() or destination.is_symlink():
                destination.unlink()
            entry.rename(destination)
    return target


def find_workspace(start: Path) -> tuple[Path, WorkspaceMarker]:
    """The workspace containing ``start``: the nearest folder upwards with a marker file."""
    start = start.resolve()
    for folder in (start, *start.parents):
        marker = folder / MARKER
        if marker.is_file():
            return folder, load_toml_model(marker, WorkspaceMarker)
    raise UsageError(
        f"{start} is not in a kata workspace (no {MARKER} here or above); "
        f"run `kata new KATA` to start one, or pass the workspace folder"
    )
