"""API keys in the X-API-Key header: an admin issues and revokes them, any valid key reads."""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request, Security, status
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field

from app.keys import ApiKey, KeyStore, digest


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Hash the admin key once at start-up; the plaintext stays in the environment only."""
    app.state.keys = KeyStore(admin_key_hash=digest(os.environ["ADMIN_API_KEY"]))
    yield


app = FastAPI(title="API keys", lifespan=lifespan)

# A missing or empty header is a 401 (WWW-Authenticate: APIKey) before any route code runs.
api_key_header = APIKeyHeader(name="X-API-Key", description="An API key issued by POST /keys.")


class KeyIn(BaseModel):
    name: str = Field(min_length=1, max_length=50)


class KeyOut(BaseModel):
    id: str
    name: str
    revoked: bool


class KeyCreated(BaseModel):
    id: str
    name: str
    key: str


class Caller(BaseModel):
    id: str
    name: str
    admin: bool


def get_store(request: Request) -> KeyStore:
    return request.app.state.keys


StoreDep = Annotated[KeyStore, Depends(get_store)]


def current_key(key: Annotated[str, Security(api_key_header)], store: StoreDep) -> ApiKey:
    """The active key that was sent; a key we do not know (or revoked) is forbidden."""
    record = store.find(key)
    if record is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Invalid or revoked API key")
    return record


def admin_key(record: Annotated[ApiKey, Depends(current_key)]) -> ApiKey:
    return record


@app.get("/whoami")
def whoami(record: Annotated[ApiKey, Depends(current_key)]) -> Caller:
    return Caller(id=record.id, name=record.name, admin=record.admin)


@app.post("/keys", status_code=status.HTTP_201_CREATED)
def create_key(
    body: KeyIn, _: Annotated[ApiKey, Depends(admin_key)], store: StoreDep
) -> KeyCreated:
    """The only response that ever holds the plaintext key."""
    record, plaintext = store.create(body.name)
    return KeyCreated(id=record.id, name=record.name, key=plaintext)


@app.get("/keys")
def list_keys(_: Annotated[ApiKey, Depends(admin_key)], store: StoreDep) -> list[KeyOut]:
    return [KeyOut(id=k.id, name=k.name, revoked=k.revoked) for k in store.issued()]


@app.delete("/keys/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_key(key_id: str, _: Annotated[ApiKey, Depends(admin_key)], store: StoreDep) -> None:
    if not store.revoke(key_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No API key {key_id}")
