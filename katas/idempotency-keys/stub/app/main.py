"""A payments API that should be safe to retry: every POST carries an Idempotency-Key."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app import payments
from app.gateway import PaymentGateway


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Per-app state: the provider and the payments by client.

    TODO: a store for the remembered requests too, per (client id, Idempotency-Key).
    """
    app.state.gateway = PaymentGateway()
    app.state.payments = {}
    yield


app = FastAPI(title="Payments API", lifespan=lifespan)
app.include_router(payments.router)
