"""A small items API that cannot be watched yet: no request ids, no logs, no metrics."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, HTTPException, Request
from pydantic import BaseModel, Field

from app.store import Item, ItemStore

logger = logging.getLogger("app.requests")
"""The request log: one INFO message per request, the message a JSON object."""

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
"""Upper bounds in seconds of the latency histogram's buckets; +Inf is implied."""


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Per-app state: the items, three to start with. TODO: the metrics registry too."""
    store = ItemStore()
    for name in ("Keyboard", "Mouse", "Monitor"):
        await store.add(name)
    app.state.items = store
    yield


app = FastAPI(title="Items API", lifespan=lifespan)

# TODO: a middleware around every request (except GET /metrics) that
#   - takes the incoming X-Request-ID if it is tame, else makes one, and sends it back;
#   - times the request with time.perf_counter();
#   - counts it in http_requests_total and http_request_duration_seconds, labelled by method,
#     route template (request.scope["route"].path after routing; "unmatched" if none) and status;
#   - logs one JSON line on `logger` with request_id, method, route, status and duration_ms;
#   - still does all of that, answering 500, when the route raises.

items = APIRouter(prefix="/items", tags=["items"])


@items.get("")
async def list_items(request: Request) -> list[Item]:
    return await request.app.state.items.list()


@items.get("/{item_id}")
async def read_item(item_id: int, request: Request) -> Item:
    item = await request.app.state.items.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    return item


@items.post("", status_code=201)
async def create_item(item_in: ItemIn, request: Request) -> Item:
    return await request.app.state.items.add(item_in.name)


app.include_router(items)

# TODO: GET /metrics, answering the registry in the Prometheus text format (text/plain).
