"""Harness of the settings-lifespan kata: looks at the pool, breaks it, and runs a whole life.

The app keeps its `ConnectionPool` at `app.state.pool`. `pool_status` and `break_pool` look at
and spoil the pool of the app the spec is talking to, which is running. A running app cannot
show what its shutdown does, so `lifespan_cycle` builds a second app with the learner's
`create_app`, starts it, talks to it, stops it, and reports what happened to its pool: it keeps
the pool object itself across the shutdown, which is the record that outlives the app.
"""

import inspect
import sys
import typing
from typing import Any

from fastapi.testclient import TestClient
from pydantic_settings import BaseSettings

from grader.harness import HarnessError


def _pool(app: Any) -> Any:
    return getattr(app.state, "pool", None)


def _pool_is_open(pool: Any) -> bool:
    return pool is not None and bool(getattr(pool, "is_open", False))


def _running_pool(app: Any) -> Any:
    pool = _pool(app)
    if pool is None:
        raise HarnessError(
            "the running app has no pool at app.state.pool: the lifespan must open a "
            "ConnectionPool and keep it there"
        )
    return pool


def pool_status(app: Any) -> dict[str, Any]:
    """The running app's pool: open or not, its url and its size."""
    pool = _running_pool(app)
    return {"open": _pool_is_open(pool), "url": pool.url, "size": pool.size}


def break_pool(app: Any) -> None:
    """Play a database that stopped answering: the pool's ping() now returns False."""
    _running_pool(app).broken = True


def _factory(app: Any) -> Any:
    """The learner's create_app: in the module that defines this very app."""
    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", {})
        if namespace.get("app") is app and callable(namespace.get("create_app")):
            return namespace["create_app"]
    raise HarnessError(
        "found no create_app() beside the app: the module that defines `app` must also define "
        "the factory, with app = create_app()"
    )


def _settings_class(factory: Any) -> type[BaseSettings]:
    """The class create_app's `settings` parameter takes."""
    parameter = inspect.signature(factory).parameters.get("settings")
    if parameter is None:
        raise HarnessError("create_app() has no `settings` parameter: create_app(settings=None)")
    hints = typing.get_type_hints(factory)
    for candidate in (hints.get("settings"), *typing.get_args(hints.get("settings"))):
        if isinstance(candidate, type) and issubclass(candidate, BaseSettings):
            return candidate
    raise HarnessError(
        "create_app's `settings` parameter should be annotated with your Settings class (a "
        "pydantic-settings BaseSettings), e.g. settings: Settings | None = None"
    )


def lifespan_cycle(app: Any, settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """Start and stop a second app from create_app; report its /info and its pool's states.

    With `settings`, the app is built on Settings(**settings); without, create_app() reads the
    environment as the module-level app did.
    """
    factory = _factory(app)
    fresh = factory() if settings is None else factory(_settings_class(factory)(**settings))
    report: dict[str, Any] = {"open_before_startup": _pool_is_open(_pool(fresh))}
    with TestClient(fresh, raise_server_exceptions=False) as client:
        pool = _pool(fresh)
        report["open_while_running"] = _pool_is_open(pool)
        report["pool"] = None if pool is None else {"url": pool.url, "size": pool.size}
        response = client.get("/info")
        report["info"] = {"status": response.status_code, "text": response.text}
    report["closed_after_shutdown"] = pool is not None and getattr(pool, "state", None) == "closed"
    return report
