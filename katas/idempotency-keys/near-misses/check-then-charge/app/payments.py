"""Payments: charging is a side effect a retry must never repeat."""

from typing import Annotated, Literal
from uuid import uuid4

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.gateway import GatewayError
from app.idempotency import StoredResponse

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


async def charge_and_record(request: Request, client: str, payment_in: PaymentIn) -> Payment:
    """The side effects, run once per key: charge the customer, then keep the payment."""
    try:
        charge_id = await request.app.state.gateway.charge(
            payment_in.amount_cents, payment_in.currency
        )
    except GatewayError:
        raise HTTPException(
            status.HTTP_502_BAD_GATEWAY,
            "The payment provider failed; nothing was charged. Retry with the same key.",
        ) from None
    payment = Payment(id=f"pay_{uuid4().hex[:16]}", charge_id=charge_id, **payment_in.model_dump())
    request.app.state.payments.setdefault(client, []).append(payment)
    return payment


@router.post("", status_code=status.HTTP_201_CREATED, response_model=Payment)
async def create_payment(
    payment_in: PaymentIn,
    request: Request,
    client: ClientId,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    if not idempotency_key:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "Idempotency-Key header is required")
    store = request.app.state.idempotency
    fingerprint = payment_in.model_dump_json()
    earlier = store.claim(client, idempotency_key, fingerprint)
    if earlier is not None:
        if earlier.fingerprint != fingerprint:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                "This Idempotency-Key was already used with a different request body",
            )
        if earlier.response is None:
            raise HTTPException(
                status.HTTP_409_CONFLICT,
                "A request with this Idempotency-Key is still being processed",
            )
        return JSONResponse(
            earlier.response.body,
            status_code=earlier.response.status_code,
            headers={"Idempotent-Replayed": "true"},
        )
    try:
        payment = await charge_and_record(request, client, payment_in)
    except BaseException:
        # Failed or cancelled before anything was kept: the key is free for a retry.
        store.release(client, idempotency_key)
        raise
    response = StoredResponse(status.HTTP_201_CREATED, payment.model_dump(mode="json"))
    store.complete(client, idempotency_key, fingerprint, response)
    return JSONResponse(response.body, status_code=response.status_code)


@router.get("")
async def list_payments(request: Request, client: ClientId) -> list[Payment]:
    """The caller's own payments, oldest first."""
    return request.app.state.payments.get(client, [])
