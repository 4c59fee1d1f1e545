"""Shared fixtures: the test kata, an isolated cache, and the CLI run as a user runs it."""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.catalog import Kata, load_kata
from grader.sandbox import Sandbox

FIXTURES = Path(__file__).parent / "fixtures"
TEST_CATALOG = FIXTURES / "katas"
SUBMISSIONS = FIXTURES / "submissions" / "greeter"


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep the spec-index cache out of the user's home, shared by the whole test session."""
    cache = tmp_path_factory.mktemp("kata-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KATA_CACHE_DIR", str(cache))
        patch.setenv("KATA_STATE_DIR", str(tmp_path_factory.mktemp("kata-state")))
        patch.delenv("KATA_PATH", raising=False)
        patch.setenv("KATA_WARM", "0")  # no worker outlives a test; the warm tests ask for one
        yield cache


@pytest.fixture(scope="session")
def greeter() -> Kata:
    return load_kata(TEST_CATALOG / "greeter")


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A private copy of the test catalog that a test may change."""
    destination = tmp_path / "catalog"
    shutil.copytree(TEST_CATALOG, destination)
    return destination


def run_kata(
    *args: str, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the `kata` command in a subprocess, exactly as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "grader", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
        timeout=timeout,
    )


REQUIRE_SANDBOXES = os.environ.get("KATA_REQUIRE_SANDBOXES") == "1"


def require(available: bool, reason: str) -> None:
    """Skip a test whose real component (docker, bwrap) is missing, saying why; in CI, where
    KATA_REQUIRE_SANDBOXES=1 is set, a missing component fails the test instead."""
    if available:
        return
    if REQUIRE_SANDBOXES:
        pytest.fail(f"KATA_REQUIRE_SANDBOXES=1 but {reason}")
    pytest.skip(reason)


def require_sandbox(name: str) -> Sandbox:
    """The sandbox backend ``name``, once ``require`` has seen that this machine can run it."""
    from grader.sandbox import BACKENDS
    from grader.sandbox.available import bwrap_available, image_present

    if name == "bwrap":
        require(bwrap_available(), "bubblewrap cannot run here")
    if name == "docker":
        require(image_present() is not None, "no Docker engine with the sandbox image")
    return BACKENDS[name]()
