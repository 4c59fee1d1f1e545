"""A tiny items API with every /items route rate limited per client."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, Response
from pydantic import BaseModel

from app.limiter import TokenBucketLimiter

RATE_LIMIT = 5
"""Requests each client may make in one window."""
WINDOW_SECONDS = 60.0
"""How long a client's window lasts, from its first counted request."""


class Item(BaseModel):
    id: int
    name: str


CATALOGUE: dict[int, Item] = {
    1: Item(id=1, name="Keyboard"),
    2: Item(id=2, name="Mouse"),
    3: Item(id=3, name="Monitor"),
}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """One limiter per app, so budgets live and die with the app that enforces them."""
    app.state.limiter = TokenBucketLimiter(RATE_LIMIT, WINDOW_SECONDS)
    yield


app = FastAPI(title="Items API", lifespan=lifespan)

# The clock seam: always read the time through this, so tests can move it without sleeping.
app.state.clock = time.monotonic


def client_key(request: Request) -> str:
    """Who pays for a request: its API key if it has one, else the address it came from.

    The prefixes keep the two namespaces apart, so an API key cannot spend an address's budget.
    """
    api_key = request.headers.get("x-api-key")
    if api_key:
        return f"key:{api_key}"
    host = request.client.host if request.client else "unknown"
    return f"address:{host}"


async def enforce_rate_limit(request: Request, response: Response) -> None:
    """Count the request against its client's budget; refuse it with 429 when none is left.

    Async so that it runs on the event loop: the limiter's bookkeeping never races itself.
    """
    decision = request.app.state.limiter.hit(client_key(request), request.app.state.clock())
    if not decision.allowed:
        raise HTTPException(
            status_code=429,
            detail="Too many requests: wait for Retry-After seconds and try again",
            headers={"Retry-After": str(decision.retry_after)},
        )
    response.headers["X-RateLimit-Limit"] = str(decision.limit)
    response.headers["X-RateLimit-Remaining"] = str(decision.remaining)


items = APIRouter(prefix="/items", dependencies=[Depends(enforce_rate_limit)])


@app.get("/health")
async def health() -> dict[str, str]:
    """Liveness probe for load balancers: outside the limited router, so never throttled."""
    return {"status": "ok"}


@items.get("")
async def list_items() -> list[Item]:
    return list(CATALOGUE.values())


@items.get("/{item_id}")
async def get_item(item_id: int) -> Item:
    item = CATALOGUE.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    return item


app.include_router(items)
