"""The catalogue: names live in the app, prices come from the pricing engine."""

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from app.pricing import PriceList

router = APIRouter(prefix="/products", tags=["products"])


class Product(BaseModel):
    id: int
    name: str
    price_cents: int


class ProductRename(BaseModel):
    name: str = Field(min_length=1, max_length=100)


async def current_prices(request: Request) -> PriceList:
    """The price list.

    TODO: this asks the engine on every request. Serve it from a cache that lives on
    app.state instead, fetched again only once it is 30 seconds old.
    """
    return await asyncio.to_thread(request.app.state.price_engine)


Prices = Annotated[PriceList, Depends(current_prices)]


def product_or_404(request: Request, product_id: int) -> str:
    name = request.app.state.product_names.get(product_id)
    if name is None:
        raise HTTPException(status_code=404, detail="Product not found")
    return name


# TODO: GET /products and GET /products/{product_id} answer with a strong ETag and
#   Cache-Control: max-age=60, and with an empty 304 (same ETag and Cache-Control) when the
#   request's If-None-Match names the current ETag.


@router.get("")
async def list_products(request: Request, prices: Prices) -> list[Product]:
    names: dict[int, str] = request.app.state.product_names
    return [
        Product(id=product_id, name=name, price_cents=prices[product_id])
        for product_id, name in sorted(names.items())
    ]


@router.get("/{product_id}")
async def read_product(product_id: int, request: Request, prices: Prices) -> Product:
    name = product_or_404(request, product_id)
    return Product(id=product_id, name=name, price_cents=prices[product_id])


@router.put("/{product_id}")
async def rename_product(
    product_id: int, rename: ProductRename, request: Request, prices: Prices
) -> Product:
    product_or_404(request, product_id)
    request.app.state.product_names[product_id] = rename.name
    return Product(id=product_id, name=rename.name, price_cents=prices[product_id])
