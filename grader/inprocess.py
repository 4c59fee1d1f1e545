"""In-process mode: the learner's app imported into the specs' own pytest process.

Fast, and fine for a learner's own code; a submission in the same process can always tamper with
the specs, which is why screening uses the black-box mode instead. Each spec gets a fresh app: the
submission's modules are dropped from ``sys.modules`` and imported again, so module-level state
never leaks from one spec into the next.
"""

import importlib
import os
import sys
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

from grader.client import ClientAddressMiddleware, SpecClient
from grader.codecache import cache_imports_under
from grader.harness import HarnessError, load_harness_module, run_harness_function
from grader.routecheck import check_routes


class SubmissionLoadError(Exception):
    """The learner's app could not be imported or found; one message with file and line."""


def _where(filename: str, lineno: int | None, root: Path) -> str:
    try:
        shown = Path(filename).resolve().relative_to(root).as_posix()
    except ValueError:
        shown = filename
    return f"{shown}, line {lineno}" if lineno else shown


def describe_import_failure(exc: BaseException, root: Path) -> str:
    """Name the error and the place in the learner's files where it happened."""
    if isinstance(exc, SyntaxError) and exc.filename:
        line = f"\n    {exc.text.strip()}" if exc.text and exc.text.strip() else ""
        return f"{type(exc).__name__} in {_where(exc.filename, exc.lineno, root)}: {exc.msg}{line}"
    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if Path(frame.filename).resolve().is_relative_to(root)
    ]
    place = f" in {_where(frames[-1].filename, frames[-1].lineno, root)}" if frames else ""
    return f"{type(exc).__name__}{place}: {exc}"


class SubmissionApps:
    """Imports the learner's app afresh for every spec, from the end of ``sys.path``."""

    def __init__(self, submission: Path, app_ref: str) -> None:
        self.root = submission.resolve()
        self._prefix = str(self.root) + os.sep
        self.module_name, _, self.attribute = app_ref.partition(":")
        # Nothing imported before the submission can be one of its modules: only the rest need
        # looking at when a spec's modules are dropped.
        self._imported_before = set(sys.modules)
        cache_imports_under(self.root)

    def _is_submission_module(self, module: ModuleType) -> bool:
        location = getattr(module, "__file__", None)
        if location is None:  # a namespace package: only its search path says where it is
            location = next(iter(getattr(module, "__path__", [])), None)
        return isinstance(location, str) and location.startswith(self._prefix)

    def _forget_submission_modules(self) -> None:
        for name in [name for name in sys.modules if name not in self._imported_before]:
            module = sys.modules.get(name)
            if module is not None and self._is_submission_module(module):
                del sys.modules[name]

    def load(self) -> Any:
        self._forget_submission_modules()
        importlib.invalidate_caches()
        if str(self.root) not in sys.path:
            sys.path.append(str(self.root))  # last, so the submission shadows nothing
        expected_file = self.module_name.replace(".", "/") + ".py"
        try:
            module = importlib.import_module(self.module_name)
        except ModuleNotFoundError as exc:
            if exc.name and self.module_name.startswith(exc.name):
                raise SubmissionLoadError(
                    f"no module {self.module_name} in the project: expected {expected_file}"
                ) from None
            raise SubmissionLoadError(describe_import_failure(exc, self.root)) from None
        except BaseException as exc:  # SystemExit and friends at import time are errors too
            raise SubmissionLoadError(describe_import_failure(exc, self.root)) from None
        if not self._is_submission_module(module):
            raise SubmissionLoadError(
                f"{self.module_name} is not the project's own module (found {module.__file__}); "
                f"rename the project's module"
            )
        try:
            return getattr(module, self.attribute)
        except AttributeError:
            raise SubmissionLoadError(
                f"{expected_file} defines no {self.attribute!r}: the specs look for the FastAPI "
                f"app at {self.module_name}:{self.attribute}"
            ) from None


class InProcessApp:
    """One spec's fresh app, imported into this process, its lifespan running."""

    def __init__(self, app: Any, harness: Path | None, root: Path) -> None:
        from fastapi.testclient import TestClient

        self._app = app
        self._harness = load_harness_module(harness) if harness is not None else None
        self._transport = TestClient(
            ClientAddressMiddleware(app), raise_server_exceptions=False, follow_redirects=True
        )
        try:
            self._transport.__enter__()  # starts the lifespan, as a server would before serving
        except Exception as exc:
            raise SubmissionLoadError(
                f"the app's startup failed: {describe_import_failure(exc, root)}"
            ) from None

    def client(self) -> SpecClient:
        return SpecClient(self._transport)

    def check_routes(self, expected: list[str]) -> list[str]:
        return check_routes(self._app, expected)

    def call_harness(self, name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        if self._harness is None:
            raise HarnessError("this kata has no harness.py, so its specs cannot use `harness`")
        return run_harness_function(self._harness, self._app, name, args, kwargs)

    def close(self) -> None:
        self._transport.__exit__(None, None, None)


class InProcessApps:
    """Fresh apps imported into the specs' own process."""

    def __init__(self, submission: Path, app_ref: str, harness: Path | None) -> None:
        self._loader = SubmissionApps(submission, app_ref)
        self._harness = harness

    def fresh(self) -> InProcessApp:
        return InProcessApp(self._loader.load(), self._harness, self._loader.root)

    def close(self) -> None:
        """Nothing outlives a spec in-process."""
