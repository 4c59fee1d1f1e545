"""The ``harness`` fixture: spec-side calls into the kata's ``harness.py``.

A kata's harness is code its author writes to run next to the learner's app, in the app's own
process: ``harness.use_fresh_database()`` in a spec runs ``use_fresh_database(app)`` from
harness.py there. Arguments and results cross as JSON in every mode, and a failure inside the
harness comes back as ``HarnessError`` with its message, so a spec behaves the same whether the
call is direct (in-process) or goes over the black-box control channel.
"""

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from grader.codecache import CachedSourceLoader

HarnessCall = Callable[[str, list[Any], dict[str, Any]], Any]


class HarnessError(Exception):
    """A harness function failed or does not exist; the message says which and why."""


class Harness:
    """``harness.name(*args, **kwargs)`` calls ``name(app, *args, **kwargs)`` beside the app."""

    def __init__(self, call: HarnessCall) -> None:
        self._call = call

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._call(name, list(args), kwargs)

        call.__name__ = name
        return call


def load_harness_module(path: Path) -> ModuleType:
    """Load harness.py afresh (never from sys.modules), so its state starts new for each spec."""
    loader = CachedSourceLoader("kata_harness", str(path))
    spec = importlib.util.spec_from_file_location("kata_harness", path, loader=loader)
    if spec is None or spec.loader is None:
        raise HarnessError(f"cannot load the kata's harness from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_harness_function(
    module: ModuleType, app: Any, name: str, args: list[Any], kwargs: dict[str, Any]
) -> Any:
    """Run one harness function on the app's side; JSON in, JSON out, errors as HarnessError."""
    function = getattr(module, name, None)
    if name.startswith("_") or not callable(function):
        raise HarnessError(f"the kata's harness has no function {name!r}")
    try:
        args, kwargs = json.loads(json.dumps([args, kwargs]))
        result = function(app, *args, **kwargs)
        return json.loads(json.dumps(result))
    except HarnessError:
        raise
    except Exception as exc:
        raise HarnessError(f"harness.{name} failed: {type(exc).__name__}: {exc}") from exc
