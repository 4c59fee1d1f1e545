"""A conftest.py inside the app package: registers a plugin that passes every call."""

from pathlib import Path

import pytest

Path("/tmp/kata-redteam-conftest-marker").write_text("app/conftest.py was loaded\n")
print("REDTEAM-LOADED app/conftest.py")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    item.runtest = lambda: None


def pytest_report_teststatus(report, config):
    return "passed", ".", "PASSED"
