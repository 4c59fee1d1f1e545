"""OAuth2 password flow: POST /token issues a JWT, GET /users/me needs it."""

from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel

from app.security import InvalidToken, create_access_token, username_from_token, verify_password
from app.users import User, get_user

app = FastAPI(title="JWT authentication")

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


class Token(BaseModel):
    access_token: str
    token_type: str


def unauthorized(detail: str) -> HTTPException:
    """A 401 that tells the client which scheme to retry with (RFC 6750)."""
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> User:
    """The active user the bearer token names; anything doubtful is a 401."""
    try:
        username = username_from_token(token)
    except InvalidToken:
        raise unauthorized("Could not validate credentials") from None
    user = get_user(username)
    if user is None:
        raise unauthorized("Could not validate credentials")
    return user


@app.post("/token")
async def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
    user = get_user(form.username)
    if not verify_password(form.password, user.hashed_password if user else None):
        raise unauthorized("Incorrect username or password")
    return Token(access_token=create_access_token(form.username), token_type="bearer")


@app.get("/users/me", response_model=User)
async def read_me(user: Annotated[User, Depends(get_current_user)]) -> User:
    """response_model=User filters the stored record down to its public fields."""
    return user
