"""Version 1: a user has one `name`. Deprecated: clients should move to v2.

The headers on the responses come from the middleware in app/deprecation.py, which also
reaches errors.
"""

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from app.dependencies import Store, user_or_404
from app.store import User, split_name

router = APIRouter(prefix="/api/v1", tags=["v1"])


class UserV1(BaseModel):
    id: int
    name: str
    email: str

    @classmethod
    def from_user(cls, user: User) -> "UserV1":
        return cls(id=user.id, name=user.full_name, email=user.email)


class UserV1Create(BaseModel):
    name: str = Field(min_length=1, pattern=r"\S")
    email: str = Field(min_length=3, pattern="@")


@router.get("/users")
def list_users(store: Store) -> list[UserV1]:
    return [UserV1.from_user(user) for user in store.all()]


@router.post("/users", status_code=status.HTTP_201_CREATED)
def create_user(data: UserV1Create, store: Store) -> UserV1:
    first_name, last_name = split_name(data.name)
    return UserV1.from_user(store.add(first_name, last_name, data.email))


@router.get("/users/{user_id}")
def read_user(user_id: int, store: Store) -> UserV1:
    return UserV1.from_user(user_or_404(store, user_id))
