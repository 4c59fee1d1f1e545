"""A product search whose parameters need validating before the route body runs."""

from fastapi import FastAPI, HTTPException, status

from .catalogue import Product

app = FastAPI(title="Product search")


@app.get("/products")
async def search_products() -> dict[str, object]:
    # TODO: declare the query parameters with Query() and their rules (see the README):
    #   q          required, 2 to 50 characters, matched case-insensitively inside the name
    #   min_price  optional number >= 0, max_price optional number >= 0 (both inclusive)
    #   tag        optional and repeatable (?tag=a&tag=b): a product must carry every tag given
    #   page       int >= 1, default 1;  size  int from 1 to 50, default 10
    # Answer {"total": <matches>, "page": ..., "size": ..., "items": [<products on this page>]}.
    raise HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail="GET /products is not implemented")


@app.get("/products/{sku}")
async def read_product(sku: str) -> Product:
    # TODO: only accept SKUs of three capital letters, a hyphen and four digits (e.g. KBD-0001),
    # with Path(pattern=...); 422 for anything else. Answer the product from PRODUCTS in
    # app/catalogue.py, or 404 {"detail": "Product not found"} when no product has that SKU.
    raise HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail=f"{sku}: not implemented")
