"""Remembered requests: the first answer to each (client, Idempotency-Key), to replay it.

A key is remembered once its request has succeeded, so a retry after a failure runs again.
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
        """The earlier answer for this key, if there is one; None for a new request."""
        return self._claims.get((client_id, key))

    def complete(
        self, client_id: str, key: str, fingerprint: str, response: StoredResponse
    ) -> None:
        """Remember the answer once the payment exists: only finished requests are replayed."""
        self._claims[(client_id, key)] = Claim(fingerprint, response)

    def release(self, client_id: str, key: str) -> None:
        """Forget a claim whose request did nothing, so that a retry runs for real."""
        self._claims.pop((client_id, key), None)
