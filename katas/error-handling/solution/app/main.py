"""A tiny bank API whose every failure answers with the same error envelope."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request, status

from app.errors import install_error_handlers
from app.ledger import Ledger
from app.schemas import AccountOut, TransferIn, TransferOut


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Each app gets its own ledger with the three demo accounts."""
    app.state.ledger = Ledger.with_demo_accounts()
    yield


app = FastAPI(title="Bank", lifespan=lifespan)
install_error_handlers(app)


def get_ledger(request: Request) -> Ledger:
    """The ledger is looked up on every request, never cached: tests swap it on app.state."""
    return request.app.state.ledger


LedgerDep = Annotated[Ledger, Depends(get_ledger)]


@app.get("/accounts")
def list_accounts(
    ledger: LedgerDep, limit: Annotated[int, Query(ge=1, le=100)] = 10
) -> list[AccountOut]:
    return [AccountOut.model_validate(account) for account in ledger.list_accounts(limit)]


@app.get("/accounts/{account_id}")
def read_account(account_id: str, ledger: LedgerDep) -> AccountOut:
    return AccountOut.model_validate(ledger.get(account_id))


@app.delete("/accounts/{account_id}")
def close_account(account_id: str) -> None:
    """Closing an account needs a person at a branch; the API always refuses."""
    raise HTTPException(
        status.HTTP_403_FORBIDDEN, "Closing accounts is not allowed through the API"
    )


@app.post("/transfers", status_code=status.HTTP_201_CREATED)
def make_transfer(transfer: TransferIn, ledger: LedgerDep) -> TransferOut:
    payer, payee = ledger.transfer(
        transfer.from_account, transfer.to_account, transfer.amount_cents
    )
    return TransferOut(
        from_account=payer.id,
        to_account=payee.id,
        amount_cents=transfer.amount_cents,
        from_balance_cents=payer.balance_cents,
        to_balance_cents=payee.balance_cents,
    )
