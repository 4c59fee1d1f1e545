"""Fixed-window rate limiting: each client gets a budget that refills when its window ends."""

import math
from dataclasses import dataclass


@dataclass
class _Window:
    expires_at: float
    used: int = 0


@dataclass(frozen=True)
class Decision:
    """What the limiter decided for one request, with what the client should be told."""

    allowed: bool
    limit: int
    remaining: int
    retry_after: int
    """Whole seconds until the window ends, rounded up (0 when the request is allowed)."""


class FixedWindowLimiter:
    """At most ``limit`` requests per client per window, like Redis INCR followed by EXPIRE.

    Not thread-safe on purpose: it is only called from async code on the event loop, where a
    call runs to completion without interleaving.
    """

    def __init__(self, limit: int, window_seconds: float) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self._windows: dict[str, _Window] = {}

    def hit(self, client: str, now: float) -> Decision:
        """Count one request from ``client`` at time ``now`` and say whether it may go through."""
        window = self._windows.get(client)
        if window is None or now >= window.expires_at:
            window = self._windows[client] = _Window(expires_at=now + self.window_seconds)
        window.used += 1
        window.expires_at = now + self.window_seconds
        if window.used > self.limit:
            seconds_left = window.expires_at - now
            return Decision(False, self.limit, 0, max(1, math.ceil(seconds_left)))
        return Decision(True, self.limit, self.limit - window.used, 0)
