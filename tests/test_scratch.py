"""Temporary folders: named after the grader that made them, swept once that grader is gone."""

import os
import subprocess
import sys
from pathlib import Path

from grader.scratch import scratch_folder, sweep_abandoned


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_scratch_folder_carries_its_makers_pid_and_is_removed_after() -> None:
    with scratch_folder("run") as folder:
        assert folder.is_dir()
        assert folder.name.startswith(f"kata-run-{os.getpid()}-")
    assert not folder.exists()


def test_the_sweep_removes_only_what_a_dead_grader_left(tmp_path: Path) -> None:
    dead, alive = _dead_pid(), os.getpid()
    abandoned = tmp_path / f"kata-run-{dead}-abc123"
    (abandoned / "submission").mkdir(parents=True)
    (abandoned / "submission" / "main.py").write_text("print('hi')\n")
    in_use = tmp_path / f"kata-run-{alive}-def456"
    in_use.mkdir()
    unrelated = [tmp_path / "kata-db-8x2k", tmp_path / "kata-run-zz_1", tmp_path / "other-1-2"]
    for folder in unrelated:
        folder.mkdir()
    link = tmp_path / f"kata-unpack-{dead}-link"
    link.symlink_to(in_use)

    assert sweep_abandoned(tmp_path) == [abandoned]
    assert not abandoned.exists()
    assert in_use.is_dir()
    assert all(folder.is_dir() for folder in unrelated)
    assert link.is_symlink()
