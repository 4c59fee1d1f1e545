"""The user store: seeded accounts whose passwords exist only as argon2 hashes."""

from pydantic import BaseModel

from app.security import hash_password


class User(BaseModel):
    """What a client may see of an account: never the password or its hash."""

    username: str
    email: str | None = None
    full_name: str | None = None
    disabled: bool = False


class UserInDB(User):
    """An account as the server keeps it."""

    hashed_password: str


def _seed_users() -> dict[str, UserInDB]:
    """Hash the seed passwords once; the plaintext lives only in this call's frame."""
    seeds = [
        ("alice", "wonderland", "Alice Liddell", "alice@example.com", False),
        ("bob", "builder", "Bob Builder", "bob@example.com", True),
    ]
    return {
        username: UserInDB(
            username=username,
            full_name=full_name,
            email=email,
            disabled=disabled,
            hashed_password=hash_password(password),
        )
        for username, password, full_name, email, disabled in seeds
    }


USERS: dict[str, UserInDB] = _seed_users()


def get_user(username: str) -> UserInDB | None:
    return USERS.get(username)
