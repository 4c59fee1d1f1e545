"""Version 2: a user's name comes in two parts, and lists come wrapped with their total."""

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from app.dependencies import Store, user_or_404
from app.store import User

router = APIRouter(prefix="/api/v2", tags=["v1"])


class UserV2(BaseModel):
    id: int
    first_name: str
    last_name: str
    email: str

    @classmethod
    def from_user(cls, user: User) -> "UserV2":
        return cls(
            id=user.id, first_name=user.first_name, last_name=user.last_name, email=user.email
        )


class UserV2Create(BaseModel):
    first_name: str = Field(min_length=1)
    last_name: str = ""
    email: str = Field(min_length=3, pattern="@")


class UserPage(BaseModel):
    items: list[UserV2]
    total: int


@router.get("/users")
def list_users(store: Store) -> UserPage:
    users = [UserV2.from_user(user) for user in store.all()]
    return UserPage(items=users, total=len(users))


@router.post("/users", status_code=status.HTTP_201_CREATED)
def create_user(data: UserV2Create, store: Store) -> UserV2:
    return UserV2.from_user(store.add(data.first_name, data.last_name.strip(), data.email))


@router.get("/users/{user_id}")
def read_user(user_id: int, store: Store) -> UserV2:
    return UserV2.from_user(user_or_404(store, user_id))
