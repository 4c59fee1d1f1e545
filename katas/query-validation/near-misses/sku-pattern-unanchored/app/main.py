"""A product search whose parameters FastAPI validates before the route body ever runs."""

from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Query
from pydantic import BaseModel

from .catalogue import PRODUCTS, Product

app = FastAPI(title="Product search")

SKU_PATTERN = r"[A-Z]{3}-[0-9]{4}"


class SearchPage(BaseModel):
    total: int
    page: int
    size: int
    items: list[Product]


@app.get("/products")
async def search_products(
    q: Annotated[str, Query(min_length=2, max_length=50)],
    min_price: Annotated[float | None, Query(ge=0)] = None,
    max_price: Annotated[float | None, Query(ge=0)] = None,
    tag: Annotated[list[str] | None, Query()] = None,
    page: Annotated[int, Query(ge=1)] = 1,
    size: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SearchPage:
    """q has no default, so it is required; a list needs Query() or FastAPI reads the body."""
    needle = q.lower()
    wanted = set(tag or [])
    matches = [
        product
        for product in PRODUCTS
        if needle in product.name.lower()
        and (min_price is None or product.price >= min_price)
        and (max_price is None or product.price <= max_price)
        and wanted <= set(product.tags)
    ]
    start = (page - 1) * size
    return SearchPage(total=len(matches), page=page, size=size, items=matches[start : start + size])


@app.get("/products/{sku}")
async def read_product(sku: Annotated[str, Path(pattern=SKU_PATTERN)]) -> Product:
    for product in PRODUCTS:
        if product.sku == sku:
            return product
    raise HTTPException(status_code=404, detail="Product not found")
