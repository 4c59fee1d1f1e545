"""Items behind scoped bearer tokens: read, write and admin scopes, capped by the user's role."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request, Security, status
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

from app.items import Item, ItemIn, ItemStore
from app.security import CurrentUser, create_access_token, get_current_user
from app.users import USERS, authenticate


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.items = ItemStore()
    yield


app = FastAPI(title="Scoped items", lifespan=lifespan)


class Token(BaseModel):
    access_token: str
    token_type: str


class UserOut(BaseModel):
    username: str
    role: str


def get_items(request: Request) -> ItemStore:
    return request.app.state.items


@app.post("/token")
async def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
    """Issue a token with the requested scopes the user's role allows; the rest are dropped."""
    user = authenticate(form.username, form.password)
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    granted = set(form.scopes) & user.allowed_scopes
    return Token(access_token=create_access_token(user.username, granted), token_type="bearer")


@app.get("/users/me")
async def read_me(user: Annotated[CurrentUser, Security(get_current_user)]) -> CurrentUser:
    return user


@app.get("/items")
async def list_items(
    _: Annotated[CurrentUser, Security(get_current_user, scopes=["items:read"])],
    items: Annotated[ItemStore, Depends(get_items)],
) -> list[Item]:
    return items.all()


@app.post("/items", status_code=status.HTTP_201_CREATED)
async def create_item(
    item: ItemIn,
    user: Annotated[CurrentUser, Security(get_current_user, scopes=["items:write"])],
    items: Annotated[ItemStore, Depends(get_items)],
) -> Item:
    return items.add(item.name, owner=user.username)


@app.get("/admin/users")
async def list_users(
    _: Annotated[CurrentUser, Security(get_current_user, scopes=["admin"])],
) -> list[UserOut]:
    return [
        UserOut(username=u.username, role=u.role)
        for u in sorted(USERS.values(), key=lambda u: u.username)
    ]
