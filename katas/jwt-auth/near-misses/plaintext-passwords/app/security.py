"""Password hashing and JWT access tokens: the only code that touches secrets."""

import os
import secrets
from datetime import UTC, datetime, timedelta

import jwt

ALGORITHM = "HS256"
ACCESS_TOKEN_LIFETIME = timedelta(minutes=30)


class InvalidToken(Exception):
    """The token is unusable: bad signature, expired, malformed, or without a subject."""


def signing_key() -> str:
    """Read at use, not import, so the key never sits in the source or a module constant."""
    return os.environ["JWT_SECRET"]


def verify_password(password: str, stored: str | None) -> bool:
    """Constant-time comparison, so at least timing leaks nothing."""
    return stored is not None and secrets.compare_digest(password.encode(), stored.encode())


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
