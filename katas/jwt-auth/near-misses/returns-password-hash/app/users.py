"""The user store: seeded accounts whose passwords exist only as argon2 hashes."""

from pydantic import BaseModel


class User(BaseModel):
    """What a client may see of an account: never the password or its hash."""

    username: str
    email: str | None = None
    full_name: str | None = None
    disabled: bool = False


class UserInDB(User):
    """An account as the server keeps it."""

    hashed_password: str


# Hashed once with PasswordHash.recommended().hash(...); the plaintext is in no file and no memory.
USERS: dict[str, UserInDB] = {
    "alice": UserInDB(
        username="alice",
        full_name="Alice Liddell",
        email="alice@example.com",
        disabled=False,
        hashed_password="$argon2id$v=19$m=65536,t=3,p=4$B4LRTomJQncOHZAsWtV4Lw"
        "$VpT3dNOxcATzE5e3zLRV1Mjwt8bMeYp7GvqSoJHrF+4",
    ),
    "bob": UserInDB(
        username="bob",
        full_name="Bob Builder",
        email="bob@example.com",
        disabled=True,
        hashed_password="$argon2id$v=19$m=65536,t=3,p=4$sXZkHzW4DBfeKxlRQ1aMtA"
        "$X/mKCEoZ4v0uUlGlBbXczIVDrzDcPj84n09XKwfPPoo",
    ),
}


def get_user(username: str) -> UserInDB | None:
    return USERS.get(username)
