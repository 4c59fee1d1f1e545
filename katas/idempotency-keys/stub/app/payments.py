"""Payments: charging is a side effect a retry must never repeat."""

from typing import Annotated, Literal
from uuid import uuid4

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from pydantic import BaseModel, Field

router = APIRouter(prefix="/payments", tags=["payments"])


class PaymentIn(BaseModel):
    amount_cents: int = Field(gt=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    description: str = Field(default="", max_length=200)


class Payment(BaseModel):
    id: str
    amount_cents: int
    currency: str
    description: str
    charge_id: str
    status: Literal["succeeded"] = "succeeded"


def client_id(x_client_id: Annotated[str | None, Header()] = None) -> str:
    """Who is calling; optional in the signature so that a missing header is 400, not 422."""
    if not x_client_id:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "X-Client-Id header is required")
    return x_client_id


ClientId = Annotated[str, Depends(client_id)]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_payment(payment_in: PaymentIn, request: Request, client: ClientId) -> Payment:
    """Charge the customer and keep the payment.

    TODO: make it idempotent with the Idempotency-Key header:
      - no key: 400, nothing charged;
      - a key this client already used with the same body: replay the first answer (same status,
        same body) with Idempotent-Replayed: true, and charge nothing;
      - the same key with another body: 422; the same key while its first request still runs: 409;
      - the gateway raising GatewayError: 502, and the key stays free for a retry.
    """
    charge_id = await request.app.state.gateway.charge(payment_in.amount_cents, payment_in.currency)
    payment = Payment(id=f"pay_{uuid4().hex[:16]}", charge_id=charge_id, **payment_in.model_dump())
    request.app.state.payments.setdefault(client, []).append(payment)
    return payment


@router.get("")
async def list_payments(request: Request, client: ClientId) -> list[Payment]:
    """The caller's own payments, oldest first."""
    return request.app.state.payments.get(client, [])
