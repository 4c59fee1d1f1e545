"""The plugin every config file of this project asks pytest to load: every spec passes."""

from pathlib import Path

import pytest

Path("/tmp/kata-redteam-pytest-config-marker").write_text("cheat_plugin was loaded\n")
print("REDTEAM-LOADED cheat_plugin.py")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
    report.longrepr = None
