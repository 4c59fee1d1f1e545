"""Harness of the dependency-injection kata: reads the audit log and swaps the settings.

The app keeps an `AuditLog` at `app.state.audit_log`; the resources write to it as they open and
close. `audit_log` returns its entries once every connection and transaction opened so far has
ended, or after a short wait, because a server may send a response before the clean-up of its
yield dependencies has run.

`override_settings` finds the `get_settings` the routes depend on (FastAPI may keep included
routers as wrappers rather than flattened routes; both shapes are walked) and overrides it with
a copy of the app's own settings with some values changed.
"""

import inspect
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from grader.harness import HarnessError

SETTLE_SECONDS = 2.0


def _calls_under(dependant: Any) -> Iterator[Callable[..., Any]]:
    for sub in getattr(dependant, "dependencies", None) or []:
        if getattr(sub, "call", None) is not None:
            yield sub.call
        yield from _calls_under(sub)


def _dependency_calls(node: Any, seen: set[int]) -> Iterator[Callable[..., Any]]:
    """Every dependency callable below a router or route, whatever shape including took."""
    if id(node) in seen:
        return
    seen.add(id(node))
    dependant = getattr(node, "dependant", None)
    if dependant is not None:
        yield from _calls_under(dependant)
    for depends in getattr(node, "dependencies", None) or []:
        call = getattr(depends, "dependency", None)
        if callable(call):
            yield call
    for part in ("original_router", "include_context"):
        if getattr(node, part, None) is not None:
            yield from _dependency_calls(getattr(node, part), seen)
    for route in getattr(node, "routes", None) or []:
        yield from _dependency_calls(route, seen)


def _find_get_settings(app: Any) -> Callable[..., Any]:
    found = {
        id(call): call
        for call in _dependency_calls(app.router, set())
        if getattr(inspect.unwrap(call), "__name__", None) == "get_settings"
    }
    if not found:
        raise HarnessError(
            "no route depends on a function named get_settings: whatever needs a setting must "
            "ask for it with Depends(get_settings)"
        )
    if len(found) > 1:
        raise HarnessError("the routes depend on more than one function named get_settings")
    return next(iter(found.values()))


def override_settings(app: Any, values: dict[str, Any]) -> None:
    """Make Depends(get_settings) give the app's settings with `values` changed, from now on."""
    get_settings = _find_get_settings(app)
    current = get_settings()
    if not hasattr(current, "model_validate"):
        raise HarnessError(
            f"get_settings() returned {type(current).__name__}, not the pydantic Settings model"
        )
    replaced = type(current).model_validate({**current.model_dump(), **values})
    app.dependency_overrides[get_settings] = lambda: replaced


def _settled(entries: list[dict[str, str]]) -> bool:
    events = Counter(entry.get("event") for entry in entries)
    transactions_ended = events["tx.commit"] + events["tx.rollback"]
    return events["db.open"] == events["db.close"] and events["tx.begin"] == transactions_ended


def audit_log(app: Any) -> list[dict[str, str]]:
    """The audit log's entries, in order, once the requests so far have cleaned up."""
    log = getattr(app.state, "audit_log", None)
    if log is None:
        raise HarnessError(
            "the app keeps no audit log at app.state.audit_log: keep the lifespan of the "
            "starting project, which puts it there"
        )
    deadline = time.monotonic() + SETTLE_SECONDS
    while not _settled(list(log.entries)) and time.monotonic() < deadline:
        time.sleep(0.01)
    return [dict(entry) for entry in log.entries]
