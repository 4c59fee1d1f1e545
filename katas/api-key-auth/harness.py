"""Runs beside the learner's app, in its process: looks for plaintext API keys it keeps.

A client cannot see how the server stores keys, so ``plaintext_keys_kept`` walks what the
project's modules hold at module level: their globals and everything reachable from them through
containers and object attributes, including the app and its ``app.state``. A string that holds a
key anywhere inside it counts. Code is not looked into (function bodies, defaults, closures), and
neither are modules from outside the project, such as ``os.environ``.
"""

import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MemberDescriptorType, MethodType, ModuleType
from typing import Any

from grader.harness import HarnessError

APP_MODULE = "app.main"  # the module of kata.toml's app = "app.main:app"
MAX_DEPTH = 12
MAX_OBJECTS = 200_000
MAX_FINDINGS = 5
LEAVES = (
    ModuleType,
    FunctionType,
    BuiltinFunctionType,
    MethodType,
    staticmethod,
    classmethod,
    property,
    int,
    float,
    complex,
    bool,
    type(None),
)


def _project_modules(app: Any) -> list[ModuleType]:
    """Every loaded module whose file lies in the project: the folder above the app's package."""
    main = sys.modules.get(APP_MODULE)
    location = getattr(main, "__file__", None)
    if main is None or location is None or not any(v is app for v in vars(main).values()):
        raise HarnessError(f"could not find the module {APP_MODULE} that defines the app")
    root = Path(location).resolve().parents[APP_MODULE.count(".")]
    modules = []
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if isinstance(file, str):
            path = Path(file).resolve()
            if path.is_relative_to(root) and "site-packages" not in path.parts:
                modules.append(module)
    return modules


def _members(value: Any, own_classes: set[int]) -> Iterator[tuple[str, Any]]:
    """What one object holds, each with a label for the path reported in a finding."""
    if isinstance(value, dict):
        for key, item in list(value.items()):
            yield f"[{key!r}]", key
            yield f"[{key!r}]", item
    elif isinstance(value, (list, tuple, set, frozenset, deque)):
        for index, item in enumerate(list(value)):
            yield f"[{index}]", item
    elif isinstance(value, type):
        if id(value) in own_classes:  # class attributes of the project's own classes
            for name, item in list(vars(value).items()):
                if not name.startswith("__"):
                    yield f".{name}", item
    else:
        attributes = getattr(value, "__dict__", None)
        if isinstance(attributes, dict):
            for name, item in list(attributes.items()):
                yield f".{name}", item
        for cls in type(value).__mro__:
            for name, member in list(vars(cls).items()):
                # Slot values only: properties and other descriptors would run the app's code.
                if isinstance(member, MemberDescriptorType):
                    try:
                        yield f".{name}", member.__get__(value, cls)
                    except AttributeError:
                        continue


def plaintext_keys_kept(app: Any, keys: list[str]) -> list[str]:
    """Where (as module.path) any of these plaintext keys is kept; [] if nowhere."""
    wanted = [key for key in keys if key]
    wanted_bytes = [key.encode() for key in wanted]
    modules = _project_modules(app)
    own_classes = {
        id(value)
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type) and value.__module__ == module.__name__
    }
    queue: deque[tuple[str, Any, int]] = deque(
        (f"{module.__name__}.{name}", value, 1)
        for module in modules
        for name, value in list(vars(module).items())
        if not name.startswith("__")
    )
    seen: set[int] = set()
    findings: list[str] = []
    while queue and len(seen) < MAX_OBJECTS and len(findings) < MAX_FINDINGS:
        path, value, depth = queue.popleft()
        if isinstance(value, str):
            if any(key in value for key in wanted):
                findings.append(path)
            continue
        if isinstance(value, (bytes, bytearray, memoryview)):
            if any(key in bytes(value) for key in wanted_bytes):
                findings.append(path)
            continue
        if isinstance(value, LEAVES) or id(value) in seen or depth > MAX_DEPTH:
            continue
        seen.add(id(value))
        try:
            members = list(_members(value, own_classes))
        except Exception:
            members = []  # an exotic object that cannot be looked into
        queue.extend((path + label, member, depth + 1) for label, member in members)
    return findings
