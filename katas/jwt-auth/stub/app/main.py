"""OAuth2 password flow with JWT bearer tokens: POST /token and GET /users/me."""

import os
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm

app = FastAPI(title="JWT authentication")

# TODO: never keep plaintext passwords. Store only argon2 hashes (pwdlib's
# PasswordHash.recommended()) and make sure no plaintext copy stays in memory.
USERS: dict[str, dict[str, Any]] = {
    "alice": {
        "username": "alice",
        "full_name": "Alice Liddell",
        "email": "alice@example.com",
        "password": "wonderland",
        "disabled": False,
    },
    "bob": {
        "username": "bob",
        "full_name": "Bob Builder",
        "email": "bob@example.com",
        "password": "builder",
        "disabled": True,
    },
}


def signing_key() -> str:
    """The HS256 key for tokens; set JWT_SECRET in the environment (see the README)."""
    return os.environ["JWT_SECRET"]


@app.post("/token")
async def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, str]:
    # TODO: check form.username / form.password against the stored hash; on success return
    # {"access_token": <JWT with sub and exp, HS256>, "token_type": "bearer"}, otherwise 401
    # with a WWW-Authenticate: Bearer header.
    raise HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail="POST /token is not implemented")


@app.get("/users/me")
async def read_me() -> dict[str, Any]:
    # TODO: require a bearer token (a dependency), decode and verify it, load the active user
    # it names and return their public fields; every bad token is a 401 with WWW-Authenticate.
    raise HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail="GET /users/me is not implemented")
