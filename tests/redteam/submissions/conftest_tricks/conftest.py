"""A conftest.py at the top of the project: forces every spec to pass and drops the rest."""

from pathlib import Path

import pytest

Path("/tmp/kata-redteam-conftest-marker").write_text("the submission's conftest.py was loaded\n")
print("REDTEAM-LOADED conftest.py")

pytest_plugins = ["app.conftest"]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
    report.longrepr = None


def pytest_collection_modifyitems(session, config, items):
    items[:] = [item for item in items if "baseline" in item.nodeid]


def pytest_pyfunc_call(pyfuncitem):
    return True
