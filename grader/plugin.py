"""The grader's pytest plugin, on the specs' side of every run.

Loaded with ``-p grader.plugin`` before any submission code is imported, it gives specs their
fixtures (``client``, ``harness``, a fresh app per spec), declares the spec markers (``points``,
``hint``, ``baseline``) and streams each spec's outcome to a results file the moment the spec ends.
Nothing downstream reads pytest's printed output or exit code; the stream is the record.
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol, TextIO

import pytest

from grader.blackbox import BlackBoxApps
from grader.channel import REQUEST_SECONDS, TOKEN_VARIABLE
from grader.client import EXCHANGE_HEADING, AppTimeout, AppUnreachable, SpecClient
from grader.harness import Harness, HarnessError
from grader.inprocess import InProcessApps, SubmissionLoadError
from grader.integrity import IntegrityGuard
from grader.models import SpecInfo, Visibility
from grader.records import (
    LOAD_FAILURE,
    Collected,
    Finished,
    RouteCheck,
    SessionEnd,
    Started,
    dump,
)

MARKERS = (
    "points(n): how many points the spec is worth (1 by default)",
    "hint(*texts): what to look at when the spec fails, from a nudge to nearly the answer",
    "baseline: the spec already passes on the stub (a regression guard)",
    "visibility(level): 'hidden' keeps the spec's details out of what candidates see",
)
MAX_MESSAGE_CHARS = 2000
MAX_OUTPUT_CHARS = 4000


class AppUnderTest(Protocol):
    """One spec's fresh app, in either mode."""

    def client(self) -> SpecClient: ...

    def check_routes(self, expected: list[str]) -> list[str]: ...

    def call_harness(self, name: str, args: list[Any], kwargs: dict[str, Any]) -> Any: ...

    def close(self) -> None: ...


class AppSource(Protocol):
    def fresh(self) -> AppUnderTest: ...

    def close(self) -> None: ...


_APPS_KEY = pytest.StashKey[AppSource]()
_RECORDER_KEY = pytest.StashKey["ResultsRecorder"]()
_EXCHANGES_KEY = pytest.StashKey[list[str]]()
# Exceptions whose own words are the whole message a learner needs.
SPOKEN_EXCEPTIONS = (HarnessError, AppTimeout, AppUnreachable, pytest.skip.Exception)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata", "kata grader")
    group.addoption("--kata-results", help="write the results stream (JSON lines) to this file")
    group.addoption("--kata-submission", help="the learner's project folder")
    group.addoption("--kata-app", default="app.main:app", help="module:attribute of the app")
    group.addoption("--kata-harness", help="the kata's harness.py, if it has one")
    group.addoption(
        "--kata-mode",
        choices=["inprocess", "blackbox"],
        default="inprocess",
        help="import the app here, or reach it through the launcher's sockets",
    )
    group.addoption("--kata-sockets", help="black-box: the folder of the launcher's sockets")
    group.addoption("--kata-routes", default="[]", help="JSON list of routes the app must have")
    group.addoption(
        "--kata-ended", help="black-box: the file that appears when the app's side ended"
    )
    group.addoption(
        "--kata-claims",
        metavar="DIR",
        help="a share of a split check: run the specs no other share has claimed in DIR",
    )
    group.addoption(
        "--kata-request-timeout",
        type=float,
        default=REQUEST_SECONDS,
        help="black-box: seconds a request may take before the spec is a timeout",
    )


def pytest_configure(config: pytest.Config) -> None:
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    option = config.option
    harness = Path(option.kata_harness) if option.kata_harness else None
    guard = None
    if option.kata_mode == "blackbox":
        config.stash[_APPS_KEY] = BlackBoxApps(
            Path(option.kata_sockets),
            os.environ.get(TOKEN_VARIABLE, ""),
            option.kata_request_timeout,
            Path(option.kata_ended) if option.kata_ended else None,
        )
    elif option.kata_submission:
        submission = Path(option.kata_submission)
        config.stash[_APPS_KEY] = InProcessApps(submission, option.kata_app, harness)
        guard = IntegrityGuard(submission, config)
    if option.kata_results:
        recorder = ResultsRecorder(Path(option.kata_results), guard)
        config.pluginmanager.register(recorder, "kata-results")
        config.stash[_RECORDER_KEY] = recorder


def _claim(folder: Path, index: int) -> bool:
    """Take spec number ``index`` for this share; False if another share took it first."""
    try:
        os.close(os.open(folder / str(index), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    return True


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> bool | None:
    """A share of a split check (grader.shards) takes each spec just before running it, so a
    share that is slowed down, or hangs in one spec, leaves the rest to the others. Each spec
    is set up and torn down on its own, since which one comes next is not known in advance."""
    folder = session.config.option.kata_claims
    if not folder or session.config.option.collectonly or session.testsfailed:
        return None  # pytest's own loop, which also stops on collection errors
    for index, item in enumerate(session.items):
        if not _claim(Path(folder), index):
            continue
        item.config.hook.pytest_runtest_protocol(item=item, nextitem=None)
        if session.shouldfail:
            raise session.Failed(session.shouldfail)
        if session.shouldstop:
            raise session.Interrupted(session.shouldstop)
    return True


def pytest_unconfigure(config: pytest.Config) -> None:
    apps = config.stash.get(_APPS_KEY, None)
    if apps is not None:
        apps.close()


def trim(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n[... {len(text) - limit} more characters]"


def _clean_assertion(message: str) -> str:
    """Keep what a learner can act on.

    The class name and pytest's advice to use -v mean nothing outside a pytest terminal, and when
    the spec wrote its own assertion message, pytest's introspection after it is only noise.
    """
    lines = message.removeprefix("AssertionError: ").splitlines()
    if lines and not lines[0].startswith("assert "):
        introspection = next(
            (i for i, line in enumerate(lines) if line.startswith("assert ")), None
        )
        lines = lines[:introspection]
    return "\n".join(line for line in lines if "Use -v to get" not in line)


def humanize(name: str) -> str:
    words = name.removeprefix("test_").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _visibility(item: pytest.Item) -> Visibility:
    marker = item.get_closest_marker("visibility")
    if marker is None:
        return Visibility.visible
    try:
        return Visibility(marker.args[0] if marker.args else "")
    except ValueError:
        choices = ", ".join(repr(level.value) for level in Visibility)
        raise pytest.UsageError(f"{item.nodeid}: visibility() takes one of {choices}") from None


def spec_info(item: pytest.Item) -> SpecInfo:
    """A spec's metadata from its markers and docstring: title, points, hints, baseline."""
    doc = (getattr(item, "function", None) or item.obj).__doc__ or ""
    title = doc.strip().splitlines()[0].strip() if doc.strip() else humanize(item.originalname)
    if isinstance(item, pytest.Function) and item.name != item.originalname:
        title += " " + item.name[len(item.originalname) :]  # the parameters, e.g. [expired]
    points_marker = item.get_closest_marker("points")
    points = points_marker.args[0] if points_marker and points_marker.args else 1
    if isinstance(points, bool) or not isinstance(points, int) or points < 0:
        raise pytest.UsageError(f"{item.nodeid}: points() takes a whole number >= 0")
    hint_marker = item.get_closest_marker("hint")
    hints = [str(text) for text in hint_marker.args] if hint_marker else []
    return SpecInfo(
        id=item.nodeid,
        title=title,
        points=points,
        hints=hints,
        baseline=item.get_closest_marker("baseline") is not None,
        visibility=_visibility(item),
    )


class _SpecOutcome:
    """Setup, call and teardown of one spec folded into one outcome."""

    def __init__(self) -> None:
        self.outcome = "passed"
        self.duration = 0.0
        self.message = ""
        self.sections: list[str] = []

    def add(self, report: pytest.TestReport, message: str, verdict: str | None) -> None:
        """Fold in one phase; ``verdict`` overrides how a failure counts (timeout, error)."""
        self.duration += report.duration
        self.sections.extend(content for _, content in report.sections if content.strip())
        if self.outcome != "passed":
            return
        if report.skipped or hasattr(report, "wasxfail"):
            # Only an explicit pass counts: skips, xfails and xpasses of a spec are not passes.
            self.outcome = "skipped"
            self.message = message or "the spec was skipped"
        elif report.failed:
            self.outcome = verdict or ("failed" if report.when == "call" else "error")
            self.message = message


class ResultsRecorder:
    """Writes the results stream: one flushed JSON line per event, nothing buffered."""

    def __init__(self, path: Path, guard: IntegrityGuard | None) -> None:
        self._file: TextIO = path.open("a", encoding="utf-8")
        self._guard = guard
        self._outcomes: dict[str, _SpecOutcome] = {}
        self._messages: dict[tuple[str, str], tuple[str, str | None]] = {}
        self.routes_checked = False

    def write(self, record: Any) -> None:
        self._file.write(dump(record))
        self._file.flush()

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.write(Collected(specs=[spec_info(item) for item in session.items]))
        if self._guard is not None:
            self._guard.snapshot_specs(session.items, session.config)

    def pytest_runtest_logstart(self, nodeid: str) -> None:
        self._outcomes[nodeid] = _SpecOutcome()
        self.write(Started(id=nodeid))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Iterator[None]:
        report = yield
        if call.excinfo is not None:
            # The exception alone, never the traceback: that would show the spec's source.
            message = _clean_assertion(call.excinfo.exconly(tryshort=True))
            if call.excinfo.errisinstance(SubmissionLoadError):
                message = f"{LOAD_FAILURE}{call.excinfo.value}"
            elif call.excinfo.errisinstance(SPOKEN_EXCEPTIONS):
                message = str(call.excinfo.value)
            if call.excinfo.errisinstance(AppTimeout):
                verdict = "timeout"
            elif call.excinfo.errisinstance(AppUnreachable):
                verdict = "error"
            else:
                verdict = None
            exchanges = item.stash.get(_EXCHANGES_KEY, [])
            if call.when == "call" and verdict is None and exchanges:
                message += f"\n\n{EXCHANGE_HEADING}\n" + exchanges[-1]
            self._messages[(item.nodeid, call.when)] = (message, verdict)
        return report

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        if self._guard is not None:
            self._guard.check_now()  # the app is imported by now: its patches are in place
        return (yield)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        outcome = self._outcomes.setdefault(report.nodeid, _SpecOutcome())
        message, verdict = self._messages.pop((report.nodeid, report.when), ("", None))
        outcome.add(report, message, verdict)

    def pytest_runtest_logfinish(self, nodeid: str) -> None:
        outcome = self._outcomes.pop(nodeid, _SpecOutcome())
        self.write(
            Finished(
                id=nodeid,
                outcome=outcome.outcome,
                duration=round(outcome.duration, 4),
                message=trim(outcome.message, MAX_MESSAGE_CHARS),
                output=trim("\n".join(outcome.sections), MAX_OUTPUT_CHARS),
            )
        )

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        integrity = self._guard.findings(session.config) if self._guard else []
        self.write(SessionEnd(exitstatus=int(exitstatus), integrity=integrity))

    def pytest_unconfigure(self) -> None:
        self._file.close()


# --- fixtures: the only way specs reach the learner's app -------------------------------------


@pytest.fixture
def _kata_app(request: pytest.FixtureRequest) -> Iterator[AppUnderTest]:
    """A fresh app for this spec, its lifespan running; module state never leaks between specs."""
    apps = request.config.stash.get(_APPS_KEY, None)
    if apps is None:
        raise pytest.UsageError("no submission to test: run the specs with --kata-submission")
    app = apps.fresh()
    try:
        _check_routes_once(request.config, app)
        yield app
    finally:
        app.close()


def _check_routes_once(config: pytest.Config, app: AppUnderTest) -> None:
    """Before the first spec that reaches an app: are the routes the kata expects there?"""
    recorder = config.stash.get(_RECORDER_KEY, None)
    expected = json.loads(config.option.kata_routes)
    if recorder is None or recorder.routes_checked or not expected:
        return
    recorder.routes_checked = True
    recorder.write(RouteCheck(problems=app.check_routes(expected)))


@pytest.fixture
def client(request: pytest.FixtureRequest, _kata_app: AppUnderTest) -> SpecClient:
    """A client bound to this spec's app (see grader.client.SpecClient)."""
    spec_client = _kata_app.client()
    request.node.stash[_EXCHANGES_KEY] = spec_client.exchanges
    return spec_client


@pytest.fixture
def harness(_kata_app: AppUnderTest) -> Harness:
    """Calls into the kata's harness.py beside this spec's app."""
    return Harness(_kata_app.call_harness)
