"""The red-team suite's fixtures. The hostile submissions are data, never collected: their
conftest.py files and modules named like pytest must not reach the grader's own test session."""

from collections.abc import Iterator

import pytest

from .support import kill_leftovers, remove_markers

collect_ignore = ["submissions"]


@pytest.fixture(autouse=True)
def clean_host() -> Iterator[None]:
    """No marker from an earlier test can make this one look harmed, and nothing this test's
    submission started is left behind, whatever the test's outcome."""
    remove_markers()
    yield
    kill_leftovers()
    remove_markers()
