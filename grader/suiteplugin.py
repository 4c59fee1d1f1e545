"""The pytest plugin for a learner's own tests, in a test-writing kata (``grading = "tests"``).

Loaded with ``-p grader.suiteplugin`` while the learner's ``tests/conftest.py`` is left out, it
gives their tests the one fixture grading needs: ``client``, bound to a fresh app of the version
being graded for every test. In-process the app is imported into this process and ``client`` is
a TestClient; black-box the launcher serves it in another sandbox and ``client`` speaks HTTP over
its Unix socket. Either way it is the specs' own ``SpecClient``, so the two modes behave alike.

Two rules make "the run exited 0" mean "the suite passes on this app": a fixture named ``client``
that is not this one is refused (it would test something other than the version being graded),
and a run in which no test passed exits non-zero. Nothing here is trusted by the grader, which
runs it beside the learner's code: a suite that breaks the rules can only change its own exit
status, and it cannot tell which version it is testing except by the app's behaviour.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from grader.blackbox import BlackBoxApps
from grader.channel import APP_ENDED, REQUEST_SECONDS, TOKEN_VARIABLE
from grader.client import SpecClient
from grader.inprocess import InProcessApps

_APPS_KEY = pytest.StashKey[Any]()
OWN_CLIENT = (
    "a `client` fixture of your own (in {where}) is refused: at grading, `client` comes from the "
    "grader, bound to the app being graded. Remove it; the one in tests/conftest.py is fine, "
    "since grading leaves that file out."
)
NOTHING_PASSED = "kata: no test passed, so the suite does not count as passing"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata-suite", "kata grader: the learner's tests")
    group.addoption("--kata-suite-app-dir", help="in-process: the project folder of the app")
    group.addoption("--kata-suite-app", default="app.main:app", help="module:attribute of it")
    group.addoption("--kata-suite-sockets", help="black-box: the folder of the launcher's sockets")


def pytest_configure(config: pytest.Config) -> None:
    option = config.option
    if option.kata_suite_sockets:
        sockets = Path(option.kata_suite_sockets)
        config.stash[_APPS_KEY] = BlackBoxApps(
            sockets,
            os.environ.get(TOKEN_VARIABLE, ""),
            REQUEST_SECONDS,  # a hung request fails its test, and the run goes on
            sockets / APP_ENDED,
        )
    elif option.kata_suite_app_dir:
        config.stash[_APPS_KEY] = InProcessApps(
            Path(option.kata_suite_app_dir), option.kata_suite_app, None
        )
    config.pluginmanager.register(PassCounter(), "kata-suite-passes")


def pytest_unconfigure(config: pytest.Config) -> None:
    apps = config.stash.get(_APPS_KEY, None)
    if apps is not None:
        apps.close()


class PassCounter:
    """Counts passed tests; a session that passed none ends with a non-zero exit status."""

    def __init__(self) -> None:
        self.passed = 0

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" and report.passed and not hasattr(report, "wasxfail"):
            self.passed += 1

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if exitstatus == pytest.ExitCode.OK and not self.passed:
            print(f"\n{NOTHING_PASSED}", flush=True)
            session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED


@pytest.fixture
def client(request: pytest.FixtureRequest) -> Iterator[SpecClient]:
    """An httpx-style client bound to a fresh app of the version being graded."""
    apps = request.config.stash.get(_APPS_KEY, None)
    if apps is None:
        raise pytest.UsageError("no app to test: give --kata-suite-app-dir or --kata-suite-sockets")
    app = apps.fresh()
    try:
        yield app.client()
    finally:
        app.close()


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(fixturedef: Any, request: pytest.FixtureRequest) -> None:
    """Refuse a ``client`` of the learner's own before it runs."""
    if fixturedef.argname == "client" and fixturedef.baseid:
        pytest.fail(OWN_CLIENT.format(where=fixturedef.baseid), pytrace=False)
