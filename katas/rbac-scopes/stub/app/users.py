"""The accounts and their roles: what each role may be granted, and password checks."""

from pwdlib import PasswordHash
from pydantic import BaseModel

password_hash = PasswordHash.recommended()

# The scopes a role may hold. A token never carries more, and a request never counts more.
ROLE_SCOPES: dict[str, frozenset[str]] = {
    "admin": frozenset({"items:read", "items:write", "admin"}),
    "editor": frozenset({"items:read", "items:write"}),
    "viewer": frozenset({"items:read"}),
}

# Verified against when the username is unknown, so a miss costs as long as a wrong password.
DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$gQEqxEn97U11+AYgEER1nw"
    "$RTy7RfcZe6j8F3RSKaDJ/uX6fckeg6V4SbjEFhoNjEQ"
)


class User(BaseModel):
    username: str
    role: str
    hashed_password: str

    @property
    def allowed_scopes(self) -> frozenset[str]:
        return ROLE_SCOPES.get(self.role, frozenset())


USERS: dict[str, User] = {
    "alice": User(
        username="alice",
        role="admin",
        hashed_password="$argon2id$v=19$m=65536,t=3,p=4$d7IES6+gEfDXPFJf3zNlrw"
        "$I2omqN6LY3YNh/9k2IY+wzFszQlfOT7VowGKJ2Hl/gQ",
    ),
    "bob": User(
        username="bob",
        role="editor",
        hashed_password="$argon2id$v=19$m=65536,t=3,p=4$wLy/yvDnPVSae1wMYvYBUg"
        "$V6SW6hEsyZHmlwgbMqeZz5ChoExTGZb9OKw583icXy8",
    ),
    "carol": User(
        username="carol",
        role="viewer",
        hashed_password="$argon2id$v=19$m=65536,t=3,p=4$UD323U4Fxwa/fAfUVKn6aA"
        "$oQ1bDTLDqiMc5VIbAvIqL29ocVBeYgGAk7PCWGIlpCY",
    ),
}


def get_user(username: str) -> User | None:
    return USERS.get(username)


def authenticate(username: str, password: str) -> User | None:
    """The user with this username and password, or None; as slow for a miss as for a hit."""
    user = get_user(username)
    if user is None:
        password_hash.verify(password, DUMMY_HASH)
        return None
    return user if password_hash.verify(password, user.hashed_password) else None
