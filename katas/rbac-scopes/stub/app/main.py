"""Items behind scoped bearer tokens: read, write and admin scopes, capped by the user's role."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request, status
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

from app.items import Item, ItemIn, ItemStore
from app.security import CurrentUser, get_current_user
from app.users import USERS


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
    # TODO: authenticate(form.username, form.password) from app.users; a failure is 401 with
    # WWW-Authenticate: Bearer. Grant only the requested scopes (form.scopes) the user's role
    # allows, and return {"access_token": <JWT>, "token_type": "bearer"}.
    raise HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail="POST /token is not built yet")


@app.get("/users/me")
async def read_me(user: Annotated[CurrentUser, Depends(get_current_user)]) -> CurrentUser:
    # TODO: any valid token, whatever its scopes.
    return user


@app.get("/items")
async def list_items(
    _: Annotated[CurrentUser, Depends(get_current_user)],
    items: Annotated[ItemStore, Depends(get_items)],
) -> list[Item]:
    # TODO: require the items:read scope.
    return items.all()


@app.post("/items", status_code=status.HTTP_201_CREATED)
async def create_item(
    item: ItemIn,
    user: Annotated[CurrentUser, Depends(get_current_user)],
    items: Annotated[ItemStore, Depends(get_items)],
) -> Item:
    # TODO: require the items:write scope.
    return items.add(item.name, owner=user.username)


@app.get("/admin/users")
async def list_users(_: Annotated[CurrentUser, Depends(get_current_user)]) -> list[UserOut]:
    # TODO: admins only: require the admin scope.
    return [
        UserOut(username=u.username, role=u.role)
        for u in sorted(USERS.values(), key=lambda u: u.username)
    ]
