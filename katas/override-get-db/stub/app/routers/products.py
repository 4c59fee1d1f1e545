"""CRUD for products. Every route takes its session from get_db through `DbSession`."""

from fastapi import APIRouter, HTTPException, Response, status

from app.database import DbSession
from app.schemas import ProductCreate, ProductOut, ProductUpdate

router = APIRouter(prefix="/products", tags=["products"])

NOT_DONE = status.HTTP_501_NOT_IMPLEMENTED


@router.post("", status_code=status.HTTP_201_CREATED)
def create_product(data: ProductCreate, db: DbSession) -> ProductOut:
    # TODO: store the product and answer 201 with it (id included). A sku that is already
    # taken is 409 with a JSON detail, and must not leave the session unusable.
    raise HTTPException(NOT_DONE, "create_product is not written yet")


@router.get("")
def list_products(db: DbSession) -> list[ProductOut]:
    # TODO: every product, ordered by id.
    raise HTTPException(NOT_DONE, "list_products is not written yet")


@router.get("/{product_id}")
def read_product(product_id: int, db: DbSession) -> ProductOut:
    # TODO: the product, or 404 with a JSON detail.
    raise HTTPException(NOT_DONE, "read_product is not written yet")


@router.patch("/{product_id}")
def update_product(product_id: int, data: ProductUpdate, db: DbSession) -> ProductOut:
    # TODO: change only the fields the client sent; 404 if there is no such product.
    raise HTTPException(NOT_DONE, "update_product is not written yet")


@router.delete("/{product_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_product(product_id: int, db: DbSession) -> Response:
    # TODO: 204 with an empty body; 404 if there is no such product; 409 if an order line
    # refers to it.
    raise HTTPException(NOT_DONE, "delete_product is not written yet")
