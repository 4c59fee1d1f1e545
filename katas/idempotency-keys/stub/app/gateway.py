"""The payment provider, behind the one call the app needs from it."""

import asyncio
from uuid import uuid4


class GatewayError(Exception):
    """The provider failed to charge: nothing was taken from the customer."""


class PaymentGateway:
    """Charges customers through the payment provider.

    A stand-in that always succeeds; the real one makes a network call, which is why `charge` is
    async and why two copies of one request can both be waiting on it at the same time.
    """

    async def charge(self, amount_cents: int, currency: str) -> str:
        """Take the money; returns the provider's charge id, or raises GatewayError."""
        await asyncio.sleep(0.05)
        return f"ch_{uuid4().hex[:16]}"
