"""Remembered requests: the first answer to each (client, Idempotency-Key), to replay it.

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
    """Claims by (client id, key): one client's keys never collide with another's."""

    def __init__(self) -> None:
        self._claims: dict[tuple[str, str], Claim] = {}

    def claim(self, client_id: str, key: str, fingerprint: str) -> Claim | None:
        """Claim the key for this request; returns None if it was free, else the earlier claim."""
        earlier = self._claims.get((client_id, key))
        if earlier is None:
            self._claims[(client_id, key)] = Claim(fingerprint)
        return earlier

    def complete(self, client_id: str, key: str, response: StoredResponse) -> None:
        self._claims[(client_id, key)].response = response

    def release(self, client_id: str, key: str) -> None:
        """Forget a claim whose request did nothing, so that a retry runs for real."""
        self._claims.pop((client_id, key), None)
