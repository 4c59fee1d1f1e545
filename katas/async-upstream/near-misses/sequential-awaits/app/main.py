"""A product page API that assembles its answers from three upstream services."""

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
    """Three calls to three services; async, so the event loop is free while each one waits."""
    catalog = await fetch_json(upstream, f"/catalog/{sku}")
    inventory = await fetch_json(upstream, f"/inventory/{sku}")
    reviews = await fetch_json(upstream, f"/reviews/{sku}")
    return ProductOverview(
        sku=sku,
        name=catalog["name"],
        price_cents=catalog["price_cents"],
        in_stock=inventory["in_stock"],
        rating=reviews["rating"],
    )
