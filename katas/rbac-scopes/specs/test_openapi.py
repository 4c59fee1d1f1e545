"""The OpenAPI document: the OAuth2 scheme lists its scopes, each operation names its own."""

from typing import Any

import pytest
from conftest import SCOPED_ROUTES


def oauth2_password_scheme(client: Any) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The OpenAPI document, and the name and body of its OAuth2 password-flow scheme."""
    r = client.get("/openapi.json")
    assert r.status_code == 200, f"expected 200 from /openapi.json, got {r.status_code}"
    document = r.json()
    schemes = document.get("components", {}).get("securitySchemes", {})
    found = [
        (name, scheme)
        for name, scheme in schemes.items()
        if scheme.get("type") == "oauth2" and "password" in scheme.get("flows", {})
    ]
    assert found, (
        "expected an oauth2 scheme with a password flow under components.securitySchemes, "
        f"got {schemes}"
    )
    name, scheme = found[0]
    return name, scheme, document


@pytest.mark.points(2)
@pytest.mark.hint(
    "Give OAuth2PasswordBearer a scopes={name: description} mapping; the docs' Authorize "
    "dialog then offers them."
)
def test_openapi_declares_scopes(client: Any) -> None:
    """The OpenAPI OAuth2 scheme lists the three scopes with descriptions"""
    _, scheme, _ = oauth2_password_scheme(client)
    flow = scheme["flows"]["password"]
    scopes = flow.get("scopes", {})
    missing = {"items:read", "items:write", "admin"} - set(scopes)
    assert not missing, f"expected the password flow to list the scopes {missing}, got {scopes}"
    blank = [name for name, text in scopes.items() if not (isinstance(text, str) and text.strip())]
    assert not blank, f"expected a description for every scope, got none for {blank}"
    assert str(flow.get("tokenUrl", "")).rstrip("/").endswith("token"), (
        f"expected the password flow's tokenUrl to point at /token, got {flow.get('tokenUrl')!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Declare the scope where the route takes its user: Security(dependency, scopes=[...]). A "
    "check hidden inside a plain Depends() works but the OpenAPI document never learns of it."
)
def test_openapi_operations_name_their_scopes(client: Any) -> None:
    """Each scoped operation's OpenAPI security names the scope it needs"""
    name, _, document = oauth2_password_scheme(client)
    for method, path, needed, _ in SCOPED_ROUTES.values():
        operation = document.get("paths", {}).get(path, {}).get(method.lower())
        assert operation is not None, f"expected {method} {path} in the OpenAPI document"
        requirements = operation.get("security", [])
        named = [scope for requirement in requirements for scope in requirement.get(name, [])]
        assert needed in named, (
            f"expected the security of {method} {path} to name {name!r} with the scope "
            f"{needed!r}, got {requirements}"
        )
