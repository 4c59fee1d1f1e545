"""A small items API that can be watched: request ids, JSON logs, Prometheus metrics."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from app.metrics import Metrics
from app.observe import logger, observe_requests
from app.store import Item, ItemStore


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Per-app state: the items (three to start with) and the metrics registry."""
    store = ItemStore()
    for name in ("Keyboard", "Mouse", "Monitor"):
        await store.add(name)
    app.state.items = store
    app.state.metrics = Metrics()
    yield


def configure_logging() -> None:
    """Print the request log's JSON lines as they are; once, however often the app is built."""
    logger.setLevel(logging.INFO)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)


configure_logging()
app = FastAPI(title="Items API", lifespan=lifespan)
app.middleware("http")(observe_requests)

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


@app.get("/metrics", response_class=PlainTextResponse, include_in_schema=False)
async def metrics(request: Request) -> PlainTextResponse:
    """Prometheus scrapes this: text exposition format 0.0.4."""
    return PlainTextResponse(
        request.app.state.metrics.render(),
        media_type="text/plain; version=0.0.4; charset=utf-8",
    )
