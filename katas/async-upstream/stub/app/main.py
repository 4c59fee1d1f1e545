"""A product page API that assembles its answers from three upstream services."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, HTTPException, status
from pydantic import BaseModel

from app.upstream import UPSTREAM_URL, Upstream


class Stock(BaseModel):
    sku: str
    in_stock: int


class ProductOverview(BaseModel):
    sku: str
    name: str
    price_cents: int
    in_stock: int
    rating: float


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """One client for the app's life, shared by every request, closed at shutdown.

    TODO: give it the 1-second timeout (UPSTREAM_TIMEOUT_SECONDS); httpx's default is 5 s.
    """
    async with httpx.AsyncClient(base_url=UPSTREAM_URL) as client:
        app.state.http_client = client
        yield


app = FastAPI(title="Product page API", lifespan=lifespan)


@app.get("/health")
async def health() -> dict[str, str]:
    """Liveness only: never calls upstream, so a slow upstream cannot fail the probe."""
    return {"status": "ok"}


@app.get("/products/{sku}/stock")
async def read_stock(sku: str, upstream: Upstream) -> Stock:
    """TODO: GET /inventory/{sku} upstream and answer {"sku", "in_stock"}."""
    raise HTTPException(status.HTTP_501_NOT_IMPLEMENTED, "not implemented yet")


@app.get("/products/{sku}")
async def read_product(sku: str, upstream: Upstream) -> ProductOverview:
    """TODO: GET /catalog/{sku}, /inventory/{sku} and /reviews/{sku} at the same time and merge
    name, price_cents, in_stock and rating into one answer.
    """
    raise HTTPException(status.HTTP_501_NOT_IMPLEMENTED, "not implemented yet")
