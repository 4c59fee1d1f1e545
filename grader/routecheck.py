"""Compare the routes a kata expects with the learner's app, before any spec says why it failed.

A missing or misspelt route makes a dozen specs fail with 404s that all look alike; naming it once
is the better feedback. Each expected route is matched the way the app itself would match a
request (Starlette's own ``matches``), so routers, prefixes and mounts need no special handling.
Runs in the app's process, in either mode.
"""

import difflib
import re
from typing import Any

_PARAMETER = re.compile(r"{[^}]*}")


def _scope(kind: str, method: str, path: str) -> dict[str, Any]:
    concrete = _PARAMETER.sub("1", path)
    return {
        "type": kind,
        "method": method,
        "path": concrete,
        "raw_path": concrete.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [],
    }


def _match(app: Any, method: str, path: str) -> str:
    """ "full", "partial" (the path, not the method) or "none", as the app's router sees it."""
    from starlette.routing import Match

    kind = "websocket" if method == "WEBSOCKET" else "http"
    scope = _scope(kind, "GET" if kind == "websocket" else method, path)
    best = "none"
    for route in getattr(getattr(app, "router", app), "routes", []):
        try:
            match, _ = route.matches(scope)
        except Exception:  # noqa: S112 - a route that cannot say is no match
            continue
        if match == Match.FULL:
            return "full"
        if match == Match.PARTIAL:
            best = "partial"
    return best


def _known_routes(app: Any) -> list[str]:
    try:
        paths = app.openapi().get("paths", {})
    except Exception:
        return []
    return [f"{method.upper()} {path}" for path, item in paths.items() for method in item]


def check_routes(app: Any, expected: list[str]) -> list[str]:
    """One line per expected route the app lacks, with the closest route it has."""
    problems = []
    known = _known_routes(app)
    for route in expected:
        method, _, path = route.partition(" ")
        found = _match(app, method, path)
        if found == "full":
            continue
        if found == "partial":
            problems.append(f"{route}: the path exists but does not answer {method}")
            continue
        close = difflib.get_close_matches(route, known, n=1, cutoff=0.75)
        hint = f"; the app has {close[0]}: a typo?" if close else ""
        problems.append(f"{route}: no such route in the app{hint}")
    return problems
