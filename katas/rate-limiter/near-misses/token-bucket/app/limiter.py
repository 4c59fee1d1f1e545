"""Token-bucket rate limiting: each client's budget refills steadily, a token at a time."""

import math
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated_at: float


@dataclass(frozen=True)
class Decision:
    """What the limiter decided for one request, with what the client should be told."""

    allowed: bool
    limit: int
    remaining: int
    retry_after: int
    """Whole seconds until the next token, rounded up (0 when the request is allowed)."""


class TokenBucketLimiter:
    """Buckets of ``limit`` tokens per client, refilled at ``limit`` tokens per window.

    Not thread-safe on purpose: it is only called from async code on the event loop, where a
    call runs to completion without interleaving.
    """

    def __init__(self, limit: int, window_seconds: float) -> None:
        self.limit = limit
        self.rate = limit / window_seconds
        self._buckets: dict[str, _Bucket] = {}

    def hit(self, client: str, now: float) -> Decision:
        """Take a token from ``client``'s bucket at time ``now``, if there is one."""
        bucket = self._buckets.setdefault(client, _Bucket(tokens=self.limit, updated_at=now))
        elapsed = now - bucket.updated_at
        bucket.tokens = min(self.limit, bucket.tokens + elapsed * self.rate)
        bucket.updated_at = now
        if bucket.tokens < 1:
            wait = (1 - bucket.tokens) / self.rate
            return Decision(False, self.limit, 0, max(1, math.ceil(wait)))
        bucket.tokens -= 1
        return Decision(True, self.limit, math.floor(bucket.tokens), 0)
