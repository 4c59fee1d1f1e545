"""A small shop API whose reads are cheap to repeat: ETags, Cache-Control, a cached price list."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Response
from pydantic import BaseModel

from app import products
from app.pricing import PRICE_TTL_SECONDS, PriceCache, compute_price_list


class Account(BaseModel):
    name: str
    email: str
    loyalty_points: int


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Per-app state: the catalogue and an empty price cache (filled on the first read)."""
    app.state.product_names = {1: "Espresso machine", 2: "Coffee grinder", 3: "Milk jug"}
    app.state.price_cache = PriceCache(PRICE_TTL_SECONDS)
    yield


app = FastAPI(title="Shop API", lifespan=lifespan)

# The seams: read the time as `app.state.clock()` and prices as `app.state.price_engine()`,
# on every use. The tests swap both for fakes after start-up.
app.state.clock = time.monotonic
app.state.price_engine = compute_price_list

app.include_router(products.router)


@app.get("/account")
async def read_account(response: Response) -> Account:
    """Personal data: no shared cache and no browser may keep a copy."""
    response.headers["Cache-Control"] = "no-store"
    return Account(name="Ada Lovelace", email="ada@example.com", loyalty_points=120)
