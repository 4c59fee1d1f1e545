"""The catalogue routes: plain handlers, unaware of the middleware around them."""

import asyncio
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, status
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

router = APIRouter()

FILLER = b"All work and no play makes a dull payload. "


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)


class Item(BaseModel):
    id: int
    name: str
    price_cents: int


CATALOGUE = [Item(id=i, name=f"item {i}", price_cents=100 * i) for i in range(1, 51)]


@router.get("/ping")
async def ping(request: Request) -> dict[str, str | None]:
    """Also says which request ID the middleware gave this request."""
    return {"status": "ok", "request_id": getattr(request.state, "request_id", None)}


@router.get("/items")
async def list_items() -> list[Item]:
    return CATALOGUE


@router.post("/items", status_code=status.HTTP_201_CREATED)
async def create_item(item: ItemIn) -> Item:
    return Item(id=len(CATALOGUE) + 1, name=item.name, price_cents=0)


@router.delete("/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_item(item_id: int) -> Response:
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/text/{size}")
async def text(size: Annotated[int, Path(ge=0, le=100_000)]) -> PlainTextResponse:
    """A text/plain body of exactly `size` bytes, to see where compression starts."""
    body = (FILLER * (size // len(FILLER) + 1))[:size]
    return PlainTextResponse(body)


@router.get("/slow")
async def slow() -> dict[str, str]:
    """Waits 50 ms for a pretend upstream service, so the timing header has something to time."""
    await asyncio.sleep(0.05)
    return {"status": "done"}
