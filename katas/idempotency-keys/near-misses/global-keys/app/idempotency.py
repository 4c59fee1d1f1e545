"""Remembered requests: the first answer to each Idempotency-Key, to replay it.

A key is claimed before any side effect starts and released if the request fails before it is
done, so a retry after a failure runs again while a copy sent during the first one is refused.
Claiming is a check and a write with no `await` between them: on the one event loop, no other
request can claim the same key in between.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: Any


@dataclass
class Claim:
    fingerprint: str
    """What the request asked for; a reuse of the key must ask for exactly the same."""
    response: StoredResponse | None = None
    """None while the first request is still running."""


class IdempotencyStore:
    """Claims by key: clients make their keys unique (UUIDs), so one table serves all."""

    def __init__(self) -> None:
        self._claims: dict[str, Claim] = {}

    def claim(self, key: str, fingerprint: str) -> Claim | None:
        """Claim the key for this request; returns None if it was free, else the earlier claim."""
        earlier = self._claims.get(key)
        if earlier is None:
            self._claims[key] = Claim(fingerprint)
        return earlier

    def complete(self, key: str, response: StoredResponse) -> None:
        self._claims[key].response = response

    def release(self, key: str) -> None:
        """Forget a claim whose request did nothing, so that a retry runs for real."""
        self._claims.pop(key, None)
