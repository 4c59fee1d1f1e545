"""Fixed-window rate limiting: each client gets a budget that refills when its window ends."""

import math
from dataclasses import dataclass


@dataclass
class _Window:
    opened_at: float
    used: int = 0


@dataclass(frozen=True)
class Decision:
    """What the limiter decided for one request, with what the client should be told."""

    allowed: bool
    limit: int
    remaining: int
    retry_after: float
    """Seconds until the window ends (0 when the request is allowed)."""


class FixedWindowLimiter:
    """At most ``limit`` requests per client in a window that opens at its first request.

    Not thread-safe on purpose: it is only called from async code on the event loop, where a
    call runs to completion without interleaving.
    """

    def __init__(self, limit: int, window_seconds: float) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self._windows: dict[str, _Window] = {}
        self._last_sweep = -math.inf

    def hit(self, client: str, now: float) -> Decision:
        """Count one request from ``client`` at time ``now``, unless it is over the limit."""
        self._sweep(now)
        window = self._windows.get(client)
        if window is None or now - window.opened_at >= self.window_seconds:
            window = self._windows[client] = _Window(opened_at=now)
        if window.used >= self.limit:
            # Refused requests are not counted, so hammering does not stretch the lock-out.
            seconds_left = window.opened_at + self.window_seconds - now
            return Decision(False, self.limit, 0, seconds_left)
        window.used += 1
        return Decision(True, self.limit, self.limit - window.used, 0.0)

    def _sweep(self, now: float) -> None:
        """Forget ended windows once per window length, so made-up API keys cannot fill memory."""
        if now - self._last_sweep < self.window_seconds:
            return
        self._last_sweep = now
        self._windows = {
            client: window
            for client, window in self._windows.items()
            if now - window.opened_at < self.window_seconds
        }
