"""Harness of the observability kata: collect the request log, slow down or break the store.

The app logs one JSON object per request as the message of a record on the logger
``app.requests``. ``capture_logs`` attaches a handler there (and sets the logger to INFO) that
keeps each record's message for ``logged_messages``. The store at ``app.state.items`` is reached
through its ``get``, ``list`` and ``add`` coroutines; the harness wraps them on the instance to
make requests take a known time, or to make ``get`` crash.
"""

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any

from grader.harness import HarnessError

LOGGER_NAME = "app.requests"
MARKER = "kata_capture"
"""Set on the harness's handlers, so a later spec removes an earlier one (the logger outlives
the app in the black-box launcher)."""
STORE_METHODS = ("get", "list", "add")


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.messages: list[str] = []
        self.guard = threading.Lock()
        setattr(self, MARKER, True)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception as exc:  # a record whose arguments do not fit its format string
            message = f"<unformattable log record: {exc}>"
        with self.guard:
            self.messages.append(message)


def capture_logs(app: Any) -> None:
    """Start collecting the messages logged on ``app.requests`` from now on."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if getattr(handler, MARKER, False):
            logger.removeHandler(handler)
    logger.setLevel(logging.INFO)
    logger.disabled = False
    capture = Capture()
    logger.addHandler(capture)
    app.state.kata_log_capture = capture


def logged_messages(app: Any) -> list[str]:
    """Every message logged on ``app.requests`` since ``capture_logs``, in order."""
    capture = getattr(app.state, "kata_log_capture", None)
    if capture is None:
        raise HarnessError("call capture_logs() first")
    with capture.guard:
        return list(capture.messages)


def _store(app: Any) -> Any:
    store = getattr(app.state, "items", None)
    if store is None or not all(callable(getattr(store, name, None)) for name in STORE_METHODS):
        raise HarnessError(
            "app.state.items must be the ItemStore, set in the lifespan, with its get, list "
            "and add methods"
        )
    return store


def _wrap(store: Any, name: str, wrapper: Callable[[Callable[..., Any]], Callable[..., Any]]):
    setattr(store, name, wrapper(getattr(store, name)))


def slow_down_store(app: Any, seconds: float) -> None:
    """Make every store call take ``seconds`` longer, as a slow database would."""
    store = _store(app)

    def slower(method: Callable[..., Any]) -> Callable[..., Any]:
        async def call(*args: Any, **kwargs: Any) -> Any:
            await asyncio.sleep(float(seconds))
            return await method(*args, **kwargs)

        return call

    for name in STORE_METHODS:
        _wrap(store, name, slower)


def break_store(app: Any) -> None:
    """Make ``get`` raise, as a lost database connection would: GET /items/{id} then crashes."""
    store = _store(app)

    def broken(_method: Callable[..., Any]) -> Callable[..., Any]:
        async def call(*_args: Any, **_kwargs: Any) -> Any:
            raise ConnectionError("the database connection was lost (kata harness)")

        return call

    _wrap(store, "get", broken)
