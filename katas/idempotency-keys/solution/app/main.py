"""A payments API that is safe to retry: every POST carries an Idempotency-Key."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app import payments
from app.gateway import PaymentGateway
from app.idempotency import IdempotencyStore


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Per-app state: the provider, the payments by client, the remembered requests."""
    app.state.gateway = PaymentGateway()
    app.state.payments = {}
    app.state.idempotency = IdempotencyStore()
    yield


app = FastAPI(title="Payments API", lifespan=lifespan)
app.include_router(payments.router)
