"""A product page API that assembles its answers from three upstream services."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from pydantic import BaseModel

from app.upstream import UPSTREAM_TIMEOUT_SECONDS, UPSTREAM_URL, Upstream, fetch_json


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
    """One client for the app's life: its connection pool is shared by every request."""
    async with httpx.AsyncClient(base_url=UPSTREAM_URL, timeout=UPSTREAM_TIMEOUT_SECONDS) as client:
        app.state.http_client = client
        yield


app = FastAPI(title="Product page API", lifespan=lifespan)


@app.get("/health")
async def health() -> dict[str, str]:
    """Liveness only: never calls upstream, so a slow upstream cannot fail the probe."""
    return {"status": "ok"}


@app.get("/products/{sku}/stock")
async def read_stock(sku: str, upstream: Upstream) -> Stock:
    inventory = await fetch_json(upstream, f"/inventory/{sku}")
    return Stock(sku=sku, in_stock=inventory["in_stock"])


@app.get("/products/{sku}")
async def read_product(sku: str, upstream: Upstream) -> ProductOverview:
    """Three independent calls, awaited together: the answer takes as long as the slowest.

    return_exceptions lets every call finish (each is bounded by the timeout) before the first
    failure, in call order, becomes the answer; nothing is left running after we reply.
    """
    results = await asyncio.gather(
        fetch_json(upstream, f"/catalog/{sku}"),
        fetch_json(upstream, f"/inventory/{sku}"),
        fetch_json(upstream, f"/reviews/{sku}"),
        return_exceptions=True,
    )
    for result in results:
        if isinstance(result, BaseException):
            raise result
    catalog, inventory, reviews = results
    return ProductOverview(
        sku=sku,
        name=catalog["name"],
        price_cents=catalog["price_cents"],
        in_stock=inventory["in_stock"],
        rating=reviews["rating"],
    )
