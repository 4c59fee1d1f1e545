"""The catalogue: names live in the app, prices come from the cached price list."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field

from app.http_cache import conditional_json
from app.pricing import PriceList

PUBLIC_CACHE_CONTROL = "max-age=60"

router = APIRouter(prefix="/products", tags=["products"])


class Product(BaseModel):
    id: int
    name: str
    price_cents: int


class ProductRename(BaseModel):
    name: str = Field(min_length=1, max_length=100)


async def current_prices(request: Request) -> PriceList:
    """The price list, from the app's cache: the engine is asked at most once per TTL."""
    state = request.app.state
    return await state.price_cache.get(state.price_engine, state.clock)


Prices = Annotated[PriceList, Depends(current_prices)]


def product_or_404(request: Request, product_id: int) -> str:
    name = request.app.state.product_names.get(product_id)
    if name is None:
        raise HTTPException(status_code=404, detail="Product not found")
    return name


@router.get("", response_model=list[Product])
async def list_products(request: Request, prices: Prices) -> Response:
    names: dict[int, str] = request.app.state.product_names
    products = [
        Product(id=product_id, name=name, price_cents=prices[product_id])
        for product_id, name in sorted(names.items())
    ]
    return conditional_json(request, products, PUBLIC_CACHE_CONTROL, repr(sorted(names.items())))


@router.get("/{product_id}", response_model=Product)
async def read_product(product_id: int, request: Request, prices: Prices) -> Response:
    name = product_or_404(request, product_id)
    product = Product(id=product_id, name=name, price_cents=prices[product_id])
    return conditional_json(request, product, PUBLIC_CACHE_CONTROL, f"{product_id}:{name}")


@router.put("/{product_id}")
async def rename_product(
    product_id: int, rename: ProductRename, request: Request, prices: Prices
) -> Product:
    """Renaming changes the representation, so every ETag of this product changes with it."""
    product_or_404(request, product_id)
    request.app.state.product_names[product_id] = rename.name
    return Product(id=product_id, name=rename.name, price_cents=prices[product_id])
