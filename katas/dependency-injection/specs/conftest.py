"""The audit log, grouped by request."""

from typing import Any

import pytest


def by_request(entries: list[dict[str, str]]) -> dict[str, list[str]]:
    """{request_id: [its events in order]}, requests in the order they first appear."""
    grouped: dict[str, list[str]] = {}
    for entry in entries:
        grouped.setdefault(entry["request_id"], []).append(entry["event"])
    return grouped


@pytest.fixture
def audited(harness: Any) -> Any:
    """`audited()`: the audit log so far, as {request_id: [events]}."""
    return lambda: by_request(harness.audit_log())
