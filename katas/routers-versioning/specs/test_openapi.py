"""Deprecation and tags in the OpenAPI document, where client authors look first."""

import re
from typing import Any

import pytest

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
# The three user operations each version must document; the path parameter may have any name.
EXPECTED = (("get", "/users"), ("post", "/users"), ("get", "/users/{}"))


def operations(openapi: dict[str, Any], version: str) -> dict[tuple[str, str], dict[str, Any]]:
    """{(method, path with "{}" for parameters): operation} under /api/<version>/."""
    found = {}
    prefix = f"/api/{version}"
    for path, item in openapi.get("paths", {}).items():
        if not path.startswith(prefix + "/"):
            continue
        shape = re.sub(r"\{[^}]*\}", "{}", path[len(prefix) :])
        for method, operation in item.items():
            if method in METHODS:
                found[(method, shape)] = operation
    return found


def expected_operations(openapi: dict[str, Any], version: str) -> dict[Any, dict[str, Any]]:
    found = operations(openapi, version)
    missing = [
        f"{method.upper()} /api/{version}{path.replace('{}', '{user_id}')}"
        for method, path in EXPECTED
        if (method, path) not in found
    ]
    assert not missing, f"the OpenAPI document lacks {', '.join(missing)}"
    return found


@pytest.mark.points(2)
@pytest.mark.hint(
    'Every v1 operation is marked "deprecated": true in /openapi.json.',
    "APIRouter (or include_router) takes deprecated=True and applies it to all its routes.",
)
def test_v1_operations_are_deprecated_in_openapi(openapi):
    """Every v1 operation is marked deprecated in the OpenAPI document"""
    found = expected_operations(openapi, "v1")
    not_marked = [
        f"{method.upper()} /api/v1{path}"
        for (method, path), operation in found.items()
        if operation.get("deprecated") is not True
    ]
    assert not not_marked, (
        f'expected every v1 operation to have "deprecated": true, these do not: {not_marked}'
    )


@pytest.mark.hint(
    "Only v1 is deprecated: no v2 operation may be marked deprecated.",
    "Put deprecated=True on the v1 router only, not on a router both versions share.",
)
def test_v2_operations_are_not_deprecated_in_openapi(openapi):
    """No v2 operation is marked deprecated in the OpenAPI document"""
    found = expected_operations(openapi, "v2")
    marked = [
        f"{method.upper()} /api/v2{path}"
        for (method, path), operation in found.items()
        if operation.get("deprecated")
    ]
    assert not marked, f"v2 is the current version, yet these are deprecated: {marked}"


@pytest.mark.hint(
    'Tag every v1 operation "v1" and every v2 operation "v2": APIRouter takes tags=[...].',
    "A router copied from v1 keeps v1's tags unless you change them.",
)
def test_operations_are_tagged_with_their_version(openapi):
    """v1 operations are tagged v1 and v2 operations v2 in the OpenAPI document"""
    for version, other in (("v1", "v2"), ("v2", "v1")):
        found = expected_operations(openapi, version)
        wrong = {
            f"{method.upper()} /api/{version}{path}": operation.get("tags", [])
            for (method, path), operation in found.items()
            if version not in operation.get("tags", []) or other in operation.get("tags", [])
        }
        assert not wrong, (
            f'expected every {version} operation to be tagged "{version}" and not "{other}", '
            f"got {wrong}"
        )
