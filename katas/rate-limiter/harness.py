"""Harness of the rate-limiter kata: a clock the specs move, so no spec ever sleeps.

The app reads the time through ``app.state.clock`` (a zero-argument callable returning seconds);
these functions swap in a fake clock and move it forward.
"""

from typing import Any


class FakeClock:
    """Stands still until told to move; callable like ``time.monotonic``."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def freeze_clock(app: Any, start: float) -> float:
    """Make the app's clock read ``start`` until ``advance_clock`` moves it."""
    clock = FakeClock(float(start))
    app.state.clock = clock
    # Kept beside it too, so advance_clock can tell whether the app swapped the clock back.
    app.state.kata_fake_clock = clock
    return clock.now


def advance_clock(app: Any, seconds: float) -> float:
    """Move the fake clock forward; returns the new time."""
    clock = getattr(app.state, "kata_fake_clock", None)
    if clock is None:
        raise RuntimeError("advance_clock called before freeze_clock")
    if getattr(app.state, "clock", None) is not clock:
        raise RuntimeError(
            "app.state.clock is no longer the clock the specs installed: the app must not "
            "replace app.state.clock after start-up"
        )
    clock.now += float(seconds)
    return clock.now
