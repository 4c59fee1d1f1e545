"""What the routes of every version share: the one user store of this app."""

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from app.store import User, UserStore


def get_store(request: Request) -> UserStore:
    return request.app.state.users


Store = Annotated[UserStore, Depends(get_store)]


def user_or_404(store: UserStore, user_id: int) -> User:
    user = store.get(user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"user {user_id} not found")
    return user
