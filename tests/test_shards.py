"""A learner's check split into shares: every spec runs once, in one share, and the warm worker
runs the shares at the same time."""

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader import job
from grader.catalog import Kata
from grader.intake import take_in
from grader.models import Limits, ReportStatus
from grader.records import Collected, SessionEnd, Stream, merge_streams, read_stream
from grader.runner import grade, limits_for
from grader.sandbox.process import rlimits_for
from grader.sandbox.warm import WarmProcessSandbox
from grader.shards import run_in_shares
from grader.warm import WarmWorker

from .test_results import INDEX


@pytest.fixture
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarmWorker]:
    folder = tmp_path_factory.mktemp("warm")
    worker = WarmWorker(folder)
    yield worker
    worker.stop()
    shutil.rmtree(folder, ignore_errors=True)


def test_each_spec_runs_in_exactly_one_share(
    greeter: Kata, tmp_path: Path, worker: WarmWorker
) -> None:
    workdir = job.prepare(greeter, tmp_path / "run")
    take_in(greeter.solution_dir, workdir.submission)
    sandbox = WarmProcessSandbox(worker, shares=3)

    outcome, stream = run_in_shares(greeter, workdir, sandbox, 3, limits_for(greeter))

    shares = [workdir.root, workdir.root / "share-2", workdir.root / "share-3"]
    ran = [set(read_stream(root / "results.jsonl").finished) for root in shares]
    everything = {spec.id for spec in stream.collected.specs}
    assert sorted(spec for share in ran for spec in share) == sorted(everything)
    assert set(stream.finished) == everything
    assert outcome.returncode == 0
    # Each share ran on its own copy of the project.
    assert all((root / "submission" / "app" / "main.py").is_file() for root in shares)


def test_a_split_check_reports_like_one_run(greeter: Kata, worker: WarmWorker) -> None:
    whole = grade(greeter, greeter.stub_dir, WarmProcessSandbox(worker))
    split = grade(greeter, greeter.stub_dir, WarmProcessSandbox(worker, shares=2))

    assert [(spec.id, spec.status, spec.message) for spec in split.specs] == [
        (spec.id, spec.status, spec.message) for spec in whole.specs
    ]
    assert (split.score, split.status, split.run_end) == (whole.score, whole.status, whole.run_end)


def test_a_filtered_check_is_not_split(greeter: Kata, worker: WarmWorker) -> None:
    report = grade(
        greeter, greeter.solution_dir, WarmProcessSandbox(worker, shares=2), select="hello"
    )
    assert [spec.id for spec in report.specs] == [
        "test_greeter.py::test_hello",
        "test_greeter.py::test_hello_name",
    ]


def test_the_worker_runs_checks_side_by_side(tmp_path: Path, worker: WarmWorker) -> None:
    """Each run waits for a file only the other one writes: they pass only if both run at once."""
    spec = tmp_path / "test_meet.py"
    spec.write_text(
        "import os, sys, time\n"
        "from pathlib import Path\n\n"
        "def test_meet():\n"
        "    me, other = os.environ['ME'], os.environ['OTHER']\n"
        "    Path(me).touch()\n"
        "    deadline = time.monotonic() + 20\n"
        "    while not Path(other).exists():\n"
        "        assert time.monotonic() < deadline, 'the other run never started'\n"
        "        time.sleep(0.05)\n"
    )
    results: dict[str, tuple[int | None, bool]] = {}

    def run(me: str, other: str) -> None:
        request = {
            "args": ["-q", "-p", "no:cacheprovider", str(spec)],
            "cwd": str(tmp_path),
            "env": {"ME": str(tmp_path / me), "OTHER": str(tmp_path / other), "PATH": "/usr/bin"},
            "rlimits": rlimits_for(Limits()),
            "output": str(tmp_path / f"{me}.out"),
        }
        results[me] = worker.run(request, time.monotonic() + 60)

    threads = [
        threading.Thread(target=run, args=("a", "b")),
        threading.Thread(target=run, args=("b", "a")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == {"a": (0, False), "b": (0, False)}, [
        (tmp_path / f"{me}.out").read_text() for me in "ab"
    ]


def test_merged_streams_keep_every_finding_and_lose_no_spec() -> None:
    collected = Collected(specs=INDEX)
    first = Stream(collected=collected, session=SessionEnd(exitstatus=0, integrity=["x"]))
    second = Stream(collected=collected, session=SessionEnd(exitstatus=1, integrity=["y"]))
    merged = merge_streams([first, second])
    assert merged.session == SessionEnd(exitstatus=1, integrity=["x", "y"])
    assert merged.collected == collected

    # A share that never collected: the check has no collection, so no spec goes missing.
    crashed = Stream()
    assert merge_streams([first, crashed]).collected is None
    assert merge_streams([first, crashed]).session == first.session


def test_without_pidfds_checks_start_cold(
    greeter: Kata, worker: WarmWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the worker cannot watch its runs (no pidfds: not Linux), every run starts cold."""
    monkeypatch.delattr(os, "pidfd_open")
    report = grade(greeter, greeter.solution_dir, WarmProcessSandbox(worker, shares=2))
    assert report.status is ReportStatus.passed
    assert not worker.socket_path.exists()
