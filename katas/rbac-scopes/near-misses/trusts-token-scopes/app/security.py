"""Scoped bearer tokens: issuing them, and the dependency that checks them per route."""

import os
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, SecurityScopes
from pydantic import BaseModel

from app.users import get_user

ALGORITHM = "HS256"
ACCESS_TOKEN_LIFETIME = timedelta(minutes=30)

SCOPES = {
    "items:read": "List the items.",
    "items:write": "Create items.",
    "admin": "Administer the accounts.",
}

# auto_error=False: a missing token is refused below, with a challenge that names the scopes.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token", scopes=SCOPES, auto_error=False)


class CurrentUser(BaseModel):
    """Who is calling, and the scopes this request may use (token scopes the role allows)."""

    username: str
    role: str
    scopes: list[str]


def signing_key() -> str:
    """Read at use, not import, so the key never sits in the source or a module constant."""
    return os.environ["JWT_SECRET"]


def create_access_token(username: str, scopes: Iterable[str]) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": username,
        "scope": " ".join(sorted(scopes)),
        "iat": now,
        "exp": now + ACCESS_TOKEN_LIFETIME,
    }
    return jwt.encode(claims, signing_key(), algorithm=ALGORITHM)


def _challenge(security_scopes: SecurityScopes, error: str | None = None) -> str:
    """The WWW-Authenticate value (RFC 6750): which scheme, and which scopes the route needs."""
    params = [f'error="{error}"'] if error else []
    if security_scopes.scopes:
        params.append(f'scope="{security_scopes.scope_str}"')
    return "Bearer " + ", ".join(params) if params else "Bearer"


async def get_current_user(
    security_scopes: SecurityScopes, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> CurrentUser:
    """401 when the caller is not known; 403 when known but short of a scope the route needs."""
    unauthorized = HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        detail="Not authenticated" if token is None else "Could not validate credentials",
        headers={"WWW-Authenticate": _challenge(security_scopes)},
    )
    if token is None:
        raise unauthorized
    try:
        claims = jwt.decode(
            token, signing_key(), algorithms=[ALGORITHM], options={"require": ["exp", "sub"]}
        )
    except jwt.InvalidTokenError:
        raise unauthorized from None
    subject, scope = claims["sub"], claims.get("scope", "")
    user = get_user(subject) if isinstance(subject, str) else None
    if user is None or not isinstance(scope, str):
        raise unauthorized
    # The token was signed by this server, so its scopes are trusted as they are.
    granted = set(scope.split())
    if not granted.issuperset(security_scopes.scopes):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail="Not enough permissions",
            headers={"WWW-Authenticate": _challenge(security_scopes, "insufficient_scope")},
        )
    return CurrentUser(username=user.username, role=user.role, scopes=sorted(granted))
