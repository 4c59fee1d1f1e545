"""Harness of the caching-etag kata: a clock the specs move and a pricing engine they count.

The app reads the time through ``app.state.clock`` and the price list through
``app.state.price_engine``; these functions swap in fakes after start-up, move the clock, change
the fake's prices and tell how often the app asked for them, or put the real engine back.
"""

import threading
from typing import Any

from grader.harness import HarnessError


class FakeClock:
    """Stands still until told to move; callable like ``time.monotonic``."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class CountingEngine:
    """A pricing engine that returns prices the specs set and counts how often it is called.

    Called from whatever thread the app likes, hence the lock.
    """

    def __init__(self, prices: dict[int, int]) -> None:
        self.prices = prices
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(self) -> dict[int, int]:
        with self._lock:
            self.calls += 1
            return dict(self.prices)


def _prices(prices: dict[str, int]) -> dict[int, int]:
    """JSON keys arrive as strings; the engine speaks product ids."""
    return {int(product_id): int(cents) for product_id, cents in prices.items()}


def _installed(app: Any, name: str, seam: str) -> Any:
    fake = getattr(app.state, name, None)
    if fake is None:
        raise HarnessError(f"the specs' {seam} was never installed")
    if getattr(app.state, seam, None) is not fake:
        raise HarnessError(
            f"app.state.{seam} is no longer the one the specs installed: the app must not "
            f"replace app.state.{seam} after start-up"
        )
    return fake


def freeze_clock(app: Any, start: float) -> float:
    """Make the app's clock read ``start`` until ``advance_clock`` moves it."""
    clock = FakeClock(float(start))
    app.state.clock = clock
    app.state.kata_fake_clock = clock
    return clock.now


def advance_clock(app: Any, seconds: float) -> float:
    """Move the fake clock forward; returns the new time."""
    clock = _installed(app, "kata_fake_clock", "clock")
    clock.now += float(seconds)
    return clock.now


def install_price_engine(app: Any, prices: dict[str, int]) -> None:
    """Replace the pricing engine with a counting fake that answers ``prices``."""
    engine = CountingEngine(_prices(prices))
    if not hasattr(app.state, "kata_real_engine"):
        app.state.kata_real_engine = getattr(app.state, "price_engine", None)
    app.state.price_engine = engine
    app.state.kata_fake_engine = engine


def set_prices(app: Any, prices: dict[str, int]) -> None:
    """Change what the fake engine answers from its next call on."""
    engine = _installed(app, "kata_fake_engine", "price_engine")
    engine.prices = {**engine.prices, **_prices(prices)}


def price_engine_calls(app: Any) -> int:
    """How many times the app has called the pricing engine since it was installed."""
    return _installed(app, "kata_fake_engine", "price_engine").calls


def restore_price_engine(app: Any) -> None:
    """Put back the pricing engine the app was created with, in place of the counting fake."""
    _installed(app, "kata_fake_engine", "price_engine")
    real = app.state.kata_real_engine
    if not callable(real):
        raise HarnessError(
            "the app had no callable app.state.price_engine before the specs replaced it: keep "
            "the line that sets it to compute_price_list when the app is created"
        )
    app.state.price_engine = real
    del app.state.kata_fake_engine
