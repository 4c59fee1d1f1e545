"""A small shop API whose reads should be cheap to repeat."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from pydantic import BaseModel

from app import products
from app.pricing import compute_price_list


class Account(BaseModel):
    name: str
    email: str
    loyalty_points: int


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Per-app state: the catalogue. TODO: an empty price cache too (never filled here)."""
    app.state.product_names = {1: "Espresso machine", 2: "Coffee grinder", 3: "Milk jug"}
    yield


app = FastAPI(title="Shop API", lifespan=lifespan)

# The seams: read the time as `request.app.state.clock()` and prices as
# `request.app.state.price_engine()`, on every use. The tests swap both for fakes after
# start-up, so never copy these callables elsewhere and never reassign them.
app.state.clock = time.monotonic
app.state.price_engine = compute_price_list

app.include_router(products.router)


@app.get("/account")
async def read_account() -> Account:
    """Personal data. TODO: Cache-Control: no-store."""
    return Account(name="Ada Lovelace", email="ada@example.com", loyalty_points=120)
