"""Runs beside the learner's app, in its process: looks for plaintext passwords it keeps.

A client cannot see how the server stores passwords, so ``plaintext_passwords_kept`` walks what
the project's modules hold at module level (globals, and everything reachable from them through
containers and object attributes, including the app and its ``app.state``) and reports where a
given plaintext password sits. It does not look inside functions (their code, defaults or
closures), so hashing seed passwords from literals inside a function is never reported.
"""

import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from types import (
    BuiltinFunctionType,
    FunctionType,
    MemberDescriptorType,
    MethodType,
    ModuleType,
)
from typing import Any

APP_MODULE = "app.main"  # the module of kata.toml's app = "app.main:app"
MAX_DEPTH = 12
MAX_OBJECTS = 200_000
MAX_REPORTED = 5

SKIPPED_TYPES = (
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
    """The modules loaded from the project folder: the folder that holds the app's package."""
    module = sys.modules.get(APP_MODULE)
    file = getattr(module, "__file__", None)
    if module is None or file is None or not any(v is app for v in vars(module).values()):
        raise RuntimeError(f"could not find the module {APP_MODULE} that defines the app")
    root = Path(file).resolve().parents[APP_MODULE.count(".")]
    found = []
    for candidate in list(sys.modules.values()):
        location = getattr(candidate, "__file__", None)
        if not isinstance(location, str):
            continue
        path = Path(location).resolve()
        if path.is_relative_to(root) and "site-packages" not in path.parts:
            found.append(candidate)
    return found


def _children(value: Any, project_classes: set[int]) -> Iterator[tuple[str, Any]]:
    """What one object holds, each with a label for the path shown in a finding."""
    if isinstance(value, dict):
        for key, item in list(value.items()):
            yield f"[{key!r}]", key
            yield f"[{key!r}]", item
    elif isinstance(value, (list, tuple, set, frozenset, deque)):
        for index, item in enumerate(list(value)):
            yield f"[{index}]", item
    elif isinstance(value, type):
        if id(value) in project_classes:  # class attributes of the learner's own classes
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
                # A slot's stored value only: properties and other descriptors run code.
                if isinstance(member, MemberDescriptorType):
                    try:
                        yield f".{name}", member.__get__(value, cls)
                    except AttributeError:
                        continue


def plaintext_passwords_kept(app: Any, passwords: list[str]) -> list[str]:
    """Where (as module.path) any of these plaintext passwords is kept; [] if nowhere."""
    wanted = set(passwords)
    wanted_bytes = {password.encode() for password in passwords}
    modules = _project_modules(app)
    project_classes = {
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
    while queue and len(seen) < MAX_OBJECTS and len(findings) < MAX_REPORTED:
        path, value, depth = queue.popleft()
        if isinstance(value, str):
            if value in wanted:
                findings.append(path)
            continue
        if isinstance(value, (bytes, bytearray)):
            if bytes(value) in wanted_bytes:
                findings.append(path)
            continue
        if isinstance(value, SKIPPED_TYPES) or id(value) in seen or depth > MAX_DEPTH:
            continue
        seen.add(id(value))
        try:
            children = list(_children(value, project_classes))
        except Exception:
            children = []  # an exotic object that cannot be looked into holds no seed data
        queue.extend((path + label, child, depth + 1) for label, child in children)
    return findings
