"""Tamper evidence for the in-process mode.

A submission imported into the specs' process can reach everything in it. This module cannot
prevent that (only the black-box mode can); it makes the common tricks visible. It records, before
any submission code runs, the identity of the pytest and grader internals that decide outcomes and
of every collected spec function, then, at the end of the run, names anything that changed, any
plugin or hook that came from the submission's files, and any key module that was swapped out.
"""

import importlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

# Callables whose replacement would change what a spec's outcome looks like. pytest's private
# layout moves between versions; a name this version lacks is simply not watched.
WATCHED = (
    "_pytest.python:Function.runtest",
    "_pytest.python:pytest_pyfunc_call",
    "_pytest.runner:pytest_runtest_protocol",
    "_pytest.runner:runtestprotocol",
    "_pytest.runner:call_and_report",
    "_pytest.runner:call_runtest_hook",
    "_pytest.runner:pytest_runtest_makereport",
    "_pytest.runner:CallInfo.from_call",
    "_pytest.reports:TestReport.from_item_and_call",
    "_pytest.reports:BaseReport.passed",
    "_pytest.skipping:pytest_runtest_makereport",
    "_pytest.main:pytest_runtestloop",
    "_pytest.outcomes:fail",
    "_pytest.assertion.rewrite:AssertionRewritingHook.exec_module",
    "pluggy:HookCaller.__call__",
    "pluggy:PluginManager._hookexec",
    "json:dumps",
    "json:loads",
    # What specs read responses with: an always-equal body would make any assertion pass.
    "httpx2:Response.json",
    "httpx:Response.json",
    "grader.plugin:ResultsRecorder.write",
    "grader.plugin:ResultsRecorder.pytest_runtest_logreport",
    "grader.plugin:ResultsRecorder.pytest_runtest_makereport",
    "grader.plugin:ResultsRecorder.pytest_runtest_logfinish",
    "grader.plugin:ResultsRecorder.pytest_sessionfinish",
    "grader.records:dump",
    "grader.integrity:IntegrityGuard.findings",
)
WATCHED_MODULES = ("pytest", "_pytest", "pluggy", "json", "grader", "grader.plugin")
# Every function and method of these is watched: the grader's own side of the run, and the
# response and header classes that specs compare (an always-equal status or header passes).
WHOLLY_WATCHED = (
    "grader.plugin",
    "grader.records",
    "grader.integrity",
    "grader.inprocess",
    "grader.client",
    "grader.harness",
    "grader.codecache",
    "httpx2:Response",
    "httpx2:Headers",
    "httpx:Response",
    "httpx:Headers",
)


def _callables_of(target: str) -> list[str]:
    """The watch targets for every function and method a module or class defines itself."""
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return []
    owners = [(class_name, getattr(module, class_name, None))] if class_name else []
    if not class_name:
        for name, value in vars(module).items():
            if getattr(value, "__module__", None) != module_name:
                continue
            if isinstance(value, type):
                owners.append((name, value))
            elif callable(value):
                owners.append(("", value))
    targets = []
    for owner_name, owner in owners:
        if not isinstance(owner, type):
            targets.append(f"{module_name}:{owner.__name__}")
            continue
        for name, member in vars(owner).items():
            function = getattr(member, "fget", None) or getattr(member, "__func__", member)
            if hasattr(function, "__code__"):
                targets.append(f"{module_name}:{owner_name}.{name}")
    return targets


def _resolve(target: str) -> Any:
    module_name, _, attribute_path = target.partition(":")
    value: Any = importlib.import_module(module_name)
    for part in attribute_path.split("."):
        value = vars(value)[part] if isinstance(value, type) else getattr(value, part)
    return value


def _fingerprint(value: Any) -> tuple[int, int | None]:
    """Identity of a callable and of its code, so replacing either one shows."""
    function = getattr(value, "fget", None) or getattr(value, "__func__", value)
    return id(function), id(getattr(function, "__code__", None))


def _hook_impls(config: pytest.Config) -> list[tuple[str, Any]]:
    return [
        (name, impl)
        for name, caller in vars(config.pluginmanager.hook).items()
        for impl in getattr(caller, "get_hookimpls", list)()
    ]


class IntegrityGuard:
    """Snapshots taken while only trusted code has run, compared once everything has run."""

    def __init__(self, submission: Path, config: pytest.Config) -> None:
        self._prefix = str(submission.resolve())
        self._watched = {}
        every = [*WATCHED, *(name for owner in WHOLLY_WATCHED for name in _callables_of(owner))]
        for target in every:
            try:
                self._watched[target] = _fingerprint(_resolve(target))
            except (ImportError, KeyError, AttributeError):
                continue  # not in this pytest version: nothing there to replace
        # The function every hook call goes through; pluggy keeps it on the manager.
        self._hook_runner = _fingerprint(vars(config.pluginmanager).get("_inner_hookexec"))
        self._modules = {name: sys.modules[name] for name in WATCHED_MODULES if name in sys.modules}
        self._specs: dict[str, tuple[Any, tuple[int, int | None]]] = {}
        self._seen: set[str] = set()
        self._hooks: set[int] = set()

    def snapshot_specs(self, items: Iterable[pytest.Item], config: pytest.Config) -> None:
        """At the end of collection, before any submission code: the specs and every hook."""
        for item in items:
            function = getattr(item, "obj", None)
            self._specs[item.nodeid] = (item, _fingerprint(function))
        self._hooks = {id(impl.function) for _, impl in _hook_impls(config)}

    def _from_submission(self, filename: str | None) -> bool:
        return bool(filename) and str(filename).startswith(self._prefix)

    def _changed_internals(self) -> list[str]:
        found = []
        for target, fingerprint in self._watched.items():
            try:
                changed = _fingerprint(_resolve(target)) != fingerprint
            except (ImportError, KeyError, AttributeError):
                changed = True
            if changed:
                found.append(f"the grader's internals were modified at run time: {target}")
        return found

    def check_now(self) -> None:
        """Compare now too, not only at the end: a patch that puts things back before the end
        of the run is still seen while a spec runs."""
        self._seen.update(self._changed_internals())

    def findings(self, config: pytest.Config) -> list[str]:
        found = sorted(self._seen.union(self._changed_internals()))
        if _fingerprint(vars(config.pluginmanager).get("_inner_hookexec")) != self._hook_runner:
            found.append("pytest's hook runner was replaced at run time")
        for name, module in self._modules.items():
            if sys.modules.get(name) is not module:
                found.append(f"the module {name!r} was replaced at run time")
        for nodeid, (item, fingerprint) in self._specs.items():
            if _fingerprint(getattr(item, "obj", None)) != fingerprint or "runtest" in vars(item):
                found.append(f"the spec {nodeid} was rewritten at run time")
        for name, plugin in config.pluginmanager.list_name_plugin():
            if self._from_submission(getattr(plugin, "__file__", None)):
                found.append(f"a pytest plugin was loaded from the submission: {name}")
        for hook_name, impl in _hook_impls(config):
            code = getattr(impl.function, "__code__", None)
            if code is not None and self._from_submission(code.co_filename):
                found.append(
                    f"a pytest hook ({hook_name}) was registered from the submission: "
                    f"{code.co_filename.removeprefix(self._prefix + '/')}"
                )
            elif self._hooks and id(impl.function) not in self._hooks:
                # Whatever file it claims: nothing honest registers hooks once specs run.
                found.append(f"a pytest hook ({hook_name}) was registered while the specs ran")
        return found
