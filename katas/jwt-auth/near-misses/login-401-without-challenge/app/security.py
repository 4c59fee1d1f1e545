"""Password hashing and JWT access tokens: the only code that touches secrets."""

import os
from datetime import UTC, datetime, timedelta

import jwt
from pwdlib import PasswordHash

ALGORITHM = "HS256"
ACCESS_TOKEN_LIFETIME = timedelta(minutes=30)

password_hash = PasswordHash.recommended()
# Verified against when the username is unknown, so a miss costs as long as a wrong password.
DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$+5Ccj7st5tEb/2KTRtluvw"
    "$yRxjZo3GYwebwfjiYKc8hPsJmLR7t1GfkVeWJh340b4"
)


class InvalidToken(Exception):
    """The token is unusable: bad signature, expired, malformed, or without a subject."""


def signing_key() -> str:
    """Read at use, not import, so the key never sits in the source or a module constant."""
    return os.environ["JWT_SECRET"]


def verify_password(password: str, hashed: str | None) -> bool:
    """Check a password; with no hash (unknown user) still spend the time, then refuse."""
    if hashed is None:
        password_hash.verify(password, DUMMY_HASH)
        return False
    return password_hash.verify(password, hashed)


def create_access_token(username: str) -> str:
    now = datetime.now(UTC)
    claims = {"sub": username, "iat": now, "exp": now + ACCESS_TOKEN_LIFETIME}
    return jwt.encode(claims, signing_key(), algorithm=ALGORITHM)


def username_from_token(token: str) -> str:
    """The token's subject, once its signature, algorithm and expiry have been checked."""
    try:
        claims = jwt.decode(
            token,
            signing_key(),
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub"]},
        )
    except jwt.InvalidTokenError as exc:
        raise InvalidToken(str(exc)) from exc
    subject = claims["sub"]
    if not isinstance(subject, str) or not subject:
        raise InvalidToken("the token has no subject")
    return subject
