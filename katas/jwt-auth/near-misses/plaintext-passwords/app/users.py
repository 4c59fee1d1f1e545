"""The user store: seeded accounts, passwords kept as given (hashing left for later)."""

from pydantic import BaseModel


class User(BaseModel):
    """What a client may see of an account: never the password."""

    username: str
    email: str | None = None
    full_name: str | None = None
    disabled: bool = False


class UserInDB(User):
    """An account as the server keeps it."""

    password: str


USERS: dict[str, UserInDB] = {
    "alice": UserInDB(
        username="alice",
        full_name="Alice Liddell",
        email="alice@example.com",
        disabled=False,
        password="wonderland",
    ),
    "bob": UserInDB(
        username="bob",
        full_name="Bob Builder",
        email="bob@example.com",
        disabled=True,
        password="builder",
    ),
}


def get_user(username: str) -> UserInDB | None:
    return USERS.get(username)
