"""CRUD for products; a duplicate sku is a conflict, not a server error."""

from fastapi import APIRouter, HTTPException, Response, status
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.database import DbSession, SessionLocal
from app.models import OrderLine, Product
from app.schemas import ProductCreate, ProductOut, ProductUpdate

router = APIRouter(prefix="/products", tags=["products"])


def get_product_or_404(db: DbSession, product_id: int) -> Product:
    product = db.get(Product, product_id)
    if product is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"product {product_id} not found")
    return product


@router.post("", status_code=status.HTTP_201_CREATED)
def create_product(data: ProductCreate) -> ProductOut:
    with SessionLocal() as db:
        product = Product(**data.model_dump())
        db.add(product)
        try:
            db.commit()
        except IntegrityError:
            db.rollback()
            raise HTTPException(
                status.HTTP_409_CONFLICT, f"a product with sku {data.sku!r} already exists"
            ) from None
        return ProductOut.model_validate(product)


@router.get("")
def list_products(db: DbSession) -> list[ProductOut]:
    products = db.scalars(select(Product).order_by(Product.id))
    return [ProductOut.model_validate(product) for product in products]


@router.get("/{product_id}")
def read_product(product_id: int, db: DbSession) -> ProductOut:
    return ProductOut.model_validate(get_product_or_404(db, product_id))


@router.patch("/{product_id}")
def update_product(product_id: int, data: ProductUpdate, db: DbSession) -> ProductOut:
    product = get_product_or_404(db, product_id)
    for field, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(product, field, value)
    db.commit()
    return ProductOut.model_validate(product)


@router.delete("/{product_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_product(product_id: int, db: DbSession) -> Response:
    product = get_product_or_404(db, product_id)
    on_an_order = db.scalar(select(OrderLine.id).where(OrderLine.product_id == product_id).limit(1))
    if on_an_order is not None:
        raise HTTPException(
            status.HTTP_409_CONFLICT, f"product {product_id} is on an order and cannot be deleted"
        )
    db.delete(product)
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
