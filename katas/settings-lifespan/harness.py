"""Harness of the settings-lifespan kata: looks at the pool, breaks it, and runs a whole life.

The app keeps its `ConnectionPool` at `app.state.pool`. `pool_status` and `break_pool` look at
and spoil the pool of the app the spec is talking to, which is running. A running app cannot
show what its shutdown does, so `lifespan_cycle` builds a second app with the learner's
`create_app`, starts it, talks to it, stops it, and reports what happened to its pool: it keeps
the pool object itself across the shutdown, which is the record that outlives the app.
"""

import inspect
import os
import sys
import typing
from typing import Any

from fastapi.testclient import TestClient
from pydantic_settings import BaseSettings

from grader.harness import HarnessError

ENV_PREFIX = "APP_"
SHOWN_CHARACTERS = 300  # of an error's message, in a report


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


def hide_pool(app: Any) -> None:
    """Take the running app's pool away from app.state, as if its lifespan had opened none."""
    app.state.kata_hidden_pool = _running_pool(app)
    del app.state.pool


def restore_pool(app: Any) -> None:
    """Put back the pool that hide_pool took away, so that the app shuts down as it started."""
    pool = getattr(app.state, "kata_hidden_pool", None)
    if pool is not None:
        app.state.pool = pool
        del app.state.kata_hidden_pool


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
    """Start and stop a second app from create_app; report its /info, /items and its pool.

    With `settings`, the app is built on Settings(**settings); without, create_app() reads the
    environment as the module-level app did.
    """
    factory = _factory(app)
    fresh = factory() if settings is None else factory(_settings_class(factory)(**settings))
    return _cycle(fresh)


def lifespan_cycle_in_environment(app: Any, environment: dict[str, str]) -> dict[str, Any]:
    """Like lifespan_cycle() with create_app(), while the APP_* variables are `environment` only.

    Every APP_* variable is set aside while create_app() builds the app and the app starts and
    stops, and put back afterwards. When building or starting the app raises (a value that
    does not fit the settings), the report is {"error": "<type>: <message>"} instead.
    """
    factory = _factory(app)
    saved = {key: value for key, value in os.environ.items() if key.startswith(ENV_PREFIX)}
    try:
        for key in saved:
            del os.environ[key]
        os.environ.update(environment)
        try:
            return _cycle(factory())
        except Exception as error:  # any failure to build or start the app is what is reported
            return {"error": f"{type(error).__name__}: {str(error)[:SHOWN_CHARACTERS]}"}
    finally:
        for key in [key for key in os.environ if key.startswith(ENV_PREFIX)]:
            del os.environ[key]
        os.environ.update(saved)


def _cycle(fresh: Any) -> dict[str, Any]:
    """Start `fresh`, ask it for /info and /items, stop it; what its pool was at each step."""
    report: dict[str, Any] = {"open_before_startup": _pool_is_open(_pool(fresh))}
    with TestClient(fresh, raise_server_exceptions=False) as client:
        pool = _pool(fresh)
        report["open_while_running"] = _pool_is_open(pool)
        report["pool"] = None if pool is None else {"url": pool.url, "size": pool.size}
        response = client.get("/info")
        report["info"] = {"status": response.status_code, "text": response.text}
        response = client.get("/items")
        report["items"] = {"status": response.status_code, "text": response.text}
    report["closed_after_shutdown"] = pool is not None and getattr(pool, "state", None) == "closed"
    return report
