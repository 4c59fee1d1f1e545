"""Harness of the idempotency-keys kata: a payment gateway the specs control and audit.

``install_gateway`` replaces ``app.state.gateway`` after start-up with a fake whose ``charge``
can be made slow (so that two copies of a request overlap) or fail (raising the app's own
``GatewayError``), and which records every charge it was asked for: the side effect the specs
count. ``restore_gateway`` puts the app's own gateway back.
"""

import asyncio
import importlib
import threading
from dataclasses import dataclass, field
from typing import Any

from grader.harness import HarnessError

STATE_ATTRIBUTE = "kata_fake_gateway"


@dataclass
class FakeGateway:
    error: type[Exception]
    latency: float = 0.0
    failures_left: int = 0
    charges: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def charge(self, amount_cents: int, currency: str) -> str:
        """Record the attempt, wait, then fail or return a charge id."""
        with self.lock:
            number = len(self.charges) + 1
            fail = self.failures_left > 0
            self.failures_left -= int(fail)
            self.charges.append(
                {"amount_cents": amount_cents, "currency": currency, "succeeded": not fail}
            )
        await asyncio.sleep(self.latency)
        if fail:
            raise self.error("the card network is unavailable (fake gateway)")
        return f"ch_fake_{number}"


def _gateway(app: Any) -> FakeGateway:
    fake = getattr(app.state, STATE_ATTRIBUTE, None)
    if fake is None:
        raise HarnessError("call install_gateway() first")
    if getattr(app.state, "gateway", None) is not fake:
        raise HarnessError(
            "app.state.gateway is no longer the gateway the specs installed: set it in the "
            "lifespan only, and look it up on every request"
        )
    return fake


def install_gateway(app: Any) -> None:
    """Replace the app's gateway with the fake; its failures raise app.gateway.GatewayError."""
    try:
        error = importlib.import_module("app.gateway").GatewayError
    except (ImportError, AttributeError):
        raise HarnessError(
            "the project must keep GatewayError in app/gateway.py: the specs' gateway raises it"
        ) from None
    fake = FakeGateway(error=error)
    if not hasattr(app.state, "kata_real_gateway"):
        app.state.kata_real_gateway = getattr(app.state, "gateway", None)
    app.state.gateway = fake
    setattr(app.state, STATE_ATTRIBUTE, fake)


def set_gateway(app: Any, latency: float = 0.0, failures: int = 0) -> None:
    """Make each charge take ``latency`` seconds, and the next ``failures`` charges fail."""
    fake = _gateway(app)
    with fake.lock:
        fake.latency = float(latency)
        fake.failures_left = int(failures)


def gateway_charges(app: Any) -> list[dict[str, Any]]:
    """Every charge the app asked for, in order: amount, currency, and whether it succeeded."""
    fake = _gateway(app)
    with fake.lock:
        return [dict(charge) for charge in fake.charges]


def restore_gateway(app: Any) -> None:
    """Put back the gateway the app's lifespan set, in place of the fake."""
    _gateway(app)
    real = getattr(app.state, "kata_real_gateway", None)
    if real is None or not hasattr(real, "charge"):
        raise HarnessError(
            "the app had no gateway at app.state.gateway before the specs replaced it: keep the "
            "lifespan line that sets it to PaymentGateway()"
        )
    app.state.gateway = real
    delattr(app.state, STATE_ATTRIBUTE)
