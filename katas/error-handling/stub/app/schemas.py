"""Request and response bodies of the API."""

from pydantic import BaseModel, ConfigDict, Field


class AccountOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    owner: str
    balance_cents: int


class TransferIn(BaseModel):
    from_account: str = Field(min_length=1)
    to_account: str = Field(min_length=1)
    amount_cents: int = Field(gt=0)


class TransferOut(BaseModel):
    from_account: str
    to_account: str
    amount_cents: int
    from_balance_cents: int
    to_balance_cents: int
