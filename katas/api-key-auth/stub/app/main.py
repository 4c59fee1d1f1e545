"""API keys in the X-API-Key header: an admin issues and revokes them, any valid key reads."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, status
from pydantic import BaseModel, Field

from app.keys import KeyStore


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.keys = KeyStore()
    yield


app = FastAPI(title="API keys", lifespan=lifespan)

# TODO: an APIKeyHeader for the X-API-Key header, and dependencies that give a route the caller's
# key (no header: 401; a key that matches no active key: 403) or insist on the admin key (403).


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


def not_built(what: str) -> HTTPException:
    return HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail=f"{what} is not built yet")


@app.get("/whoami")
def whoami() -> Caller:
    # TODO: any active key; answer its id, name and whether it is the admin key.
    raise not_built("GET /whoami")


@app.post("/keys", status_code=status.HTTP_201_CREATED)
def create_key(body: KeyIn) -> KeyCreated:
    # TODO: admin key only; answer the new key's id, name and the plaintext key (this once).
    raise not_built("POST /keys")


@app.get("/keys")
def list_keys() -> list[KeyOut]:
    # TODO: admin key only; every issued key's id, name and revoked flag, in creation order.
    raise not_built("GET /keys")


@app.delete("/keys/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_key(key_id: str) -> None:
    # TODO: admin key only; revoke the key (204), or 404 when there is no such key.
    raise not_built("DELETE /keys/{key_id}")
